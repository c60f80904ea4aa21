"""The event broker, RabbitMQ, behind this one module: a connection whose every publish waits
for the broker's confirm, so that a message it has not confirmed is never counted as sent.

kombu on py-amqp (Celery's own client): its `confirm_publish` transport option puts the channel
in confirm mode and makes each publish wait for the broker's ack, raising on a nack.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from amqp.exceptions import AMQPError, MessageNacked
from kombu import Connection, Exchange, Producer
from kombu.exceptions import KombuError

from app.correlation import HEADER as CORRELATION_HEADER
from app.outbox import catalogue
from app.outbox.models import OutboxEvent

# How long to wait for the broker to accept a connection, and then to confirm one message.
CONNECT_TIMEOUT_SECONDS = 5
CONFIRM_TIMEOUT_SECONDS = 10
PERSISTENT = 2  # AMQP delivery mode: written to disk by the broker, survives its restart


# What a broker that is down, drops the connection, refuses a message or does not confirm it
# in time raises (a timeout is an OSError).
FAILURES = (KombuError, AMQPError, MessageNacked, OSError)


class BrokerUnavailable(Exception):
    """The broker could not be reached, dropped the connection, or refused a message."""


def routing_key(event: OutboxEvent) -> str:
    return catalogue.routing_key(event.source_domain, event.event_type)


def body(event: OutboxEvent) -> bytes:
    """The event exactly as /docs/asyncapi describes it, as UTF-8 JSON."""
    return json.dumps(event.message(), ensure_ascii=False).encode("utf-8")


class Publisher:
    def __init__(self, connection: Connection, exchange_name: str):
        self._exchange = Exchange(exchange_name, type="topic", durable=True)
        self._producer = Producer(connection.channel(), exchange=self._exchange)
        # Declaring an exchange that exists with the same settings is harmless, so every
        # connection does it: a new broker needs no set-up.
        self._exchange(self._producer.channel).declare()

    def publish(self, event: OutboxEvent) -> None:
        """Returns once the broker has confirmed the message; raises BrokerUnavailable if it
        refused it or the connection failed."""
        try:
            self._producer.publish(
                body(event),
                routing_key=routing_key(event),
                content_type="application/json",
                content_encoding="utf-8",
                delivery_mode=PERSISTENT,
                message_id=event.id,
                correlation_id=event.correlation_id,
                headers={CORRELATION_HEADER: event.correlation_id},
                type=event.event_type,
                app_id=event.source_system,
                timestamp=int(event.date_time.timestamp()),
                retry=False,
                confirm_timeout=CONFIRM_TIMEOUT_SECONDS,
            )
        except FAILURES as error:
            message = f"The events broker did not confirm event {event.id}: {error!r}"
            raise BrokerUnavailable(message) from error


@contextmanager
def publisher(url: str, exchange_name: str, connect_retries: int = 3) -> Iterator[Publisher]:
    """A confirming publisher on a new connection, closed afterwards. Connecting is tried
    `connect_retries` more times, waiting longer each time (0.5 s, 1 s, 1.5 s... at most 5 s);
    a relay that still cannot connect gives up, and its next run tries again."""
    connection = Connection(
        url,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        transport_options={"confirm_publish": True},
    )
    try:
        try:
            connection.ensure_connection(
                max_retries=connect_retries,
                interval_start=0.5,
                interval_step=0.5,
                interval_max=5,
            )
            events = Publisher(connection, exchange_name)
        except FAILURES as error:
            raise BrokerUnavailable(f"The events broker cannot be reached: {error!r}") from error
        yield events
    finally:
        connection.release()
