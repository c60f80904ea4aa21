"""Benchmark question pages against a bare render of our layout and a true limit.

Runs migrations on a throwaway SQLite database (or BENCH_DATABASE_URL), serves
bench/bench_app.py and bench/limit_app.py with gunicorn on 127.0.0.1, and drives these
scenarios with stdlib HTTP client threads:

  bare layout GET     GET /bench/bare: our two-thirds layout, no engine, no database
  limit GET           GET / of limit_app: the GOV.UK template and one form, nothing else
  limit GET+POST      that page, then its form posted (302)
  question GET/POST   the example journey's full_name page, as the signed-out owner
  lettings GET        a real lettings log's page, half-way through, as its data provider
  lettings GET+POST   that page, then its answers saved (302)
  application GET     a real shared-ownership application's page, half-way, as its applicant
  application GET+POST

Usage: .venv/bin/python bench/question_page.py [--seconds 10] [--clients 4]
"""

from __future__ import annotations

import queue
import re
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import fixtures
import half_records
import harness
from harness import BenchError, Client, Result, Scenario, csrf_token
from journeys import APPLICANT_PARTS, open_listing

TARGET_RATIO = 0.5
# Aims: a real page's GET at half the bare layout's rate or better; a real page's GET+POST
# cycle at 0.4 of the limit's.
CYCLE_TARGET_RATIO = 0.4
QUESTION = "full_name"
LIMIT_APP = "bench.limit_app:app"

VERSION_RE = re.compile(r'<input[^>]*name="_version"[^>]*value="(\d+)"')
VERSION_RE_ALT = re.compile(r'<input[^>]*value="(\d+)"[^>]*name="_version"')


def page_version(html: str) -> int:
    match = VERSION_RE.search(html) or VERSION_RE_ALT.search(html)
    if match is None:
        raise BenchError("no _version input on the page")
    return int(match.group(1))


# -- scenarios ------------------------------------------------------------------------------
@dataclass
class Tab:
    """What one client thread knows about its record."""

    client: Client
    record_id: int = 0
    csrf: str = ""
    version: int = 0
    sent: int = 0

    @property
    def url(self) -> str:
        return f"/example/{self.record_id}/{QUESTION}"


def start_record(client: Client) -> Tab:
    """As a signed-out visitor: get a session and a CSRF token, start a record, open the
    question page."""
    status, _, html = client.request("GET", "/bench/bare")
    if status != 200:
        raise BenchError(f"GET /bench/bare gave {status}")
    token = csrf_token(html)
    status, headers, _ = client.request("POST", "/example/new", {"csrf_token": token})
    if status != 302:
        raise BenchError(f"POST /example/new gave {status}, not 302")
    location = urlsplit(headers.get("Location", "")).path
    match = re.fullmatch(r"/example/(\d+)/", location)
    if match is None:
        raise BenchError(f"POST /example/new redirected to {location!r}")
    tab = Tab(client, record_id=int(match.group(1)))
    refresh(tab)
    return tab


def refresh(tab: Tab) -> None:
    status, _, html = tab.client.request("GET", tab.url)
    if status != 200:
        raise BenchError(f"GET {tab.url} gave {status}")
    tab.csrf = csrf_token(html)
    tab.version = page_version(html)


class Bare(Scenario):
    name = "bare layout GET"

    def setup(self, client: Client) -> Tab:
        # The session cookie and cookie banner are then as they are on the question page.
        client.request("GET", "/bench/bare")
        return Tab(client)

    def step(self, tab: Tab) -> int:
        return tab.client.request("GET", "/bench/bare")[0]


class QuestionGet(Scenario):
    name = "question GET"

    def setup(self, client: Client) -> Tab:
        return start_record(client)

    def step(self, tab: Tab) -> int:
        return tab.client.request("GET", tab.url)[0]


