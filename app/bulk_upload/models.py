"""An upload (the file, stored in the database, and the job's progress) and one result per row.

Each row's log is keyed by its upload and row number: a row has at most one log, set in the
same transaction that creates it, so re-running a job never makes a log twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db_types import UTCDateTime, utcnow
from app.extensions import db
from app.formkit.models import AnswersType

QUEUED = "queued"
CHECKING = "checking"
NEEDS_CONFIRMATION = "needs_confirmation"
DONE = "done"
FAILED = "failed"
STATUSES = (QUEUED, CHECKING, NEEDS_CONFIRMATION, DONE, FAILED)
# What the user chose when some rows had errors or soft checks: create the logs.
CREATE = "create"


class BulkUpload(db.Model):
    __tablename__ = "bulk_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id"), index=True, default=None
    )
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    file_name: Mapped[str] = mapped_column(String(255))
    # The file (app/bulk_upload/storage.py): here, or in BULK_UPLOAD_FOLDER under this name.
    # Deferred: loaded only by the job that reads it, not each time the row is refreshed.
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, default=None)
    stored_as: Mapped[str | None] = mapped_column(String(100), default=None)
    # SHA-256 of the content: the same file uploaded twice is refused, not made twice.
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(30), default=QUEUED, index=True)
    # The lettings collection year of the file's logs ("2027/28"), whose form checks them.
    # None for uploads from before collection years: they were checked with the first form.
    collection_year: Mapped[str | None] = mapped_column(String(7), default=None)
    # CREATE once the user has confirmed the soft checks or chosen to create the good rows.
    decision: Mapped[str | None] = mapped_column(String(20), default=None)
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    rows_checked: Mapped[int] = mapped_column(Integer, default=0)
    rows_with_errors: Mapped[int] = mapped_column(Integer, default=0)
    rows_with_soft_checks: Mapped[int] = mapped_column(Integer, default=0)
    logs_created: Mapped[int] = mapped_column(Integer, default=0)
    # The upload's page, as the request that stored it reached the service: the email's link.
    link: Mapped[str | None] = mapped_column(String(500), default=None)
    # Why a job failed as a whole, in words for the user.
    failure: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    @property
    def valid_rows(self) -> int:
        return self.total_rows - self.rows_with_errors


class BulkUploadRow(db.Model):
    __tablename__ = "bulk_upload_rows"
    __table_args__ = (
        UniqueConstraint(
            "upload_id", "row_number", name="uq_bulk_upload_rows_upload_id_row_number"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("bulk_uploads.id", ondelete="CASCADE"))
    row_number: Mapped[int] = mapped_column(Integer)
    # Every valid answer of the row: all of them when it has no errors.
    answers: Mapped[dict[str, Any]] = mapped_column(AnswersType, default=dict)
    # [{column, header, field, value, message, kind, rule}], kind "hard", "soft" or "duplicate"
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    has_errors: Mapped[bool] = mapped_column(Boolean, default=False)
    is_duplicate: Mapped[bool] = mapped_column(Boolean, default=False)
    # Tenant code, tenancy start date, postcode, lead tenant age and gender, when all given.
    duplicate_key: Mapped[str | None] = mapped_column(String(400), default=None)
    log_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_records.id", ondelete="SET NULL"), unique=True, default=None
    )
