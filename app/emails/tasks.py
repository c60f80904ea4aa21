"""The Celery task that sends one email. Idempotent: see app/emails/delivery.py."""

from __future__ import annotations

import random

from flask import current_app

from app.emails.delivery import Outcome, deliver
from app.jobs.celery_app import celery_app

# Retries by the task itself, with backoff; after them the sweep queues a pending row again.
MAX_RETRIES = 6
LONGEST_WAIT_SECONDS = 600


@celery_app.task(name="emails.send", bind=True, max_retries=MAX_RETRIES)
def send_email_task(self, email_id: str) -> str:
    outcome = deliver(email_id)
    # Run inline (tests), a failed attempt is not retried at once: the row stays pending for
    # the sweep, so each queueing makes exactly one attempt.
    eager = self.request.is_eager
    if outcome is Outcome.RETRY and not eager and self.request.retries < self.max_retries:
        raise self.retry(countdown=backoff_seconds(self.request.retries))
    return outcome.value


def backoff_seconds(retries: int) -> float:
    """Doubling from JOB_RETRY_BACKOFF_SECONDS, with jitter so that a burst of failures does
    not come back as one burst."""
    base = current_app.config["APP_CONFIG"].job_retry_backoff_seconds
    wait = min(base * 2**retries, LONGEST_WAIT_SECONDS)
    return wait * random.uniform(0.8, 1.2)  # noqa: S311 - not a secret