class QuestionPost(Scenario):
    name = "question POST"

    def setup(self, client: Client) -> Tab:
        return start_record(client)

    def ok(self, status: int) -> bool:
        return status == 302

    def step(self, tab: Tab) -> int:
        tab.sent += 1
        form = {
            "csrf_token": tab.csrf,
            "_version": str(tab.version),
            QUESTION: f"Ada Lovelace {tab.sent}",
        }
        status, _, html = tab.client.request("POST", tab.url, form)
        if status == 302:
            tab.version += 1  # a successful save moves the record on by one version
        elif status == 409:
            tab.version = page_version(html)  # the conflict page shows the current version
        return status

    def check(self, tab: Tab) -> str | None:
        expected = tab.version
        refresh(tab)
        if tab.version != expected:
            return f"record {tab.record_id}: tracked version {expected}, page shows {tab.version}"
        return None


class LimitGet(Scenario):
    name = "limit GET"
    server = "limit"

    def step(self, client: Client) -> int:
        return client.request("GET", "/")[0]


class LimitCycle(Scenario):
    """The limit's page, then its one question answered: a GET and a POST."""

    name = "limit GET+POST"
    server = "limit"

    def ok(self, status: int) -> bool:
        return status == 302

    def step(self, client: Client) -> int | str:
        status = client.request("GET", "/")[0]
        if status != 200:
            return f"GET {status}"
        return client.request("POST", "/", {"full_name": "Ada Lovelace"})[0]


# -- real pages -----------------------------------------------------------------------------
@dataclass
class Seat:
    """A record half-way through its journey, and the signed-in session of its user, kept
    between rounds so that each thread signs in once."""

    url: str
    email: str
    password: str
    form: list[tuple[str, str]]
    cookies: dict[str, str] = field(default_factory=dict)


class RealPage(Scenario):
    """A real page of a half-completed record, as its signed-in user. Each thread takes a
    record of its own from `seats` for the run and gives it back after."""

    def __init__(self, name: str, seats: queue.Queue):
        self.name = name
        self.seats = seats

    def setup(self, client: Client) -> tuple[Client, Seat]:
        seat = self.seats.get_nowait()
        if seat.cookies:
            client.cookies.update(seat.cookies)
        else:
            _, _, html = client.request("GET", "/sign-in")
            form = {"csrf_token": csrf_token(html), "email": seat.email}
            status = client.request("POST", "/sign-in", {**form, "password": seat.password})[0]
            if status != 302:
                raise BenchError(f"signing in as {seat.email} gave {status}")
            seat.cookies = dict(client.cookies)
        status = client.request("GET", seat.url)[0]
        if status != 200:
            raise BenchError(f"GET {seat.url} gave {status}")
        return client, seat

    def step(self, state: tuple[Client, Seat]) -> int:
        client, seat = state
        return client.request("GET", seat.url)[0]

    def check(self, state: tuple[Client, Seat]) -> str | None:
        self.seats.put(state[1])
        return None


class RealCycle(RealPage):
    """The page, then its answers saved with the page's CSRF token and version: a 302 on."""

    def ok(self, status: int) -> bool:
        return status == 302

    def step(self, state: tuple[Client, Seat]) -> int | str:
        client, seat = state
        status, _, html = client.request("GET", seat.url)
        if status != 200:
            return f"GET {status}"
        form = [("csrf_token", csrf_token(html)), ("_version", str(page_version(html)))]
        status, headers, _ = client.request("POST", seat.url, form + seat.form)
        if status == 302 and urlsplit(headers.get("Location", "")).path == seat.url:
            return "302 back to the same page"
        return status


