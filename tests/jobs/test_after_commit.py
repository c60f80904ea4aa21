"""Tasks are queued after the transaction that asked for them commits, and never fail it."""

import logging
import time

from app.emails.models import PENDING, SENT
from app.emails.outbox import send_email
from app.extensions import db
from app.jobs.after_commit import queue_after_commit
from app.jobs.celery_app import init_celery
from app.jobs.sweep import requeue_pending
from tests.emails.helpers import emails_to


def test_a_callable_runs_after_commit_and_only_then(app):
    ran = []
    queue_after_commit(ran.append, "first")
    queue_after_commit(lambda: ran.append("second"))
    db.session.flush()
    assert ran == []
    db.session.commit()
    assert ran == ["first", "second"]
    db.session.commit()
    assert ran == ["first", "second"]  # once


def test_nothing_runs_after_a_rollback_or_a_close(app):
    ran = []
    queue_after_commit(ran.append, "rolled back")
    db.session.rollback()
    queue_after_commit(ran.append, "closed")
    db.session.close()
    db.session.commit()
    assert ran == []


def test_a_failure_to_queue_is_logged_not_raised(app, caplog):
    def broker_down():
        raise ConnectionError("no broker")

    queue_after_commit(broker_down)
    ran = []
    queue_after_commit(ran.append, "still runs")
    db.session.commit()
    assert ran == ["still runs"]
    assert "the sweep will retry it" in caplog.text


def test_with_the_broker_down_the_email_waits_for_the_sweep(app, make_app, caplog):
    """The request that asked for it is not held up or failed; the row is sent later."""
    caplog.set_level(logging.ERROR)
    down = make_app(celery_task_always_eager=False, broker_url="redis://127.0.0.1:1/11")
    try:
        with down.app_context():
            started = time.monotonic()
            send_email("someone@example.com", "password_reset", {"link": "x"})
            db.session.commit()
            assert time.monotonic() - started < 5
            db.session.remove()
            db.engine.dispose()
    finally:
        init_celery(app)
    assert "Could not queue a task after commit" in caplog.text
    [email] = emails_to("someone@example.com")
    assert email.status == PENDING and email.attempts == 0

    app.config["APP_CONFIG"].requeue_pending_after_minutes = 0
    try:
        requeue_pending.delay()
    finally:
        app.config["APP_CONFIG"].requeue_pending_after_minutes = 5
    assert emails_to("someone@example.com")[0].status == SENT
