"""Fuzz every JSON API operation with schemathesis, against the live app on PostgreSQL.

    .venv/bin/python scripts/fuzz_api.py [--max-examples 10] [--postgresql-url URL]

It (re)creates its own database (`fuzz_api` unless told otherwise; never `test`), migrates
it, loads the demo data, creates a staff user (in the demo council, so that its logs and
tenures are theirs) and an applicant with API tokens, serves the app with gunicorn on a free
port of 127.0.0.1, and runs schemathesis over the service's own /api/openapi.json: the
applicant's token for the portal's /profile operations, the staff token (a service token, as the
partner system holds) for every other.
The checks are not_a_server_error, status_code_conformance and response_schema_conformance.
It exits non-zero if any check fails.

Beside it, in the pytest suite (so `make test` runs it on every run), tests/api/
test_adversarial.py sends what schemathesis would not generate to every operation of the same
document: oversized and deeply nested bodies, lone surrogates, bodies of many fields, huge and
fullwidth ids, and spreadsheet formulas.

Identifiers that exist (logs, listings, the applicant's draft, tenures and their people, CRNs
and event ids, usernames) are read from the database and given to schemathesis as
dictionaries, so that most generated requests reach records rather than stopping at a 404.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"
PROFILE = r"^/api/rest/portal/profile"
PASSWORD = "Fuzzing-password-1"  # noqa: S105 - a throwaway account in a throwaway database
STAFF = "fuzz.staff@example.com"
APPLICANT = "fuzz.applicant@example.com"
# How often a path parameter takes a real identifier rather than a generated value.
KNOWN_ID_PROBABILITY = 0.7


def _database(url: str) -> tuple[str, str]:
    """The database's name, and the URL of the server's `postgres` database."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    return name, urlunsplit(parts._replace(path="/postgres"))


