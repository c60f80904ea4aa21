"""Reading an uploaded file into a header and rows of trimmed text, whatever its format.

- CSV in UTF-8, with or without a byte-order mark. A file that is not UTF-8 is read as
  Windows-1252 (what Excel on Windows saves as "CSV"), unless it has bytes Windows-1252 does
  not use either; then it is refused with a message saying how to save it.
- Excel .xlsx, its first sheet, through openpyxl in read-only mode with cached values: a
  formula is never evaluated, and a cell holding one reads as the value Excel last showed.

Rows are numbered as a spreadsheet shows them: the header is row 1. Rows with nothing in
them are skipped (spreadsheets leave them at the end), keeping the numbers of the others.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
LIMITS = f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB and {MAX_ROWS:,} rows of logs"

CSV_TYPES = ("text/csv", "application/csv", "text/plain")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = (*CSV_TYPES, XLSX_TYPE)
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old .xls format
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BOM = "\ufeff"

TOO_LARGE = f"The file must be {MAX_FILE_BYTES // (1024 * 1024)} MB or smaller"
TOO_MANY_ROWS = f"The file must have {MAX_ROWS:,} rows of logs or fewer"
EMPTY = "The file is empty: it needs a header row of column names, then a row for each log"
NO_ROWS = "The file has a header row but no logs: add a row for each log under it"
NOT_TEXT = (
    "The file is not in a format we can read. Save it as ‘CSV UTF-8 (comma delimited)’ or as "
    "an Excel workbook (.xlsx), and upload it again"
)
OLD_EXCEL = "The file is an old Excel workbook (.xls). Save it as .xlsx or as CSV UTF-8"
BAD_XLSX = "The file looks like an Excel workbook but cannot be opened. Save it again as .xlsx"


class FileRefused(ValueError):
    """A file that cannot be read as a whole. The message says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Sheet:
    header: list[str]
    # (row number as the spreadsheet shows it, the row's cells as trimmed text)
    rows: list[tuple[int, list[str]]]
    encoding: str


def column_letter(index: int) -> str:
    """The spreadsheet's letter for a column, counted from 0: 0 is A, 26 is AA."""
    return get_column_letter(index + 1)


def is_xlsx(content: bytes) -> bool:
    return content.startswith(_ZIP)


def read_file(content: bytes) -> Sheet:
    """The file's header and rows, or FileRefused. The format is told from the bytes."""
    if len(content) > MAX_FILE_BYTES:
        raise FileRefused(TOO_LARGE)
    if not content.strip():
        raise FileRefused(EMPTY)
    if content.startswith(_OLE):
        raise FileRefused(OLD_EXCEL)
    if is_xlsx(content):
        header, rows, encoding = *_xlsx_rows(content), "xlsx"
    else:
        text, encoding = _decode(content)
        header, rows = _csv_rows(text)
    return _sheet(header, rows, encoding)


def _sheet(header: list[str] | None, rows: Iterator[tuple[int, list[str]]], encoding) -> Sheet:
    if header is None or not any(header):
        raise FileRefused(EMPTY)
    kept = []
    for number, cells in rows:
        if not any(cells):
            continue
        if len(kept) == MAX_ROWS:
            raise FileRefused(TOO_MANY_ROWS)
        kept.append((number, cells))
    if not kept:
        raise FileRefused(NO_ROWS)
    return Sheet(header, kept, encoding)


def _decode(content: bytes) -> tuple[str, str]:
    if content.startswith(_UTF16_BOMS):
        raise FileRefused(NOT_TEXT)
    try:
        text = content.decode("utf-8")
        return text.removeprefix(_BOM), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # Strict: the five bytes Windows-1252 leaves unused mean it is not that either.
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        raise FileRefused(NOT_TEXT) from None
    if "\x00" in text:
        raise FileRefused(NOT_TEXT)
    return text, "windows-1252"


def _csv_rows(text: str) -> tuple[list[str] | None, Iterator[tuple[int, list[str]]]]:
    if "\x00" in text:
        raise FileRefused(NOT_TEXT)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error:
        raise FileRefused(NOT_TEXT) from None

    def rows():
        try:
            for number, cells in enumerate(reader, start=2):
                yield number, [cell.strip() for cell in cells]
        except csv.Error:
            raise FileRefused(NOT_TEXT) from None

    return ([cell.strip() for cell in header] if header is not None else None), rows()


def _xlsx_text(value) -> str:
    """A cell's cached value as the text a CSV of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(content: bytes):
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileRefused(BAD_XLSX) from None
    try:
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        first = next(values, None)
        header = [_xlsx_text(v) for v in first] if first is not None else None
        # Read now, while the workbook is open; a row limit stops a sheet of millions early.
        rows = []
        for number, cells in enumerate(values, start=2):
            texts = [_xlsx_text(v) for v in cells]
            if any(texts):
                rows.append((number, texts))
                if len(rows) > MAX_ROWS:
                    break
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileRefused(BAD_XLSX) from None
    finally:
        workbook.close()
    if header is not None:
        while header and header[-1] == "":
            header.pop()  # Excel's formatted but empty columns
    return header, iter(rows)
