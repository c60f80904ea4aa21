"""CSV export of case logs: one column per API field, in the API's names and values.

Rows are streamed in batches, so exporting 100,000 logs holds one batch in memory, not all.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from sqlalchemy import Select

from app.extensions import db
from app.formkit import outputs
from app.formkit.models import FormRecord
from app.journeys.lettings_log import LETTINGS_LOG

BATCH = 500
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


def _lines(rows: Iterable[list]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for count, values in enumerate(rows, start=1):
        writer.writerow(values)
        if count % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_lines(query: Select) -> Iterator[str]:
    records = db.session.scalars(query.execution_options(yield_per=BATCH))
    yield from _lines([header()])
    yield from _lines(row(record) for record in records)
