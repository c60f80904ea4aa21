"""Published events are kept for EVENTS_RETENTION_DAYS after publishing, then deleted; events
still waiting are kept however old."""

from datetime import timedelta

from sqlalchemy import select

from app.db_types import utcnow
from app.extensions import db
from app.outbox.catalogue import TENURE_UPDATED
from app.outbox.events import record_event
from app.outbox.models import OutboxEvent
from app.outbox.retention import delete_published_events


def _event(entity_id: str, published_days_ago: float | None, written_days_ago: float = 30):
    event = record_event(TENURE_UPDATED, entity_id=entity_id, old_data={}, new_data={})
    event.date_time = utcnow() - timedelta(days=written_days_ago)
    if published_days_ago is not None:
        event.published_at = utcnow() - timedelta(days=published_days_ago)
    return event


def test_published_events_past_retention_are_deleted(app, monkeypatch):
    monkeypatch.setattr(app.config["APP_CONFIG"], "events_retention_days", 3)
    _event("old-and-published", published_days_ago=4)
    _event("published-yesterday", published_days_ago=1)
    _event("old-and-waiting", published_days_ago=None)
    db.session.commit()

    assert delete_published_events() == 1

    left = set(db.session.scalars(select(OutboxEvent.entity_id)))
    assert left == {"published-yesterday", "old-and-waiting"}


def test_the_command_deletes_them(app):
    _event("old-and-published", published_days_ago=8)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["outbox", "prune"])
    assert result.exit_code == 0
    assert result.output == "Deleted 1 published events.\n"
    assert db.session.scalars(select(OutboxEvent)).all() == []
