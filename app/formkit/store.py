"""Saving records: versioned saves, a race-safe submission lock, and signed-out drafts.

Every write is one guarded UPDATE, so two tabs or two clients cannot silently overwrite each
other, and two submits cannot both succeed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from app.accounts.secrets import hash_secret
from app.db_types import utcnow
from app.extensions import db
from app.formkit.definition import Journey
from app.formkit.models import LOCKED_STATUSES, SUBMITTED, FormRecord
from app.formkit.references import new_reference
from app.formkit.runner import RecordStatus, record_status
from app.outbox.events import record_event

# What a journey's submission does besides locking the record, in the same transaction (an
# email to the applicant, say): set by the domain module that owns the journey.
_SUBMISSION_EFFECTS: dict[str, Callable[[FormRecord], None]] = {}


def on_submission(journey: Journey, effect: Callable[[FormRecord], None]) -> None:
    """Have `effect(record)` run whenever a record of the journey is submitted, before the
    submission commits: it adds to the session, and commits nothing."""
    _SUBMISSION_EFFECTS[journey.id] = effect


class RecordLocked(Exception):  # noqa: N818
    """The record has been submitted and can no longer be changed."""


class StaleVersion(Exception):  # noqa: N818
    """The record changed since the version the change was based on."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version


class NotComplete(Exception):  # noqa: N818
    """Submit was asked for a record with questions still to answer."""


def create_record(
    journey: Journey, answers: dict[str, Any] | None = None, **owner: Any
) -> FormRecord:
    """A new record, empty or holding answers already validated, read from now on with
    `journey`'s version (the one `JourneyVersions.for_answers` chose). `owner` sets owner_id,
    organisation_id or session_key_hash. One INSERT: a record created with its answers costs a
    single commit."""
    answers = answers or {}
    for _ in range(5):
        record = FormRecord(
            journey=journey.id,
            reference=new_reference(journey.reference_prefix),
            status=record_status(journey, answers).value,
            answers=answers,
            definition_version=journey.version,
            version=1,
            **owner,
        )
        db.session.add(record)
        try:
            db.session.commit()
            return record
        except IntegrityError:  # a reference collision: vanishingly rare, so just try again
            db.session.rollback()
    raise RuntimeError("Could not find an unused reference")


def _reflect(record: FormRecord, **values: Any) -> None:
    """Show a guarded UPDATE's new values on the loaded object without reloading it."""
    for key, value in values.items():
        set_committed_value(record, key, value)


def _refuse(record_id: int) -> None:
    """Explain why a guarded UPDATE changed nothing."""
    db.session.rollback()
    status, version = db.session.execute(
        select(FormRecord.status, FormRecord.version).where(FormRecord.id == record_id)
    ).one()
    if status in LOCKED_STATUSES:
        raise RecordLocked
    raise StaleVersion(version)


def save_answers(
    journey: Journey,
    record: FormRecord,
    answers: dict[str, Any],
    expected_version: int,
    resume_key: str | None = None,
) -> int:
    """Store new answers if the record is still at `expected_version` and not submitted.
    `journey` is the version the answers were checked with, and the record is read with it
    from now on (a change may move a record to another version: record_versions.py).
    `resume_key` is the page to open on "Continue", given when the user leaves to come back
    later. Returns the new version."""
    status = record_status(journey, answers).value
    result = db.session.execute(
        update(FormRecord)
        .where(
            FormRecord.id == record.id,
            FormRecord.version == expected_version,
            FormRecord.status.not_in(LOCKED_STATUSES),
        )
        .values(
            answers=answers,
            status=status,
            definition_version=journey.version,
            version=expected_version + 1,
            updated_at=utcnow(),
            resume_key=resume_key,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        _refuse(record.id)
    db.session.commit()
    _reflect(
        record,
        answers=answers,
        status=status,
        definition_version=journey.version,
        version=expected_version + 1,
        resume_key=resume_key,
    )
    return expected_version + 1


def lock_for_submission(journey: Journey, record: FormRecord, expected_version: int) -> bool:
    """Submit the record. True if this call submitted it; False if it was already submitted.

    The status change is one guarded UPDATE, so of two concurrent submits exactly one wins.
    """
    if record.is_locked:
        return False
    if record_status(journey, record.answers) is not RecordStatus.COMPLETED:
        raise NotComplete
    now = utcnow()
    result = db.session.execute(
        update(FormRecord)
        .where(
            FormRecord.id == record.id,
            FormRecord.version == expected_version,
            FormRecord.status == RecordStatus.COMPLETED.value,
        )
        .values(status=SUBMITTED, submitted_at=now, updated_at=now, version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        try:
            _refuse(record.id)
        except RecordLocked:
            return False
    if journey.submitted_event:
        record_event(
            journey.submitted_event,
            entity_id=str(record.id),
            old_data={"status": RecordStatus.COMPLETED.value},
            new_data={
                "status": SUBMITTED,
                "reference": record.reference,
                "submittedAt": now.isoformat(),
            },
        )
    if effect := _SUBMISSION_EFFECTS.get(journey.id):
        effect(record)
    db.session.commit()
    _reflect(record, status=SUBMITTED, submitted_at=now, version=expected_version + 1)
    return True


def adopt_session_drafts(user_id: int, session_secret: str) -> int:
    """Give a signed-out user's drafts to the account they have just signed in to."""
    result = db.session.execute(
        update(FormRecord)
        .where(
            FormRecord.session_key_hash == hash_secret(session_secret),
            FormRecord.owner_id.is_(None),
        )
        .values(owner_id=user_id, session_key_hash=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount
