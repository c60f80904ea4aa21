"""Benchmark our question pages against ONS's eq-questionnaire-runner, in the same run.

Issue 22: "Aim for at least 2x it on its Redis storage, with its default settings." The
runner is prepared outside this repository (--workdir, default /tmp/eq-runner): cloned from
the local mirror, given a venv of its own with the dependencies of its poetry.lock from PyPI,
its design-system templates from the npm package @ons/design-system, and its translations
compiled. It then runs under gunicorn with its default settings: its default storage backend,
Datastore, on Google's Cloud Datastore emulator (from the Debian package
google-cloud-cli-datastore-emulator), and its Redis storage on a redis-server of the run's
own. Our app runs as bench/question_page.py runs it. Scenarios, interleaved in rounds:

  eq question GET+POST   their test_textfield question page, then its answer posted (302)
  eq question GET        that page
  eq question POST       its answer posted, with the page's CSRF token
  lettings GET+POST      our lettings log's page half-way, then its answers saved (302)
  question GET+POST      our example journey's full_name page, then its answer saved (302)
  question GET           that page
  question POST          its answer saved

Exits 1 ("cannot run") when the runner cannot be prepared or started.

Usage: .venv/bin/python bench/eq_runner.py [--seconds 10] [--rounds 3] [--workdir /tmp/eq-runner]
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tarfile
import tempfile
import time
import tomllib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import fixtures
import harness
import question_page
from harness import BenchError, Client, Result, Scenario, csrf_token

RUNNER_MIRROR = "/work/.mirror/ONSdigital+eq-questionnaire-runner/repo"
# The runner asks for Python ^3.13.5; 3.13.0 is the nearest this machine has.
RUNNER_PYTHON = "/root/.pyenv/versions/3.13.0/bin/python"
DESIGN_SYSTEM_PACKAGE = "@ons/design-system"
# A question page of one text field: the nearest of its test schemas to our example question.
SCHEMA = "test_textfield"
BLOCK_URL = "/questionnaire/name-block/"
ANSWER = "name-answer"
TARGET_RATIO = 2.0
# uWSGI is one of its servers, not used here (gunicorn serves it), and builds from source.
NOT_NEEDED = {"uwsgi"}
# Its key ids: the launcher's signing key and the runner's encryption key, whose private and
# public halves its integration tests hold in tests/jwt-test-keys.
LAUNCHER_SIGNING_KID = "709eb42cfee5570058ce0711f730bfbb7d4c8ade"
RUNNER_ENCRYPTION_KID = "e19091072f920cbf3ca9f436ceba309e7d814a62"
DATASTORE_EMULATOR = (
    "/usr/lib/google-cloud-sdk/platform/cloud-datastore-emulator/cloud_datastore_emulator"
)
# Our comparable scenario for each of theirs, with the aim.
RATIOS = [
    ("lettings GET+POST", "eq question GET+POST", TARGET_RATIO),
    ("question GET+POST", "eq question GET+POST", TARGET_RATIO),
    ("question GET", "eq question GET", TARGET_RATIO),
    ("question POST", "eq question POST", TARGET_RATIO),
]

# Run with the runner's interpreter: launch tokens as its launcher makes them, a JWT signed
# with the launcher's key then encrypted for the runner (sdc-cryptography, from PyPI), with the
# claims of a business survey. argv: count, schema name. One token per line.
TOKEN_MAKER = f"""
import sys, time, uuid
from datetime import datetime, timedelta, timezone
from sdc.crypto.encrypter import encrypt
from sdc.crypto.key_store import KeyStore

