"""docs/events_consumer.py, the example for partners, handles each event once although the
relay sends it twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kombu import Connection, Exchange, Queue
from sqlalchemy import update

from app.extensions import db
from app.outbox import relay
from app.outbox.models import OutboxEvent
from tests.outbox.test_relay import _events

EXAMPLE = Path(__file__).resolve().parents[2] / "docs/events_consumer.py"


def test_the_example_consumer_drops_a_second_copy(events_broker, make_tenure, tmp_path):
    queue = f"{events_broker.exchange}.example"

    def consume() -> list[str]:
        finished = subprocess.run(  # noqa: S603 (our own command line)
            [sys.executable, str(EXAMPLE), "--url", events_broker.url]
            + ["--exchange", events_broker.exchange, "--queue", queue, "--bind", "tenure.*"]
            + ["--seen", str(tmp_path / "seen.sqlite3"), "--idle-exit", "1"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert finished.returncode == 0, finished.stderr
        return finished.stdout.splitlines()

    try:
        assert consume() == []  # its queue is made and bound; nothing has been sent yet
        make_tenure()
        [event] = _events()
        relay.relay_events()
        # The relay sends it again, as it would after being killed before marking it.
        db.session.execute(update(OutboxEvent).values(published_at=None))
        db.session.commit()
        relay.relay_events()

        assert consume() == [
            f"tenure.TenureCreatedEvent {event.entity_id} {event.id}",
            f"duplicate {event.id}",
        ]
    finally:
        with Connection(events_broker.url) as connection:
            Queue(queue, Exchange(events_broker.exchange))(connection.channel()).delete()
