"""Tenure search latency on SQLite and PostgreSQL, with the query plans.

For each database: migrate a fresh schema, bulk-load --tenures made-up tenures (three
household members each) exactly as service.create() stores them, ANALYZE, then time searches
by surname prefix, full surname, first name and surname, full postcode and outward code,
through app.tenures.search.search_tenures() as a staff member of the owning organisation
would run them (the code the API runs), and a few through the Flask test client with a bearer
token. The baseline, measured in the same run, is reading one tenure by its id. Pages at
offsets 0, 20, 40 and 100 show whether the cost grows with the offset. Last come the plans:
EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite.

Usage: .venv/bin/python bench/tenure_search.py [--tenures 100000] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import harness
import tenure_data
from databases import PROTECTED_DATABASES, prepare_postgresql, shown
from harness import BenchError, Result
from psycopg import sql
from sqlalchemy import insert, select
from sqlalchemy.engine import make_url

from app import create_app
from app.accounts import service as accounts
from app.accounts.models import User
from app.accounts.roles import Role
from app.accounts.tokens import create_token
from app.config import Config
from app.db_types import utcnow
from app.extensions import db
from app.tenures import search, service
from app.tenures.models import Tenure, TenureMemberName
from app.tenures.names import name_keys

DEFAULT_POSTGRESQL_URL = "postgresql://postgres@127.0.0.1:5432/tenure_bench"
TARGET_P95_MS = 20.0
OFFSETS = (0, 20, 40, 100)
BATCH = 5000
PROBES = 200  # tenures whose names and postcodes are searched for
OTHER_ORGANISATION_EVERY = 10  # every tenth tenure belongs to another organisation
SEED = 20261122


# -- the databases ---------------------------------------------------------------------------
def postgresql_url(args) -> str:
    """--postgresql-url, or BENCH_DATABASE_URL, or the default; never a protected database."""
    if args.postgresql_url:
        url = args.postgresql_url
        if make_url(url).database in PROTECTED_DATABASES:
            raise BenchError(
                f"--postgresql-url names the {make_url(url).database!r} database, which this "
                "benchmark would wipe; name a database of its own, such as tenure_bench"
            )
        return url
    url = os.environ.get("BENCH_DATABASE_URL") or ""
    if not url.startswith("postgres"):
        return DEFAULT_POSTGRESQL_URL
    if make_url(url).database in PROTECTED_DATABASES:
        bench_url = make_url(url).set(database="tenure_bench").render_as_string(False)
        print(
            f"BENCH_DATABASE_URL names the {make_url(url).database!r} database, which this "
            f"benchmark would wipe: using {shown(bench_url)} instead",
            flush=True,
        )
        return bench_url
    return url


def prepare_sqlite(workdir: Path) -> str:
    url = f"sqlite:///{workdir / 'tenure_bench.sqlite3'}"
    print(f"Migrating {url} ...", flush=True)
    harness.migrate(url)
    return url


def make_app(url: str):
    return create_app(
        Config(environment="production", secret_key=secrets.token_hex(32), database_url=url)
    )


# -- loading ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Staff:
    user: User  # detached, with its columns loaded: what the API finds for the token
    token: str
    organisation_id: int
    other_organisation_id: int


def create_staff() -> Staff:
    """A data provider in the organisation that owns most tenures, with an API token, and
    another organisation. Needs an app context."""
    organisation = accounts.find_or_create_organisation("Benchmark housing")
    other = accounts.find_or_create_organisation("Other housing")
    db.session.commit()
    user = accounts.create_user(
        "bench-tenures@example.com",
        "Benchmark housing officer",
        Role.DATA_PROVIDER,
        secrets.token_urlsafe(18),
        organisation,
    )
    _, token = create_token(user, "Benchmark")
    user = db.session.get(User, user.id)
    db.session.expunge(user)
    return Staff(user, token, organisation.id, other.id)


@dataclass
class Terms:
    """What the staff member searches for, drawn from their organisation's tenures, and the
    commonest of each kind. The same for every database, since the data is."""

    tenure_ids: list[str] = field(default_factory=list)
    members: list[tuple[str, str]] = field(default_factory=list)  # (first, last) keys
    postcodes: list[str] = field(default_factory=list)
    prefixes: Counter = field(default_factory=Counter)  # surname's first 3 letters, by member
    surnames: Counter = field(default_factory=Counter)
    full_names: Counter = field(default_factory=Counter)
    full_postcodes: Counter = field(default_factory=Counter)
    outward_codes: Counter = field(default_factory=Counter)


@dataclass
class Loaded:
    tenures: int = 0
    members: int = 0
    seconds: float = 0.0
    analyse_seconds: float = 0.0
    size_bytes: int = 0
    terms: Terms = field(default_factory=Terms)


def tenure_rows(staff: Staff, count: int, terms: Terms, checked: list[dict]) -> Iterator[tuple]:
    """(tenure row, name rows) per tenure, as service.create() would write them (less its
    outbox event, which no search reads)."""
    generator = tenure_data.Generator(SEED)
    now = utcnow()
    probe_every = max(1, count // PROBES)
    check_every = max(1, count // 1000)
    for number, payload in enumerate(generator.payloads(count)):
        record = tenure_data.record(payload)
        tenure_id = record["id"]
        ours = number % OTHER_ORGANISATION_EVERY != OTHER_ORGANISATION_EVERY - 1
        row = {
            "id": tenure_id,
            "organisation_id": staff.organisation_id if ours else staff.other_organisation_id,
            "version": 0,
            "created_at": now,
            "updated_at": now,
            "member_definition_versions": service._member_versions(None, record),
            **service._columns(record),
        }
        names = service._name_rows(tenure_id, row["organisation_id"], record)
        if number % check_every == 0:
            checked.append(payload)
        if ours:
            for name in names:
                first, last = name["first_name"], name["last_name"]
                terms.prefixes[last[:3]] += 1
                terms.surnames[last] += 1
                terms.full_names[first, last] += 1
            terms.full_postcodes[row["postcode"]] += 1
            terms.outward_codes[row["outward_code"]] += 1
            if number % probe_every == 0:
                member = names[number % len(names)]
                terms.tenure_ids.append(tenure_id)
                terms.members.append((member["first_name"], member["last_name"]))
                terms.postcodes.append(row["postcode"])
        yield row, names


def _insert_sqlite(tenures: list[dict], names: list[dict]) -> None:
    db.session.execute(insert(Tenure.__table__), tenures)
    db.session.execute(insert(TenureMemberName.__table__), names)


def _copy_postgresql(tenures: list[dict], names: list[dict]) -> None:
    """COPY, through the session's own connection and transaction."""
    conn = db.session.connection().connection.driver_connection
    with conn.cursor() as cursor:
        for table, rows in ((Tenure.__table__, tenures), (TenureMemberName.__table__, names)):
            columns = list(table.columns.keys())
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, columns))
            )
            with cursor.copy(statement) as copier:
                for row in rows:
                    values = (row[c] for c in columns)
                    copier.write_row([json.dumps(v) if isinstance(v, dict) else v for v in values])