keys_dir = "tests/jwt-test-keys/"
key_store = KeyStore({{"keys": {{
    "{LAUNCHER_SIGNING_KID}": {{"purpose": "authentication", "type": "private",
        "value": open(keys_dir + "sdc-rrm-authentication-signing-private-v1.pem").read()}},
    "{RUNNER_ENCRYPTION_KID}": {{"purpose": "authentication", "type": "public",
        "value": open(keys_dir + "sdc-sr-authentication-encryption-public-v1.pem").read()}},
}}}})
count, schema_name = int(sys.argv[1]), sys.argv[2]
for number in range(count):
    issued = time.time()
    claims = {{
        "version": "v2", "schema_name": schema_name, "tx_id": str(uuid.uuid4()),
        "jti": str(uuid.uuid4()), "case_id": str(uuid.uuid4()), "iat": issued,
        "exp": issued + 3600, "collection_exercise_sid": "789",
        "response_id": f"bench{{number:011d}}", "language_code": "en", "roles": [],
        "account_service_url": "http://upstream.url",
        "response_expires_at": (datetime.now(timezone.utc) + timedelta(days=1)).isoformat(),
        "survey_metadata": {{"data": {{
            "user_id": "bench", "period_str": "April 2016", "period_id": "201604",
            "ru_ref": f"{{number:011d}}A", "ru_name": "Benchmark", "trad_as": "Benchmark",
            "ref_p_start_date": "2016-04-01", "ref_p_end_date": "2016-04-30",
        }}}},
    }}
    print(encrypt(claims, key_store, "authentication"))