def recreate_database(url: str) -> None:
    name, admin = _database(url)
    if not name or name == "test":
        sys.exit(f"refusing to fuzz in the database {name!r}: give one of its own")
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own CLI
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def create_user(env: dict, email: str, role: str, *extra: str, token_flags=()) -> str:
    """A new user's API token."""
    flask(
        env,
        "users",
        "create",
        email,
        "--name",
        role,
        "--role",
        role,
        "--password",
        PASSWORD,
        *extra,
    )
    return flask(env, "tokens", "create", email, *token_flags).splitlines()[-1].strip()


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped before it served a request")
        try:
            with urllib.request.urlopen(f"{base}/api/openapi.json", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start in time")


def call(base: str, token: str, method: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(  # noqa: S310 - our own server on loopback
        f"{base}{path}",
        data=json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.load(response)


def known_identifiers(url: str, base: str, applicant: str) -> dict[str, list]:
    """Each path parameter's identifiers that exist, read once the demo data is in. The
    applicant gets a draft application of their own first, made through the API."""
    with psycopg.connect(url, connect_timeout=10) as conn:

        def column(query: str, *params) -> list:
            return [row[0] for row in conn.execute(query, params)]

        listing_ids = column("SELECT id FROM listings ORDER BY id")
        # A draft needs the four contact answers; the rest can come later.
        applicant_details = {
            "firstName": "Fuzz",
            "lastName": "Applicant",
            "email": APPLICANT,
            "phone": "020 7946 0000",
        }
        draft = {"listingId": listing_ids[0], "applicants": [applicant_details]}
        call(base, applicant, "PUT", "/api/rest/portal/profile/assessment", draft)
        tenures = conn.execute("SELECT id, data FROM tenures ORDER BY id").fetchall()
        people = [
            member["id"]
            for _, data in tenures
            for member in (data if isinstance(data, dict) else json.loads(data)).get(
                "householdMembers", []
            )
        ]
        return {
            "log_id": column(
                "SELECT id FROM form_records WHERE journey = 'lettings_log' ORDER BY id"
            ),
            "listing_id": listing_ids,
            "record_id": column(
                "SELECT f.id FROM form_records f JOIN users u ON u.id = f.owner_id"
                " WHERE u.email = %s",
                APPLICANT,
            ),
            "tenure_id": [tenure_id for tenure_id, _ in tenures],
            "person_id": people,
            "crn": column("SELECT crn FROM probation_cases ORDER BY crn"),
            "event_id": column("SELECT event_id FROM probation_events ORDER BY event_id"),
            "username": column("SELECT email FROM users ORDER BY id"),
        }


# Body fields that name a record, and the path parameter whose identifiers they take.
BODY_IDENTIFIERS = {"body.listingId": "listing_id"}


def write_config(identifiers: dict[str, list], directory: str) -> str:
    """A schemathesis.toml that binds each path parameter, and each body field that names a
    record, to known identifiers. JSON's strings, numbers and lists are TOML's too."""
    lines = []
    for name, values in identifiers.items():
        if values:
            lines += [f"[dictionaries.{name}]", f"values = {json.dumps(values)}", ""]
    bindings = {f"path.{name}": name for name in identifiers} | BODY_IDENTIFIERS
    lines.append("[parameters]")
    for key, name in bindings.items():
        if identifiers[name]:
            lines.append(
                f'"{key}" = {{ dictionary = "{name}", probability = {KNOWN_ID_PROBABILITY} }}'
            )
    # Submitting a draft names it by `id` in the body; other bodies' `id`s are other things.
    if identifiers["record_id"]:
        lines += [
            "",
            "[[operations]]",
            'include-path = "/api/rest/portal/profile/assessment"',
            'include-method = "POST"',
            f'parameters = {{ "body.id" = {{ dictionary = "record_id", '
            f"probability = {KNOWN_ID_PROBABILITY} }} }}",
        ]
    path = os.path.join(directory, "schemathesis.toml")
    Path(path).write_text("\n".join(lines) + "\n")
    return path


def schemathesis(
    base: str, token: str, config: str, args: argparse.Namespace, *filters: str
) -> int:
    command = [
        str(BIN / "schemathesis"),
        "--config-file",
        config,
        "run",
        f"{base}/api/openapi.json",
        "--checks",
        CHECKS,
        "--header",
        f"Authorization: Bearer {token}",
        "--max-examples",
        str(args.max_examples),
        "--seed",
        str(args.seed),
        "--phases",
        "examples,coverage,fuzzing" if args.coverage else "examples,fuzzing",
        # One worker: hypothesis's lambda descriptions are not thread-safe on Python 3.11.
        "--workers",
        "1",
        "--no-color",
        # Nothing kept between runs (no .schemathesis/ directory in the work tree).
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        *filters,
    ]
    print("$", " ".join(command).replace(token, "<token>"), flush=True)
    return subprocess.run(command, cwd=ROOT, check=False).returncode  # noqa: S603


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgresql-url",
        default=os.environ.get(
            "FUZZ_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/fuzz_api"
        ),
    )
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="also run schemathesis's coverage phase: every boundary and wrong type of every "
        "field (several minutes more)",
    )
    args = parser.parse_args()

    recreate_database(args.postgresql_url)
    env = {
        **os.environ,
        "APP_ENV": "development",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": args.postgresql_url,
        "RATE_LIMIT_STORAGE_URL": "memory://",
    }
    flask(env, "db", "upgrade")
    flask(env, "demo", "load")
    # A service token, as the partner system holds: it may check any user's access to a case,
    # so the access-check operation is fuzzed beyond its 403 for other users.
    staff = create_user(
        env, STAFF, "data_provider", "--org", "Demo Borough Council", token_flags=("--service",)
    )
    applicant = create_user(env, APPLICANT, "applicant")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "wsgi:app", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base, server)
        identifiers = known_identifiers(args.postgresql_url, base, applicant)
        print("known identifiers:", {name: len(v) for name, v in identifiers.items()})
        with tempfile.TemporaryDirectory() as directory:
            config = write_config(identifiers, directory)
            failures = schemathesis(base, staff, config, args, "--exclude-path-regex", PROFILE)
            failures |= schemathesis(base, applicant, config, args, "--include-path-regex", PROFILE)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("schemathesis:", "failures found" if failures else "no failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
