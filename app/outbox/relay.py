"""The relay: publishes the outbox's events to the events broker and marks them published.

At least once, never lost: an event is marked published in the same transaction that claimed
it, after the broker confirmed it. A relay that dies between the two leaves the event
unpublished, and the next run sends it again with the same `message_id`, which consumers use
to drop the copy.

In order per entity: events are read in their `date_time` order, which is one entity's commit
order (see events.py). On PostgreSQL any number of relays run at once: each claims a batch with
`FOR UPDATE SKIP LOCKED`, so two never hold the same event, and keeps of each entity only the
events that no other relay's batch precedes: an entity whose older events another relay holds
waits for the next batch. The claim is held while publishing and released by the commit that
marks the batch, so a relay only starts on an entity once the one before it has been confirmed.
SQLite has one writer and no row locks: there, two relays at once may both send an event
(order still holds after de-duplication), so run one.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from flask import current_app
from sqlalchemy import func, select, update

from app.db_types import utcnow
from app.extensions import db
from app.observability import log
from app.outbox import broker
from app.outbox.models import OutboxEvent

UNSET = (
    "EVENTS_BROKER_URL is not set: domain events wait in the outbox and are not published. "
    "Set it to a RabbitMQ address, such as amqp://guest:guest@127.0.0.1:5672//"
)
_unset_logged = False  # only so that the log says it once per process, not on every run


def _unpublished():
    return OutboxEvent.published_at.is_(None)


def _in_order():
    return (OutboxEvent.date_time, OutboxEvent.id)


def oldest_unpublished_age_seconds() -> float | None:
    """How long the oldest event waiting in the outbox has waited; None when none waits."""
    oldest = db.session.scalar(select(func.min(OutboxEvent.date_time)).where(_unpublished()))
    return None if oldest is None else max(0.0, (utcnow() - oldest).total_seconds())


def _has_unpublished() -> bool:
    waiting = db.session.scalar(select(OutboxEvent.id).where(_unpublished()).limit(1))
    db.session.rollback()  # end the read: no transaction is held while connecting
    return waiting is not None


def _claim(batch_size: int) -> list[OutboxEvent]:
    """The oldest unpublished events that this relay may send now, locked until its commit."""
    query = (
        select(OutboxEvent)
        .where(_unpublished())
        .order_by(*_in_order())
        .limit(batch_size)
        .execution_options(populate_existing=True)
    )
    if db.engine.dialect.name != "postgresql":
        return list(db.session.scalars(query))
    claimed = list(db.session.scalars(query.with_for_update(skip_locked=True)))
    return _first_of_their_entities(claimed)


def _first_of_their_entities(claimed: Sequence[OutboxEvent]) -> list[OutboxEvent]:
    """Of each entity, the claimed events up to the first unpublished one that is not ours
    (another relay holds it, skipped by SKIP LOCKED): those after it must wait for it."""
    if not claimed:
        return []
    ours = {event.id for event in claimed}
    unpublished = db.session.execute(
        select(OutboxEvent.id, OutboxEvent.entity_id)
        .where(
            _unpublished(),
            OutboxEvent.entity_id.in_({event.entity_id for event in claimed}),
            OutboxEvent.date_time <= max(event.date_time for event in claimed),
        )
        .order_by(*_in_order())
    )
    waiting: set[str] = set()
    for event_id, entity_id in unpublished:
        if event_id not in ours:
            waiting.add(entity_id)
        elif entity_id in waiting:
            ours.discard(event_id)
    return [event for event in claimed if event.id in ours]


def _mark_published(event_ids: Sequence[str]) -> None:
    db.session.execute(
        update(OutboxEvent)
        .where(OutboxEvent.id.in_(event_ids))
        .values(published_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _relay_batch(publisher: broker.Publisher, batch_size: int) -> tuple[int, bool]:
    """Publish one claimed batch and mark what the broker confirmed, in one transaction.
    Returns how many were published, and whether there may be more to claim."""
    try:
        claimed = _claim(batch_size)
    except Exception:
        db.session.rollback()
        raise
    confirmed: list[str] = []
    try:
        for event in claimed:
            publisher.publish(event)
            confirmed.append(event.id)
    finally:
        # What the broker confirmed is marked even when a later event fails, so it is not
        # sent again; the rest stays unpublished for the next run.
        if confirmed:
            _mark_published(confirmed)
        db.session.commit()
    return len(confirmed), len(claimed) > 0


def relay_events(*, max_seconds: float | None = None, connect_retries: int = 3) -> int:
    """Publish waiting events, batch after batch, until none is left (or `max_seconds` have
    passed). Returns how many were published. Raises broker.BrokerUnavailable when the broker
    cannot be reached or fails part way: what was confirmed stays published, the rest waits."""
    global _unset_logged
    config = current_app.config["APP_CONFIG"]
    if not config.events_broker_url:
        if not _unset_logged:
            log.warning(UNSET)
            _unset_logged = True
        return 0
    if not _has_unpublished():
        return 0
    started, published = time.monotonic(), 0
    with broker.publisher(
        config.events_broker_url, config.events_exchange, connect_retries
    ) as publisher:
        while True:
            count, more = _relay_batch(publisher, config.events_relay_batch_size)
            published += count
            out_of_time = max_seconds is not None and time.monotonic() - started > max_seconds
            if not more or out_of_time:
                break
    if published:
        log.info(f"Published {published} domain events to {config.events_exchange}")
    return published