"""


# -- preparing the runner -------------------------------------------------------------------
def step(description: str, command: list[str], cwd: Path, timeout: float = 900, **kwargs) -> str:
    """Run one preparation command; its output, or BenchError with its last lines."""
    print(f"  {description} ...", flush=True)
    try:
        completed = subprocess.run(  # noqa: S603 - fixed commands of the preparation
            command, cwd=cwd, capture_output=True, text=True, timeout=timeout, **kwargs
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BenchError(f"cannot run: {description}: {error}") from None
    if completed.returncode != 0:
        tail = "\n".join((completed.stdout + completed.stderr).splitlines()[-15:])
        raise BenchError(f"cannot run: {description} failed:\n{tail}")
    return completed.stdout


def locked_requirements(source: Path) -> list[str]:
    """Its main dependencies at the versions of its poetry.lock."""
    lock = tomllib.loads((source / "poetry.lock").read_text())
    return [
        f"{package['name']}=={package['version']}"
        for package in lock["package"]
        if "main" in package.get("groups", []) and package["name"] not in NOT_NEEDED
    ]


def design_system_version(wanted: str, source: Path) -> str:
    """The design system's version on npm: the one it names, or else the newest published
    release of the same major.minor (npm lacks some patch releases)."""
    listed = step(
        f"npm view {DESIGN_SYSTEM_PACKAGE} versions",
        ["npm", "view", DESIGN_SYSTEM_PACKAGE, "versions", "--json"],
        source,
        timeout=120,
    )
    published = json.loads(listed)
    if wanted in published:
        return wanted
    major_minor = wanted.split(".")[:2]
    same_minor = [v for v in published if v.split(".")[:2] == major_minor and "-" not in v]
    if not same_minor:
        raise BenchError(f"cannot run: no {DESIGN_SYSTEM_PACKAGE} {wanted} (or its minor) on npm")
    chosen = max(same_minor, key=lambda v: tuple(int(part) for part in v.split(".")))
    print(f"  ({DESIGN_SYSTEM_PACKAGE} {wanted} is not on npm; using {chosen})", flush=True)
    return chosen


def load_design_system(source: Path) -> str:
    """Its design-system templates where `make load-design-system-templates` puts them:
    templates/components, templates/layout and templates/assets/styles/print.css."""
    wanted = (source / ".design-system-version").read_text().strip()
    version = design_system_version(wanted, source)
    with tempfile.TemporaryDirectory(prefix="eq-design-system-") as tmp:
        step(
            f"npm pack {DESIGN_SYSTEM_PACKAGE}@{version}",
            ["npm", "pack", f"{DESIGN_SYSTEM_PACKAGE}@{version}", "--pack-destination", tmp],
            source,
            timeout=300,
        )
        (archive,) = Path(tmp).glob("*.tgz")
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        package = Path(tmp) / "package"
        templates = source / "templates"
        for folder in ("components", "layout"):
            shutil.rmtree(templates / folder, ignore_errors=True)
            shutil.copytree(package / folder, templates / folder)
        # The release's build writes its version into the layout, where the npm package
        # leaves a variable that only the design system's own build sets.
        layout = templates / "layout" / "_template.njk"
        layout.write_text(re.sub(r"\brelease_version\b", json.dumps(wanted), layout.read_text()))
        styles = templates / "assets" / "styles"
        styles.mkdir(parents=True, exist_ok=True)
        shutil.copy(package / "css" / "print.css", styles / "print.css")
    return version


@dataclass
class Runner:
    source: Path  # its clone
    python: Path  # its venv's interpreter
    commit: str
    design_system: str

    @property
    def bin(self) -> Path:
        return self.python.parent


def prepare_runner(workdir: Path, mirror: str, python: str) -> Runner:
    """Clone, venv, dependencies, design system and translations; each step is skipped when a
    previous run has done it (a stamp file records it)."""
    print(f"Preparing eq-questionnaire-runner in {workdir} ...", flush=True)
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / "src"
    if not (source / ".git").exists():
        shutil.rmtree(source, ignore_errors=True)
        step("git clone", ["git", "clone", "--quiet", mirror, str(source)], workdir)
    commit = step("git rev-parse", ["git", "rev-parse", "--short", "HEAD"], source).strip()

    venv = workdir / "venv"
    requirements = locked_requirements(source)
    installed_stamp = venv / ".bench-installed"
    wanted = hashlib.sha256("\n".join([python, *requirements]).encode()).hexdigest()
    if not installed_stamp.exists() or installed_stamp.read_text() != wanted:
        if not Path(python).exists():
            raise BenchError(f"cannot run: no Python at {python} (--runner-python)")
        shutil.rmtree(venv, ignore_errors=True)
        step("venv", [python, "-m", "venv", str(venv)], workdir)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check"]
        step(f"pip install {len(requirements)} locked packages", [*pip, *requirements], workdir)
        installed_stamp.write_text(wanted)

    design_stamp = source / "templates" / ".bench-design-system"
    if not design_stamp.exists():
        design_stamp.write_text(load_design_system(source))
    design_system = design_stamp.read_text()

    step(
        "pybabel compile",
        [str(venv / "bin" / "pybabel"), "compile", "-d", "app/translations"],
        source,
    )
    return Runner(source, venv / "bin" / "python", commit, design_system)


def launch_tokens(runner: Runner, count: int) -> list[str]:
    output = step(
        f"{count} launch tokens",
        [str(runner.python), "-c", TOKEN_MAKER, str(count), SCHEMA],
        runner.source,
        timeout=300,
    )
    return output.split()


# -- running it -----------------------------------------------------------------------------
def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 60) -> None:
    give_up = time.monotonic() + timeout
    while time.monotonic() < give_up:
        if process.poll() is not None:
            raise BenchError(f"cannot run: {what} exited with {process.returncode}")
        try:
            socket.create_connection((harness.HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise BenchError(f"cannot run: {what} did not listen within {timeout:.0f}s")


@contextmanager
def background(command: list[str], log_path: Path, what: str, port: int, **kwargs):
    """A helper process (the Datastore emulator, redis-server) listening on `port`, stopped
    on the way out."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed commands
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        try:
            wait_for_port(port, process, what)
            yield process
        finally:
            # The whole group it started: the emulator's script runs Java as a child.
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def runner_environment(source: Path, redis_port: int, datastore_port: int) -> dict[str, str]:
    """Its settings: the variables its settings.py requires, from its .development.env, with
    everything else left at its default (app/settings.py). Left out of .development.env: debug
    mode and live reload (development only), insecure session cookies (their default is
    Secure; our client sends them over loopback all the same), its gunicorn config file (it
    binds 0.0.0.0:5000; the command line sets ours) and its emulator's port."""
    development = {}
    for line in (source / ".development.env").read_text().splitlines():
        name, sep, value = line.partition("=")
        if sep and not name.startswith("#"):
            development[name.strip()] = value.strip()
    for dev_only in (
        "FLASK_DEBUG",
        "EQ_ENABLE_LIVE_RELOAD",
        "EQ_ENABLE_SECURE_SESSION_COOKIE",
        "GUNICORN_CMD_ARGS",
    ):
        development.pop(dev_only, None)
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLASK_")}
    env.update(development)
    env.update(
        DATASTORE_EMULATOR_HOST=f"{harness.HOST}:{datastore_port}",
        EQ_REDIS_HOST=harness.HOST,
        EQ_REDIS_PORT=str(redis_port),
        PYTHONUNBUFFERED="1",
    )
    return env


