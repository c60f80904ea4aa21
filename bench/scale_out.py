"""Scale-out proof: two gunicorn servers and two Celery workers (and one beat) on one
PostgreSQL, Redis and RabbitMQ, while simulated users work and tenures change; halfway one
worker and one web server are killed (SIGKILL).

The load test's users (bench/journeys.py: lettings logs on the web pages, applications on the
portal API) and tenure clients (a tenure made, then changed again and again through the API)
spread their requests over the servers still up, as a load balancer would. A consumer on
RabbitMQ receives every domain event. Afterwards it checks:

- every event in the outbox was received, exactly once after de-duplication by `message_id`,
  and each entity's events in the order they were committed;
- no answer lost (journeys.py's checks, and each tenure's last change) and no 5xx response;
  requests in flight on the server that was killed are counted, not failed;

and prints events per second and the delay from commit to consumer (p50/p95/p99).

    .venv/bin/python bench/scale_out.py                # 40 s, 10 users, 6 tenure clients
    .venv/bin/python bench/scale_out.py --smoke        # a few seconds, for CI
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(ROOT))  # this checkout's app and tests, after bench/

import fixtures  # noqa: E402
import harness  # noqa: E402
import journeys  # noqa: E402
from harness import Client  # noqa: E402
from journeys import ApiUser, Stats, Unexpected, User, WebUser  # noqa: E402
from kombu import Connection, Exchange, Queue  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app import create_app  # noqa: E402
from app.accounts import service as accounts  # noqa: E402
from app.accounts.roles import Role  # noqa: E402
from app.accounts.tokens import create_token  # noqa: E402
from app.config import Config  # noqa: E402
from app.extensions import db  # noqa: E402
from app.outbox.catalogue import TENURE_UPDATED  # noqa: E402
from app.outbox.events import record_event  # noqa: E402
from app.outbox.models import OutboxEvent  # noqa: E402
from app.tenures.models import Tenure  # noqa: E402
from tests.tenures.conftest import SEED_TENURE  # noqa: E402

DEFAULT_POSTGRESQL_URL = "postgresql://postgres@127.0.0.1:5432/scale_out_bench"
CONNECTION_LOST = (ConnectionError, OSError)


# -- a load balancer, per user ----------------------------------------------------------------
class Balancer:
    """One user's connections to every server, used in turn; a server that refuses a
    connection is left out from then on, as a load balancer's health check would."""

    def __init__(self, clients: list[Client], down: set[int]):
        self.clients, self.down, self.turn = clients, down, 0
        self.cookies = clients[0].cookies

    def request(self, method, path, form=None, json_body=None):
        for _ in range(len(self.clients)):
            client = self.clients[self.turn]
            self.turn = (self.turn + 1) % len(self.clients)
            if client.conn.port in self.down:
                continue
            try:
                return client.request(method, path, form, json_body)
            except ConnectionRefusedError:  # never reached the server: safe to send elsewhere
                self.down.add(client.conn.port)
        raise ConnectionRefusedError("no server is up")

    def close(self) -> None:
        for client in self.clients:
            client.close()


class Balanced:
    """A journeys.py user whose requests go through a Balancer. A request that was sent but
    got no answer (its server was killed) leaves its journey's outcome unknown."""

    def balance(self, down: set[int]) -> None:
        self.clients = [Balancer(self.clients, down)]
        self.turn = 0
        self.lost_in_flight: list[str] = []

    def request(self, kind, method, path, form=None, json_body=None):
        try:
            return super().request(kind, method, path, form, json_body)
        except Unexpected as problem:
            self.lost_in_flight.append(str(problem))
            if self.journeys:
                self.journeys[-1].uncertain = True
            raise


class BalancedWebUser(Balanced, WebUser):
    pass


class BalancedApiUser(Balanced, ApiUser):
    pass


