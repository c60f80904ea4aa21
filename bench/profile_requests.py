"""Where a request's time goes: pyinstrument over many requests through the real app.

It migrates a throwaway SQLite database (or BENCH_DATABASE_URL), makes a data provider with
an API token and a lettings log half-way through its route, then sends the requests of one
kind through Flask's test client under pyinstrument (in this process, no HTTP server, so the
profile is the app's alone) and prints the profile, with the share of the time spent in each
library:

  case-log   POST /case_logs with the seed's example log (as bench/case_log_api.py)
  page       GET then POST a half-way lettings log's page (as bench/question_page.py)

Usage: .venv/bin/python bench/profile_requests.py case-log [--requests 300] [--html out.html]
"""

from __future__ import annotations

import argparse
import contextvars
import json
import re
import tempfile
from collections import Counter
from pathlib import Path

import fixtures
import half_records
import harness
from harness import BenchError

# Where a frame's file lives, for the share per library.
LIBRARIES = [
    ("jinja2", "Jinja2 (templates)"),
    ("templates/", "Jinja2 (templates)"),
    ("markupsafe", "Jinja2 (templates)"),
    ("govuk_frontend", "Jinja2 (templates)"),
    ("sqlalchemy", "SQLAlchemy"),
    ("psycopg", "database driver"),
    ("sqlite3", "database driver"),
    ("wtforms", "WTForms"),
    ("flask_wtf", "WTForms"),
    ("itsdangerous", "itsdangerous (cookies, CSRF)"),
    ("argon2", "Argon2"),
    ("werkzeug", "Werkzeug"),
    ("flask_login", "Flask-Login"),
    ("flask_limiter", "Flask-Limiter"),
    ("limits", "Flask-Limiter"),
    ("/flask/", "Flask"),
    ("/json/", "JSON"),
    ("/app/formkit/", "app: form engine"),
    ("/app/", "app: the rest"),
]


def library_of(path: str) -> str:
    for marker, name in LIBRARIES:
        if marker in path:
            return name
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0]
    if re.search(r"/lib/python3\.\d+/", path):  # the standard library, by module
        return "stdlib: " + re.split(r"/lib/python3\.\d+/", path, maxsplit=1)[1].split("/")[0]
    return "other"


def self_time_by_library(session) -> Counter:
    """Each frame's own time (not its children's), summed per library. pyinstrument keeps a
    function's own time in synthetic children ("[self]"), which have no file: they count for
    the function they belong to."""
    totals: Counter = Counter()

    def walk(frame, library: str) -> None:
        if frame.file_path:
            library = library_of(frame.file_path)
        own = frame.time - sum(child.time for child in frame.children)
        totals[library] += max(own, 0.0)
        for child in frame.children:
            walk(child, library)

    root = session.root_frame()
    if root is not None:
        walk(root, "other")
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=["case-log", "page"])
    parser.add_argument("--requests", type=int, default=300, help="requests (default 300)")
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML view here")
    args = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise BenchError("this needs pyinstrument (pip install -e '.[dev]')") from None

    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        database_url = harness.prepare_database(Path(tmp))
        # Development: cookies are not Secure, so the test client's plain http keeps them.
        with (
            fixtures.app_context(database_url, "development") as app,
            fixtures.staff_account() as staff,
        ):
            client = IsolatedClient(app.test_client())
            step = (
                case_log_step(client, staff)
                if args.kind == "case-log"
                else page_step(client, staff)
            )
            for _ in range(20):  # warm: templates compiled, statements cached
                step()
            profiler = Profiler(interval=0.0005)
            profiler.start()
            for _ in range(args.requests):
                step()
            session = profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    totals = self_time_by_library(session)
    whole = sum(totals.values()) or 1
    per_request = session.duration / args.requests * 1000
    print(f"{args.requests} requests, {per_request:.2f} ms each (wall, in process, profiled)")
    print("Own time by library:")
    for name, seconds in totals.most_common():
        print(f"  {name:<30} {seconds / whole:6.1%}")
    if args.html:
        args.html.write_text(profiler.output_html())
        print(f"HTML profile written to {args.html}")
    return 0


class IsolatedClient:
    """Each request in a context of its own, with its own app context and database session,
    as under a WSGI server, not inside the set-up's app context."""

    def __init__(self, client):
        self.client = client

    def get(self, *args, **kwargs):
        return contextvars.Context().run(self.client.get, *args, **kwargs)

    def post(self, *args, **kwargs):
        return contextvars.Context().run(self.client.post, *args, **kwargs)


def case_log_step(client, staff):
    body = json.dumps(fixtures.valid_example())
    headers = {"Authorization": f"Bearer {staff.api_token}", "Accept": "application/json"}

    def step() -> None:
        response = client.post(
            "/case_logs", data=body, headers=headers, content_type="application/json"
        )
        if response.status_code != 201:
            raise BenchError(f"POST /case_logs gave {response.status_code}: {response.text}")

    return step


def page_step(client, staff):
    from app.extensions import db
    from app.formkit import store
    from app.journeys.lettings_log import LETTINGS_LOG

    half = half_records.lettings_log(fixtures.valid_example())
    record = store.create_record(
        LETTINGS_LOG,
        dict(half.answers),
        owner_id=staff.user_id,
        organisation_id=staff.organisation_id,
    )
    db.session.remove()
    html = client.get("/sign-in").text
    form = {"csrf_token": harness.csrf_token(html), "email": staff.email}
    if client.post("/sign-in", data={**form, "password": staff.password}).status_code != 302:
        raise BenchError("could not sign in")
    url = f"/logs/{record.id}/{half.page}"

    def step() -> None:
        from question_page import page_version
        from werkzeug.datastructures import MultiDict

        page = client.get(url)
        if page.status_code != 200:
            raise BenchError(f"GET {url} gave {page.status_code}")
        state = [("csrf_token", harness.csrf_token(page.text))]
        state.append(("_version", str(page_version(page.text))))
        response = client.post(url, data=MultiDict(state + half.form))
        if response.status_code != 302:
            raise BenchError(f"POST {url} gave {response.status_code}: {response.text[:3000]}")

    return step


if __name__ == "__main__":
    harness.run_main(main)
