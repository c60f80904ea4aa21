"""The job: check every row as POST /case_logs would, find duplicates, then create the logs.

Checking stores a result per row, a chunk at a time, with the progress count in the same
commit; a job restarted after a crash carries on after the last stored row. Creating sets each
row's log in the same transaction that inserts the log, only for rows that have none, so a
job that runs twice, or two workers on the same upload, never make a log twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.bulk_upload import storage
from app.bulk_upload.columns import JOURNEY, journey_for, match_header, row_payload
from app.bulk_upload.models import (
    CHECKING,
    CREATE,
    DONE,
    FAILED,
    NEEDS_CONFIRMATION,
    BulkUpload,
    BulkUploadRow,
)
from app.bulk_upload.reading import FileRefused, Sheet, column_letter, read_file
from app.db_types import utcnow
from app.extensions import db
from app.formkit import soft_checks
from app.formkit.definition import Journey
from app.formkit.models import FormRecord
from app.formkit.references import new_reference
from app.formkit.runner import record_status
from app.formkit.validation import apply_payload

CHUNK = 250
# A log is the same as another when all of these are the same.
DUPLICATE_FIELDS = (
    "tenant_code",
    "tenancy_start_date",
    "property_postcode",
    "person_1_age",
    "person_1_gender",
)
SAME_ANSWERS = (
    "the same tenant code, tenancy start date, property postcode, and lead tenant age and gender"
)
HARD, SOFT, DUPLICATE, FILE = "hard", "soft", "duplicate", "file"


class RowCheck:
    """One row's result: its valid answers and its problems."""

    def __init__(self, number: int, cells: list[str]):
        self.number = number
        self.cells = cells
        self.answers: dict[str, Any] = {}
        self.problems: list[dict[str, Any]] = []
        self.duplicate_key: str | None = None

    @property
    def has_errors(self) -> bool:
        return any(p["kind"] in (HARD, DUPLICATE) for p in self.problems)


class RowChecker:
    """Checks the rows of one file, whose header has been matched to fields, with the form of
    its collection year (`journey`)."""

    def __init__(self, sheet: Sheet, journey: Journey = JOURNEY):
        self.sheet = sheet
        self.journey = journey
        self.columns = match_header(sheet.header, journey)
        self.index = {field: i for i, field in enumerate(self.columns) if field is not None}

    def problem(self, cells, field: str | None, message: str, kind: str, rule: str) -> dict:
        position = self.index.get(field) if field else None
        return {
            "column": column_letter(position) if position is not None else "",
            "header": self.sheet.header[position] if position is not None else "",
            "field": field or "",
            "value": cells[position] if position is not None and position < len(cells) else "",
            "message": message,
            "kind": kind,
            "rule": rule,
        }

    def check(self, number: int, cells: list[str]) -> RowCheck:
        result = RowCheck(number, cells)
        payload = row_payload(self.columns, cells, self.journey)
        outcome = apply_payload(self.journey, payload, {})
        # The engine stops at bad values before its cross-field rules; the rows's other
        # answers are checked again without them, so the report lists every problem at once
        # and the row keeps every answer that is valid.
        for _ in range(5):
            for field, messages in outcome.errors.items():
                for message in messages:
                    result.problems.append(self.problem(cells, field, message, HARD, message))
                payload.pop(field, None)
            if outcome.ok:
                break
            outcome = apply_payload(self.journey, payload, {})
        result.answers = outcome.answers if outcome.ok else {}
        for check, message in soft_checks.firing(self.journey, result.answers):
            field = next((f for f in check.fields if f in self.index), check.fields[0])
            result.problems.append(self.problem(cells, field, message, SOFT, check.id))
        if not result.has_errors:
            result.duplicate_key = duplicate_key(result.answers)
        return result


def duplicate_key(answers: dict[str, Any]) -> str | None:
    values = [answers.get(field) for field in DUPLICATE_FIELDS]
    if any(value in (None, "") for value in values):
        return None
    return "|".join(str(value) for value in values)


# -- the job -----------------------------------------------------------------------------------


def _rows(upload_id: int):
    return select(BulkUploadRow).where(BulkUploadRow.upload_id == upload_id)


