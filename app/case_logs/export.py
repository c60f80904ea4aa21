"""CSV export of case logs: one column per API field, in the API's names and values.

Rows are streamed in batches, so exporting 100,000 logs holds one batch in memory, not all.
"""

from __future__ import annotations

from flask import Response
from sqlalchemy import Select

from app.csv_export import csv_download, streamed
from app.formkit import record_versions
from app.formkit.models import FormRecord
from app.journeys.lettings_log import LETTINGS_LOG_VERSIONS

RECORD_COLUMNS = ("id", "status")
TIME_COLUMNS = ("created_at", "updated_at")
# Every version's answer columns: an export of logs of any version has them all.
ALL_ANSWER_COLUMNS = tuple(record_versions.csv_columns(LETTINGS_LOG_VERSIONS))


def header(answer_columns=ALL_ANSWER_COLUMNS) -> list[str]:
    return [*RECORD_COLUMNS, *answer_columns, *TIME_COLUMNS]


def row(record: FormRecord, answer_columns=ALL_ANSWER_COLUMNS) -> list:
    """A log's cells, its answers read with its own version of the lettings journey."""
    status = "in_progress" if record.status == "not_started" else record.status
    journey = record_versions.journey_of(LETTINGS_LOG_VERSIONS, record)
    return [
        record.id,
        status,
        *record_versions.csv_row(journey, record.answers, answer_columns),
        record.created_at.isoformat(),
        record.updated_at.isoformat(),
    ]


def download(query: Select, answer_columns=ALL_ANSWER_COLUMNS) -> Response:
    rows = (row(record, answer_columns) for record in streamed(query))
    return csv_download("lettings-logs.csv", header(answer_columns), rows)
