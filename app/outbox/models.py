"""The outbox: one row per domain event, waiting for a relay to publish it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db_types import UTCDateTime, utcnow
from app.extensions import db
from app.formkit.models import AnswersType


class OutboxEvent(db.Model):
    __tablename__ = "outbox_events"
    __table_args__ = (
        Index("ix_outbox_events_entity", "entity_id", "date_time"),
        # A relay reads the unpublished events, oldest first.
        Index("ix_outbox_events_unpublished", "published_at", "date_time"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(60))
    source_domain: Mapped[str] = mapped_column(String(30))
    source_system: Mapped[str] = mapped_column(String(60))
    version: Mapped[str] = mapped_column(String(10))
    correlation_id: Mapped[str] = mapped_column(String(100))
    date_time: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user: Mapped[dict[str, Any]] = mapped_column(AnswersType)
    entity_id: Mapped[str] = mapped_column(String(64))
    event_data: Mapped[dict[str, Any]] = mapped_column(AnswersType)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    def message(self) -> dict[str, Any]:
        """The event as it is published."""
        return {
            "id": self.id,
            "eventType": self.event_type,
            "sourceDomain": self.source_domain,
            "sourceSystem": self.source_system,
            "version": self.version,
            "correlationId": self.correlation_id,
            "dateTime": self.date_time.isoformat(),
            "user": self.user,
            "entityId": self.entity_id,
            "eventData": self.event_data,
        }
