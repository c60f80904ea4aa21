"""CSV export of case logs: one column per API field, in the API's names and values.

Rows are streamed in batches, so exporting 100,000 logs holds one batch in memory, not all.
"""

from __future__ import annotations

from flask import Response
from sqlalchemy import Select

from app.csv_export import csv_download, streamed
from app.formkit import outputs
from app.formkit.models import FormRecord
from app.journeys.lettings_log import LETTINGS_LOG

RECORD_COLUMNS = ("id", "status")
TIME_COLUMNS = ("created_at", "updated_at")


def header() -> list[str]:
    return [*RECORD_COLUMNS, *outputs.csv_columns(LETTINGS_LOG), *TIME_COLUMNS]


def row(record: FormRecord) -> list:
    status = "in_progress" if record.status == "not_started" else record.status
    return [
        record.id,
        status,
        *outputs.csv_row(LETTINGS_LOG, record.answers),
        record.created_at.isoformat(),
        record.updated_at.isoformat(),
    ]


def download(query: Select) -> Response:
    return csv_download("lettings-logs.csv", header(), (row(record) for record in streamed(query)))
