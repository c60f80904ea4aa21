"""What the benchmarks in bench/ share.

- a database: a throwaway SQLite file, or BENCH_DATABASE_URL, migrated to head;
- gunicorn serving bench/bench_app.py on a free port of 127.0.0.1, stopped in every case;
- stdlib HTTP clients, one connection and cookie jar per thread, like a browser tab;
- scenarios run from client threads, interleaved over rounds, after a warm-up;
- the report: requests, errors, req/s, latency percentiles, CPU per request, and the
  throughput ratios against the baseline scenario measured in the same run.
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
APP_MODULE = "bench.bench_app:app"
READY_PATH = "/bench/bare"  # served by bench_app without the database
CSRF_RE = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')

# Exit statuses: 1 when the benchmark cannot run; 3, with --fail-on-errors, when it ran but
# saw errors (argparse already uses 2 for a bad command line).
CANNOT_RUN = 1
SAW_ERRORS = 3


class BenchError(Exception):
    """The benchmark could not run (setup failed, server did not start...)."""


# -- HTTP client ----------------------------------------------------------------------------
class Client:
    """One HTTP/1.1 connection and one cookie jar: one browser tab, or one API client.

    The connection is kept open between requests when the server allows it; gunicorn's sync
    workers close it after every response, and http.client then reconnects on the next one.
    `headers` are sent with every request.
    """

    def __init__(self, port: int, timeout: float, headers: dict[str, str] | None = None):
        self.conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        self.headers = {"Accept": "text/html", **(headers or {})}
        self.cookies: dict[str, str] = {}

    def send(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        json_body: bytes | None = None,
    ) -> http.client.HTTPResponse:
        """Send a request and return the response with its body still to be read."""
        headers = dict(self.headers)
        body: str | bytes | None = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json_body
            headers["Content-Type"] = "application/json"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        for header in response.msg.get_all("Set-Cookie") or ():
            self._store_cookie(header)
        return response

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        json_body: bytes | None = None,
    ) -> tuple[int, http.client.HTTPMessage, str]:
        """Send a request and read the whole response: (status, headers, body text)."""
        response = self.send(method, path, form, json_body)
        try:
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        return response.status, response.msg, data.decode("utf-8", "replace")

    def _store_cookie(self, header: str) -> None:
        jar = SimpleCookie()
        try:
            jar.load(header)
        except CookieError:
            return
        for name, morsel in jar.items():
            if morsel["max-age"] == "0" or not morsel.value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def close(self) -> None:
        self.conn.close()


def csrf_token(html: str) -> str:
    match = CSRF_RE.search(html)
    if match is None:
        raise BenchError("no csrf_token input on the page")
    return match.group(1)


# -- scenarios ------------------------------------------------------------------------------
class Scenario:
    """One kind of request, sent over and over by every client thread."""

    name = ""
    headers: dict[str, str] = {}  # sent with every request; read, never changed
    server = "app"  # which server it is sent to, when a run has more than one

    def setup(self, client: Client) -> Any:
        """Once per thread, untimed: returns the state that step() and check() receive."""
        return client

    def step(self, state: Any) -> int | str:
        """One timed request. Returns its HTTP status, or a short description of what was
        wrong with it; only a status that ok() accepts counts as a success."""
        raise NotImplementedError

    def ok(self, status: int) -> bool:
        return status == 200

    def check(self, state: Any) -> str | None:
        """After the run: a problem to report, if any."""
        return None


def percentile_ms(latencies: list[float], p: int) -> float:
    """The p-th percentile of latencies in seconds, in milliseconds."""
    if not latencies:
        return float("nan")
    if len(latencies) == 1:
        return latencies[0] * 1000
    return statistics.quantiles(latencies, n=100, method="inclusive")[p - 1] * 1000


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)  # seconds, measured requests only
    errors: int = 0
    statuses: Counter = field(default_factory=Counter)
    elapsed: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float | None = 0.0
    problems: list[str] = field(default_factory=list)
    round_throughputs: list[float] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        """Successful responses per second."""
        return (self.requests - self.errors) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: int) -> float:
        return percentile_ms(self.latencies, p)

    def add(self, other: Result) -> None:
        """Fold one round's result into the total."""
        self.latencies.extend(other.latencies)
        self.errors += other.errors
        self.statuses.update(other.statuses)
        self.elapsed += other.elapsed
        self.client_cpu += other.client_cpu
        if self.server_cpu is None or other.server_cpu is None:
            self.server_cpu = None
        else:
            self.server_cpu += other.server_cpu
        self.problems.extend(other.problems)
        self.round_throughputs.append(other.throughput)