def load(app, kind: str, staff: Staff, count: int) -> Loaded:
    loaded = Loaded()
    checked: list[dict] = []
    write = _copy_postgresql if kind == "PostgreSQL" else _insert_sqlite
    started = time.perf_counter()
    with app.app_context():
        tenures: list[dict] = []
        names: list[dict] = []
        for row, name_rows in tenure_rows(staff, count, loaded.terms, checked):
            tenures.append(row)
            names.extend(name_rows)
            loaded.tenures += 1
            loaded.members += len(name_rows)
            if len(tenures) == BATCH:
                write(tenures, names)
                tenures, names = [], []
        if tenures:
            write(tenures, names)
        db.session.commit()
        loaded.seconds = time.perf_counter() - started
        problem = tenure_data.check_records(checked)
        if problem:
            raise BenchError(f"the loaded records are not what read_tenure() makes: {problem}")
        started = time.perf_counter()
        if kind == "PostgreSQL":
            # A table that has only been loaded is not yet all-visible, so index-only scans
            # would still visit the heap; autovacuum would see to that in production.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM (ANALYZE) tenures")
                conn.exec_driver_sql("VACUUM (ANALYZE) tenure_member_names")
                conn.exec_driver_sql("ANALYZE")
                loaded.size_bytes = conn.exec_driver_sql(
                    "SELECT pg_total_relation_size('tenures') "
                    "+ pg_total_relation_size('tenure_member_names')"
                ).scalar()
        else:
            db.session.connection().exec_driver_sql("ANALYZE")
            db.session.commit()
            # Everything into the database file, none left for readers to find in the WAL.
            db.session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db.session.commit()
            loaded.size_bytes = Path(make_url(db.engine.url).database).stat().st_size
        loaded.analyse_seconds = time.perf_counter() - started
    return loaded