def _count(upload_id: int, *conditions) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(BulkUploadRow)
        .where(BulkUploadRow.upload_id == upload_id, *conditions)
    )


def run(upload_id: int) -> None:
    """Do whatever the upload needs next. Safe to call any number of times."""
    upload = db.session.get(BulkUpload, upload_id)
    if upload is None or upload.status in (DONE, FAILED):
        return
    if upload.status == NEEDS_CONFIRMATION and upload.decision != CREATE:
        return  # waiting for the user
    if upload.decision != CREATE:
        try:
            check(upload)
        except FileRefused as refused:
            fail(upload, refused.message)
            return
        except IntegrityError:
            # Another worker stored the same rows first (a task delivered twice): it goes on.
            db.session.rollback()
            return
    if upload.decision != CREATE and (upload.rows_with_errors or upload.rows_with_soft_checks):
        upload.status = NEEDS_CONFIRMATION
        upload.updated_at = utcnow()
        from app.bulk_upload import notify

        notify.checked(upload)
        db.session.commit()
        return
    create_logs(upload)


def fail(upload: BulkUpload, message: str) -> None:
    upload.status, upload.failure = FAILED, message
    upload.updated_at = upload.finished_at = utcnow()
    from app.bulk_upload import notify

    notify.checked(upload)
    db.session.commit()


def check(upload: BulkUpload) -> None:
    """Check the rows not yet checked, a chunk per commit."""
    upload.status = CHECKING
    db.session.commit()
    checker = RowChecker(read_file(storage.read(upload)), journey_for(upload.collection_year))
    # After a crash: the rows already stored, and the first row of each duplicate key.
    seen: dict[str, int] = {}
    last = 0
    for number, key in db.session.execute(
        select(BulkUploadRow.row_number, BulkUploadRow.duplicate_key).where(
            BulkUploadRow.upload_id == upload.id
        )
    ):
        last = max(last, number)
        if key is not None:
            seen[key] = number
    checked = _count(upload.id)
    remaining = ((n, cells) for n, cells in checker.sheet.rows() if n > last)
    while chunk := list(islice(remaining, CHUNK)):
        results = [checker.check(n, cells) for n, cells in chunk]
        _mark_duplicates(upload, checker, results, seen)
        # One statement for the chunk (executemany), not an ORM object per row.
        db.session.execute(
            insert(BulkUploadRow),
            [
                {
                    "upload_id": upload.id,
                    "row_number": r.number,
                    "answers": r.answers,
                    "problems": r.problems,
                    "has_errors": r.has_errors,
                    "is_duplicate": any(p["kind"] == DUPLICATE for p in r.problems),
                    "duplicate_key": r.duplicate_key,
                }
                for r in results
            ],
        )
        checked += len(results)
        upload.rows_checked = checked
        upload.updated_at = utcnow()
        db.session.commit()
    upload.rows_checked = _count(upload.id)
    upload.rows_with_errors = _count(upload.id, BulkUploadRow.has_errors.is_(True))
    upload.rows_with_soft_checks = sum(
        1
        for problems in db.session.scalars(
            select(BulkUploadRow.problems).where(BulkUploadRow.upload_id == upload.id)
        )
        if any(p["kind"] == SOFT for p in problems)
    )
    db.session.commit()


def _mark_duplicates(
    upload: BulkUpload, checker: RowChecker, results: list[RowCheck], seen: dict[str, int]
) -> None:
    """Rows the same as an earlier row of the file, or as a log the organisation has."""
    existing = _existing_logs(upload, [r for r in results if r.duplicate_key])
    for result in results:
        key = result.duplicate_key
        if key is None:
            continue
        if key in seen:
            message = f"This log is the same as row {seen[key]}: it has {SAME_ANSWERS}"
        elif key in existing:
            message = f"A log with {SAME_ANSWERS} already exists: {existing[key]}"
        else:
            seen[key] = result.number
            continue
        result.problems.append(
            checker.problem(result.cells, "tenant_code", message, DUPLICATE, "duplicate")
        )
        result.duplicate_key = None


