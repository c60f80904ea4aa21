"""Load test with nothing lost: simulated users complete whole journeys on two app processes.

Half the users complete lettings logs through the web pages, as a browser would (signed in as
a data provider, with CSRF tokens and the form's `_version`, from the task list's first section
page by page the way the pages lead, to check answers, which ends with the declaration and
submit). The other half complete shared-ownership
applications through the portal API (start, three partial edits, submit). Each user starts
journeys for --seconds (finishing the last one), alternating request by request between two
gunicorn servers that share one PostgreSQL database and one SECRET_KEY. Afterwards every
record in the database is checked against what its user sent, and every submit against the
submitted records and the outbox events. The report gives the request rate and p50/p95/p99
latency per page type.

With --think 1-2 each user pauses between requests, as a person reads and types (a random
pause in that range, in seconds; a redirect is followed at once, as a browser does). With
--ramp 50,100,200,300,400 the users are added in steps, each step lasting --step-seconds;
the report gives p50/p95/p99, throughput and errors per step, and the capacity: the most
users served with a p95 under 150 ms and no error. --chart out.png draws p95 and throughput
against users.

Usage: .venv/bin/python bench/journeys.py [--users 50] [--seconds 30]
       .venv/bin/python bench/journeys.py --think 1-2 --ramp 50,100,200 --chart ramp.png
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import random
import re
import secrets
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import fixtures
import harness
from databases import PROTECTED_DATABASES, prepare_postgresql
from half_records import OFFERED_INSTEAD, form_inputs
from harness import BenchError, Client
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.accounts import service as accounts
from app.accounts.passwords import hash_password
from app.accounts.roles import Role
from app.accounts.tokens import create_token
from app.applications.models import Application
from app.applications.portal_shape import JOURNEY as APPLICATION_JOURNEY
from app.applications.portal_shape import form_fields
from app.clock import uk_today
from app.extensions import db
from app.formkit import outputs
from app.formkit.models import FormRecord
from app.formkit.validation import apply_payload
from app.journeys.lettings_log import LETTINGS_LOG
from app.listings.models import OPEN, Development, Listing, Property
from app.outbox.catalogue import APPLICATION_SUBMITTED, LETTINGS_LOG_SUBMITTED
from app.outbox.models import OutboxEvent
from app.reference.lists import local_authority_by_code

DEFAULT_POSTGRESQL_URL = "postgresql://postgres@127.0.0.1:5432/journeys_bench"
# Capacity: the most users served with a p95 under this and no error.
CAPACITY_P95_MS = 150
# Databases this load test must never wipe: the test suite's, and the server's own.
PAGES = {page.id: page for page in LETTINGS_LOG.top_level_pages}
VERSION_RE = re.compile(r'<input[^>]*name="_version"[^>]*value="([^"]*)"')
TASK_RE = re.compile(r'<li class="govuk-task-list__item[^"]*"(.*?)</li>', re.S)
HREF_RE = re.compile(r'href="([^"]+)"')
PASSWORD = "Bench-journeys-" + secrets.token_hex(8)

# A main applicant who works, as tests/applications/conftest.py MAIN_APPLICANT: the start
# needs the first four fields; the rest is sent in three edits and with the submit.
GREENWICH = local_authority_by_code("E09000011")
APPLICANT_PARTS = [
    {"firstName": "Ada", "lastName": "Lovelace", "email": None, "phone": "020 7946 0000"},
    {"title": "Ms", "dateOfBirth": "1990-12-10", "maritalStatus": 1, "gender": 1},
    {
        "homeAddressLine1": "Flat 2",
        "homeAddressLine2": "10 Thamesmead Road",
        "homePostcode": "SE2 6RT",
        "homeLocalAuthorityId": GREENWICH.id,
        "homeMoveInDate": "2019-06-01",
        "livingCircumstance": 1,
    },
    {
        "workingCircumstance": 1,
        "employerName": "Analytical Engines Ltd",
        "workAddressLine1": "1 Engine Yard",
        "workAddressLine2": "Greenwich",
        "workPostcode": "SE10 9NF",
        "workLocalAuthorityId": GREENWICH.id,
        "annualSalary": None,  # varies by journey
        "savings": 15000,
        "deposit": 10000,
    },
    {
        "failedLoanOrCreditAgreement": False,
        "declaredBankrupt": False,
        "enteredIVA": False,
        "ownPets": False,
        "MODWorker": False,
    },
]

# Page types, in the report's order.
KINDS = [
    "sign in",
    "logs list",
    "new log POST",
    "task list",
    "section link",
    "question GET",
    "question POST",
    "soft check GET",
    "soft check POST",
    "check answers GET",
    "submit POST",
    "API start",
    "API edit",
    "API submit",
]


class Unexpected(Exception):
    """A response the journey cannot go on from; the journey is abandoned."""


class TimeUp(Exception):
    """A ramp's last step is over: the user stops where they are, mid-journey."""


