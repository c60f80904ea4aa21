"""End to end: a real Celery worker process takes emails from a real broker and sends them to
the fake Notify over HTTP. On PostgreSQL (as CI's PostgreSQL pass) the broker is the machine's
Redis, in a database number of its own; on SQLite it is the embedded broker, a SQLite file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from app.emails.models import SENT, Email
from app.emails.outbox import send_email
from app.emails.tasks import send_email_task
from app.extensions import db
from app.jobs.celery_app import init_celery
from tests.fake_notify import TEMPLATE_IDS

REDIS_URL = os.environ.get("TEST_REDIS_BROKER_URL", "redis://127.0.0.1:6379/11")
ROOT = Path(__file__).resolve().parents[2]


def _broker_url(database_url: str) -> str:
    if database_url.startswith("postgres"):
        return REDIS_URL
    return ""  # the embedded broker, beside the database


def _flush(broker_url: str) -> None:
    if broker_url.startswith("redis"):
        redis.Redis.from_url(broker_url).flushdb()


@pytest.fixture
def worker(app, make_app, database_url, fake_notify):
    """A worker process (2 processes in its pool) and an app that queues work for it."""
    broker_url = _broker_url(database_url)
    _flush(broker_url)
    environment = {
        **os.environ,
        "APP_ENV": "test",
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": database_url,
        "BROKER_URL": broker_url,
        "NOTIFY_API_KEY": fake_notify.config()["notify_api_key"],
        "NOTIFY_BASE_URL": fake_notify.base_url,
        "NOTIFY_TIMEOUT_SECONDS": "2",
        "JOB_RETRY_BACKOFF_SECONDS": "0.2",
        **{f"NOTIFY_TEMPLATE_{key.upper()}": value for key, value in TEMPLATE_IDS.items()},
    }
    command = [sys.executable, "-m", "celery", "-A", "app.jobs.worker", "worker"]
    command += ["--concurrency", "2", "--loglevel", "INFO", "--without-gossip"]
    command += ["--without-mingle", "--without-heartbeat"]
    process = subprocess.Popen(  # noqa: S603 - our own worker
        command,
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    queueing = make_app(
        celery_task_always_eager=False, broker_url=broker_url, **fake_notify.config()
    )
    try:
        with queueing.app_context():
            yield process
            db.session.remove()
            db.engine.dispose()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
        init_celery(app)
        _flush(broker_url)
    if process.returncode not in (0, -signal.SIGTERM):
        print(output.decode(errors="replace"))


def _wait_for(condition, seconds: float = 15, process=None) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if process is not None and process.poll() is not None:
            pytest.fail(f"the worker stopped: {process.stdout.read().decode(errors='replace')}")
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_worker_process_sends_each_email_once_through_outages(worker, fake_notify):
    # Asked for; the worker sends it.
    first = send_email("one@example.com", "password_reset", {"link": "http://x/1"})
    db.session.commit()
    _wait_for(lambda: fake_notify.emails_to("one@example.com"), process=worker)

    # Notify fails twice (a 500, then a 429): the worker retries with backoff.
    fake_notify.fail_next(500)
    fake_notify.fail_next(429)
    send_email("two@example.com", "password_reset", {"link": "http://x/2"})
    db.session.commit()
    _wait_for(lambda: fake_notify.emails_to("two@example.com"), process=worker)

    # Notify is down when it is asked for, and comes back: it arrives exactly once.
    fake_notify.stop()
    third = send_email("three@example.com", "password_reset", {"link": "http://x/3"})
    db.session.commit()
    _wait_for(lambda: db.session.get(Email, third.id, populate_existing=True).attempts >= 1)
    fake_notify.start()
    _wait_for(lambda: fake_notify.emails_to("three@example.com"), process=worker)

    # The same email queued again (a duplicate message) is not sent again.
    for _ in range(3):
        send_email_task.delay(first.id)
    send_email("four@example.com", "password_reset", {"link": "http://x/4"})
    db.session.commit()
    _wait_for(lambda: fake_notify.emails_to("four@example.com"), process=worker)

    def all_sent():
        statuses = db.session.scalars(
            db.select(Email.status).execution_options(populate_existing=True)
        ).all()
        return statuses == [SENT] * 4

    _wait_for(all_sent)
    time.sleep(0.5)  # time for a duplicate to arrive, were one sent
    references = [email.reference for email in fake_notify.emails]
    assert len(references) == len(set(references)) == 4
