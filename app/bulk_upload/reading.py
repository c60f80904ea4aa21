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
from collections.abc import Callable, Iterator
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
    """A file's header, and its rows read afresh on each call of `rows()`: a job holds one
    chunk of rows at a time, never the whole file's, so its memory does not grow with it."""

    header: list[str]
    encoding: str
    row_count: int
    _read: Callable[[], Iterator[tuple[int, list[str]]]]

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number as the spreadsheet shows it, the row's cells as trimmed text), for
        every row with something in it."""
        for number, cells in self._read():
            if any(cells):
                yield number, cells


def column_letter(index: int) -> str:
    """The spreadsheet's letter for a column, counted from 0: 0 is A, 26 is AA."""
    return get_column_letter(index + 1)


def is_xlsx(content: bytes) -> bool:
    return content.startswith(_ZIP)


def read_file(content: bytes) -> Sheet:
    """The file's header and rows, or FileRefused. The format is told from the bytes. The rows
    are counted here, once, so a file over the limit is refused before it is stored."""
    if len(content) > MAX_FILE_BYTES:
        raise FileRefused(TOO_LARGE)
    if not content.strip():
        raise FileRefused(EMPTY)
    if content.startswith(_OLE):
        raise FileRefused(OLD_EXCEL)
    if is_xlsx(content):
        header = _xlsx_header(content)
        encoding, read = "xlsx", lambda: _xlsx_rows(content)
    else:
        text, encoding = _decode(content)
        header = _csv_header(text)
        read = lambda: _csv_rows(text)  # noqa: E731
    if header is None or not any(header):
        raise FileRefused(EMPTY)
    sheet = Sheet(header, encoding, 0, read)
    for count, _ in enumerate(sheet.rows(), start=1):
        if count > MAX_ROWS:
            raise FileRefused(TOO_MANY_ROWS)
        sheet.row_count = count
    if not sheet.row_count:
        raise FileRefused(NO_ROWS)
    return sheet


def _decode(content: bytes) -> tuple[str, str]:
    if content.startswith(_UTF16_BOMS):
        raise FileRefused(NOT_TEXT)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            # Strict: the five bytes Windows-1252 leaves unused mean it is not that either.
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise FileRefused(NOT_TEXT) from None
        encoding = "windows-1252"
    else:
        text, encoding = text.removeprefix(_BOM), "utf-8"
    if "\x00" in text:
        raise FileRefused(NOT_TEXT)
    return text, encoding


def _csv_reader(text: str):
    return csv.reader(io.StringIO(text, newline=""))


def _csv_header(text: str) -> list[str] | None:
    try:
        header = next(_csv_reader(text), None)
    except csv.Error:
        raise FileRefused(NOT_TEXT) from None
    return [cell.strip() for cell in header] if header is not None else None


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = _csv_reader(text)
    try:
        next(reader, None)
        for number, cells in enumerate(reader, start=2):
            yield number, [cell.strip() for cell in cells]
    except csv.Error:
        raise FileRefused(NOT_TEXT) from None


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


def _open_xlsx(content: bytes):
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileRefused(BAD_XLSX) from None


def _xlsx_header(content: bytes) -> list[str] | None:
    workbook = _open_xlsx(content)
    try:
        first = next(workbook.worksheets[0].iter_rows(values_only=True), None)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError):
        raise FileRefused(BAD_XLSX) from None
    finally:
        workbook.close()
    if first is None:
        return None
    header = [_xlsx_text(v) for v in first]
    while header and header[-1] == "":
        header.pop()  # Excel's formatted but empty columns
    return header


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, list[str]]]:
    workbook = _open_xlsx(content)
    try:
        values = workbook.worksheets[0].iter_rows(values_only=True)
        next(values, None)
        for number, cells in enumerate(values, start=2):
            yield number, [_xlsx_text(v) for v in cells]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileRefused(BAD_XLSX) from None
    finally:
        workbook.close()