# -- the searches ----------------------------------------------------------------------------
@dataclass
class Case:
    """One kind of search, timed over and over with its terms in turn."""

    name: str
    terms: list[Any]
    run: Callable[[Case, Any], tuple[float, int, list[str]]]  # seconds, total, page's ids
    group: str = "search"  # "search", "baseline", "api" or "offset"
    offset: int = 0
    result: Result = field(init=False)
    totals: list[int] = field(default_factory=list)
    answers: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    slowest: tuple[float, Any, int] = (0.0, None, 0)  # seconds, term, matches

    def __post_init__(self):
        self.result = Result(self.name)


def _matches(search_for: search.Search, tenure: Tenure) -> bool:
    if search_for.postcode:
        column = tenure.postcode if " " in search_for.postcode else tenure.outward_code
        if column != search_for.postcode:
            return False
    if search_for.firstname or search_for.lastname:
        keys = [name_keys(m.get("fullName") or "") for m in tenure.data["householdMembers"]]
        return any(
            first.startswith(search_for.firstname) and last.startswith(search_for.lastname)
            for first, last in keys
        )
    return True


def check_page(case: Case, wanted: search.Search, staff: Staff, results) -> None:
    """The page is the right length, in order, and every tenure on it matches."""
    tenures = results.tenures
    expected = max(0, min(wanted.limit, results.total - wanted.offset))
    problems = case.result.problems
    if len(tenures) != expected:
        problems.append(f"{wanted}: {len(tenures)} on the page, not {expected}")
    keys = [(t.start_of_tenure_date, t.id) for t in tenures]
    if keys != sorted(keys, reverse=True):
        problems.append(f"{wanted}: the page is not newest first")
    for tenure in tenures:
        if tenure.organisation_id != staff.organisation_id or not _matches(wanted, tenure):
            problems.append(f"{wanted}: tenure {tenure.id} does not match")
            break


def in_process(app, staff: Staff):
    """search_tenures() in an app context of its own, as a request has; only the call is
    timed, then the page is checked."""

    def run(case: Case, wanted: search.Search) -> tuple[float, int, list[str]]:
        with app.app_context():
            started = time.perf_counter()
            results = search.search_tenures(wanted, staff.user)
            elapsed = time.perf_counter() - started
            check_page(case, wanted, staff, results)
        return elapsed, results.total, [t.id for t in results.tenures]

    return run


def lookup(app, staff: Staff):
    """The baseline: service.find(), a tenure by its primary key, as GET /tenures/<id>."""

    def run(case: Case, tenure_id: str) -> tuple[float, int, list[str]]:
        with app.app_context():
            started = time.perf_counter()
            tenure = service.find(tenure_id, staff.user)
            elapsed = time.perf_counter() - started
        if tenure is None:
            raise BenchError(f"tenure {tenure_id} not found")
        return elapsed, 1, [tenure.id]

    return run