def run_scenario(
    scenario: Scenario,
    server: Server,
    *,
    clients: int,
    seconds: float,
    requests: int,
    warmup: float,
    timeout: float,
) -> Result:
    """Run one scenario: every thread sets up its state, warms up, then all measure together
    until `seconds` have passed or `requests` have been sent."""
    result = Result(scenario.name)
    lock = threading.Lock()
    budget = {"left": requests}
    clock: dict[str, float | None] = {}

    def start_clock() -> None:
        # Runs once, when every thread has warmed up, before any is released to measure.
        clock["cpu"], clock["server"] = time.process_time(), server.cpu_seconds()
        clock["started"] = time.perf_counter()
        clock["deadline"] = clock["started"] + seconds

    ready = threading.Barrier(clients + 1)
    go = threading.Barrier(clients + 1, action=start_clock)
    failures: list[BaseException] = []

    def take() -> bool:
        with lock:
            if budget["left"] <= 0:
                return False
            budget["left"] -= 1
            return True

    def worker() -> None:
        client = Client(server.port, timeout, scenario.headers)
        latencies: list[float] = []
        statuses: Counter = Counter()
        errors = 0
        try:
            state = scenario.setup(client)
            ready.wait()
            warm_until = time.perf_counter() + warmup
            while time.perf_counter() < warm_until:
                scenario.step(state)
            go.wait()
            while time.perf_counter() < clock["deadline"] and take():
                started = time.perf_counter()
                try:
                    status = scenario.step(state)
                except (OSError, http.client.HTTPException, BenchError) as error:
                    status = type(error).__name__
                latencies.append(time.perf_counter() - started)
                statuses[status] += 1
                if not (isinstance(status, int) and scenario.ok(status)):
                    errors += 1
            problem = scenario.check(state)
        except threading.BrokenBarrierError:
            return
        except BaseException as error:  # reported from the main thread
            failures.append(error)
            ready.abort()
            go.abort()
            return
        finally:
            client.close()
        with lock:
            result.latencies.extend(latencies)
            result.statuses.update(statuses)
            result.errors += errors
            if problem:
                result.problems.append(problem)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    try:
        ready.wait(timeout=60)
        go.wait(timeout=warmup + 60)
    except threading.BrokenBarrierError:
        for thread in threads:
            thread.join(timeout=timeout)
        raise BenchError(f"{scenario.name}: setup failed: {failures[:1]!r}") from None
    for thread in threads:
        thread.join(timeout=seconds + timeout + 60)
    result.elapsed = time.perf_counter() - clock["started"]
    result.client_cpu = time.process_time() - clock["cpu"]
    server_after = server.cpu_seconds()
    if clock["server"] is None or server_after is None:
        result.server_cpu = None
    else:
        result.server_cpu = server_after - clock["server"]
    if failures:
        raise BenchError(f"{scenario.name}: {failures[0]!r}")
    if any(thread.is_alive() for thread in threads):
        raise BenchError(f"{scenario.name}: a client thread did not finish")
    return result