class RunnerServer(harness.Server):
    """The runner under its own venv's gunicorn; the harness's CPU accounting and stop()."""

    def __init__(self, runner: Runner, env: dict[str, str], log_path: Path, args):
        self.port = harness.free_port()
        self.ready_path = "/status"
        self.log_path = log_path
        command = [
            str(runner.bin / "gunicorn"),
            "--bind",
            f"{harness.HOST}:{self.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            args.worker_class,
            "--log-level",
            "warning",
            "application:application",
        ]
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - its venv's gunicorn, fixed arguments
            command,
            cwd=runner.source,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@dataclass
class Storage:
    """The helper processes the runner keeps its data in, for their CPU time."""

    pids: list[int]

    def cpu_seconds(self) -> float:
        """Theirs and their children's: the emulator's script starts Java."""
        return sum(process_cpu_seconds(pid) for pid in self.pids for pid in family(pid))


def family(pid: int) -> list[int]:
    """A process and its descendants (Linux /proc)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *(grandchild for child in children for grandchild in family(int(child)))]


@contextmanager
def running_runner(
    runner: Runner, workdir: Path, emulator: str, args
) -> Iterator[tuple[RunnerServer, Storage]]:
    """The Datastore emulator, a redis-server of the run's own, and the runner."""
    if not Path(emulator).exists():
        raise BenchError(f"cannot run: no Datastore emulator at {emulator} (--datastore-emulator)")
    datastore_port, redis_port = harness.free_port(), harness.free_port()
    # In memory, every write applied at once: its --testing mode.
    datastore = [
        emulator,
        "start",
        "--testing",
        f"--host={harness.HOST}",
        f"--port={datastore_port}",
    ]
    # Its Redis client takes a host and a port but no database number, so it gets a server of
    # its own, in memory only, rather than database 0 of the machine's.
    redis = ["redis-server", "--bind", harness.HOST, "--port", str(redis_port), "--save", ""]
    with ExitStack() as stack:
        datastore_process = stack.enter_context(
            background(
                datastore, workdir / "datastore.log", "the Datastore emulator", datastore_port
            )
        )
        redis_process = stack.enter_context(
            background(
                [*redis, "--appendonly", "no"], workdir / "redis.log", "redis-server", redis_port
            )
        )
        env = runner_environment(runner.source, redis_port, datastore_port)
        server = RunnerServer(runner, env, workdir / "eq.log", args)
        try:
            server.wait_until_up()
            print(f"eq-questionnaire-runner up on http://{harness.HOST}:{server.port}", flush=True)
            yield server, Storage([datastore_process.pid, redis_process.pid])
        except BaseException:
            tail = server.log_tail()
            if tail:
                print(f"--- eq-questionnaire-runner log (last lines) ---\n{tail}", flush=True)
            raise
        finally:
            server.stop()


# -- their scenarios ------------------------------------------------------------------------
@dataclass
class Respondent:
    """One client thread's questionnaire, launched with a token of its own."""

    client: Client
    csrf: str = ""
    sent: int = 0


class EqScenario(Scenario):
    """Their question page, as a respondent launched into the questionnaire. Every thread of
    every round uses a launch token of its own (a token's jti is accepted once)."""

    server = "eq"

    def __init__(self, tokens: list[str]):
        self.tokens = tokens

    def setup(self, client: Client) -> Respondent:
        token = self.tokens.pop()
        status = client.request("GET", f"/session?token={token}")[0]
        if status != 302:
            raise BenchError(f"eq launch gave {status}, not 302")
        respondent = Respondent(client)
        status, _, html = client.request("GET", BLOCK_URL)
        if status != 200:
            raise BenchError(f"GET {BLOCK_URL} after launch gave {status}")
        respondent.csrf = csrf_token(html)
        return respondent

    def post(self, respondent: Respondent) -> int | str:
        respondent.sent += 1
        form = {"csrf_token": respondent.csrf, ANSWER: f"Ada {respondent.sent}"}
        status, headers, _ = respondent.client.request("POST", BLOCK_URL, form)
        if status == 302 and urlsplit(headers.get("Location", "")).path == BLOCK_URL:
            return "302 back to the same page"
        return status


class EqGet(EqScenario):
    name = "eq question GET"

    def step(self, respondent: Respondent) -> int:
        return respondent.client.request("GET", BLOCK_URL)[0]


class EqPost(EqScenario):
    name = "eq question POST"

    def ok(self, status: int) -> bool:
        return status == 302

    def step(self, respondent: Respondent) -> int | str:
        return self.post(respondent)