def api_get(client, staff: Staff):
    """GET through the Flask test client with the bearer token, JSON parsed. No app context
    may be active, so that each request has its own, as under a server."""
    headers = {"Authorization": f"Bearer {staff.token}", "Accept": "application/json"}

    def run(case: Case, path: str) -> tuple[float, int, list[str]]:
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        body = response.get_json()
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise BenchError(f"GET {path} gave {response.status_code}: {body}")
        if "metadata" in body:
            return elapsed, body["metadata"]["totalResults"], [t["id"] for t in body["data"]]
        return elapsed, 1, [body["id"]]

    return run


def query_string(wanted: search.Search) -> str:
    parts = {
        "firstname": wanted.firstname,
        "lastname": wanted.lastname,
        "postcode": wanted.postcode,
        "offset": wanted.offset or "",
    }
    return "&".join(f"{k}={v}".replace(" ", "+") for k, v in parts.items() if v)


def describe(term: Any) -> str:
    return query_string(term) if isinstance(term, search.Search) else str(term)


def searches_for(terms: Terms) -> dict[str, list[search.Search]]:
    """The sampled searches of each kind; parse() makes them, as from a query string."""

    def parsed(**args) -> search.Search:
        return search.parse(args)

    return {
        "surname, 3 letters": [parsed(lastname=last[:3]) for _, last in terms.members],
        "surname, whole": [parsed(lastname=last) for _, last in terms.members],
        "first name + surname": [
            parsed(firstname=first, lastname=last) for first, last in terms.members
        ],
        "postcode, full": [parsed(postcode=p) for p in terms.postcodes],
        "postcode, outward code": [parsed(postcode=p.split()[0]) for p in terms.postcodes],
    }


def worst_cases(terms: Terms) -> dict[str, search.Search]:
    """The commonest term of each kind: the most rows to count and sort."""
    first, last = terms.full_names.most_common(1)[0][0]
    return {
        "surname, 3 letters": search.parse({"lastname": terms.prefixes.most_common(1)[0][0]}),
        "surname, whole": search.parse({"lastname": terms.surnames.most_common(1)[0][0]}),
        "first name + surname": search.parse({"firstname": first, "lastname": last}),
        "postcode, full": search.parse({"postcode": terms.full_postcodes.most_common(1)[0][0]}),
        "postcode, outward code": search.parse(
            {"postcode": terms.outward_codes.most_common(1)[0][0]}
        ),
    }


def build_cases(app, client, staff: Staff, terms: Terms) -> list[Case]:
    run_search = in_process(app, staff)
    cases = [Case("tenure by id (baseline)", terms.tenure_ids, lookup(app, staff), "baseline")]
    for name, searches in searches_for(terms).items():
        cases.append(Case(name, searches, run_search))
    worst = worst_cases(terms)
    for name in ("surname, 3 letters", "postcode, outward code"):
        for offset in OFFSETS:
            wanted = replace(worst[name], offset=offset)
            cases.append(Case(name, [wanted], run_search, "offset", offset))
    run_api = api_get(client, staff)
    sampled = searches_for(terms)
    by_id = [f"/tenures/{i}" for i in terms.tenure_ids]
    cases.append(Case("GET /tenures/<id> (baseline)", by_id, run_api, "api"))
    for name, label in (
        ("surname, 3 letters", "GET /tenures?lastname=<3 letters>"),
        ("postcode, outward code", "GET /tenures?postcode=<outward>"),
    ):
        paths = [f"/tenures?{query_string(s)}" for s in sampled[name]]
        cases.append(Case(label, paths, run_api, "api"))
    return cases


