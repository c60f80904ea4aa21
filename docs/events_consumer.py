"""An example consumer of the housing forms service's domain events, for partners.

It binds a durable queue of its own to the service's topic exchange, and handles each event
once: delivery is at least once, so the same event (the same AMQP `message_id`) can arrive
twice, for example after the service's relay was stopped between publishing and recording that
it had. The ids handled are kept in a SQLite file, so a restart still recognises them.

    pip install 'kombu>=5.7,<6'
    python docs/events_consumer.py --url amqp://guest:guest@127.0.0.1:5672// \\
        --queue my-service.tenures --bind 'tenure.*'

One queue, consumed one message at a time (prefetch 1) and acknowledged after handling, keeps
one entity's events in the order the service committed them. The message body is the event as
the service's /docs/asyncapi describes it.
"""

from __future__ import annotations

import argparse
import os
import sqlite3

from kombu import Connection, Exchange, Queue


class SeenIds:
    """The message ids already handled, kept on disk."""

    def __init__(self, path: str):
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS seen (message_id TEXT PRIMARY KEY)")

    def __contains__(self, message_id: str) -> bool:
        found = self.db.execute("SELECT 1 FROM seen WHERE message_id = ?", (message_id,))
        return found.fetchone() is not None

    def add(self, message_id: str) -> None:
        with self.db:
            self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (message_id,))


def handle(event: dict, routing_key: str) -> None:
    """Your work goes here. Make it safe to repeat too if you can: the service sends an event
    again if it cannot tell that the broker received it."""
    print(f"{routing_key} {event['entityId']} {event['id']}", flush=True)


def consume(args: argparse.Namespace) -> None:
    seen = SeenIds(args.seen)
    exchange = Exchange(args.exchange, type="topic", durable=True)
    queue = Queue(args.queue, durable=True, auto_delete=False)

    def on_message(body, message):
        message_id = message.properties.get("message_id")
        if message_id in seen:
            print(f"duplicate {message_id}", flush=True)
        else:
            handle(body, message.delivery_info["routing_key"])
            seen.add(message_id)
        # Acknowledged only once handled: stopped before this, the broker delivers it again.
        message.ack()

    with Connection(args.url) as connection:
        channel = connection.channel()
        exchange(channel).declare()
        bound = queue(channel)
        bound.declare()
        for pattern in args.bind:
            bound.bind_to(exchange=exchange, routing_key=pattern)
        # kombu decodes the JSON body (content type application/json) into a dict.
        with connection.Consumer(bound, callbacks=[on_message], accept=["json"], prefetch_count=1):
            while True:
                try:
                    connection.drain_events(timeout=args.idle_exit or None)
                except TimeoutError:
                    return  # --idle-exit: nothing arrived for that long


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("EVENTS_BROKER_URL"), required=False)
    parser.add_argument("--exchange", default="housing-forms.events")
    parser.add_argument("--queue", required=True, help="Your queue's name (durable).")
    parser.add_argument(
        "--bind", action="append", help="A routing key pattern (repeatable). Default: #"
    )
    parser.add_argument("--seen", default="seen-events.sqlite3", help="Where handled ids are kept.")
    parser.add_argument(
        "--idle-exit", type=float, default=0, help="Stop after this many seconds with no message."
    )
    args = parser.parse_args()
    if not args.url:
        parser.error("give --url or set EVENTS_BROKER_URL")
    args.bind = args.bind or ["#"]
    consume(args)


if __name__ == "__main__":
    main()