# -- the database ----------------------------------------------------------------------------
def prepare_database(url: str) -> None:
    """Wipe and migrate the run's own PostgreSQL database (made if missing)."""
    name = make_url(url).database
    if not url.startswith("postgresql") or name in PROTECTED_DATABASES:
        raise BenchError(
            f"--postgresql-url must name a PostgreSQL database of the benchmark's own, not "
            f"{name!r}, since the run wipes it"
        )
    prepare_postgresql(url)


@dataclass(frozen=True)
class Setup:
    staff: list[str]  # emails of data providers, one per web user
    tokens: list[str]  # portal API tokens, one per API user
    listing_id: int


def create_everything(web_users: int, api_users: int) -> Setup:
    """Data providers, applicants with tokens and an open listing. Needs an app context."""
    organisation = accounts.find_or_create_organisation("Journeys benchmark organisation")
    db.session.commit()
    # One Argon2 hash for every user: hashing each user's password took minutes for a ramp's
    # hundreds of users. Signing in still checks it at full cost.
    password_hash = hash_password(PASSWORD)
    staff = []
    for number in range(web_users):
        email = f"provider-{number}@journeys.example.com"
        user = accounts.create_user(
            email, f"Provider {number}", Role.DATA_PROVIDER, None, organisation
        )
        user.password_hash = password_hash
        staff.append(email)
    db.session.commit()
    tokens = []
    for number in range(api_users):
        user = accounts.create_user(
            f"applicant-{number}@journeys.example.com",
            f"Applicant {number}",
            Role.APPLICANT,
            None,
        )
        user.password_hash = password_hash
        tokens.append(create_token(user, "Journeys benchmark")[1])
    listing = open_listing(organisation)
    return Setup(staff, tokens, listing.id)


# -- the users -------------------------------------------------------------------------------
@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[str] = field(default_factory=list)
    # For a ramp's steps: (perf_counter at the start, latency, status) of every request, and
    # when each error was found.
    samples: list[tuple[float, float, int | str]] = field(default_factory=list)
    error_times: list[float] = field(default_factory=list)

    def fail(self, problem: str) -> None:
        self.errors.append(problem)
        self.error_times.append(time.perf_counter())

    def add(self, other: Stats) -> None:
        for kind, values in other.latencies.items():
            self.latencies[kind].extend(values)
        for kind, counter in other.statuses.items():
            self.statuses[kind].update(counter)
        self.errors.extend(other.errors)
        self.samples.extend(other.samples)
        self.error_times.extend(other.error_times)


def open_listing(organisation) -> Listing:
    """A listing open for applications, with one flat, in the organisation; committed."""
    development = Development(
        organisation=organisation,
        name="Riverside",
        address_line_1="1 High Street",
        town="London",
        postcode="SE10 9NF",
        local_authority_id=GREENWICH.id,
    )
    flat = Property(
        development=development,
        plot_number="7",
        bedrooms=2,
        property_type="Flat",
        full_market_value=300_000,
        minimum_share=25,
    )
    listing = Listing(
        development=development,
        property=flat,
        title="Riverside flat",
        description="Homes for shared ownership.",
        status=OPEN,
        closing_date=uk_today() + timedelta(days=30),
    )
    db.session.add_all([development, flat, listing])
    db.session.commit()
    return listing


@dataclass
class Journey:
    kind: str  # "web" or "api"
    user: int
    record_id: int | None = None
    sent: dict[str, Any] = field(default_factory=dict)  # web: the answers; api: the fields
    saved_pages: list[str] = field(default_factory=list)  # web: pages saved (302)
    submits: int = 0  # submits answered as successful
    uncertain: bool = False  # a write got no answer: its outcome is unknown