def measure(cases: list[Case], rounds: int, warmup: int) -> None:
    """Every case once per round, interleaved, so a slow spell of the machine does not land
    on one case only; the warm-up rounds are not counted."""
    for number in range(warmup + rounds):
        for case in cases:
            term = case.terms[number % len(case.terms)]
            elapsed, total, ids = case.run(case, term)
            if number < warmup:
                continue
            case.result.latencies.append(elapsed)
            case.totals.append(total)
            case.answers.setdefault(str(term), (total, ids))
            if elapsed > case.slowest[0]:
                case.slowest = (elapsed, term, total)


# -- plans -----------------------------------------------------------------------------------
def literal_sql(statement) -> str:
    return str(statement.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))


def plan(statement, kind: str) -> list[str]:
    """EXPLAIN ANALYZE (PostgreSQL) or EXPLAIN QUERY PLAN (SQLite) of the statement, its
    parameters written in."""
    connection = db.session.connection()
    if kind == "PostgreSQL":
        rows = connection.exec_driver_sql(
            "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + literal_sql(statement)
        )
        return [row[0] for row in rows]
    rows = list(connection.exec_driver_sql("EXPLAIN QUERY PLAN " + literal_sql(statement)))
    depth = {0: -1}
    lines = []
    for node, parent, _, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return lines


def full_scans(lines: list[str], kind: str) -> list[str]:
    """Plan lines that read a whole table or index rather than a range of it."""
    if kind == "PostgreSQL":
        return [line.strip() for line in lines if "Seq Scan" in line]
    return [line.strip() for line in lines if line.strip().startswith("SCAN ")]


@dataclass
class Plans:
    text: list[str] = field(default_factory=list)
    full_scans: list[str] = field(default_factory=list)


def explain(app, kind: str, staff: Staff, terms: Terms, cases: list[Case]) -> Plans:
    """The plans of the commonest term of each kind, of the last page measured, and of the
    slowest search of each kind where that was another term."""
    plans = Plans()
    statements = [
        (
            "tenure by id (baseline)",
            select(Tenure).where(Tenure.id == terms.tenure_ids[0], service.visible_to(staff.user)),
        )
    ]
    worst = worst_cases(terms)
    wanted = list(worst.items())
    last_page = replace(worst["surname, 3 letters"], offset=OFFSETS[-1])
    wanted.append(("surname, 3 letters, last page measured", last_page))
    for case in cases:
        slowest = case.slowest[1]
        if case.group == "search" and slowest is not None and slowest != worst[case.name]:
            wanted.append((f"{case.name}, slowest searched", slowest))
    for name, one in wanted:
        label = f"{name}: {query_string(one)}"
        statements.append((f"{label}, page", search.page_query(one, staff.user)))
        if not one.offset:  # the count does not depend on it
            statements.append((f"{label}, count", search.count_query(one, staff.user)))
    with app.app_context():
        for label, statement in statements:
            lines = plan(statement, kind)
            plans.text.append(f"-- {label}")
            plans.text.extend(f"   {line}" for line in lines)
            plans.full_scans.extend(f"{label}: {line}" for line in full_scans(lines, kind))
        example = literal_sql(search.page_query(last_page, staff.user))
        plans.text.insert(0, f"-- for example, the last page query is: {example}")
    return plans


# -- one database ----------------------------------------------------------------------------
@dataclass
class Run:
    kind: str
    url: str
    loaded: Loaded
    cases: list[Case]
    plans: Plans


def run_database(kind: str, url: str, args) -> Run:
    app = make_app(url)
    try:
        with app.app_context():
            staff = create_staff()
        print(f"Loading {args.tenures:,} tenures into {kind} ...", flush=True)
        loaded = load(app, kind, staff, args.tenures)
        print(
            f"Loaded {loaded.tenures:,} tenures and {loaded.members:,} members in "
            f"{loaded.seconds:.1f} s; ANALYZE {loaded.analyse_seconds:.1f} s; "
            f"{loaded.size_bytes / 2**20:,.0f} MiB",
            flush=True,
        )
        cases = build_cases(app, app.test_client(), staff, loaded.terms)
        print(f"Searching ({args.searches} of each kind, interleaved) ...", flush=True)
        measure(cases, args.searches, args.warmup)
        plans = explain(app, kind, staff, loaded.terms, cases)
        return Run(kind, url, loaded, cases, plans)
    finally:
        with app.app_context():
            db.engine.dispose()


