"""The periodic sweep (in BEAT_SCHEDULE): rows still pending a while after they were last
tried are queued again, so a message lost with a broker, a task asked for while the broker was
down, or retries that ran out, still end in the work being done (once: tasks are idempotent)."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from app.db_types import utcnow
from app.jobs.celery_app import celery_app
from app.jobs.kinds import job_kinds


@celery_app.task(name="jobs.requeue_pending")
def requeue_pending() -> dict[str, int]:
    minutes = current_app.config["APP_CONFIG"].requeue_pending_after_minutes
    untouched_since = utcnow() - timedelta(minutes=minutes)
    return {name: kind.requeue_stale(untouched_since) for name, kind in job_kinds().items()}
