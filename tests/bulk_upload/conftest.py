"""Files of lettings logs, made from the seed's complete example as the CSV download writes it."""

from __future__ import annotations

import csv
import io

import pytest

from app.accounts.roles import Role
from app.bulk_upload.columns import answer_columns
from app.formkit import outputs
from app.formkit.validation import apply_payload
from app.journeys.lettings_log import LETTINGS_LOG


def csv_bytes(rows: list[dict[str, str]], header: list[str] | None = None, **options) -> bytes:
    """A CSV file of these rows, with the header given or the template's."""
    header = header if header is not None else answer_columns()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return buffer.getvalue().encode(options.get("encoding", "utf-8"))


@pytest.fixture
def complete_row(valid_example) -> dict[str, str]:
    """A complete log's cells, by column, as the CSV download writes them."""
    outcome = apply_payload(LETTINGS_LOG, valid_example, {})
    assert outcome.ok, outcome.errors
    values = outputs.csv_row(LETTINGS_LOG, outcome.answers)
    return {
        column: str(value)
        for column, value in zip(outputs.csv_columns(LETTINGS_LOG), values, strict=True)
        if column in answer_columns()
    }


@pytest.fixture
def make_rows(complete_row):
    """`count` complete rows, each a different tenancy (its own tenant code)."""

    def build(count: int, **changes) -> list[dict[str, str]]:
        return [{**complete_row, "tenant_code": f"T{n:05d}", **changes} for n in range(count)]

    return build


@pytest.fixture
def uploader(make_user):
    return make_user(Role.DATA_PROVIDER)