# -- report ----------------------------------------------------------------------------------
def ms(value: float) -> str:
    return f"{value:.2f}"


def matches(case: Case) -> str:
    totals = sorted(case.totals)
    if not totals:
        return "n/a"
    return f"{totals[len(totals) // 2]:,} ({totals[0]:,}-{totals[-1]:,})"


def print_run(run: Run) -> None:
    print()
    print(f"== {run.kind} ({shown(run.url)})")
    print(
        f"{run.loaded.tenures:,} tenures, {run.loaded.members:,} members, "
        f"{1 - 1 / OTHER_ORGANISATION_EVERY:.0%} of them the staff member's organisation's; "
        f"{run.loaded.size_bytes / 2**20:,.0f} MiB"
    )
    columns = [("search", 34), ("runs", 6), ("matches: median (range)", 26), ("p50 ms", 9)]
    columns += [("p95 ms", 9), ("max ms", 9)]
    rows = []
    for case in run.cases:
        if case.group == "offset":
            continue
        r = case.result
        rows.append(
            [case.name, str(r.requests), matches(case), ms(r.percentile(50))]
            + [ms(r.percentile(95)), ms(max(r.latencies) * 1000)]
        )
    harness.print_table(columns, rows)
    print("(in-process search_tenures(): the count and the page; GET rows: the test client)")
    print("Slowest of each:")
    for case in run.cases:
        if case.group in ("search", "api"):
            seconds, term, total = case.slowest
            print(f"  {case.name}: {describe(term)} ({total:,} found) {seconds * 1000:.1f} ms")
    print()
    print("Pages of the commonest terms, by offset (p50 / p95 ms):")
    columns = [("search", 34), ("matches", 9)] + [(f"offset {o}", 16) for o in OFFSETS]
    rows = []
    for name in ("surname, 3 letters", "postcode, outward code"):
        mine = [c for c in run.cases if c.group == "offset" and c.name == name]
        term = query_string(mine[0].terms[0])
        rows.append(
            [f"{name} ({term})", f"{mine[0].totals[0]:,}" if mine[0].totals else "n/a"]
            + [f"{ms(c.result.percentile(50))} / {ms(c.result.percentile(95))}" for c in mine]
        )
    harness.print_table(columns, rows)
    print()
    print(f"Plans on {run.kind}: the commonest term of each kind, then the slowest searched:")
    for line in run.plans.text:
        print(line)
    print()
    if run.plans.full_scans:
        print(f"Full scans on {run.kind}:")
        for line in run.plans.full_scans:
            print(f"  {line}")
        if run.loaded.tenures < 10_000:
            print("(on tables this small, reading them whole can be the cheapest plan)")
    else:
        print(f"No full table or index scans on {run.kind}.")
    for case in run.cases:
        for problem in case.result.problems[:5]:
            print(f"  PROBLEM {case.name}: {problem}")


def compare(runs: list[Run]) -> tuple[int, list[str]]:
    """Each search must find the same tenures, in the same order, on every database: how
    many searches were compared, and where they differ."""
    compared, problems = 0, []
    first, *others = runs
    for other in others:
        for mine, theirs in zip(first.cases, other.cases, strict=True):
            for term, answer in mine.answers.items():
                if term not in theirs.answers:
                    continue
                compared += 1
                if theirs.answers[term] != answer:
                    problems.append(
                        f"{mine.name} {term}: {first.kind} found {answer[0]}, "
                        f"{other.kind} {theirs.answers[term][0]} (or another page)"
                    )
    return compared, problems


