"""Published events are kept for EVENTS_RETENTION_DAYS (for support, and for a partner who
asks for a replay), then deleted. Unpublished events are never deleted."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from app.db_types import utcnow
from app.extensions import db
from app.outbox.models import OutboxEvent

# Deleted a chunk per transaction, so a long backlog never holds one long lock.
CHUNK = 5000


def delete_published_events() -> int:
    """Delete the events published longer ago than the retention period; returns how many."""
    days = current_app.config["APP_CONFIG"].events_retention_days
    cutoff = utcnow() - timedelta(days=days)
    deleted = 0
    while True:
        chunk = select(OutboxEvent.id).where(OutboxEvent.published_at < cutoff).limit(CHUNK)
        ids = list(db.session.scalars(chunk))
        if ids:
            db.session.execute(delete(OutboxEvent).where(OutboxEvent.id.in_(ids)))
        db.session.commit()
        deleted += len(ids)
        if len(ids) < CHUNK:
            return deleted
