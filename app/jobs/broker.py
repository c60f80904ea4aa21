"""What the health check says about the broker: its kind (never its address or password) and
whether it answers, within a couple of seconds."""

from __future__ import annotations

import logging

from sqlalchemy import text

from app.config import Config
from app.jobs.celery_app import celery_app

log = logging.getLogger("housing_forms.jobs")

BROKER_UNAVAILABLE = (
    "The broker cannot be reached: background work (emails) waits in the database, and is "
    "queued again once it can"
)


def broker_kind(config: Config) -> str:
    """The broker's kind: "embedded" (kombu's SQLAlchemy transport on SQLite), "eager" (no
    broker: tasks run inline), or the URL's scheme: redis, amqp..."""
    if config.celery_task_always_eager:
        return "eager"
    if not config.broker_url:
        return "embedded"
    return config.broker_url.partition("://")[0]


def broker_status(config: Config) -> str:
    """Whether it answers: "ok" or "unavailable"; "eager" when there is no broker."""
    if config.celery_task_always_eager:
        return "eager"
    try:
        with celery_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
            channel = connection.default_channel
            if hasattr(channel, "session"):  # the embedded broker connects lazily
                channel.session.execute(text("SELECT 1"))
                channel.session.rollback()
            elif hasattr(channel, "client") and hasattr(channel.client, "ping"):
                channel.client.ping()
    except Exception:
        log.exception("Health check could not reach the broker")
        return "unavailable"
    return "ok"