def run_rounds(scenarios: list[Scenario], server: Server | dict[str, Server], args) -> list[Result]:
    """Every scenario, interleaved in rounds, so a slow spell of the machine does not land
    on one scenario only. With several servers, `server` maps each scenario's `server` name
    to its server."""
    servers = server if isinstance(server, dict) else None
    totals = [Result(scenario.name) for scenario in scenarios]
    seconds = args.seconds / args.rounds
    requests = math.ceil(args.requests / args.rounds)
    for number in range(args.rounds):
        print(f"Round {number + 1}/{args.rounds} ...", flush=True)
        for scenario, total in zip(scenarios, totals, strict=True):
            total.add(
                run_scenario(
                    scenario,
                    servers[scenario.server] if servers else server,
                    clients=args.clients,
                    seconds=seconds,
                    requests=requests,
                    warmup=args.warmup if number == 0 else min(args.warmup, 0.2),
                    timeout=args.timeout,
                )
            )
    return totals


# -- database and server --------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def app_environment(
    database_url: str, app_env: str, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """The app's environment; `extra` is laid over it (for example one SECRET_KEY shared by
    two servers)."""
    env = dict(os.environ)
    env.pop("FLASK_DEBUG", None)  # debug mode would reload templates on every render
    env.update(
        APP_ENV=app_env,
        SECRET_KEY=secrets.token_hex(32),
        DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
    )
    env.update(extra or {})
    return env


def migrate(database_url: str) -> None:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"]
    completed = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        command,
        cwd=ROOT,
        env=app_environment(database_url, "production"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if completed.returncode != 0:
        raise BenchError(f"migrations failed:\n{completed.stdout}{completed.stderr}")


def prepare_database(workdir: Path) -> str:
    """BENCH_DATABASE_URL, or a new SQLite file in `workdir`, migrated to head."""
    database_url = os.environ.get("BENCH_DATABASE_URL") or (
        f"sqlite:///{workdir / 'bench.sqlite3'}"
    )
    shown = database_url.rsplit("@", 1)[-1]  # no password in the output
    print(f"Migrating {shown} ...", flush=True)
    migrate(database_url)
    return database_url


def database_kind(database_url: str) -> str:
    """SQLite or PostgreSQL, for reports."""
    return "SQLite" if database_url.startswith("sqlite") else "PostgreSQL"


class Server:
    """gunicorn serving bench/bench_app.py on 127.0.0.1. `options` are passed to gunicorn."""

    def __init__(
        self,
        database_url: str,
        workers: int,
        worker_class: str,
        log_path: Path,
        options: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
        app_module: str = APP_MODULE,
        ready_path: str = READY_PATH,
    ):
        self.port = free_port()
        self.ready_path = ready_path
        self.log_path = log_path
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--chdir",
            str(ROOT),
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--no-control-socket",
            "--log-level",
            "warning",
            *options,
            app_module,
        ]
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        # Development: cookies are not Secure, so they work over plain http on loopback.
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            command,
            cwd=ROOT,
            env=app_environment(database_url, "development", env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self, timeout: float = 60) -> None:
        give_up = time.monotonic() + timeout
        while time.monotonic() < give_up:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited with {self.process.returncode}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", self.ready_path)
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
                raise BenchError(f"GET {self.ready_path} gave {status} on start-up")
            except OSError:
                time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer within {timeout:.0f}s")

    def worker_pids(self) -> list[int]:
        """gunicorn's workers: the children of its master (Linux /proc only)."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == self.process.pid:
                pids.append(int(entry.name))
        return pids

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the master and workers so far, or None off Linux."""
        try:
            ticks = os.sysconf("SC_CLK_TCK")
            total = 0
            for pid in [self.process.pid, *self.worker_pids()]:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
            return total / ticks
        except (OSError, ValueError, IndexError):
            return None

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # graceful: finish requests in flight
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # the group we started
                self.process.wait(timeout=10)
        self.log.close()


