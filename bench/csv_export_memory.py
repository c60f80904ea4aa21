"""Measure the server's memory while it streams the lettings logs CSV, as the logs grow.

Migrates a throwaway SQLite database (or BENCH_DATABASE_URL), creates a data provider, and
serves bench/bench_app.py with one gunicorn sync worker. Then, at a tenth of --logs and at
--logs, it bulk-inserts completed lettings logs for the provider's organisation and streams
GET /logs/download.csv as that provider, reading it chunk by chunk and checking every row,
while the worker's peak resident memory is watched in /proc. If the export streams, the peak
does not grow with the number of logs.

Usage: .venv/bin/python bench/csv_export_memory.py [--logs 100000]
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import fixtures
import harness
from harness import BenchError, Client, Server, csrf_token
from sqlalchemy import insert

from app.case_logs.export import header
from app.csv_export import BATCH
from app.db_types import utcnow
from app.extensions import db
from app.formkit.models import FormRecord
from app.formkit.runner import record_status
from app.formkit.validation import apply_payload
from app.journeys.lettings_log import LETTINGS_LOG

INSERT_BATCH = 5000
READ_CHUNK = 64 * 1024
COMPLETED = "completed"
# Holding the exported logs would cost far more than their CSV text (a loaded log is about
# 30 times its CSV row), so a streamed export grows by well under this share of a row's
# bytes for each extra log; the margin is for the noise of RSS, which counts whole pages.
TARGET_SHARE_OF_ROW = 0.1


# -- the logs -------------------------------------------------------------------------------
def completed_answers() -> dict:
    """The stored answers of the seed's example log, as the API would store them."""
    outcome = apply_payload(LETTINGS_LOG, fixtures.valid_example(), {})
    if not outcome.ok:
        raise BenchError(f"the example log is refused: {outcome.errors}")
    status = record_status(LETTINGS_LOG, outcome.answers).value
    if status != COMPLETED:
        raise BenchError(f"the example log is {status}, not {COMPLETED}")
    return outcome.answers


def insert_logs(staff: fixtures.StaffAccount, answers: dict, first: int, last: int) -> None:
    """Logs number `first` to `last - 1`, completed, in the staff member's organisation: one
    multi-row INSERT per batch, not the ORM, so that 100,000 take seconds."""
    now = utcnow()
    for start in range(first, last, INSERT_BATCH):
        rows = [
            {
                "journey": LETTINGS_LOG.id,
                "reference": f"BENCH-{staff.organisation_id}-{number}",
                "status": COMPLETED,
                "answers": answers,
                "version": 2,
                "owner_id": staff.user_id,
                "organisation_id": staff.organisation_id,
                "created_at": now,
                "updated_at": now,
            }
            for number in range(start, min(last, start + INSERT_BATCH))
        ]
        db.session.execute(insert(FormRecord.__table__), rows)
        db.session.commit()


# -- the worker's memory --------------------------------------------------------------------
def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (resident at its peak) of a process, in KiB."""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            figures[name] = int(value.split()[0])
    return figures


def reset_peak(pid: int) -> None:
    """Start the process's VmHWM again from its current VmRSS (Linux 4.0 and later)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError as error:
        raise BenchError(f"cannot reset the worker's peak memory: {error}") from error


def only_worker(server: Server) -> int:
    pids = server.worker_pids()
    if len(pids) != 1:
        raise BenchError(f"expected one gunicorn worker, found {len(pids)}")
    return pids[0]


# -- the download ---------------------------------------------------------------------------
class CountedReader(io.RawIOBase):
    """Reads a response and counts its bytes."""

    def __init__(self, response):
        self.response = response
        self.bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.response.readinto(buffer)
        self.bytes += count
        return count


@dataclass
class Download:
    logs: int
    rows: int = 0  # CSV rows, header included
    bytes: int = 0
    seconds: float = 0.0
    rss_before_kib: int = 0
    peak_growth_kib: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        return (self.rows - 1) / self.seconds if self.seconds else 0.0


def sign_in(client: Client, staff: fixtures.StaffAccount) -> None:
    status, _, html = client.request("GET", "/sign-in")
    if status != 200:
        raise BenchError(f"GET /sign-in gave {status}")
    form = {"csrf_token": csrf_token(html), "email": staff.email, "password": staff.password}
    status, _, _ = client.request("POST", "/sign-in", form)
    if status != 302:
        raise BenchError(f"signing in gave {status}, not 302")


