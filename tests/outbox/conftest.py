"""Tenures make real events; a real RabbitMQ receives them.

The broker is TEST_EVENTS_BROKER_URL (default: the machine's RabbitMQ on 127.0.0.1:5672, its
default vhost). Each test publishes to an exchange of its own, which a queue of its own
subscribes to with `#`; both are deleted afterwards, so runs and tests never see each other's
messages.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from kombu import Connection, Exchange, Queue

from tests.tenures.conftest import make_tenure, seed_tenure, staff  # noqa: F401 (fixtures)

BROKER_URL = os.environ.get("TEST_EVENTS_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")


class Subscriber:
    """A queue bound to every routing key of the test's exchange, as a partner's would be."""

    def __init__(self, url: str, exchange: str):
        self.url, self.exchange = url, exchange
        self.connection = Connection(url, connect_timeout=5)
        self.queue = Queue(
            f"{exchange}.everything",
            Exchange(exchange, type="topic", durable=True),
            routing_key="#",
        )
        self.queue(self.connection.default_channel).declare()

    def received(self, at_least: int = 0, timeout: float = 5.0) -> list:
        """Every message waiting in the queue (acknowledged), after waiting until there are
        `at_least` of them or `timeout` seconds have passed."""
        import time

        messages, deadline = [], time.monotonic() + timeout
        bound = self.queue(self.connection.default_channel)
        while True:
            message = bound.get(no_ack=True)
            if message is not None:
                messages.append(message)
                continue
            if len(messages) >= at_least or time.monotonic() > deadline:
                return messages
            time.sleep(0.05)

    def close(self) -> None:
        channel = self.connection.default_channel
        self.queue(channel).delete()
        Exchange(self.exchange)(channel).delete()
        self.connection.release()


def _broker_reachable(url: str) -> bool:
    connection = Connection(url, connect_timeout=2)
    try:
        connection.ensure_connection(max_retries=0)
        return True
    except Exception:  # any failure means: not here
        return False
    finally:
        connection.release()


@pytest.fixture
def events_broker(app, monkeypatch) -> Iterator[Subscriber]:
    """Point the app's relay at the test broker, on an exchange of this test's own, and
    subscribe to all of it."""
    if not _broker_reachable(BROKER_URL):
        pytest.skip(f"RabbitMQ is not reachable at {BROKER_URL}")
    exchange = f"housing-forms-test-{uuid.uuid4().hex}"
    config = app.config["APP_CONFIG"]
    monkeypatch.setattr(config, "events_broker_url", BROKER_URL)
    monkeypatch.setattr(config, "events_exchange", exchange)
    subscriber = Subscriber(BROKER_URL, exchange)
    yield subscriber
    subscriber.close()


@pytest.fixture
def refused_broker_url() -> str:
    """An AMQP address where nothing listens: the connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"amqp://guest:guest@127.0.0.1:{port}//"


@contextmanager
def events_held_back(app) -> Iterator[None]:
    """Events committed inside wait in the outbox, as if the broker had been unset: no relay
    run follows their commit, so that the test can relay the backlog itself."""
    config = app.config["APP_CONFIG"]
    url, config.events_broker_url = config.events_broker_url, ""
    try:
        yield
    finally:
        config.events_broker_url = url