class User:
    """One simulated user: two connections, one to each server, sharing one cookie jar; each
    request goes to the other server than the last."""

    def __init__(self, number: int, ports: list[int], timeout: float, deadline: float, headers):
        self.number = number
        self.clients = [Client(port, timeout, headers) for port in ports]
        for client in self.clients[1:]:
            client.cookies = self.clients[0].cookies
        self.turn = number % len(self.clients)
        self.deadline = deadline
        self.stats = Stats()
        self.journeys: list[Journey] = []
        self.think: tuple[float, float] | None = None  # (shortest, longest) pause, seconds
        self.cut_off: float | None = None  # a ramp's end: stop there, mid-journey

    def pause(self) -> None:
        """A person's pause before acting on a page (none without --think). Past the cut-off
        the user stops."""
        if self.think is not None:
            time.sleep(random.uniform(*self.think))  # noqa: S311 - not for security
        if self.cut_off is not None and time.perf_counter() >= self.cut_off:
            raise TimeUp

    def request(
        self, kind: str, method: str, path: str, form=None, json_body=None
    ) -> tuple[int, Any, str]:
        client = self.clients[self.turn]
        self.turn = (self.turn + 1) % len(self.clients)
        started = time.perf_counter()
        try:
            status, headers, text = client.request(method, path, form, json_body)
        except (OSError, http.client.HTTPException) as error:
            self.record(kind, started, type(error).__name__)
            raise Unexpected(f"{kind} {method} {path}: {type(error).__name__}") from error
        self.record(kind, started, status)
        return status, headers, text

    def record(self, kind: str, started: float, status: int | str) -> None:
        latency = time.perf_counter() - started
        self.stats.latencies[kind].append(latency)
        self.stats.statuses[kind][status] += 1
        self.stats.samples.append((started, latency, status))

    def expect(self, kind: str, method: str, path: str, wanted: int, form=None, json_body=None):
        status, headers, text = self.request(kind, method, path, form, json_body)
        if status != wanted:
            raise Unexpected(f"{kind} {method} {path}: {status} not {wanted}: {text[:300]!r}")
        return headers, text

    def run(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        for client in self.clients:
            client.close()


def location(headers) -> str:
    parts = urlsplit(headers["Location"])
    return parts.path + (f"?{parts.query}" if parts.query else "")


def form_state(html: str) -> list[tuple[str, str]]:
    csrf = harness.CSRF_RE.search(html)
    if csrf is None:
        raise Unexpected("no csrf_token on the page")
    version = VERSION_RE.search(html)
    return [("csrf_token", csrf.group(1)), ("_version", version.group(1) if version else "")]


def form_data(page_id: str, answers: dict) -> list[tuple[str, str]]:
    return form_inputs(PAGES[page_id].questions, answers)


def unfinished(html: str) -> list[str]:
    """The links of the task list's items that are not completed, in order."""
    links = []
    for item in TASK_RE.findall(html):
        href = HREF_RE.search(item)
        if href and "Completed" not in item:
            links.append(href.group(1).replace("&amp;", "&"))
    return links


class WebUser(User):
    def __init__(self, number, ports, timeout, deadline, email: str, example: dict):
        super().__init__(number, ports, timeout, deadline, {"Accept": "text/html"})
        self.email = email
        self.example = example

    def run(self) -> None:
        _, page = self.expect("sign in", "GET", "/sign-in", 200)
        form = [*form_state(page), ("email", self.email), ("password", PASSWORD)]
        self.pause()
        self.expect("sign in", "POST", "/sign-in", 302, form)
        while time.perf_counter() < self.deadline:  # the last journey is finished
            journey = Journey("web", self.number)
            journey.sent = self.answers(len(self.journeys))
            self.journeys.append(journey)
            try:
                self.one_log(journey)
            except Unexpected as problem:
                self.stats.fail(str(problem))

    def answers(self, count: int) -> dict:
        # The pages offer CORE's options: a browser cannot pick the two values of the seed's
        # example that CORE's form never offered, so the user picks CORE's nearest.
        payload = {**self.example, **OFFERED_INSTEAD, "tenant_code": f"W{self.number}J{count}"}
        outcome = apply_payload(LETTINGS_LOG, payload, {})
        if not outcome.ok:
            raise BenchError(f"the example log is not valid: {outcome.errors}")
        return outcome.answers

    def one_log(self, journey: Journey) -> None:
        self.pause()
        _, page = self.expect("logs list", "GET", "/logs/", 200)
        self.pause()
        try:
            headers, _ = self.expect("new log POST", "POST", "/logs/new", 302, form_state(page))
        except Unexpected:
            journey.uncertain = True
            raise
        base = location(headers).rstrip("/")
        journey.record_id = int(base.rsplit("/", 1)[-1])
        _, page = self.expect("task list", "GET", f"{base}/", 200)
        links = unfinished(page)
        if not links:
            raise Unexpected(f"task list {base}: nothing left to do")
        page = self.every_page(journey, base, links[0])
        form = [*form_state(page), ("declaration", "confirmed")]
        self.pause()
        try:
            status, headers, text = self.request("submit POST", "POST", f"{base}/submit", form)
        except Unexpected:
            journey.uncertain = True
            raise
        if status not in (302, 303) or location(headers) != f"{base}/confirmation":
            raise Unexpected(f"submit {base}: {status} {text[:300]!r}")
        journey.submits += 1

    def every_page(self, journey: Journey, base: str, url: str) -> str:
        """Each page from the section link on, the way the pages lead (a section's end leads
        on to the next section), to check answers; that page."""
        self.pause()
        status, headers, page = self.request("section link", "GET", url)
        while status == 302:  # a section link goes to its first question
            url = location(headers)
            status, headers, page = self.request("question GET", "GET", url)
        if status != 200:
            raise Unexpected(f"GET {url}: {status}")
        while url != f"{base}/check-answers":
            page_id = urlsplit(url).path.rsplit("/", 1)[-1]
            if page_id not in PAGES:
                raise Unexpected(f"{url}: not a question page of the journey")
            form = form_state(page) + form_data(page_id, journey.sent)
            self.pause()
            try:
                status, headers, text = self.request("question POST", "POST", url, form)
            except Unexpected:
                journey.uncertain = True
                raise
            if status != 302:
                raise Unexpected(f"POST {url}: {status} {text[:300]!r}")
            journey.saved_pages.append(page_id)
            if "/check/" in location(headers):  # an unusual answer: confirm it and go on
                check = location(headers)
                _, shown_page = self.expect("soft check GET", "GET", check, 200)
                self.pause()
                headers, _ = self.expect(
                    "soft check POST", "POST", check, 302, form_state(shown_page)
                )
            url = location(headers)
            kind = "check answers GET" if url == f"{base}/check-answers" else "question GET"
            _, page = self.expect(kind, "GET", url, 200)
        return page


class ApiUser(User):
    def __init__(self, number, ports, timeout, deadline, token: str, listing_id: int):
        headers = {"Accept": "application/json", "Authorization": f"Bearer {token}"}
        super().__init__(number, ports, timeout, deadline, headers)
        self.listing_id = listing_id

    def run(self) -> None:
        while time.perf_counter() < self.deadline:
            journey = Journey("api", self.number)
            self.journeys.append(journey)
            try:
                self.one_application(journey)
            except Unexpected as problem:
                self.stats.fail(str(problem))

    def parts(self, count: int) -> list[dict]:
        parts = copy.deepcopy(APPLICANT_PARTS)
        parts[0]["email"] = f"applicant-{self.number}.{count}@journeys.example.com"
        parts[3]["annualSalary"] = 20000 + 1000 * self.number + count
        return parts

    def send(self, kind: str, method: str, path: str, wanted: int, body: dict, journey) -> dict:
        self.pause()
        try:
            status, _, text = self.request(kind, method, path, json_body=json.dumps(body).encode())
        except Unexpected:
            journey.uncertain = True
            raise
        if status != wanted:
            raise Unexpected(f"{kind} {path}: {status} not {wanted}: {text[:300]!r}")
        try:
            return json.loads(text)
        except ValueError:
            raise Unexpected(f"{kind} {path}: not JSON") from None

    def one_application(self, journey: Journey) -> None:
        first, *edits, last = self.parts(len(self.journeys) - 1)
        body = {"listingId": self.listing_id, "applicants": [first]}
        started = self.send(
            "API start", "PUT", "/api/rest/portal/profile/assessment", 201, body, journey
        )
        journey.record_id = started["id"]
        journey.sent.update(first)
        for part in edits:
            path = f"/api/rest/portal/profile/assessment/{journey.record_id}"
            self.send("API edit", "PUT", path, 200, {"applicants": [part]}, journey)
            journey.sent.update(part)
        body = {"id": journey.record_id, "applicants": [last]}
        answer = self.send(
            "API submit", "POST", "/api/rest/portal/profile/assessment", 200, body, journey
        )
        journey.sent.update(last)
        journey.submits += 1
        if answer.get("status") != "submitted":
            raise Unexpected(f"API submit {journey.record_id}: status {answer.get('status')}")


def run_users(users: list[User], start_at: list[float] | None = None) -> float:
    """Run every user in a thread of its own until all have finished; `start_at` holds each
    user's start (a perf_counter time) when they join in steps. Returns the seconds taken."""
    failures: list[BaseException] = []

    def work(user: User, start: float | None) -> None:
        try:
            if start is not None:
                time.sleep(max(0.0, start - time.perf_counter()))
            user.run()
        except TimeUp:  # a ramp's end, mid-journey: nothing was left in flight
            pass
        except Unexpected as problem:  # before the first journey (signing in)
            user.stats.fail(str(problem))
        except BaseException as error:  # reported from the main thread
            failures.append(error)
        finally:
            user.close()

    starts = start_at or [None] * len(users)
    threads = [
        threading.Thread(target=work, args=(user, start), daemon=True)
        for user, start in zip(users, starts, strict=True)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise BenchError(f"a user thread failed: {failures[0]!r}")
    return time.perf_counter() - started


# -- the checks ------------------------------------------------------------------------------
def check_web(journey: Journey, record: FormRecord | None, problems: list[str]) -> None:
    name = f"log {journey.record_id} (web user {journey.user})"
    if record is None:
        problems.append(f"{name}: not in the database")
        return
    stored = record.answers
    for page_id in journey.saved_pages:
        for key in PAGES[page_id].fields:
            if stored.get(key) != journey.sent.get(key):
                problems.append(
                    f"{name}: {key} is {stored.get(key)!r}, sent {journey.sent.get(key)!r}"
                )
    if journey.submits:
        wanted = outputs.to_json(LETTINGS_LOG, journey.sent)
        if outputs.to_json(LETTINGS_LOG, stored) != wanted:
            problems.append(f"{name}: the submitted log differs from the answers sent")
    if not journey.uncertain and (record.status == "submitted") != bool(journey.submits):
        problems.append(f"{name}: status {record.status} after {journey.submits} submits")


def check_api(journey: Journey, record: FormRecord | None, problems: list[str]) -> None:
    name = f"application {journey.record_id} (API user {journey.user})"
    if record is None:
        problems.append(f"{name}: not in the database")
        return
    application = db.session.get(Application, record.id)
    shape = form_fields(record.answers, application.listing_id, application.property_id)
    main = shape["applicants"][0]
    for key, value in journey.sent.items():
        if main.get(key) != value:
            problems.append(f"{name}: {key} is {main.get(key)!r}, sent {value!r}")
    if not journey.uncertain and (record.status == "submitted") != bool(journey.submits):
        problems.append(f"{name}: status {record.status} after {journey.submits} submits")


def check_database(users: list[User]) -> tuple[list[str], dict]:
    """Every record against what its user sent; submits against submitted records and outbox
    events. Needs an app context."""
    problems: list[str] = []
    journeys = [j for user in users for j in user.journeys]
    records = {r.id: r for r in db.session.scalars(select(FormRecord))}
    known = set()
    for journey in journeys:
        if journey.record_id is None:
            continue
        known.add(journey.record_id)
        check = check_web if journey.kind == "web" else check_api
        check(journey, records.get(journey.record_id), problems)
    # A start whose answer was cut off (its server killed mid-request) may still have committed:
    # such a record belongs to that journey, so as many unknown records as cut-off starts of
    # the same kind are expected, and no more.
    cut_off_starts = Counter(
        LETTINGS_LOG.id if j.kind == "web" else APPLICATION_JOURNEY.id
        for j in journeys
        if j.record_id is None and j.uncertain
    )
    for record_id in sorted(set(records) - known):
        journey_id = records[record_id].journey
        if cut_off_starts[journey_id] > 0:
            cut_off_starts[journey_id] -= 1
            continue
        problems.append(f"record {record_id} ({journey_id}): made by no journey")

    events = Counter(
        db.session.execute(
            select(OutboxEvent.event_type, OutboxEvent.entity_id).where(
                OutboxEvent.event_type.in_([LETTINGS_LOG_SUBMITTED, APPLICATION_SUBMITTED])
            )
        ).all()
    )
    for (event_type, entity_id), count in events.items():
        if count != 1:
            problems.append(f"{count} {event_type} events for record {entity_id}")
    figures = {}
    for kind, journey_id, event_type in (
        ("web", LETTINGS_LOG.id, LETTINGS_LOG_SUBMITTED),
        ("api", APPLICATION_JOURNEY.id, APPLICATION_SUBMITTED),
    ):
        submits = sum(j.submits for j in journeys if j.kind == kind)
        submitted = db.session.scalar(
            select(func.count())
            .select_from(FormRecord)
            .where(FormRecord.journey == journey_id, FormRecord.status == "submitted")
        )
        published = sum(n for (t, _), n in events.items() if t == event_type)
        figures[kind] = {
            "journeys": sum(1 for j in journeys if j.kind == kind and j.record_id is not None),
            "submits": submits,
            "submitted": submitted,
            "events": published,
        }
        if not submits == submitted == published:
            problems.append(
                f"{kind}: {submits} submits, {submitted} submitted records, "
                f"{published} {event_type} events"
            )
    return problems, figures


# -- the report ------------------------------------------------------------------------------
def print_report(stats: Stats, elapsed: float, figures: dict, args) -> int:
    """The table of page types; returns the number of 5xx responses."""
    print()
    print(
        f"{args.users} users ({args.users - args.users // 2} web, {args.users // 2} API) for "
        f"{args.seconds:g}s on 2 gunicorn servers x {args.workers} {args.worker_class} workers, "
        f"alternating request by request; {elapsed:.1f}s in all"
    )
    columns = [("page type", 17), ("requests", 9), ("req/s", 8), ("p50 ms", 9)]
    columns += [("p95 ms", 9), ("p99 ms", 9), ("statuses", 26)]
    rows = []
    total = 0
    server_errors = 0
    for kind in KINDS + sorted(set(stats.latencies) - set(KINDS)):
        values = stats.latencies.get(kind)
        if not values:
            continue
        total += len(values)
        statuses = stats.statuses[kind]
        server_errors += sum(n for s, n in statuses.items() if isinstance(s, int) and s >= 500)
        shown_statuses = " ".join(f"{s}:{n}" for s, n in sorted(statuses.items(), key=str))
        rows.append(
            [kind, str(len(values)), f"{len(values) / elapsed:.1f}"]
            + [f"{harness.percentile_ms(values, p):.1f}" for p in (50, 95, 99)]
            + [shown_statuses]
        )
    everything = [v for values in stats.latencies.values() for v in values]
    rows.append(
        ["all", str(total), f"{total / elapsed:.1f}"]
        + [f"{harness.percentile_ms(everything, p):.1f}" for p in (50, 95, 99)]
        + [f"5xx:{server_errors}"]
    )
    harness.print_table(columns, rows)
    for kind, label in (("web", "lettings logs (web)"), ("api", "applications (API)")):
        f = figures[kind]
        print(
            f"{label}: {f['journeys']} started, {f['submits']} submits, {f['submitted']} "
            f"submitted records, {f['events']} outbox events"
        )
    return server_errors


# -- the ramp --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    users: int
    started: float  # perf_counter
    ended: float


@dataclass(frozen=True)
class StepFigures:
    users: int
    requests: int
    throughput: float  # responses per second
    p50: float
    p95: float
    p99: float
    errors: int  # journeys broken off by a wrong or missing response
    server_errors: int  # 5xx responses

    @property
    def served(self) -> bool:
        """Served well: a p95 under the capacity's limit and nothing refused or lost."""
        return self.p95 < CAPACITY_P95_MS and not self.errors and not self.server_errors


def ramp_schedule(steps: list[int], step_seconds: float, spawn_seconds: float, origin: float):
    """The steps, and when each user (in the order web, API, web, API... within a step)
    joins: a step's new users join spread over its first `spawn_seconds`, as they would
    arrive, so that their sign-ins do not all land at once."""
    schedule = []
    starts = []
    before = 0
    for number, users in enumerate(steps):
        started = origin + number * step_seconds
        schedule.append(Step(users, started, started + step_seconds))
        joining = users - before
        starts += [started + spawn_seconds * i / joining for i in range(joining)]
        before = users
    return schedule, starts


def step_figures(stats: Stats, step: Step) -> StepFigures:
    """A step's figures, from the requests that started during it."""
    inside = [s for s in stats.samples if step.started <= s[0] < step.ended]
    latencies = [latency for _, latency, _ in inside]
    seconds = step.ended - step.started
    return StepFigures(
        users=step.users,
        requests=len(inside),
        throughput=len(inside) / seconds,
        p50=harness.percentile_ms(latencies, 50),
        p95=harness.percentile_ms(latencies, 95),
        p99=harness.percentile_ms(latencies, 99),
        errors=sum(step.started <= t < step.ended for t in stats.error_times),
        server_errors=sum(isinstance(status, int) and status >= 500 for _, _, status in inside),
    )


def capacity(figures: list[StepFigures]) -> int | None:
    """The most users of a step served well, or None if no step was."""
    served = [f.users for f in figures if f.served]
    return max(served) if served else None


def print_ramp(figures: list[StepFigures], args) -> None:
    think = f"a pause of {args.think[0]:g}-{args.think[1]:g}s" if args.think else "no pause"
    print()
    print(
        f"Ramp: {args.step_seconds:g}s per step, {think} between requests, 2 gunicorn "
        f"servers x {args.workers} {args.worker_class} workers"
    )
    columns = [("users", 7), ("requests", 10), ("req/s", 8), ("p50 ms", 9), ("p95 ms", 9)]
    columns += [("p99 ms", 9), ("errors", 8), ("5xx", 6), (f"p95<{CAPACITY_P95_MS}, 0 err", 16)]
    rows = [
        [str(f.users), str(f.requests), f"{f.throughput:.1f}"]
        + [f"{f.p50:.1f}", f"{f.p95:.1f}", f"{f.p99:.1f}", str(f.errors), str(f.server_errors)]
        + ["yes" if f.served else "no"]
        for f in figures
    ]
    harness.print_table(columns, rows)
    most = capacity(figures)
    print(
        f"Capacity: {most} users (the most served with a p95 under {CAPACITY_P95_MS} ms and "
        f"no error)"
        if most
        else f"Capacity: no step was served with a p95 under {CAPACITY_P95_MS} ms and no error"
    )


def draw_chart(figures: list[StepFigures], path: Path, title: str) -> None:
    """p95 latency and throughput against users, with the capacity's limit drawn in."""
    try:
        import matplotlib
    except ImportError:
        raise BenchError("--chart needs matplotlib (pip install -e '.[dev]')") from None
    matplotlib.use("Agg")  # no display: a file only
    from matplotlib import pyplot

    users = [f.users for f in figures]
    figure, latency_axis = pyplot.subplots(figsize=(7, 4), dpi=100)
    latency_axis.plot(users, [f.p95 for f in figures], "o-", color="#d4351c", label="p95 ms")
    latency_axis.axhline(CAPACITY_P95_MS, color="#d4351c", linestyle=":", linewidth=1)
    latency_axis.set_xlabel("simulated users")
    latency_axis.set_ylabel("p95 latency (ms)", color="#d4351c")
    latency_axis.set_yscale("log")
    throughput_axis = latency_axis.twinx()
    throughput_axis.plot(
        users, [f.throughput for f in figures], "s-", color="#1d70b8", label="requests/s"
    )
    throughput_axis.set_ylabel("throughput (requests/s)", color="#1d70b8")
    throughput_axis.set_ylim(bottom=0)
    for f in figures:
        if f.errors or f.server_errors:
            latency_axis.annotate(f"{f.errors + f.server_errors} err", (f.users, f.p95))
    latency_axis.set_title(title, fontsize=10)
    figure.tight_layout()
    figure.savefig(path)
    pyplot.close(figure)
    print(f"Chart written to {path}")


def think_range(text: str) -> tuple[float, float] | None:
    """'1-2' -> (1.0, 2.0); '1.5' -> (1.5, 1.5); '0' -> None (no pause)."""
    low, _, high = text.partition("-")
    try:
        bounds = (float(low), float(high or low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a range of seconds such as 1-2: {text!r}") from None
    if bounds[0] < 0 or bounds[1] < bounds[0]:
        raise argparse.ArgumentTypeError(f"not a range of seconds such as 1-2: {text!r}")
    return None if bounds == (0.0, 0.0) else bounds


def user_steps(text: str) -> list[int]:
    """'50,100,200' -> [50, 100, 200], growing."""
    try:
        steps = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of user counts: {text!r}") from None
    if steps[0] < 2 or any(b <= a for a, b in zip(steps, steps[1:], strict=False)):
        raise argparse.ArgumentTypeError("the steps must grow, from at least 2 users")
    return steps


# -- command line ----------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="simulated users (default 50)")
    parser.add_argument(
        "--seconds", type=float, default=30, help="seconds each user goes on (default 30)"
    )
    parser.add_argument(
        "--postgresql-url",
        default=DEFAULT_POSTGRESQL_URL,
        help=f"the database, wiped each run (default {DEFAULT_POSTGRESQL_URL})",
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers per server (default 2)"
    )
    parser.add_argument(
        "--worker-class", default="sync", help="gunicorn worker class (default sync)"
    )
    parser.add_argument(
        "--timeout", type=float, default=60, help="per-request timeout in seconds (default 60)"
    )
    parser.add_argument(
        "--think",
        type=think_range,
        default=None,
        metavar="LOW-HIGH",
        help="a random pause before each request a person makes, in seconds (e.g. 1-2; "
        "default none: a stress test)",
    )
    parser.add_argument(
        "--ramp",
        type=user_steps,
        default=None,
        metavar="N,N,...",
        help="add users in steps (e.g. 50,100,200,300,400), each --step-seconds long, and "
        "report each step and the capacity; replaces --users and --seconds",
    )
    parser.add_argument(
        "--step-seconds", type=float, default=60, help="seconds per ramp step (default 60)"
    )
    parser.add_argument(
        "--spawn-seconds",
        type=float,
        default=None,
        help="a step's new users join over this many seconds (default half the step: each "
        "sign-in's Argon2 check takes about 0.3 s of CPU, so a burst of them is a queue)",
    )
    parser.add_argument("--chart", type=Path, help="with --ramp: draw p95 and req/s to this PNG")
    harness.add_fail_on_errors(parser)
    args = parser.parse_args(argv)
    if args.users < 2 or args.seconds <= 0 or args.workers <= 0 or args.timeout <= 0:
        parser.error("--users must be at least 2; --seconds, --workers, --timeout positive")
    if args.chart and not args.ramp:
        parser.error("--chart needs --ramp")
    if args.step_seconds <= 0:
        parser.error("--step-seconds must be positive")
    if args.spawn_seconds is None:
        args.spawn_seconds = args.step_seconds / 2
    if args.ramp:
        args.users = args.ramp[-1]
        args.seconds = args.step_seconds * len(args.ramp)
    return args


def make_users(args, setup: Setup, ports: list[int], example: dict, deadline: float):
    """The users, in the order they join: for each step's new users, half web (the odd one
    too) and half API, alternating."""
    steps = args.ramp or [args.users]
    users: list[User] = []
    web = api = before = 0
    for total in steps:
        for number in range(total - before):
            if number % 2 == 0:
                users.append(WebUser(web, ports, args.timeout, deadline, setup.staff[web], example))
                web += 1
            else:
                token = setup.tokens[api]
                users.append(ApiUser(api, ports, args.timeout, deadline, token, setup.listing_id))
                api += 1
        before = total
    for user in users:
        user.think = args.think
        if args.ramp:  # a step's figures are its own: everyone stops at the end
            user.cut_off = deadline
    return users


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    example = fixtures.valid_example()
    steps = args.ramp or [args.users]
    joining = [b - a for a, b in zip([0, *steps], steps, strict=False)]
    web_count = sum(n - n // 2 for n in joining)  # as make_users() shares them out
    api_count = sum(n // 2 for n in joining)
    prepare_database(args.postgresql_url)
    with fixtures.app_context(args.postgresql_url):
        setup = create_everything(web_count, api_count)
    # One SECRET_KEY for both servers: a session made by one must be good on the other.
    env = {"SECRET_KEY": secrets.token_hex(32)}
    with tempfile.TemporaryDirectory(prefix="bench-journeys-") as tmp:
        servers = []
        try:
            for number in (1, 2):
                servers.append(
                    harness.Server(
                        args.postgresql_url,
                        args.workers,
                        args.worker_class,
                        Path(tmp) / f"gunicorn-{number}.log",
                        env=env,
                    )
                )
            for server in servers:
                server.wait_until_up()
            ports = [server.port for server in servers]
            print(f"gunicorn up on ports {ports[0]} and {ports[1]}", flush=True)
            print(f"{args.users} users for {args.seconds:g}s ...", flush=True)
            origin = time.perf_counter() + 1  # a moment to start the threads
            deadline = origin + args.seconds
            users = make_users(args, setup, ports, example, deadline)
            if args.ramp:
                schedule, starts = ramp_schedule(
                    args.ramp, args.step_seconds, args.spawn_seconds, origin
                )
                print("Steps: " + ", ".join(map(str, args.ramp)) + " users", flush=True)
                elapsed = run_users(users, starts)
            else:
                elapsed = run_users(users)
        except BaseException:
            for server in servers:
                tail = server.log_tail()
                if tail:
                    print(f"--- {server.log_path.name} (last lines) ---\n{tail}", flush=True)
            raise
        finally:
            for server in servers:
                server.stop()
        logs = [server.log_path.read_text() for server in servers]
    stats = Stats()
    for user in users:
        stats.add(user.stats)
    with fixtures.app_context(args.postgresql_url):
        problems, figures = check_database(users)
    server_errors = print_report(stats, elapsed, figures, args)
    if args.ramp:
        ramp = [step_figures(stats, step) for step in schedule]
        print_ramp(ramp, args)
        if args.chart:
            think = f"think {args.think[0]:g}-{args.think[1]:g}s" if args.think else "no think"
            title = (
                f"bench/journeys.py --ramp, {think}, {args.step_seconds:g}s a step; "
                f"2 servers x {args.workers} {args.worker_class}"
            )
            draw_chart(ramp, args.chart, title)
    tracebacks = sum(log.count("Traceback") for log in logs)
    print()
    print(f"Request errors: {len(stats.errors)}; 5xx: {server_errors}; tracebacks: {tracebacks}")
    for problem in stats.errors[:20]:
        print(f"  {problem}")
    print(f"Database check: {len(problems)} problems")
    for problem in problems[:40]:
        print(f"  {problem}")
    failed = bool(stats.errors or problems or server_errors)
    print("FAILED: something was lost, wrong or refused" if failed else "OK: nothing lost")
    return harness.SAW_ERRORS if failed and args.fail_on_errors else 0


if __name__ == "__main__":
    harness.run_main(main)
