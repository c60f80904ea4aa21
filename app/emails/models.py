"""One row per email to send. The row is the truth; the queued task is only a hint to send it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db_types import UTCDateTime, utcnow
from app.extensions import db
from app.formkit.models import AnswersType

PENDING = "pending"
SENT = "sent"
FAILED = "failed"
STATUSES = (PENDING, SENT, FAILED)


class Email(db.Model):
    __tablename__ = "emails"
    __table_args__ = (
        # The sweep, the health check and the support page read emails by status, oldest first.
        Index("ix_emails_status_created_at", "status", "created_at"),
        # Tests and "was this sent?" look emails up by address.
        Index("ix_emails_to_address", "to_address"),
    )

    # uuid4 hex; also Notify's `reference`, so a retried send can be matched to the first.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    template: Mapped[str] = mapped_column(String(50))
    to_address: Mapped[str] = mapped_column(String(320))
    personalisation: Mapped[dict[str, str]] = mapped_column(AnswersType, default=dict)
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    # Attempts to hand it to Notify (or, in development, to the log).
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    # Notify's id for the notification, once Notify has accepted it.
    notify_id: Mapped[str | None] = mapped_column(String(36), default=None)
    # A worker sending it holds it until then, so that no other worker sends it at the same
    # time; a worker that dies mid-send lets it go when this passes.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