def download(client: Client, worker: int, logs: int) -> Download:
    """Stream the CSV, check each row, and measure the worker's peak memory meanwhile."""
    result = Download(logs)
    expected_header = header()
    result.rss_before_kib = memory_kib(worker)["VmRSS"]
    reset_peak(worker)
    started = time.perf_counter()
    response = client.send("GET", "/logs/download.csv")
    if response.status != 200:
        response.read()
        raise BenchError(f"GET /logs/download.csv gave {response.status}")
    counted = CountedReader(response)
    text = io.TextIOWrapper(io.BufferedReader(counted, READ_CHUNK), encoding="utf-8", newline="")
    for row in csv.reader(text):
        result.rows += 1
        if result.rows == 1:
            if row != expected_header:
                result.problems.append("the header is not the export's header")
        elif len(row) != len(expected_header) or row[1] != COMPLETED:
            result.problems.append(f"row {result.rows} is not a completed log: {row[:2]}")
            break
    result.seconds = time.perf_counter() - started
    result.bytes = counted.bytes
    result.peak_growth_kib = memory_kib(worker)["VmHWM"] - result.rss_before_kib
    if result.rows != logs + 1:
        result.problems.append(f"{result.rows:,} rows, not {logs:,} logs and the header")
    return result


# -- running and reporting ------------------------------------------------------------------
def measure(server: Server, staff: fixtures.StaffAccount, args) -> list[Download]:
    answers = completed_answers()
    client = Client(server.port, args.timeout)
    try:
        sign_in(client, staff)
        worker = only_worker(server)
        downloads = []
        inserted = 0
        for logs in (args.logs // 10, args.logs):
            print(f"Inserting logs {inserted + 1:,} to {logs:,} ...", flush=True)
            insert_logs(staff, answers, inserted, logs)
            inserted = logs
            if not downloads:
                # The first download also pays for what a worker does once (imports, compiled
                # queries), so it is not measured.
                print("Warm-up download ...", flush=True)
                download(client, worker, logs)
            print(f"Downloading {logs:,} logs ...", flush=True)
            downloads.append(download(client, worker, logs))
        if only_worker(server) != worker:
            raise BenchError("the gunicorn worker was replaced during the run")
        return downloads
    finally:
        client.close()


def print_report(downloads: list[Download], database: str) -> None:
    print()
    print(f"GET /logs/download.csv from one gunicorn sync worker on {database}")
    columns = [("logs", 9), ("CSV rows", 10), ("CSV MiB", 9), ("seconds", 9), ("rows/s", 9)]
    columns += [("RSS before MiB", 16), ("peak growth MiB", 17)]
    rows = [
        [f"{d.logs:,}", f"{d.rows:,}", f"{d.bytes / 2**20:.1f}", f"{d.seconds:.2f}"]
        + [f"{d.rows_per_second:,.0f}", f"{d.rss_before_kib / 1024:.1f}"]
        + [f"{d.peak_growth_kib / 1024:.2f}"]
        for d in downloads
    ]
    harness.print_table(columns, rows)
    for d in downloads:
        for problem in d.problems:
            print(f"  {d.logs:,} logs: {problem}")
    print(
        "(peak growth: the worker's VmHWM during the download less its VmRSS before it; "
        "rows/s counts logs)"
    )
    small, large = downloads[0], downloads[-1]
    row_bytes = large.bytes / large.rows
    per_log = (large.peak_growth_kib - small.peak_growth_kib) * 1024 / (large.logs - small.logs)
    print()
    if small.logs < 2 * BATCH:
        # Below two batches the first download never holds a full batch, so the difference
        # is the batch's cost, not growth with the number of logs.
        print(
            f"Peak growth per extra log: not meaningful below {20 * BATCH:,} logs "
            f"(the export reads {BATCH} logs at a time)"
        )
        return
    verdict = "meets" if per_log < TARGET_SHARE_OF_ROW * row_bytes else "BELOW"
    print(
        f"Peak growth per extra log: {per_log:.1f} bytes, against {row_bytes:.0f} bytes of CSV "
        f"per log ({verdict} the target of under {TARGET_SHARE_OF_ROW:.0%} of a row)"
    )


def parse_args(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--logs",
        type=int,
        default=100_000,
        help="logs to export at the end; a tenth of them are exported first (default 100000)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120,
        help="seconds to wait for each read from the server (default 120)",
    )
    harness.add_fail_on_errors(parser)
    args = parser.parse_args(argv)
    if args.logs < 10:
        parser.error("--logs must be at least 10")
    if args.timeout <= 0:
        parser.error("--timeout must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-csv-export-") as tmp:
        database_url = harness.prepare_database(Path(tmp))
        with fixtures.app_context(database_url), fixtures.staff_account() as staff:
            # No worker timeout: a sync worker is busy for the whole of a long download.
            with harness.running_server(
                database_url, Path(tmp), workers=1, worker_class="sync", options=("--timeout", "0")
            ) as server:
                downloads = measure(server, staff, args)
            print("Deleting the logs ...", flush=True)
    print_report(downloads, harness.database_kind(database_url))
    failed = any(d.problems for d in downloads)
    return harness.SAW_ERRORS if args.fail_on_errors and failed else 0


if __name__ == "__main__":
    harness.run_main(main)
