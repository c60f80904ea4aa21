"""Records: one row per case log, application or other journey record, answers as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db_types import UTCDateTime, utcnow
from app.extensions import db

# JSONB on PostgreSQL (indexable, compact); plain JSON text on SQLite.
AnswersType = JSON().with_variant(JSONB(), "postgresql")

SUBMITTED = "submitted"
# A submitted record a provider has sent back: kept as it was, for the record. Its draft copy
# is a new record.
UNSUBMITTED = "unsubmitted"
LOCKED_STATUSES = (SUBMITTED, UNSUBMITTED)
# Why a locked record can no longer be changed, by status: "This application has been …".
LOCKED_BECAUSE = {SUBMITTED: "submitted", UNSUBMITTED: "returned, and replaced by a new draft"}


class FormRecord(db.Model):
    __tablename__ = "form_records"
    __table_args__ = (
        Index("ix_form_records_journey_owner", "journey", "owner_id"),
        Index("ix_form_records_journey_organisation", "journey", "organisation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    journey: Mapped[str] = mapped_column(String(60))
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    # not_started, in_progress, completed, then submitted (locked). Journeys may add more.
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    answers: Mapped[dict[str, Any]] = mapped_column(AnswersType, default=dict)
    # The version of the journey's definition the record is read with (formkit/versions.py).
    # None for records from before versions: they were started on the first.
    definition_version: Mapped[str | None] = mapped_column(String(20), default=None)
    # Raised on every save, so a save based on an older version can be refused.
    version: Mapped[int] = mapped_column(Integer, default=1)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id"), default=None
    )
    # A signed-out user's drafts: the hash of a secret kept in their session.
    session_key_hash: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # The page where "Save and come back later" was pressed, so that "Continue" opens it
    # again; any other save clears it.
    resume_key: Mapped[str | None] = mapped_column(String(200), default=None)

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_STATUSES
