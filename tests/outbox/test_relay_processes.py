"""Real relay processes: one killed between publishing and marking loses nothing, and two at
once on PostgreSQL send every event once, each entity's in order."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.outbox.catalogue import TENURE_UPDATED
from app.outbox.events import record_event
from app.outbox.models import OutboxEvent
from tests.outbox.conftest import events_held_back

ROOT = Path(__file__).resolve().parents[2]

# A relay whose marking, after the broker confirmed, never comes: it says which events it
# published and waits to be killed.
PAUSES_BEFORE_MARKING = """
import time
from app import create_app
from app.outbox import relay

def pause(event_ids):
    print("published", *event_ids, flush=True)
    time.sleep(120)

relay._mark_published = pause
with create_app().app_context():
    relay.relay_events()
"""

# A relay that starts up, says so, and waits for a line on its input before relaying, so that
# two can be set off at the same moment.
STARTS_ON_CUE = """
import sys
from app import create_app
from app.outbox import relay

with create_app().app_context():
    print("ready", flush=True)
    sys.stdin.readline()
    print(relay.relay_events(), flush=True)
"""


@pytest.fixture
def relay_env(app, events_broker, database_url):
    """The environment of a relay process on the test's database and exchange."""
    config = app.config["APP_CONFIG"]
    return {
        **os.environ,
        "APP_ENV": "test",
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": database_url,
        "EVENTS_BROKER_URL": config.events_broker_url,
        "EVENTS_EXCHANGE": config.events_exchange,
    }


def _relay_command(env: dict, **changes) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 (our own command line)
        [sys.executable, "-m", "flask", "--app", "wsgi", "outbox", "relay"],
        cwd=ROOT,
        env={**env, **changes},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _python(script: str, env: dict, **options) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 (our own command line)
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def _read_line(process: subprocess.Popen, timeout: float = 30) -> str:
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    if not selector.select(timeout):
        process.kill()
        pytest.fail(f"the relay said nothing in {timeout} s: {process.stderr.read()}")
    return process.stdout.readline()


def _event(entity_id: str, number: int) -> OutboxEvent:
    return record_event(
        TENURE_UPDATED, entity_id=entity_id, old_data={}, new_data={"paymentReference": number}
    )


def _published(event_id: str) -> bool:
    db.session.expire_all()
    return db.session.get(OutboxEvent, event_id).published_at is not None


def test_a_relay_killed_after_publishing_sends_the_event_again(app, relay_env, events_broker):
    with events_held_back(app):
        event = _event("tenure-1", 1)
        db.session.commit()
    paused = _python(PAUSES_BEFORE_MARKING, relay_env)
    try:
        assert _read_line(paused).split() == ["published", event.id]
        [first] = events_broker.received(at_least=1)
    finally:
        os.kill(paused.pid, signal.SIGKILL)
        paused.wait()
    assert paused.returncode == -signal.SIGKILL
    assert not _published(event.id)

    restarted = _relay_command(relay_env)
    output, errors = restarted.communicate(timeout=60)
    assert restarted.returncode == 0, errors
    assert output == "Published 1 events.\n"

    [again] = events_broker.received(at_least=1)
    assert again.properties["message_id"] == first.properties["message_id"] == event.id
    assert again.body == first.body
    assert _published(event.id)


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="Two relays at once need PostgreSQL's row locks (SQLite runs one relay)",
)
def test_two_relays_at_once_send_every_event_once_in_order_per_entity(
    app, relay_env, events_broker
):
    entities, per_entity = 6, 60
    with events_held_back(app):
        for number in range(per_entity):
            for entity in range(entities):
                _event(f"tenure-{entity}", number)
            db.session.commit()
    expected = {
        entity: [event.id for event in _events_of(entity)]
        for entity in (f"tenure-{n}" for n in range(entities))
    }

    # Small batches, so that the two take turns many times.
    env = {**relay_env, "EVENTS_RELAY_BATCH_SIZE": "5"}
    relays = [_python(STARTS_ON_CUE, env, stdin=subprocess.PIPE) for _ in range(2)]
    for process in relays:
        assert _read_line(process) == "ready\n"
    for process in relays:
        process.stdin.write("go\n")
        process.stdin.flush()
    published = []
    for process in relays:
        output, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors
        published.append(int(output))

    total = entities * per_entity
    assert sum(published) == total, published  # none sent twice: none marked twice
    assert min(published) > 0, published  # both did take part
    messages = events_broker.received(at_least=total, timeout=10)
    assert len(messages) == total
    arrived = defaultdict(list)
    for message in messages:
        body = json.loads(message.body)
        assert message.properties["message_id"] == body["id"]
        arrived[body["entityId"]].append(body["id"])
    assert arrived == expected
    print(f"relays published {published[0]} and {published[1]} of {total} events")


def _events_of(entity_id: str) -> list[OutboxEvent]:
    query = select(OutboxEvent).where(OutboxEvent.entity_id == entity_id)
    return list(db.session.scalars(query.order_by(OutboxEvent.date_time)))


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="Row locks are PostgreSQL's",
)
def test_a_relay_leaves_an_entity_whose_older_event_another_relay_holds(app):
    """Relay A holds tenure-1's first event; relay B may send tenure-2's events, but none of
    tenure-1's until A has finished, even those A did not claim."""
    from app.outbox import relay

    first = _event("tenure-1", 1)
    _event("tenure-1", 2)
    others = [_event("tenure-2", number) for number in (1, 2)]
    db.session.commit()

    assert [event.id for event in relay._claim(1)] == [first.id]  # A, holding it until commit
    try:
        with app.app_context():  # B: another session, another connection
            started = time.monotonic()
            claimed = relay._claim(10)
            assert time.monotonic() - started < 1  # skipped, not waited for
            assert [event.id for event in claimed] == [event.id for event in others]
            db.session.rollback()
    finally:
        db.session.rollback()