def make_seats(clients: int) -> tuple[queue.Queue, queue.Queue]:
    """A lettings log and an application half-way through for each client thread, with their
    users: a data provider and an applicant. Needs an app context."""
    from app.accounts import service as accounts
    from app.accounts.roles import Role
    from app.applications import service as applications
    from app.extensions import db
    from app.formkit import store
    from app.journeys.lettings_log import LETTINGS_LOG

    tag = secrets.token_hex(4)
    password = "Bench-page-" + secrets.token_hex(8)
    organisation = accounts.find_or_create_organisation(f"Question page benchmark {tag}")
    db.session.commit()
    listing = open_listing(organisation)

    log = half_records.lettings_log(fixtures.valid_example())
    parts = [dict(part) for part in APPLICANT_PARTS]
    parts[0]["email"] = f"applicant-{tag}@example.com"
    parts[3]["annualSalary"] = 25000
    application = half_records.application(parts)
    logs: queue.Queue = queue.Queue()
    applications_: queue.Queue = queue.Queue()
    for number in range(clients):
        email = f"provider-{tag}-{number}@example.com"
        provider = accounts.create_user(
            email, f"Provider {number}", Role.DATA_PROVIDER, password, organisation
        )
        record = store.create_record(
            LETTINGS_LOG,
            dict(log.answers),
            owner_id=provider.id,
            organisation_id=organisation.id,
        )
        logs.put(Seat(f"/logs/{record.id}/{log.page}", email, password, log.form))
        email = f"applicant-{tag}-{number}@example.com"
        applicant = accounts.create_user(email, f"Applicant {number}", Role.APPLICANT, password)
        started = applications.start(listing, None, owner_id=applicant.id)
        record = started.record
        store.save_answers(applications.JOURNEY, record, dict(application.answers), 1)
        url = f"/applications/{record.id}/{application.page}"
        applications_.put(Seat(url, email, password, application.form))
    return logs, applications_


def scenarios(clients: int, database_url: str) -> list[Scenario]:
    with fixtures.app_context(database_url):
        logs, applications_ = make_seats(clients)
    return [
        Bare(),
        LimitGet(),
        LimitCycle(),
        QuestionGet(),
        QuestionPost(),
        RealPage("lettings GET", logs),
        RealCycle("lettings GET+POST", logs),
        RealPage("application GET", applications_),
        RealCycle("application GET+POST", applications_),
    ]


# Each scenario's throughput against a baseline: (scenario, baseline, target or None).
RATIOS = [
    ("question GET", "bare layout GET", TARGET_RATIO),
    ("lettings GET", "bare layout GET", TARGET_RATIO),
    ("application GET", "bare layout GET", TARGET_RATIO),
    ("bare layout GET", "limit GET", None),
    ("lettings GET", "limit GET", None),
    ("application GET", "limit GET", None),
    ("lettings GET+POST", "limit GET+POST", CYCLE_TARGET_RATIO),
    ("application GET+POST", "limit GET+POST", CYCLE_TARGET_RATIO),
]


def print_ratios(results: list[Result]) -> None:
    by_name = {r.name: r for r in results}
    print()
    for name, baseline_name, target in RATIOS:
        ratio = harness.ratio_of(by_name[name], by_name[baseline_name])
        verdict = ""
        if target is not None:
            verdict = f"{'meets' if ratio.throughput >= target else 'BELOW'} the {target} target; "
        spread = ratio.spread().removeprefix("; ")
        print(
            f"{name} / {baseline_name} throughput: {ratio.throughput:.3f} "
            f"({verdict}{spread}{ratio.cpu()})"
        )


@contextmanager
def two_servers(database_url: str, workdir: Path, args) -> Iterator[dict[str, harness.Server]]:
    """Our app and the limit app, each with the same gunicorn settings."""
    settings = {"workers": args.workers, "worker_class": args.worker_class}
    with (
        harness.running_server(database_url, workdir, **settings) as app,
        harness.running_server(
            database_url, workdir, **settings, app_module=LIMIT_APP, ready_path="/"
        ) as limit,
    ):
        yield {"app": app, "limit": limit}


def main(argv: list[str] | None = None) -> int:
    args = harness.parse_load_args(harness.load_parser(__doc__.split("\n\n")[0]), argv)
    with tempfile.TemporaryDirectory(prefix="bench-question-page-") as tmp:
        database_url = harness.prepare_database(Path(tmp))
        chosen = scenarios(args.clients, database_url)
        with two_servers(database_url, Path(tmp), args) as servers:
            results = harness.run_rounds(chosen, servers, args)
    harness.print_results(results, args)
    print_ratios(results)
    failed = any(r.errors or r.problems for r in results)
    return harness.SAW_ERRORS if args.fail_on_errors and failed else 0


if __name__ == "__main__":
    harness.run_main(main)
