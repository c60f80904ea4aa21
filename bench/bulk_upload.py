"""Bulk upload of lettings logs: rows checked and logs created per second, and the worker's
peak memory, beside the engine's own speed measured in the same run.

On the database in BENCH_DATABASE_URL (PostgreSQL for the figures: it is emptied and migrated
first, so give the benchmark's own; a throwaway SQLite file if unset) it makes a data
provider, then for a file of --rows varied complete logs, and the same file with 5% of its
rows bad (a tenant age of 130):

1. stores the upload as the upload page does (the file in the database);
2. runs the job in a worker process of its own, as one Celery worker would: checking every
   row, then creating the logs (for the bad file, after the user's "create the logs without
   errors" choice: the bad rows become in-progress logs), and reports its peak memory;
3. runs the job again on the same upload (it must create 0 logs: every row's log is made),
   uploads the same file again (refused at once: it was uploaded already), and uploads the
   valid file with its rows in another order (it must create 0 logs: every row a duplicate).

The worker's peak memory is also measured for a file a tenth the size: if the job reads its
file a chunk at a time, the two are close. Baselines, in the same process and run: the
engine's validation of the same rows (POST /case_logs's check, no database) and creating logs
one per commit (what POST /case_logs does per log).

Usage: .venv/bin/python bench/bulk_upload.py [--rows 10000] [--fail-on-errors]
Aims: checking >= 1,000 rows/s; creating >= 300 logs/s; worker memory < 300 MB and flat.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's app, whatever the virtualenv was installed from

import databases  # noqa: E402
import fixtures  # noqa: E402
import harness  # noqa: E402
from harness import BenchError  # noqa: E402
from sqlalchemy import delete, func, select  # noqa: E402

from app.bulk_upload import checking, service, tasks  # noqa: E402
from app.bulk_upload.columns import answer_columns  # noqa: E402
from app.bulk_upload.models import CREATE, BulkUpload, BulkUploadRow  # noqa: E402
from app.bulk_upload.reading import FileRefused  # noqa: E402
from app.extensions import db  # noqa: E402
from app.formkit import outputs, store  # noqa: E402
from app.formkit.models import FormRecord  # noqa: E402
from app.formkit.validation import apply_payload  # noqa: E402
from app.journeys.lettings_log import LETTINGS_LOG  # noqa: E402

GENDERS = ("Female", "Male", "Non-binary", "Prefer not to say")
BAD_EVERY = 20  # 5% of rows


def complete_row() -> dict[str, str]:
    outcome = apply_payload(LETTINGS_LOG, fixtures.valid_example(), {})
    if not outcome.ok:
        raise BenchError(f"the seed example is not a valid log: {outcome.errors}")
    values = outputs.csv_row(LETTINGS_LOG, outcome.answers)
    columns = set(answer_columns())
    return {
        c: str(v)
        for c, v in zip(outputs.csv_columns(LETTINGS_LOG), values, strict=True)
        if c in columns
    }


def _beyond(column: str, others: int) -> bool:
    """A person's column for someone not in a household of 1 + `others` people."""
    parts = column.split("_")
    return parts[0] == "person" and parts[1].isdigit() and int(parts[1]) > others + 1


def make_file(rows: int, bad: bool, tag: str) -> bytes:
    """Varied complete logs: each its own tenant code, with ages and genders that vary."""
    base = complete_row()
    header = answer_columns()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for n in range(rows):
        others = n % 4  # households of 1 to 4 people, as most are
        row = {
            **{k: v for k, v in base.items() if not _beyond(k, others)},
            "tenant_code": f"{tag}-{n:06d}",
            "person_1_age": str(20 + n % 40),
            "person_1_gender": GENDERS[n % len(GENDERS)],
            "household_number_of_other_members": str(others),
        }
        if bad and n % BAD_EVERY == BAD_EVERY - 1:
            row["person_1_age"] = "130"
        writer.writerow([row.get(c, "") for c in header])
    return buffer.getvalue().encode()


def reordered(content: bytes) -> bytes:
    header, *rows = content.decode().splitlines(keepends=True)
    return (header + "".join(reversed(rows))).encode()


# -- the worker process ----------------------------------------------------------------------


def worker(database_url: str, upload_id: int, create_anyway: bool) -> None:
    """Run one upload's job as a worker would, and print its figures as JSON."""
    from app.bulk_upload import notify

    # No broker here: the "done" email would be one more row, queued to no one.
    notify.checked = lambda upload: None
    with fixtures.app_context(database_url):
        upload = db.session.get(BulkUpload, upload_id)
        before = upload.logs_created
        started = time.perf_counter()
        checking.check(upload)
        checked = time.perf_counter()
        if create_anyway and (upload.rows_with_errors or upload.rows_with_soft_checks):
            upload.decision = CREATE
            db.session.commit()
        waiting = upload.decision != CREATE and (
            upload.rows_with_errors or upload.rows_with_soft_checks
        )
        if not waiting:
            checking.create_logs(upload)
        created = time.perf_counter()
        made = db.session.scalar(
            select(func.count())
            .select_from(BulkUploadRow)
            .where(BulkUploadRow.upload_id == upload_id, BulkUploadRow.log_id.is_not(None))
        )
        print(
            json.dumps(
                {
                    "rows": upload.total_rows,
                    "with_errors": upload.rows_with_errors,
                    "check_seconds": checked - started,
                    "create_seconds": created - checked,
                    "logs_created": made - before,
                    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                }
            )
        )


