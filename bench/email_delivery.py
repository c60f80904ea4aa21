"""Email delivery: many emails asked for at once, sent by real worker processes to the fake
GOV.UK Notify on loopback.

A PostgreSQL database of its own (made if missing, wiped, migrated), Redis as the broker (a
database number of its own, flushed before and after), --workers Celery worker processes, and
the fake Notify of the tests (tests/fake_notify.py), serving in a process of its own. After a
warm-up, --emails emails are asked for in one transaction, as a feature would, and committed.
The report gives, for each email, the time from that commit to the fake Notify receiving it
(p50, p95, p99, the longest), the throughput, how many arrived and how many arrived more than
once, every row's status, and the workers' CPU per email. The baseline, measured in the same
run, is the same Notify client sending the same number of emails straight to the fake, one
after another, from this process: what one sender manages with no queue, database or worker.

Usage: .venv/bin/python bench/email_delivery.py [--emails 1000] [--workers 2]
       .venv/bin/python bench/email_delivery.py --emails 50 --fail-on-errors   # a smoke run
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this repository's app and tests, whatever is installed

import harness  # noqa: E402
import redis  # noqa: E402
from databases import PROTECTED_DATABASES, prepare_postgresql, shown  # noqa: E402
from harness import BenchError  # noqa: E402
from notifications_python_client.notifications import NotificationsAPIClient  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app import create_app  # noqa: E402
from app.config import Config  # noqa: E402
from app.emails.models import SENT, Email  # noqa: E402
from app.emails.outbox import send_email  # noqa: E402
from app.extensions import db  # noqa: E402
from tests.fake_notify import TEMPLATE_IDS, FakeNotify  # noqa: E402

DEFAULT_POSTGRESQL_URL = "postgresql://postgres@127.0.0.1:5432/email_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/11"
TARGET_P95_SECONDS = 2.0
WARMUP_EMAILS_PER_PROCESS = 3


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--emails", type=int, default=1000, help="emails asked for at once")
    parser.add_argument("--workers", type=int, default=2, help="Celery worker processes")
    parser.add_argument("--concurrency", type=int, default=8, help="tasks at once per worker")
    parser.add_argument(
        "--pool", default="threads", help="the workers' pool: threads (waits on I/O) or prefork"
    )
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for them")
    parser.add_argument(
        "--postgresql-url",
        default=os.environ.get("EMAIL_BENCH_DATABASE_URL", DEFAULT_POSTGRESQL_URL),
        help="its own database: wiped",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("EMAIL_BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        help="the broker: a Redis database number of its own (flushed)",
    )
    parser.add_argument(
        "--fail-on-errors",
        action="store_true",
        help="exit 3 unless every email arrived exactly once and every row is sent",
    )
    return parser.parse_args()


class FakeNotifyProcess:
    """The fake Notify in a process of its own, so that it and the process asking for the
    emails do not take turns on one interpreter lock."""

    def __init__(self):
        self._pipe, theirs = multiprocessing.Pipe()
        self._process = multiprocessing.get_context("fork").Process(
            target=_serve_fake, args=(theirs,), daemon=True
        )
        self._process.start()
        self.base_url, self._config = self._pipe.recv()

    def config(self) -> dict:
        return dict(self._config)

    def _ask(self, command: str):
        self._pipe.send(command)
        return self._pipe.recv()

    def received(self) -> list[tuple[str, float]]:
        """(reference, when it arrived) of every email received, in order."""
        return self._ask("emails")

    def clear(self) -> None:
        self._ask("clear")

    def stop(self) -> None:
        self._ask("stop")
        self._process.join(10)


def _serve_fake(pipe) -> None:
    fake = FakeNotify().start()
    pipe.send((fake.base_url, fake.config()))
    while True:
        command = pipe.recv()
        if command == "emails":
            pipe.send([(email.reference, email.received_at) for email in fake.emails])
        elif command == "clear":
            fake.emails.clear()
            pipe.send(None)
        else:
            fake.stop()
            pipe.send(None)
            return


def _start_workers(args, fake: FakeNotifyProcess) -> list[subprocess.Popen]:
    environment = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": "email-bench-secret-key",
        "DATABASE_URL": args.postgresql_url,
        "BROKER_URL": args.redis_url,
        "NOTIFY_API_KEY": fake.config()["notify_api_key"],
        "NOTIFY_BASE_URL": fake.base_url,
        "JOB_RETRY_BACKOFF_SECONDS": "0.5",
        "RATE_LIMIT_STORAGE_URL": "memory://",
        "PYTHONPATH": str(ROOT),
        **{f"NOTIFY_TEMPLATE_{key.upper()}": value for key, value in TEMPLATE_IDS.items()},
    }
    workers = []
    for number in range(args.workers):
        command = [sys.executable, "-m", "celery", "-A", "app.jobs.worker", "worker"]
        command += ["--pool", args.pool, "--concurrency", str(args.concurrency)]
        command += ["--loglevel", "WARNING"]
        command += ["-n", f"email-bench-{number}@%h", "--without-gossip", "--without-mingle"]
        command += ["--without-heartbeat"]
        workers.append(
            subprocess.Popen(  # noqa: S603 - our own worker
                command, cwd=ROOT, env=environment, start_new_session=True
            )
        )
    return workers


def _stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def _ask(count: int, prefix: str) -> tuple[list[str], float]:
    """`count` emails in one transaction; their ids, and when the commit began."""
    ids = [
        send_email(
            f"{prefix}-{number}@example.com", "password_reset", {"link": f"http://x/{number}"}
        ).id
        for number in range(count)
    ]
    committed_at = time.time()
    db.session.commit()
    return ids, committed_at


def _wait_for(fake: FakeNotifyProcess, ids: set[str], timeout: float, workers) -> None:
    deadline = time.monotonic() + timeout
    while len({reference for reference, _ in fake.received()} & ids) < len(ids):
        if any(worker.poll() is not None for worker in workers):
            raise BenchError("a worker stopped")
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)


def _cpu_seconds(workers: list[subprocess.Popen]) -> float | None:
    """CPU time the worker processes have used (Linux's /proc), or None elsewhere."""
    try:
        total = 0
        for worker in workers:
            fields = Path(f"/proc/{worker.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _baseline(fake: FakeNotifyProcess, count: int) -> float:
    """Emails per second from one client straight to the fake: no queue, no database."""
    config = fake.config()
    client = NotificationsAPIClient(config["notify_api_key"], base_url=fake.base_url)
    started = time.perf_counter()
    for number in range(count):
        client.send_email_notification(
            email_address=f"baseline-{number}@example.com",
            template_id=TEMPLATE_IDS["password_reset"],
            personalisation={"link": f"http://x/{number}"},
            reference=f"baseline-{number}",
        )
    return count / (time.perf_counter() - started)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def run(args) -> bool:
    if make_url(args.postgresql_url).database in PROTECTED_DATABASES:
        raise BenchError(f"refusing to wipe {shown(args.postgresql_url)}")
    prepare_postgresql(args.postgresql_url)
    broker = redis.Redis.from_url(args.redis_url)
    broker.flushdb()
    fake = FakeNotifyProcess()
    config = Config(
        environment="production",
        secret_key="email-bench-secret-key",  # noqa: S106 - a throwaway database
        database_url=args.postgresql_url,
        broker_url=args.redis_url,
        **fake.config(),
    )
    app = create_app(config)
    workers = _start_workers(args, fake)
    try:
        with app.app_context():
            # Warm-up: every pool process starts, connects and sends at least once or so.
            warmup = args.workers * args.concurrency * WARMUP_EMAILS_PER_PROCESS
            ids, _ = _ask(warmup, "warmup")
            _wait_for(fake, set(ids), args.timeout, workers)
            print(f"Warm-up: {warmup} emails sent", flush=True)
            fake.clear()

            print(f"Asking for {args.emails} emails in one transaction ...", flush=True)
            cpu_before = _cpu_seconds(workers)
            ids, committed_at = _ask(args.emails, "bench")
            queued_at = time.time()
            _wait_for(fake, set(ids), args.timeout, workers)
            cpu_after = _cpu_seconds(workers)
            time.sleep(1)  # time for a duplicate to arrive, were one sent
            received = [(ref, at) for ref, at in fake.received() if ref in set(ids)]
            statuses = Counter(
                db.session.execute(
                    select(Email.status, func.count())
                    .where(Email.id.in_(ids))
                    .group_by(Email.status)
                ).all()
            )
            statuses = {status: count for (status, count) in statuses}
    finally:
        _stop(workers)
        broker.flushdb()
    baseline = _baseline(fake, args.emails)
    fake.stop()

    first_arrival = {}
    for reference, arrived_at in received:
        first_arrival.setdefault(reference, arrived_at)
    latencies = [arrived - committed_at for arrived in first_arrival.values()]
    duplicates = len(received) - len(first_arrival)
    print()
    print(f"Database: {shown(args.postgresql_url)}; broker: Redis; Notify: fake on loopback")
    print(f"Workers: {args.workers} processes, {args.pool} pool of {args.concurrency} each")
    print(f"Emails asked for: {args.emails} (queued {queued_at - committed_at:.2f} s after commit)")
    print(f"Received: {len(first_arrival)}; duplicates: {duplicates}; rows: {statuses}")
    if latencies:
        span = max(latencies)
        print(
            "Commit to receipt: "
            f"p50 {_percentile(latencies, 50):.3f} s, p95 {_percentile(latencies, 95):.3f} s, "
            f"p99 {_percentile(latencies, 99):.3f} s, longest {span:.3f} s "
            f"(aim: p95 under {TARGET_P95_SECONDS:.0f} s)"
        )
        print(f"Throughput: {len(first_arrival) / span:.0f} emails/s through queue and workers")
    print(f"Baseline: {baseline:.0f} emails/s from one client straight to the fake Notify")
    # Only a threads pool does all its work in the processes measured.
    if args.pool == "threads" and cpu_before is not None and cpu_after is not None:
        per_email = (cpu_after - cpu_before) / args.emails * 1000
        print(f"Workers' CPU: {per_email:.1f} ms per email")
    cores = os.cpu_count()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Machine: {cores} cores; load average {load} (1, 5, 15 minutes)")
    return (
        len(first_arrival) == args.emails
        and duplicates == 0
        and statuses.get(SENT, 0) == args.emails
    )


def main() -> int:
    args = _arguments()
    try:
        ok = run(args)
    except BenchError as error:
        print(f"Cannot run: {error}", file=sys.stderr)
        return harness.CANNOT_RUN
    if not ok:
        print("ERRORS: not every email arrived exactly once, or a row is not sent")
        return harness.SAW_ERRORS if args.fail_on_errors else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