def _existing_logs(upload: BulkUpload, results: Iterable[RowCheck]) -> dict[str, str]:
    """The organisation's logs with the same answers as any of these rows, by duplicate key:
    their references. Logs this upload created are not duplicates of its own rows."""
    codes = sorted({r.answers["tenant_code"] for r in results})
    if not codes:
        return {}
    own_logs = select(BulkUploadRow.log_id).where(
        BulkUploadRow.upload_id == upload.id, BulkUploadRow.log_id.is_not(None)
    )
    records = db.session.execute(
        select(FormRecord.reference, FormRecord.answers).where(
            FormRecord.journey == JOURNEY.id,
            FormRecord.organisation_id == upload.organisation_id
            if upload.organisation_id is not None
            else FormRecord.organisation_id.is_(None),
            FormRecord.answers["tenant_code"].as_string().in_(codes),
            FormRecord.id.not_in(own_logs),
        )
    )
    found = {}
    for reference, answers in records:
        key = duplicate_key(answers)
        if key is not None:
            found.setdefault(key, reference)
    return found


# -- creating ----------------------------------------------------------------------------------


def _to_create(upload: BulkUpload):
    rows = _rows(upload.id).where(
        BulkUploadRow.log_id.is_(None), BulkUploadRow.is_duplicate.is_(False)
    )
    if upload.decision != CREATE:
        rows = rows.where(BulkUploadRow.has_errors.is_(False))
    return rows


def _log_answers(journey: Journey, row: BulkUploadRow, confirmed: bool) -> dict[str, Any]:
    answers = dict(row.answers)
    if confirmed:
        # The user confirmed the soft checks once for the whole file: the log does not ask again.
        for check, _ in soft_checks.firing(journey, answers):
            answers = soft_checks.confirm(check, answers)
    return answers


def create_logs(upload: BulkUpload) -> None:
    """Create a log for every row that should have one and has none yet."""
    upload.status = CHECKING
    upload.updated_at = utcnow()
    db.session.commit()
    confirmed = upload.decision == CREATE
    while True:
        batch = db.session.scalars(
            _to_create(upload).order_by(BulkUploadRow.row_number).limit(CHUNK).with_for_update()
        ).all()
        if not batch:
            break
        try:
            _create_batch(upload, batch, confirmed)
        except IntegrityError:  # a reference already used: vanishingly rare, so try again
            db.session.rollback()
    upload.logs_created = _count(upload.id, BulkUploadRow.log_id.is_not(None))
    upload.status = DONE
    upload.updated_at = upload.finished_at = utcnow()
    from app.bulk_upload import notify

    notify.checked(upload)
    db.session.commit()


def _create_batch(upload: BulkUpload, batch: list[BulkUploadRow], confirmed: bool) -> None:
    """The batch's logs, in one transaction that first claims its rows: only rows that still
    have no log are claimed, and if any has one by now (another worker made it), the whole
    batch is undone. The claim locks the rows (PostgreSQL) or the database (SQLite) until
    commit, so no other worker can claim them meanwhile. (Setting log_id to NULL where it is
    NULL changes nothing but counts every row it matches, on both databases.)"""
    ids = [row.id for row in batch]
    claimed = db.session.execute(
        update(BulkUploadRow)
        .where(BulkUploadRow.id.in_(ids), BulkUploadRow.log_id.is_(None))
        .values(log_id=None)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != len(ids):
        db.session.rollback()
        return
    now = utcnow()
    records = []
    # Every row is of the file's collection year, so read with its form.
    journey = journey_for(upload.collection_year)
    for row in batch:
        answers = _log_answers(journey, row, confirmed)
        records.append(
            {
                "journey": journey.id,
                "reference": new_reference(journey.reference_prefix),
                "status": record_status(journey, answers).value,
                "answers": answers,
                "definition_version": journey.version,
                "version": 1,
                "owner_id": upload.uploaded_by_id,
                "organisation_id": upload.organisation_id,
                "created_at": now,
                "updated_at": now,
            }
        )
    log_ids = db.session.scalars(
        insert(FormRecord).returning(FormRecord.id, sort_by_parameter_order=True), records
    ).all()
    db.session.execute(
        update(BulkUploadRow),
        [{"id": row_id, "log_id": log_id} for row_id, log_id in zip(ids, log_ids, strict=True)],
    )
    upload.logs_created = _count(upload.id, BulkUploadRow.log_id.is_not(None))
    upload.updated_at = now
    db.session.commit()
