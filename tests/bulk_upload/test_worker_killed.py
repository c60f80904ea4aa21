"""A real worker process killed (SIGKILL) mid-file, then a new one started: the job finishes
where the first stopped, and no log is made twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from sqlalchemy import func, select

from app.bulk_upload import jobs, service, tasks
from app.bulk_upload.models import CHECKING, DONE, BulkUpload, BulkUploadRow
from app.db_types import utcnow
from app.extensions import db
from app.formkit.models import FormRecord
from tests.bulk_upload.conftest import csv_bytes

ROOT = Path(__file__).resolve().parents[2]
ROWS = 3000


def start_worker(database_url: str, broker_url: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "APP_ENV": "test",
        "SECRET_KEY": "worker-test",
        "DATABASE_URL": database_url,
        "BROKER_URL": broker_url,
        # This checkout's app, not the one the shared virtualenv was installed from.
        "PYTHONPATH": str(ROOT),
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    command = [sys.executable, "-m", "celery", "-A", "app.jobs.worker", "worker"]
    command += ["--pool=solo", "--loglevel=WARNING", "--without-gossip", "--without-mingle"]
    return subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


def upload_state(upload_id: int) -> BulkUpload:
    db.session.remove()
    return db.session.get(BulkUpload, upload_id)


def wait_for(condition, upload_id: int, seconds: float, log: Path) -> BulkUpload:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        upload = upload_state(upload_id)
        if condition(upload):
            return upload
        time.sleep(0.02)
    pytest.fail(f"the worker did not get there in {seconds}s:\n{log.read_text()[-3000:]}")


def test_a_worker_killed_mid_file_is_restarted_and_the_job_finishes_once(
    app, database_url, tmp_path, uploader, make_rows, monkeypatch
):
    broker_url = f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
    sender = Celery(broker=broker_url)
    log = tmp_path / "worker.log"
    monkeypatch.setattr(tasks, "queue", lambda upload_id: None)  # sent to the broker below
    upload_id = service.start(uploader, "big.csv", csv_bytes(make_rows(ROWS))).id

    first = start_worker(database_url, broker_url, log)
    try:
        sender.send_task("bulk_upload.run", args=[upload_id])
        wait_for(lambda u: u.rows_checked > 0, upload_id, 120, log)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        first.kill()
    killed = upload_state(upload_id)
    assert killed.status == CHECKING
    assert 0 < killed.rows_checked < ROWS, "killed mid-file"

    second = start_worker(database_url, broker_url, log)
    try:
        # What the periodic sweep does for an upload no worker is moving on.
        stale = jobs.stale_uploads(utcnow())
        db.session.commit()
        assert stale == [upload_id]
        for stale_id in stale:
            sender.send_task("bulk_upload.run", args=[stale_id])
        done = wait_for(lambda u: u.status == DONE, upload_id, 180, log)
    finally:
        second.kill()
        second.wait(timeout=30)
    assert (done.rows_checked, done.logs_created) == (ROWS, ROWS)
    rows = db.session.scalar(
        select(func.count()).select_from(BulkUploadRow).where(BulkUploadRow.upload_id == upload_id)
    )
    logs = db.session.scalar(select(func.count()).select_from(FormRecord))
    codes = db.session.scalar(
        select(func.count(func.distinct(FormRecord.answers["tenant_code"].as_string())))
    )
    assert (rows, logs, codes) == (ROWS, ROWS, ROWS)
