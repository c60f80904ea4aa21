"""An entity's events are in the order of their commits, whatever the web servers' clocks say."""

from datetime import timedelta

from app.db_types import utcnow
from app.extensions import db
from app.outbox.catalogue import TENURE_UPDATED
from app.outbox.events import record_event


def _record(entity_id: str):
    event = record_event(TENURE_UPDATED, entity_id=entity_id, old_data={}, new_data={})
    db.session.commit()
    return event


def test_an_event_is_never_earlier_than_its_entitys_last(app):
    """Another server, whose clock is a second ahead, wrote the tenure's last change."""
    ahead = _record("tenure-1")
    ahead.date_time = utcnow() + timedelta(seconds=1)
    db.session.commit()

    later = _record("tenure-1")
    assert later.date_time == ahead.date_time + timedelta(microseconds=1)
    other = _record("tenure-2")
    assert other.date_time < ahead.date_time  # other entities keep their own clock's time


def test_two_events_of_one_transaction_keep_their_order(app):
    first = record_event(TENURE_UPDATED, entity_id="tenure-1", old_data={}, new_data={})
    second = record_event(TENURE_UPDATED, entity_id="tenure-1", old_data={}, new_data={})
    db.session.commit()
    assert first.date_time < second.date_time
