"""The one CSV writer every export uses: rows streamed in batches, every cell safe to open in a
spreadsheet.

A spreadsheet reads a cell beginning with =, +, -, @, a tab or a carriage return as a formula,
so a value someone typed (an applicant's name, a tenant code) could run one on the computer of
whoever opens the export: `=HYPERLINK("http://evil","x")`. As OWASP advises, such a cell is
written with a leading `'`, which spreadsheets read as "this is text". A number stays a number,
negative ones included.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import chain
from typing import Any

from flask import Response, stream_with_context
from sqlalchemy import Select

from app.extensions import db

BATCH = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text that is a plain decimal number, such as "-5" or "-5.50": a spreadsheet reads it as the
# number, not as a formula.
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def safe_cell(value: Any) -> Any:
    """The value as the export writes it: numbers as they are, text neutralised if a
    spreadsheet would read it as a formula."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_chunks(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The rows as CSV text, a batch of rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for count, values in enumerate(rows, start=1):
        writer.writerow([safe_cell(value) for value in values])
        if count % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def streamed(query: Select) -> Iterator[Any]:
    """The query's rows, loaded a batch at a time, so an export holds one batch in memory.
    The query runs when the first row is wanted: as the response is sent, in its session."""
    yield from db.session.scalars(query.execution_options(yield_per=BATCH))


def csv_download(filename: str, header: list[str], rows: Iterable[Iterable[Any]]) -> Response:
    """A CSV attachment, sent as it is made."""
    lines = csv_chunks(chain([header], rows))
    response = Response(stream_with_context(lines), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