@contextmanager
def running_server(
    database_url: str,
    workdir: Path,
    *,
    workers: int,
    worker_class: str,
    options: tuple[str, ...] = (),
    app_module: str = APP_MODULE,
    ready_path: str = READY_PATH,
) -> Iterator[Server]:
    """gunicorn, up and answering; stopped on the way out, with its log's last lines shown
    if anything went wrong."""
    log = workdir / f"gunicorn-{app_module.split(':')[0].rsplit('.', 1)[-1]}.log"
    server = Server(
        database_url,
        workers,
        worker_class,
        log,
        options,
        app_module=app_module,
        ready_path=ready_path,
    )
    try:
        server.wait_until_up()
        print(f"gunicorn up on http://{HOST}:{server.port}", flush=True)
        yield server
    except BaseException:
        tail = server.log_tail()
        if tail:
            print(f"--- gunicorn log (last lines) ---\n{tail}", file=sys.stderr)
        raise
    finally:
        server.stop()


# -- report ---------------------------------------------------------------------------------
def print_table(columns: list[tuple[str, int]], rows: list[list[str]]) -> None:
    """Columns of (heading, width): the first aligned left, the others right, with a rule
    under the headings."""
    (first, first_width), *others = columns

    def line(cells: list[str]) -> str:
        head, *tail = cells
        return f"{head:<{first_width}}" + "".join(
            f"{cell:>{width}}" for cell, (_, width) in zip(tail, others, strict=True)
        )

    heading = line([name for name, _ in columns])
    print(heading)
    print("-" * len(heading))
    for row in rows:
        print(line(row))


def print_results(results: list[Result], args) -> None:
    print()
    print(
        f"{args.clients} client threads, {args.workers} gunicorn {args.worker_class} workers; "
        f"each scenario {args.seconds:g}s (at most {args.requests} requests) "
        f"over {args.rounds} interleaved rounds"
    )
    width = max(16, *(len(r.name) + 2 for r in results))
    columns = [("scenario", width), ("requests", 9), ("errors", 8), ("req/s", 9), ("p50 ms", 9)]
    columns += [("p95 ms", 9), ("p99 ms", 9), ("srv CPU ms/req", 16), ("client CPU", 12)]
    rows = []
    for r in results:
        per_request = (
            f"{r.server_cpu / r.requests * 1000:.2f}" if r.server_cpu and r.requests else "n/a"
        )
        client_cpu = f"{r.client_cpu / r.elapsed:.0%}" if r.elapsed else "n/a"
        latencies = [f"{r.percentile(p):.2f}" for p in (50, 95, 99)]
        rows.append(
            [r.name, str(r.requests), str(r.errors), f"{r.throughput:.1f}", *latencies]
            + [per_request, client_cpu]
        )
    print_table(columns, rows)
    for r in results:
        if r.errors:
            print(f"  {r.name}: responses {dict(r.statuses)}")
        for problem in r.problems:
            print(f"  {r.name}: {problem}")
    print(
        "(req/s counts successful responses; srv CPU is gunicorn's user+system CPU time per "
        "request; client CPU is this process's, as a share of one core)"
    )


def cpu_ratio(result: Result, baseline: Result) -> float | None:
    """The baseline's server CPU per request over this scenario's: the throughput ratio the
    two would have on a machine of their own. On a shared machine it is steadier than the
    throughput ratio, which other work's bursts move."""
    if not (result.server_cpu and baseline.server_cpu and result.requests and baseline.requests):
        return None
    return (baseline.server_cpu / baseline.requests) / (result.server_cpu / result.requests)


@dataclass(frozen=True)
class Ratio:
    """A scenario's throughput over a baseline's, as measured, its spread across rounds, and
    the same by server CPU per request."""

    throughput: float
    round_low: float | None
    round_high: float | None
    by_cpu: float | None

    def spread(self) -> str:
        """ "; by round 0.41-0.52" when there were rounds to compare, else ""."""
        if self.round_low is None:
            return ""
        return f"; by round {self.round_low:.2f}-{self.round_high:.2f}"

    def cpu(self) -> str:
        return f"; by server CPU per request {self.by_cpu:.3f}" if self.by_cpu else ""


