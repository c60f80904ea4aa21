"""The relay in the worker: a run right after every commit that recorded events, another on a
short schedule (in case a queued run was lost), and the daily deletion of old published events.

While the events broker is down, a worker process waits longer and longer between its tries
(1 s, 2 s, 4 s ... at most a minute) rather than spend every worker slot waiting on
connections that will fail. That wait is per process and only a hint: the outbox rows are the
truth, and whichever process tries next publishes them.
"""

from __future__ import annotations

import time

from flask import current_app

from app.jobs.after_commit import queue_after_commit
from app.jobs.celery_app import celery_app
from app.observability import log
from app.outbox.broker import BrokerUnavailable
from app.outbox.relay import relay_events
from app.outbox.retention import delete_published_events

# A run publishes for at most this long, then leaves the rest to the next run, so that one
# task never holds a worker slot for good under a steady stream of events.
RUN_SECONDS = 20
# A queued run not started within this long is dropped: a later one does its work.
EXPIRES_SECONDS = 60


class Backoff:
    def __init__(self, first: float = 1.0, longest: float = 60.0):
        self.first, self.longest = first, longest
        self.wait, self.until = 0.0, 0.0

    def ready(self) -> bool:
        return time.monotonic() >= self.until

    def failed(self) -> float:
        self.wait = min(max(self.wait * 2, self.first), self.longest)
        self.until = time.monotonic() + self.wait
        return self.wait

    def succeeded(self) -> None:
        self.wait, self.until = 0.0, 0.0


_backoff = Backoff()


@celery_app.task(name="outbox.relay", bind=True)
def relay_events_task(self) -> int:
    """Publish what waits in the outbox. Never raises: a broker that is down is logged, and
    the events wait for the next run."""
    # Run inline (the tests) there are no worker slots to protect: always try.
    if not self.request.is_eager and not _backoff.ready():
        return 0
    try:
        published = relay_events(max_seconds=RUN_SECONDS, connect_retries=1)
    except BrokerUnavailable as error:
        wait = _backoff.failed()
        log.warning(f"{error}. The events wait in the outbox; this worker tries again in {wait} s")
        return 0
    _backoff.succeeded()
    return published


@celery_app.task(name="outbox.delete_published")
def delete_published_events_task() -> int:
    return delete_published_events()


def relay_after_commit() -> None:
    """Queue a relay run for when the current transaction commits, if events are published
    at all (with EVENTS_BROKER_URL unset they wait, and a run would do nothing)."""
    if current_app.config["APP_CONFIG"].events_broker_url:
        queue_after_commit(lambda: relay_events_task.apply_async(expires=EXPIRES_SECONDS))
