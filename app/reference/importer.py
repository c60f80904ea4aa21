"""Loading postcodes from a file in the ONS Postcode Directory (ONSPD) format.

The file is read a row at a time and written in batches, so a full ONSPD (2.7 million rows)
loads in constant memory. Loading is an upsert, so a file can be loaded again, or a newer
edition over an older one: a postcode is never duplicated, and its local authority is updated.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.extensions import db
from app.reference.models import Postcode
from app.reference.postcodes import ENGLISH_LOCAL_AUTHORITY_CODE, normalise, upsert_statement

SAMPLE_FILE = Path(__file__).resolve().parent / "data" / "onspd_sample.csv"
BATCH_SIZE = 5000

# Header names, best first. ONSPD calls the local authority district `oslaua`; the ONS
# lookups that are named for their year call it `lad23cd`, `lad24cd` and so on.
POSTCODE_COLUMNS = ("pcds", "pcd")
LOCAL_AUTHORITY_COLUMNS = ("oslaua", "lad25cd", "lad24cd", "lad23cd")
TERMINATED_COLUMN = "doterm"


class PostcodeFileError(Exception):
    """The file cannot be read as postcodes: the message says why, for the person loading it."""


@dataclass
class ImportResult:
    imported: int = 0  # new postcodes
    updated: int = 0  # postcodes already held, whose local authority changed
    unchanged: int = 0  # postcodes already held with the same local authority
    skipped: int = 0  # terminated, not in England, no local authority, or not a postcode

    def __str__(self) -> str:
        return (
            f"Imported {self.imported}, updated {self.updated}, unchanged {self.unchanged}, "
            f"skipped {self.skipped}."
        )


def import_postcodes(path: str | Path, batch_size: int = BATCH_SIZE) -> ImportResult:
    """Load an ONSPD-format CSV file into the postcodes table, committing each batch."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as file:
            return import_lines(file, batch_size)
    except FileNotFoundError as error:
        raise PostcodeFileError(f"There is no file at {path}") from error
    except UnicodeDecodeError as error:
        raise PostcodeFileError(f"{path} is not a UTF-8 CSV file") from error
    except OSError as error:
        raise PostcodeFileError(f"{path} cannot be read: {error.strerror}") from error


def import_lines(lines: Iterable[str], batch_size: int = BATCH_SIZE) -> ImportResult:
    """Load CSV lines (a header, then one postcode a row), committing each batch."""
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if header is None:
            raise PostcodeFileError("The file is empty: it needs a header row and postcodes")
        postcode_at, local_authority_at, terminated_at = _columns(header)
        result = ImportResult()
        batch: dict[str, str] = {}
        for row in reader:
            if not any(row):  # a blank line
                continue
            postcode, code = _postcode_and_code(row, postcode_at, local_authority_at, terminated_at)
            if postcode is None:
                result.skipped += 1
                continue
            if postcode in batch:  # the same postcode twice in a batch: the later row counts
                result.skipped += 1
            batch[postcode] = code
            if len(batch) >= batch_size:
                _write(batch, result)
                batch = {}
        if batch:
            _write(batch, result)
    except csv.Error as error:
        db.session.rollback()
        raise PostcodeFileError(f"Line {reader.line_num} is not valid CSV: {error}") from error
    return result


def load_sample_postcodes() -> ImportResult:
    """Load the small sample shipped with the service (for the demo and the tests)."""
    return import_postcodes(SAMPLE_FILE)


def _columns(header: list[str]) -> tuple[int, int, int | None]:
    names = [name.strip().lower() for name in header]
    postcode_at = _first_present(names, POSTCODE_COLUMNS)
    local_authority_at = _first_present(names, LOCAL_AUTHORITY_COLUMNS)
    missing = [
        " or ".join(columns)
        for columns, at in (
            (POSTCODE_COLUMNS, postcode_at),
            (LOCAL_AUTHORITY_COLUMNS, local_authority_at),
        )
        if at is None
    ]
    if missing:
        raise PostcodeFileError(
            "The file is not in the ONS Postcode Directory format: its header has no "
            + " and no ".join(missing)
            + " column"
        )
    terminated_at = names.index(TERMINATED_COLUMN) if TERMINATED_COLUMN in names else None
    return postcode_at, local_authority_at, terminated_at


def _first_present(names: list[str], wanted: Iterable[str]) -> int | None:
    return next((names.index(name) for name in wanted if name in names), None)


def _postcode_and_code(
    row: list[str], postcode_at: int, local_authority_at: int, terminated_at: int | None
) -> tuple[str | None, str]:
    """The canonical postcode and its English local authority code, or None for a row to skip."""
    if max(postcode_at, local_authority_at) >= len(row):
        return None, ""
    if terminated_at is not None and terminated_at < len(row) and row[terminated_at].strip():
        return None, ""
    code = row[local_authority_at].strip().upper()
    if not ENGLISH_LOCAL_AUTHORITY_CODE.match(code):
        return None, ""
    return normalise(row[postcode_at]), code


def _write(batch: dict[str, str], result: ImportResult) -> None:
    held = dict(
        db.session.execute(
            db.select(Postcode.postcode, Postcode.local_authority_code).where(
                Postcode.postcode.in_(list(batch))
            )
        ).all()
    )
    changed = [
        {"postcode": postcode, "local_authority_code": code}
        for postcode, code in batch.items()
        if held.get(postcode) != code
    ]
    result.imported += sum(1 for postcode in batch if postcode not in held)
    result.updated += sum(1 for row in changed if row["postcode"] in held)
    result.unchanged += len(batch) - len(changed)
    if changed:
        db.session.execute(upsert_statement(changed))
    db.session.commit()