def ratio_of(result: Result, baseline: Result) -> Ratio:
    throughput = result.throughput / baseline.throughput if baseline.throughput else float("nan")
    per_round = [
        mine / base
        for mine, base in zip(result.round_throughputs, baseline.round_throughputs, strict=True)
        if base
    ]
    low, high = (min(per_round), max(per_round)) if per_round else (None, None)
    return Ratio(throughput, low, high, cpu_ratio(result, baseline))


def print_ratios(results: list[Result], baseline_label: str, target: float) -> None:
    """Each scenario's throughput over the first one's, the baseline, with the spread of the
    same ratio across rounds."""
    baseline = results[0]
    print()
    for r in results[1:]:
        ratio = ratio_of(r, baseline)
        verdict = "meets" if ratio.throughput >= target else "BELOW"
        spread = ratio.spread() if len(r.round_throughputs) > 1 else ""
        print(
            f"{r.name} / {baseline_label} throughput: {ratio.throughput:.3f} "
            f"({verdict} the {target} target{spread}{ratio.cpu()})"
        )


def report(results: list[Result], args, baseline_label: str, target: float) -> int:
    """Print the results and ratios; return the exit status: 0 when the run completed, or
    with --fail-on-errors SAW_ERRORS if any request failed or a scenario saw a problem."""
    print_results(results, args)
    print_ratios(results, baseline_label, target)
    failed = any(r.errors or r.problems for r in results)
    return SAW_ERRORS if args.fail_on_errors and failed else 0


def measure_load(
    args,
    temp_prefix: str,
    scenarios_for: Callable[[str], AbstractContextManager[list[Scenario]]],
) -> list[Result]:
    """The whole run of a load benchmark: a migrated database, whatever `scenarios_for(url)`
    sets up in it (and removes afterwards), gunicorn, and the scenarios in rounds."""
    with tempfile.TemporaryDirectory(prefix=temp_prefix) as tmp:
        database_url = prepare_database(Path(tmp))
        with (
            scenarios_for(database_url) as scenarios,
            running_server(
                database_url, Path(tmp), workers=args.workers, worker_class=args.worker_class
            ) as server,
        ):
            return run_rounds(scenarios, server, args)


# -- command line ---------------------------------------------------------------------------
def add_fail_on_errors(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail-on-errors",
        action="store_true",
        help=f"exit with {SAW_ERRORS} when the run saw errors, not 0 (for CI)",
    )


def load_parser(description: str) -> argparse.ArgumentParser:
    """The options of a load benchmark: how long, how many clients, how many workers."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--seconds", type=float, default=10, help="measured seconds per scenario (default 10)"
    )
    parser.add_argument("--clients", type=int, default=4, help="client threads (default 4)")
    parser.add_argument(
        "--requests",
        type=int,
        default=20000,
        help="at most this many measured requests per scenario (default 20000)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="split each scenario's time into this many rounds, interleaved (default 3)",
    )
    parser.add_argument(
        "--warmup", type=float, default=1, help="warm-up seconds before each scenario (default 1)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--worker-class", default="sync", help="gunicorn worker class (default sync)"
    )
    parser.add_argument(
        "--timeout", type=float, default=30, help="per-request timeout in seconds (default 30)"
    )
    add_fail_on_errors(parser)
    return parser


def parse_load_args(parser: argparse.ArgumentParser, argv: list[str] | None = None):
    args = parser.parse_args(argv)
    if min(args.seconds, args.clients, args.requests, args.rounds, args.workers) <= 0:
        parser.error("--seconds, --clients, --requests, --rounds and --workers must be positive")
    if args.warmup < 0 or args.timeout <= 0:
        parser.error("--warmup must not be negative, and --timeout must be positive")
    return args


def _terminate(signum, frame) -> None:
    raise SystemExit(128 + signum)  # unwinds through the clean-up of the benchmark


def run_main(main: Callable[[], int]) -> NoReturn:
    """Run a benchmark's main(): SIGTERM cleans up as Ctrl-C does, and a benchmark that
    cannot run exits with CANNOT_RUN."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        sys.exit(CANNOT_RUN)