class EqCycle(EqScenario):
    """The page, then its answer posted with the page's CSRF token."""

    name = "eq question GET+POST"

    def ok(self, status: int) -> bool:
        return status == 302

    def step(self, respondent: Respondent) -> int | str:
        status, _, html = respondent.client.request("GET", BLOCK_URL)
        if status != 200:
            return f"GET {status}"
        respondent.csrf = csrf_token(html)
        return self.post(respondent)


# -- our like-for-like cycle -----------------------------------------------------------------
class QuestionCycle(question_page.QuestionPost):
    """Our example question's page, then its answer saved with the page's CSRF token and
    version: their cycle's counterpart, one text question each."""

    name = "question GET+POST"

    def step(self, tab: question_page.Tab) -> int | str:
        question_page.refresh(tab)
        return super().step(tab)


# -- the run --------------------------------------------------------------------------------
def print_ratios(results: list[Result], storage_cpu_ms: float | None) -> None:
    by_name = {r.name: r for r in results}
    print()
    for name, baseline_name, target in RATIOS:
        ratio = harness.ratio_of(by_name[name], by_name[baseline_name])
        # Judged, as bench/results.md judges, by CPU per request: other work moves the other.
        verdict = "meets" if (ratio.by_cpu or ratio.throughput) >= target else "BELOW"
        print(
            f"{name} / {baseline_name} throughput: {ratio.throughput:.3f} "
            f"({verdict} the {target:g}x aim, by CPU{ratio.spread()}{ratio.cpu()})"
        )
    if storage_cpu_ms is not None:
        print(
            f"(their storage, the Datastore emulator and redis-server, used {storage_cpu_ms:.2f} "
            "ms of CPU per eq request besides gunicorn's, warm-ups included; not counted above)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = harness.load_parser(__doc__.split("\n\n")[0])
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "eq-runner",
        help="where the runner is prepared, kept between runs (default /tmp/eq-runner)",
    )
    parser.add_argument("--runner-mirror", default=RUNNER_MIRROR, help="the git repo to clone")
    parser.add_argument("--runner-python", default=RUNNER_PYTHON, help="Python for its venv")
    parser.add_argument(
        "--datastore-emulator", default=DATASTORE_EMULATOR, help="Cloud Datastore's emulator"
    )
    args = harness.parse_load_args(parser, argv)
    if harness.ROOT in args.workdir.resolve().parents or args.workdir.resolve() == harness.ROOT:
        parser.error("--workdir must be outside this repository")
    runner = prepare_runner(args.workdir, args.runner_mirror, args.runner_python)
    eq_scenarios: list[EqScenario] = [EqCycle([]), EqGet([]), EqPost([])]
    tokens = launch_tokens(runner, len(eq_scenarios) * args.clients * args.rounds)
    for number, scenario in enumerate(eq_scenarios):
        share = args.clients * args.rounds
        scenario.tokens = tokens[number * share : (number + 1) * share]
    print(f"eq-questionnaire-runner {runner.commit}, design system {runner.design_system}")

    with tempfile.TemporaryDirectory(prefix="bench-eq-runner-") as tmp:
        database_url = harness.prepare_database(Path(tmp))
        with fixtures.app_context(database_url):
            logs, _ = question_page.make_seats(args.clients)
        ours = [
            question_page.RealCycle("lettings GET+POST", logs),
            QuestionCycle(),
            question_page.QuestionGet(),
            question_page.QuestionPost(),
        ]
        with (
            running_runner(runner, Path(tmp), args.datastore_emulator, args) as (
                eq_server,
                storage,
            ),
            harness.running_server(
                database_url, Path(tmp), workers=args.workers, worker_class=args.worker_class
            ) as app,
        ):
            storage_before = storage.cpu_seconds()
            results = harness.run_rounds(
                [*eq_scenarios, *ours], {"eq": eq_server, "app": app}, args
            )
            storage_cpu = storage.cpu_seconds() - storage_before
    eq_requests = sum(r.requests for r in results if r.name.startswith("eq "))
    harness.print_results(results, args)
    print_ratios(results, storage_cpu / eq_requests * 1000 if eq_requests else None)
    failed = any(r.errors or r.problems for r in results)
    return harness.SAW_ERRORS if args.fail_on_errors and failed else 0


if __name__ == "__main__":
    harness.run_main(main)