def print_summary(runs: list[Run]) -> None:
    print()
    print("== Summary: p50 / p95 ms")
    columns = [("search", 40)] + [(run.kind, 18) for run in runs]
    rows = []
    for index, case in enumerate(runs[0].cases):
        label = case.name if case.group != "offset" else f"{case.name}, offset {case.offset}"
        rows.append(
            [label]
            + [
                f"{ms(run.cases[index].result.percentile(50))} / "
                f"{ms(run.cases[index].result.percentile(95))}"
                for run in runs
            ]
        )
    harness.print_table(columns, rows)


def worst_p95(run: Run) -> tuple[float, str]:
    searches = [c for c in run.cases if c.group in ("search", "offset")]
    worst = max(searches, key=lambda c: c.result.percentile(95))
    label = worst.name if worst.group != "offset" else f"{worst.name}, offset {worst.offset}"
    return worst.result.percentile(95), label


# -- command line ----------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tenures", type=int, default=100_000, help="tenures to load (default 100000)"
    )
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql",
        help="comma-separated: sqlite, postgresql (default both)",
    )
    parser.add_argument(
        "--postgresql-url",
        default="",
        help="a database of its own, wiped and made again (default BENCH_DATABASE_URL, else "
        f"{DEFAULT_POSTGRESQL_URL}; created if missing)",
    )
    parser.add_argument(
        "--searches", type=int, default=200, help="timed searches of each kind (default 200)"
    )
    parser.add_argument(
        "--warmup", type=int, default=3, help="untimed rounds before them (default 3)"
    )
    parser.add_argument(
        "--fail-over-ms",
        type=float,
        default=None,
        help=f"exit {harness.SAW_ERRORS} if a search's p95 on PostgreSQL is over this",
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 20 searches of each kind"
    )
    harness.add_fail_on_errors(parser)
    args = parser.parse_args(argv)
    args.databases = [d.strip().lower() for d in args.databases.split(",") if d.strip()]
    if not args.databases or set(args.databases) - {"sqlite", "postgresql"}:
        parser.error("--databases takes sqlite, postgresql or both")
    if args.quick:
        args.searches = min(args.searches, 20)
        args.warmup = min(args.warmup, 1)
    if args.tenures < 100 or args.searches < 1 or args.warmup < 0:
        parser.error("--tenures must be at least 100, --searches positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-tenure-search-") as tmp:
        for database in args.databases:
            if database == "sqlite":
                runs.append(run_database("SQLite", prepare_sqlite(Path(tmp)), args))
            else:
                url = postgresql_url(args)
                prepare_postgresql(url)
                runs.append(run_database("PostgreSQL", url, args))
    for run in runs:
        print_run(run)
    print_summary(runs)
    compared, differences = compare(runs)
    if len(runs) > 1:
        print()
        print(
            f"Compared {compared:,} searches across the databases: "
            + (f"{len(differences)} differ" if differences else "same totals and pages")
        )
    for problem in differences[:10]:
        print(f"PROBLEM {problem}")
    problems = differences + [p for run in runs for c in run.cases for p in c.result.problems]
    status = 0
    print()
    for run in runs:
        p95, label = worst_p95(run)
        verdict = "meets" if p95 <= TARGET_P95_MS else "MISSES"
        print(
            f"{run.kind}: slowest p95 {p95:.2f} ms ({label}); {verdict} the aim of "
            f"{TARGET_P95_MS:g} ms on PostgreSQL"
            if run.kind == "PostgreSQL"
            else f"{run.kind}: slowest p95 {p95:.2f} ms ({label})"
        )
        if run.kind == "PostgreSQL" and args.fail_over_ms is not None and p95 > args.fail_over_ms:
            print(f"FAIL: over --fail-over-ms {args.fail_over_ms:g}")
            status = harness.SAW_ERRORS
    if problems and args.fail_on_errors:
        status = harness.SAW_ERRORS
    return status


if __name__ == "__main__":
    harness.run_main(main)