def run_worker(database_url: str, upload_id: int, create_anyway: bool) -> dict:
    command = [sys.executable, __file__, "--worker", str(upload_id), "--database-url"]
    command += [database_url] + (["--create-anyway"] if create_anyway else [])
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        command, capture_output=True, text=True, timeout=3600, cwd=ROOT
    )
    if done.returncode != 0:
        raise BenchError(f"the worker failed:\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the run ---------------------------------------------------------------------------------


def store_upload(user, name: str, content: bytes) -> int:
    upload = service.start(user, name, content)
    return upload.id


def baselines(rows: int) -> dict:
    """The engine alone on the same rows, and creating logs one per commit."""
    base = complete_row()
    payloads = [{**base, "tenant_code": f"B-{n}"} for n in range(min(rows, 2000))]
    started = time.perf_counter()
    for payload in payloads:
        apply_payload(LETTINGS_LOG, payload, {})
    validate = len(payloads) / (time.perf_counter() - started)
    answers = apply_payload(LETTINGS_LOG, payloads[0], {}).answers
    count = 300
    started = time.perf_counter()
    for n in range(count):
        store.create_record(LETTINGS_LOG, {**answers, "tenant_code": f"B1-{n}"})
    create = count / (time.perf_counter() - started)
    db.session.execute(delete(FormRecord).where(FormRecord.organisation_id.is_(None)))
    db.session.commit()
    return {"validate_rows_per_s": validate, "create_one_per_commit_per_s": create}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows in the file (10000)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--create-anyway", action="store_true", help=argparse.SUPPRESS)
    harness.add_fail_on_errors(parser)
    args = parser.parse_args()
    if args.worker:
        worker(args.database_url, args.worker, args.create_anyway)
        return 0
    if not 10 <= args.rows <= 10_000:
        parser.error("--rows must be from 10 to 10000 (the upload limit)")
    with tempfile.TemporaryDirectory() as workdir:
        database_url = os.environ.get("BENCH_DATABASE_URL", "")
        if database_url.startswith("postgres"):
            databases.prepare_postgresql(database_url)  # emptied and migrated afresh
        else:
            database_url = harness.prepare_database(Path(workdir))
        return measure(database_url, args)


def measure(database_url: str, args) -> int:
    problems: list[str] = []
    results = []
    tasks.queue = lambda upload_id: None  # the worker process below runs each job
    with fixtures.app_context(database_url) as app, fixtures.staff_account() as account:
        from app.accounts.models import User

        user = db.session.get(User, account.user_id)
        try:
            with app.test_request_context():
                base = baselines(args.rows)
                small = max(10, args.rows // 10)
                for tag, label, rows, bad in (
                    ("S", f"{small:,} valid", small, False),
                    ("V", f"{args.rows:,} valid", args.rows, False),
                    ("B", f"{args.rows:,}, 5% bad", args.rows, True),
                ):
                    content = make_file(rows, bad, tag)
                    upload_id = store_upload(user, "bench.csv", content)
                    first = run_worker(database_url, upload_id, create_anyway=True)
                    again = run_worker(database_url, upload_id, create_anyway=True)
                    # The same file again is refused at once; with its rows in another order it
                    # is checked, and every row found a duplicate.
                    try:
                        service.start(user, "bench-again.csv", content)
                        problems.append(f"{label}: the same file was taken twice")
                    except FileRefused:
                        pass
                    second = {"logs_created": None}
                    if not bad:  # (rows with errors have no complete answers to compare)
                        second_id = store_upload(user, "bench-again.csv", reordered(content))
                        second = run_worker(database_url, second_id, create_anyway=True)
                    expected_bad = rows // BAD_EVERY if bad else 0
                    if first["with_errors"] != expected_bad:
                        problems.append(f"{label}: {first['with_errors']} rows with errors")
                    if first["logs_created"] != rows:
                        problems.append(f"{label}: {first['logs_created']} logs created")
                    if again["logs_created"] or second["logs_created"]:  # None: not tried
                        problems.append(f"{label}: a second run created logs")
                    results.append((label, first, again, second, len(content)))
        finally:
            org_uploads = select(BulkUpload.id).where(
                BulkUpload.organisation_id == account.organisation_id
            )
            db.session.rollback()
            db.session.execute(
                delete(BulkUploadRow).where(BulkUploadRow.upload_id.in_(org_uploads))
            )
            db.session.execute(
                delete(BulkUpload).where(BulkUpload.organisation_id == account.organisation_id)
            )
            db.session.commit()
    report(database_url, base, results, problems)
    return harness.SAW_ERRORS if args.fail_on_errors and problems else 0


def report(database_url: str, base: dict, results, problems: list[str]) -> None:
    print(f"\nBulk upload on {harness.database_kind(database_url)}, one worker process\n")
    columns = [
        ("file", 16),
        ("size", 9),
        ("check rows/s", 14),
        ("create logs/s", 15),
        ("peak MB", 9),
        ("re-run made", 13),
        ("same file", 11),
        ("reordered made", 16),
    ]
    rows = [
        [
            label,
            f"{size / 1e6:.1f} MB",
            f"{first['rows'] / first['check_seconds']:,.0f}",
            f"{first['logs_created'] / first['create_seconds']:,.0f}"
            if first["create_seconds"]
            else "-",
            f"{first['peak_mb']:.0f}",
            str(again["logs_created"]),
            "refused",
            "-" if second["logs_created"] is None else str(second["logs_created"]),
        ]
        for label, first, again, second, size in results
    ]
    harness.print_table(columns, rows)
    print(
        f"\nBaselines: the engine alone validates {base['validate_rows_per_s']:,.0f} rows/s; "
        f"POST-style creation, one log per commit, {base['create_one_per_commit_per_s']:,.0f} "
        "logs/s."
    )
    print("Aims: checking >= 1,000 rows/s, creating >= 300 logs/s, worker < 300 MB and flat.")
    for problem in problems:
        print(f"PROBLEM: {problem}")


if __name__ == "__main__":
    harness.run_main(main)
