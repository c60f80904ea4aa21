"""The relay's task in the worker: a broker that is down is logged, never raised, and each
worker process then waits longer and longer before trying again."""

from __future__ import annotations

import logging

import pytest

from app.observability import LOGGER_NAME
from app.outbox import tasks
from app.outbox.models import OutboxEvent
from tests.outbox.conftest import events_held_back


@pytest.fixture
def fresh_backoff(monkeypatch):
    backoff = tasks.Backoff()
    monkeypatch.setattr(tasks, "_backoff", backoff)
    return backoff


def test_a_worker_waits_longer_after_each_failure_up_to_a_minute():
    backoff = tasks.Backoff(first=1, longest=60)
    assert backoff.ready()
    assert [backoff.failed() for _ in range(8)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert not backoff.ready()
    backoff.succeeded()
    assert backoff.ready()


def test_a_broker_that_is_down_is_logged_and_tried_again_only_after_a_wait(
    app, make_tenure, refused_broker_url, monkeypatch, caplog, fresh_backoff
):
    with events_held_back(app):
        make_tenure()
    monkeypatch.setattr(app.config["APP_CONFIG"], "events_broker_url", refused_broker_url)
    caplog.set_level(logging.WARNING, logger=LOGGER_NAME)
    caplog.clear()

    assert tasks.relay_events_task.run() == 0  # as a worker runs it: not eagerly
    [warning] = caplog.records
    assert "cannot be reached" in warning.getMessage()
    assert "tries again in 1.0 s" in warning.getMessage()

    assert tasks.relay_events_task.run() == 0  # within the wait: not tried, not logged
    assert len(caplog.records) == 1
    assert OutboxEvent.query.one().published_at is None


def test_a_run_that_publishes_ends_the_wait(app, events_broker, make_tenure, fresh_backoff):
    with events_held_back(app):
        make_tenure()
    assert tasks.relay_events_task.run() == 1
    assert fresh_backoff.ready() and fresh_backoff.wait == 0


def test_the_worker_deletes_old_published_events(app):
    assert tasks.delete_published_events_task.run() == 0


def test_the_tasks_are_registered_and_scheduled():
    from app.jobs.celery_app import BEAT_SCHEDULE, celery_app

    assert {"outbox.relay", "outbox.delete_published"} <= set(celery_app.tasks)
    scheduled = {entry["task"]: entry["schedule"] for entry in BEAT_SCHEDULE.values()}
    assert scheduled["outbox.relay"] <= 5
    assert scheduled["outbox.delete_published"] <= 24 * 3600
