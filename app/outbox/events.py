"""Recording a domain event. The caller commits: the event and its change share a transaction.

The relay publishes one entity's events in the order of their `date_time`, so that order must
be the order of their commits. It is, because every caller has already written the entity
(its guarded UPDATE or INSERT holds the entity's row until commit) when it records the event,
and an event's time is never earlier than the entity's last one: web servers whose clocks
disagree by a few milliseconds still cannot reorder one tenure's changes.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from app.correlation import acting_user, correlation_id
from app.db_types import utcnow
from app.extensions import db
from app.outbox.catalogue import EVENT_TYPE_BY_NAME
from app.outbox.models import OutboxEvent
from app.outbox.tasks import relay_after_commit

SOURCE_SYSTEM = "HousingFormsService"
EVENT_VERSION = "v1"


def record_event(
    event_type: str,
    *,
    entity_id: str,
    old_data: dict[str, Any],
    new_data: dict[str, Any],
    user=None,
) -> OutboxEvent:
    """Add the event to the session, and queue a relay run for after the commit. Its source
    domain is the catalogue's (an event that is not catalogued is a KeyError); `user` defaults
    to whoever is making this request."""
    user = user or acting_user()
    event = OutboxEvent(
        id=str(uuid.uuid4()),
        event_type=event_type,
        source_domain=EVENT_TYPE_BY_NAME[event_type].source_domain,
        source_system=SOURCE_SYSTEM,
        version=EVENT_VERSION,
        correlation_id=correlation_id(),
        date_time=_next_time(entity_id),
        user={"name": user.name, "email": user.email} if user else {"name": None, "email": None},
        entity_id=entity_id,
        event_data={"oldData": old_data, "newData": new_data},
    )
    db.session.add(event)
    relay_after_commit()
    return event


def _next_time(entity_id: str) -> datetime:
    """Now, or just after the entity's latest event if that is later (another server's clock
    ahead of ours, or two events in one transaction within a microsecond)."""
    now = utcnow()
    latest = db.session.scalar(
        select(func.max(OutboxEvent.date_time)).where(OutboxEvent.entity_id == entity_id)
    )
    if latest is None:
        return now
    return max(now, latest + timedelta(microseconds=1))