class TenureClient(Balanced, User):
    """Makes a tenure, then changes its payment reference again and again, each change with
    the version it read (If-Match). Every success is one event."""

    def __init__(self, number, ports, timeout, deadline, token: str):
        headers = {"Accept": "application/json", "Authorization": f"Bearer {token}"}
        super().__init__(number, ports, timeout, deadline, headers)
        self.tenure_id = f"bench-tenure-{number}-{uuid.uuid4().hex[:8]}"
        self.last_sent: str | None = None  # the last change answered 204
        self.unknown: str | None = None  # a change sent, with no answer

    def run(self) -> None:
        body = {**json.loads(json.dumps(SEED_TENURE)), "id": self.tenure_id}
        self.expect("tenure create", "POST", "/tenures", 201, json_body=json.dumps(body).encode())
        version = 0
        while time.perf_counter() < self.deadline:
            reference = f"{self.number}-{version + 1}"
            change = json.dumps({"paymentReference": reference}).encode()
            for client in self.clients[0].clients:
                client.headers["If-Match"] = f'"{version}"'
            try:
                status, _, text = self.request(
                    "tenure PATCH", "PATCH", f"/tenures/{self.tenure_id}", json_body=change
                )
            except Unexpected as problem:
                self.unknown = reference
                self.stats.errors.append(str(problem))
                version = self._current_version()
                continue
            if status == 412:  # a change with no answer did happen after all
                version = self._current_version()
                continue
            if status != 204:
                self.stats.errors.append(f"tenure PATCH: {status} {text[:200]!r}")
                return
            version += 1
            self.last_sent, self.unknown = reference, None

    def _current_version(self) -> int:
        headers, _ = self.expect("tenure GET", "GET", f"/tenures/{self.tenure_id}", 200)
        return int(headers["ETag"].strip('"'))


# -- the events consumer ----------------------------------------------------------------------
class Consumer(threading.Thread):
    """A partner's consumer: every message of the exchange, with the time it arrived."""

    def __init__(self, url: str, exchange: str):
        super().__init__(daemon=True)
        self.connection = Connection(url, connect_timeout=5)
        self.exchange = Exchange(exchange, type="topic", durable=True)
        self.queue = Queue(f"{exchange}.bench", self.exchange, routing_key="#", auto_delete=True)
        self.queue(self.connection.default_channel).declare()
        self.received: list[tuple[float, str, dict]] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        def on_message(body, message):
            self.received.append((time.time(), message.properties["message_id"], body))

        with self.connection.Consumer(self.queue, callbacks=[on_message], no_ack=True):
            while not self.stopping.is_set():
                with contextlib.suppress(TimeoutError):
                    self.connection.drain_events(timeout=0.2)

    def close(self) -> None:
        self.stopping.set()
        self.join(timeout=5)
        channel = self.connection.default_channel
        self.queue(channel).delete()
        self.exchange(channel).delete()
        self.connection.release()


# -- processes --------------------------------------------------------------------------------
def start_celery(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "celery", "-A", "app.jobs.worker", *args]
    with log.open("w") as output:
        return subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def kill(process: subprocess.Popen) -> None:
    """SIGKILL to the process and its children (each was started in a group of its own)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


# -- the checks -------------------------------------------------------------------------------
def check_events(received, problems: list[str]) -> dict:
    """Every outbox event received once after de-duplication, in order per entity."""
    events = list(db.session.scalars(select(OutboxEvent).order_by(OutboxEvent.date_time)))
    first_arrival: dict[str, tuple[float, dict]] = {}
    for arrived, message_id, body in received:
        if body.get("id") != message_id:
            problems.append(f"message {message_id}: the body's id is {body.get('id')}")
        first_arrival.setdefault(message_id, (arrived, body))
    recorded = {event.id for event in events}
    if missing := recorded - set(first_arrival):
        problems.append(f"{len(missing)} of {len(recorded)} events never arrived")
    if unknown := set(first_arrival) - recorded:
        problems.append(f"{len(unknown)} messages for no event in the outbox")
    arrived_order = defaultdict(list)
    for message_id, (_, body) in sorted(first_arrival.items(), key=lambda item: item[1][0]):
        arrived_order[body["entityId"]].append(message_id)
    committed_order = defaultdict(list)
    for event in events:
        committed_order[event.entity_id].append(event.id)
    disordered = [e for e in committed_order if arrived_order.get(e, []) != committed_order[e]]
    if disordered and not missing:
        problems.append(f"{len(disordered)} entities' events arrived out of order")
    # During the load only: the burst afterwards has figures of its own.
    delays = [
        arrived - datetime.fromisoformat(body["dateTime"]).timestamp()
        for arrived, body in first_arrival.values()
        if not body["entityId"].startswith("burst-")
    ]
    return {
        "events": len(recorded),
        "messages": len(received),
        "duplicates": len(received) - len(first_arrival),
        "entities": len(committed_order),
        "delays": delays,
    }


def _in_flight_submits_allowed(problems: list[str], figures: dict, users) -> list[str]:
    """A submit in flight on the killed server may have been committed with its answer lost:
    journeys.py's count of submits then falls short of the submitted records by at most the
    journeys whose outcome is unknown, and each submitted record must still have one event."""
    kept = []
    for problem in problems:
        kind = problem.split(":", 1)[0]
        if kind in ("web", "api"):
            f = figures[kind]
            unknown = sum(
                1 for user in users for j in user.journeys if j.kind == kind and j.uncertain
            )
            explained = f["submits"] <= f["submitted"] <= f["submits"] + unknown
            if explained and f["submitted"] == f["events"]:
                continue
        kept.append(problem)
    return kept


def check_tenures(clients: list[TenureClient], problems: list[str]) -> int:
    changes = 0
    for client in clients:
        tenure = db.session.get(Tenure, client.tenure_id)
        if tenure is None:
            problems.append(f"tenure {client.tenure_id}: not in the database")
            continue
        stored = tenure.data.get("paymentReference")
        if stored not in {client.last_sent, client.unknown} - {None}:
            problems.append(f"tenure {client.tenure_id}: {stored!r}, last sent {client.last_sent}")
        changes += tenure.version
    return changes


def record_burst(args, exchange: str, count: int) -> float:
    """`count` events of 20 made-up entities, committed 10 at a time as fast as one process
    can, each commit queueing a relay run as a request's would: the relay's capacity."""
    config = Config(
        environment="production",
        secret_key=secrets.token_hex(32),
        database_url=args.postgresql_url,
        broker_url=args.redis_url,
        events_broker_url=args.events_broker_url,
        events_exchange=exchange,
    )
    with create_app(config).app_context():
        started = time.time()
        for number in range(count):
            new = {"paymentReference": str(number)}
            entity = f"burst-{number % 20}"
            record_event(TENURE_UPDATED, entity_id=entity, old_data={}, new_data=new)
            if number % 10 == 9:
                db.session.commit()
        db.session.commit()
        db.session.remove()
    return started


def burst_figures(received, started: float) -> tuple[int, float, list[float]]:
    """How many burst events arrived, over how long from the first commit, and their delays."""
    first = {}
    for arrived, message_id, body in received:
        if body["entityId"].startswith("burst-"):
            first.setdefault(message_id, (arrived, body))
    if not first:
        return 0, 0.0, []
    last = max(arrived for arrived, _ in first.values())
    delays = [a - datetime.fromisoformat(b["dateTime"]).timestamp() for a, b in first.values()]
    return len(first), last - started, delays


def wait_for_events(consumer: Consumer, seconds: float) -> None:
    """Until nothing waits in the outbox and the consumer has had at least one message for
    each event, or `seconds` have passed."""
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        db.session.rollback()
        waiting = db.session.scalar(
            select(OutboxEvent.id).where(OutboxEvent.published_at.is_(None)).limit(1)
        )
        total = len(db.session.scalars(select(OutboxEvent.id)).all())
        if waiting is None and len({m for _, m, _ in consumer.received}) >= total:
            return
        time.sleep(0.25)


# -- command line -----------------------------------------------------------------------------
def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10, help="journeys.py users (default 10)")
    parser.add_argument("--tenure-clients", type=int, default=6, help="default 6")
    parser.add_argument("--seconds", type=float, default=40, help="load time (default 40)")
    parser.add_argument("--smoke", action="store_true", help="4 users, 2 tenure clients, 6 s")
    parser.add_argument("--no-kill", action="store_true", help="kill neither worker nor server")
    parser.add_argument("--postgresql-url", default=DEFAULT_POSTGRESQL_URL, help="wiped")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
        help="Celery's broker and the rate limits (keys removed afterwards)",
    )
    parser.add_argument(
        "--events-broker-url",
        default=os.environ.get("BENCH_EVENTS_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"),
        help="RabbitMQ; the run uses an exchange of its own, deleted afterwards",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument(
        "--burst", type=int, default=2000, help="events recorded at once after the load"
    )
    harness.add_fail_on_errors(parser)
    args = parser.parse_args(argv)
    if args.smoke:
        args.users, args.tenure_clients, args.seconds, args.burst = 4, 2, 6, 200
    return args


def main(argv=None) -> int:  # noqa: C901 - one run, start to end
    args = parse_args(argv)
    run_id = uuid.uuid4().hex[:12]
    exchange = f"housing-forms-bench-{run_id}"
    web_count, api_count = args.users - args.users // 2, args.users // 2
    journeys.prepare_database(args.postgresql_url)
    with fixtures.app_context(args.postgresql_url):
        setup = journeys.create_everything(web_count, api_count)
        organisation = accounts.find_or_create_organisation("Journeys benchmark organisation")
        tenure_tokens = []
        for number in range(args.tenure_clients):
            staff = accounts.create_user(
                f"tenures-{number}@scale-out.example.com",
                f"Tenure staff {number}",
                Role.DATA_PROVIDER,
                journeys.PASSWORD,
                organisation,
            )
            tenure_tokens.append(create_token(staff, "Scale-out benchmark")[1])
    env = {
        "SECRET_KEY": secrets.token_hex(32),  # one key: a session made by one is good on both
        "BROKER_URL": args.redis_url,
        "RATE_LIMIT_STORAGE_URL": args.redis_url,
        "RATE_LIMIT_KEY_PREFIX": f"scale-out-{run_id}",
        "EVENTS_BROKER_URL": args.events_broker_url,
        "EVENTS_EXCHANGE": exchange,
    }
    consumer = Consumer(args.events_broker_url, exchange)
    consumer.start()
    servers, celery, killed = [], [], {}
    down: set[int] = set()
    with tempfile.TemporaryDirectory(prefix="bench-scale-out-") as tmp:
        celery_env = harness.app_environment(args.postgresql_url, "development", env)
        try:
            for number in (1, 2):
                log = Path(tmp) / f"gunicorn-{number}.log"
                servers.append(
                    harness.Server(args.postgresql_url, args.workers, "sync", log, env=env)
                )
                celery.append(
                    start_celery(
                        [
                            "worker",
                            "--concurrency",
                            "2",
                            "--loglevel",
                            "WARNING",
                            "-n",
                            f"bench{number}-{run_id}@%h",
                            "--without-gossip",
                            "--without-mingle",
                        ],
                        celery_env,
                        Path(tmp) / f"worker-{number}.log",
                    )
                )
            beat_schedule = str(Path(tmp) / "beat-schedule")
            beat = start_celery(
                ["beat", "--loglevel", "WARNING", "-s", beat_schedule],
                celery_env,
                Path(tmp) / "beat.log",
            )
            for server in servers:
                server.wait_until_up()
            ports = [server.port for server in servers]
            print(f"gunicorn on {ports}, 2 Celery workers, beat; exchange {exchange}", flush=True)
            deadline = time.perf_counter() + args.seconds
            example = fixtures.valid_example()
            users: list[User] = (
                [
                    BalancedWebUser(n, ports, 60, deadline, setup.staff[n], example)
                    for n in range(web_count)
                ]
                + [
                    BalancedApiUser(n, ports, 60, deadline, setup.tokens[n], setup.listing_id)
                    for n in range(api_count)
                ]
                + [
                    TenureClient(n, ports, 60, deadline, tenure_tokens[n])
                    for n in range(args.tenure_clients)
                ]
            )
            for user in users:
                user.balance(down)

            def kill_halfway() -> None:
                time.sleep(args.seconds / 2)
                kill(celery[0])
                killed["worker"] = time.time()
                down.add(servers[1].port)  # the balancer's check would notice within a second
                kill(servers[1].process)
                killed["server"] = time.time()
                print(f"killed worker 1 and the server on {servers[1].port}", flush=True)

            if not args.no_kill:
                threading.Thread(target=kill_halfway, daemon=True).start()
            print(f"{len(users)} users for {args.seconds:g}s ...", flush=True)
            started = time.time()
            elapsed = journeys.run_users(users)
            if args.burst:
                print(f"then {args.burst} events recorded at once ...", flush=True)
                burst_started = record_burst(args, exchange, args.burst)
            with fixtures.app_context(args.postgresql_url):
                wait_for_events(consumer, 60)
                problems, figures = journeys.check_database(users[: args.users])
                if killed:
                    problems = _in_flight_submits_allowed(problems, figures, users)
                figures["events"] = check_events(consumer.received, problems)
                tenure_changes = check_tenures(users[args.users :], problems)
        finally:
            for server in servers:
                server.stop()
            for process in [*celery, beat]:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in [*celery, beat]:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    kill(process)
            consumer.close()
            _remove_redis_keys(args.redis_url, env["RATE_LIMIT_KEY_PREFIX"])
        logs = [server.log_path.read_text() for server in servers]
    stats = Stats()
    lost = []
    for user in users:
        stats.add(user.stats)
        lost += user.lost_in_flight
    # A request sent to the server as it was killed has no answer: not the survivor's error.
    errors = [e for e in stats.errors if e not in lost] if killed else stats.errors
    lost_count = len(lost) if killed else 0
    if len(lost) > len(users) and killed:
        problems.append(f"{len(lost)} requests without an answer: more than one per user")
    server_errors = journeys.print_report(stats, elapsed, figures, _ReportArgs(args))
    tracebacks = sum(log.count("Traceback") for log in logs[:1])  # the server that lived
    e = figures["events"]
    delays = e["delays"]
    print()
    print(
        f"Tenure changes: {tenure_changes}. Events: {e['events']} recorded for "
        f"{e['entities']} entities; {e['messages']} messages received, {e['duplicates']} "
        f"duplicates dropped by message_id"
    )
    if delays:
        print(
            f"During the load: {len(delays) / elapsed:.1f} events/s; delay from "
            f"commit to consumer p50 {harness.percentile_ms(delays, 50):.0f} ms, p95 "
            f"{harness.percentile_ms(delays, 95):.0f} ms, p99 "
            f"{harness.percentile_ms(delays, 99):.0f} ms, max {max(delays) * 1000:.0f} ms "
            f"(target: p95 under 1000 ms at 200 events/s)"
        )
    if args.burst:
        count, took, burst_delays = burst_figures(consumer.received, burst_started)
        if burst_delays:
            print(
                f"Burst on the surviving worker: {count} events in {took:.1f}s from the first "
                f"commit to the last arrival, {count / took:.0f} events/s; delay p50 "
                f"{harness.percentile_ms(burst_delays, 50):.0f} ms, p95 "
                f"{harness.percentile_ms(burst_delays, 95):.0f} ms"
            )
    if killed:
        print(
            f"Killed worker 1 at {killed['worker'] - started:.1f}s and a server at "
            f"{killed['server'] - started:.1f}s; {lost_count} requests were in flight on it"
        )
    print(f"Request errors: {len(errors)}; 5xx: {server_errors}; tracebacks: {tracebacks}")
    for problem in errors[:20]:
        print(f"  {problem}")
    print(f"Checks: {len(problems)} problems")
    for problem in problems[:40]:
        print(f"  {problem}")
    failed = bool(errors or problems or server_errors or tracebacks)
    print("FAILED: something was lost, wrong or refused" if failed else "OK: nothing lost")
    return harness.SAW_ERRORS if failed and args.fail_on_errors else 0


class _ReportArgs:
    """What journeys.print_report says of the run."""

    def __init__(self, args):
        self.users, self.seconds = args.users, args.seconds
        self.workers, self.worker_class = args.workers, "sync"


def _remove_redis_keys(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        keys = [*client.scan_iter(match=f"*{prefix}*"), *client.scan_iter(match="_kombu*")]
        keys += [key for key in ("celery", "unacked", "unacked_index") if client.exists(key)]
        if keys:
            client.delete(*keys)
    finally:
        client.close()


if __name__ == "__main__":
    harness.run_main(main)
