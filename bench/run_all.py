"""Every benchmark, with settings that finish in under 10 minutes in all, and the figures in
bench/results.md: each aim, its figure, met or not, the machine and the date, the charts, and
each benchmark's own report. `make bench` runs it. It is for people to read; CI keeps its
short smoke runs (.ci/run).

Usage: .venv/bin/python bench/run_all.py [--postgresql-server postgresql://postgres@127.0.0.1:5432]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import harness
from databases import create_postgresql_database

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.md"
CHARTS = BENCH / "charts"
RAMP_CHART = CHARTS / "journeys-ramp.png"
RATIO_RE = re.compile(
    r"^(?P<name>.+?) / (?P<base>.+?) throughput: (?P<ratio>[\d.]+|nan)"
    r"(?:.*by server CPU per request (?P<cpu>[\d.]+))?",
    re.M,
)
CAPACITY_RE = re.compile(r"^Capacity: (?P<users>\d+) users", re.M)
RAMP_ROW_RE = re.compile(
    r"^(?P<users>\d+)\s+(?P<requests>\d+)\s+(?P<rps>[\d.]+)\s+(?P<p50>[\d.]+|nan)\s+"
    r"(?P<p95>[\d.]+|nan)\s+(?P<p99>[\d.]+|nan)\s+(?P<errors>\d+)\s+(?P<server>\d+)\s+(?:yes|no)$",
    re.M,
)
LOG_LINE_RE = re.compile(r'^\{"time": .*$\n?', re.M)  # the servers' JSON log lines


@dataclass
class Run:
    title: str
    command: list[str]
    output: str = ""
    seconds: float = 0.0
    status: int | None = None


def run(title: str, arguments: list[str], env: dict[str, str], timeout: float) -> Run:
    command = [sys.executable, *arguments]
    print(f"== {title}: {' '.join(arguments)}", flush=True)
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        command,
        cwd=harness.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
        status: int | None = process.returncode
    except subprocess.TimeoutExpired:
        # SIGTERM, as Ctrl-C: the benchmark stops its servers and workers on the way out.
        process.terminate()
        try:
            output, _ = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        output += f"\n(stopped after {timeout:.0f} s)"
        status = None
    result = Run(title, arguments, LOG_LINE_RE.sub("", output).strip(), 0.0, status)
    result.seconds = time.monotonic() - started
    print(f"   {result.seconds:.0f} s, exit {status}", flush=True)
    return result


def ratios(output: str) -> dict[tuple[str, str], tuple[float, float | None]]:
    """(throughput ratio, server CPU per request ratio) per (scenario, baseline)."""
    return {
        (m["name"], m["base"]): (float(m["ratio"]), float(m["cpu"]) if m["cpu"] else None)
        for m in RATIO_RE.finditer(output)
    }


def load_average() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def verdict(value: float | None, target: float, higher_is_better: bool = True) -> str:
    if value is None:
        return "not measured"
    met = value >= target if higher_is_better else value <= target
    return "**met**" if met else "**missed**"


def fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgresql-server",
        default="postgresql://postgres@127.0.0.1:5432",
        help="the PostgreSQL server for the benchmarks' own databases (never `test`)",
    )
    parser.add_argument(
        "--database-prefix",
        default="",
        help="before each benchmark database's name, to keep clear of another run's",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379")
    parser.add_argument(
        "--ramp", default="50,100,200,300,400", help="journeys.py --ramp (default as the issue)"
    )
    parser.add_argument("--step-seconds", type=float, default=30, help="per ramp step (30)")
    parser.add_argument(
        "--seconds", type=float, default=5, help="per scenario of the page and API benches (5)"
    )
    args = parser.parse_args(argv)
    server = args.postgresql_server.rstrip("/") + "/" + args.database_prefix
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("BENCH_DATABASE_URL", None)
    CHARTS.mkdir(exist_ok=True)
    started = datetime.now(UTC)
    load_before = load_average()
    case_log_pg = f"{server}case_log_bench"
    create_postgresql_database(case_log_pg)
    short = ["--seconds", f"{args.seconds:g}", "--rounds", "3", "--warmup", "1"]

    runs = {
        "pages": run("Question pages (SQLite)", ["bench/question_page.py", *short], env, 240),
        "api-sqlite": run("POST /case_logs (SQLite)", ["bench/case_log_api.py", *short], env, 120),
        "api-pg": run(
            "POST /case_logs (PostgreSQL)",
            ["bench/case_log_api.py", *short],
            {**env, "BENCH_DATABASE_URL": case_log_pg},
            120,
        ),
        "ramp": run(
            "Journeys, ramp with think time (PostgreSQL)",
            [
                "bench/journeys.py",
                "--think",
                "1-2",
                "--ramp",
                args.ramp,
                "--step-seconds",
                f"{args.step_seconds:g}",
                "--chart",
                str(RAMP_CHART),
                "--postgresql-url",
                f"{server}journeys_bench",
            ],
            env,
            args.step_seconds * len(args.ramp.split(",")) + 600,
        ),
        "budget": run(
            "SQL queries per page (tests)",
            [
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/case_logs/test_query_budget.py",
                "tests/applications/test_query_budget.py",
                "tests/formkit/test_query_budget.py",
            ],
            env,
            180,
        ),
        "tenures": run(
            "Tenure search",
            [
                "bench/tenure_search.py",
                "--tenures",
                "5000",
                "--quick",
                "--postgresql-url",
                f"{server}tenure_bench",
            ],
            env,
            240,
        ),
        "csv": run("CSV export memory", ["bench/csv_export_memory.py", "--logs", "2000"], env, 180),
        "bulk": run("Bulk upload", ["bench/bulk_upload.py", "--rows", "500"], env, 180),
        "email": run(
            "Email delivery",
            [
                "bench/email_delivery.py",
                "--emails",
                "100",
                "--postgresql-url",
                f"{server}email_bench",
                "--redis-url",
                f"{args.redis_url}/11",
            ],
            env,
            180,
        ),
        "scale": run(
            "Scale-out",
            ["bench/scale_out.py", "--smoke", "--postgresql-url", f"{server}scale_out_bench"],
            env,
            180,
        ),
        # Its first run prepares the runner in /tmp/eq-runner (a clone, a venv, npm's design
        # system): a few minutes more, once.
        "eq": run(
            "Against eq-questionnaire-runner",
            ["bench/eq_runner.py", "--seconds", f"{args.seconds:g}", "--rounds", "2"],
            env,
            600,
        ),
    }
    finished = datetime.now(UTC)
    write_results(runs, started, finished, load_before, load_average(), args)
    print(f"Written {RESULTS.relative_to(harness.ROOT)}")
    return 0


def write_results(runs: dict[str, Run], started, finished, load_before, load_after, args) -> None:
    pages = ratios(runs["pages"].output)
    api = {
        "SQLite": ratios(runs["api-sqlite"].output).get(("case log POST", "echo")),
        "PostgreSQL": ratios(runs["api-pg"].output).get(("case log POST", "echo")),
    }
    ramp_rows = list(RAMP_ROW_RE.finditer(runs["ramp"].output))
    capacity = CAPACITY_RE.search(runs["ramp"].output)
    capacity_users = int(capacity["users"]) if capacity else (0 if ramp_rows else None)
    budget_ok = runs["budget"].status == 0
    eq = ratios(runs["eq"].output)

    def ratio_row(label: str, found, target: float | None) -> tuple[str, str, str, str]:
        """The throughput ratio, and the server-CPU ratio beside it; the verdict goes by
        the CPU ratio when there is one, since other work on the machine moves the other."""
        throughput, cpu = found if found else (None, None)
        shown = f"{fmt(throughput)} (by CPU per request: {fmt(cpu)})"
        if target is None:
            return label, "(no aim)", shown, ""
        return label, f"≥ {target}", shown, verdict(cpu if cpu is not None else throughput, target)

    def page(label: str, name: str, base: str, target: float | None):
        return ratio_row(label, pages.get((name, base)), target)

    def eq_row(label: str, pair: tuple[str, str]) -> tuple[str, str, str, str]:
        if pair in eq:
            return ratio_row(label, eq[pair], 2.0)
        why = {1: "could not be prepared", None: "was stopped at its time limit"}.get(
            runs["eq"].status, "gave no figure"
        )
        shown = f"not measured: the runner {why} (see its report below)"
        return label, "≥ 2.0", shown, "not measured"

    aims = [
        (
            "Capacity: most users with p95 < 150 ms and 0 errors (think 1-2 s, 2 servers)",
            "300 users",
            "n/a" if capacity_users is None else f"{capacity_users} users",
            verdict(capacity_users, 300),
        ),
        page("Lettings page GET / bare layout GET", "lettings GET", "bare layout GET", 0.5),
        page("Application page GET / bare layout GET", "application GET", "bare layout GET", 0.5),
        page("Example question GET / bare layout GET", "question GET", "bare layout GET", 0.5),
        page("Lettings page GET+POST / limit GET+POST", "lettings GET+POST", "limit GET+POST", 0.4),
        page(
            "Application page GET+POST / limit GET+POST",
            "application GET+POST",
            "limit GET+POST",
            0.4,
        ),
        page(
            "Bare layout GET / limit GET (what our layout costs)",
            "bare layout GET",
            "limit GET",
            None,
        ),
        page("Lettings page GET / limit GET", "lettings GET", "limit GET", None),
        ratio_row("POST /case_logs / JSON echo, SQLite", api["SQLite"], 0.4),
        ratio_row("POST /case_logs / JSON echo, PostgreSQL", api["PostgreSQL"], 0.4),
        (
            "SQL queries per page, constant as answers grow (lettings, application, example)",
            "≤ 5",
            "asserted by the query-budget tests: " + ("pass" if budget_ok else "FAIL"),
            "**met**" if budget_ok else "**missed**",
        ),
        eq_row(
            "Throughput against eq-questionnaire-runner on Redis: lettings page GET+POST / its "
            "question page GET+POST",
            ("lettings GET+POST", "eq question GET+POST"),
        ),
        eq_row(
            "Example question GET+POST / eq-questionnaire-runner's question GET+POST",
            ("question GET+POST", "eq question GET+POST"),
        ),
        eq_row(
            "Example question GET / eq-questionnaire-runner's question GET",
            ("question GET", "eq question GET"),
        ),
        eq_row(
            "Example question POST / eq-questionnaire-runner's question POST",
            ("question POST", "eq question POST"),
        ),
    ]
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run_all.py); the README's figures point here. Each",
        "figure is a ratio to a baseline measured in the same run, since the absolute figures",
        "of a shared 2-core machine vary from run to run by a third or more. A ratio is",
        "shown by throughput and by gunicorn's CPU time per request (the baseline's over the",
        "scenario's: the throughput ratio on a machine of its own); the verdict goes by the",
        "second, which other work on the machine moves less. `docs/performance.md` explains",
        "where the time goes.",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} to {finished:%H:%M} UTC",
        f"- Machine: {os.cpu_count()} cores ({cpu_model()}), Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}",
        f"- Load average (1/5/15 min) before: {load_before}; after: {load_after}. Anything",
        "  above the core count means other work shared the machine during the run.",
        "",
        "## The aims of issue 22",
        "",
        "| figure | target | measured | |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in aims],
        "",
        "## Capacity: the ramp",
        "",
        f"`bench/journeys.py --think 1-2 --ramp {args.ramp} --step-seconds "
        f"{args.step_seconds:g}`: half the users fill in lettings logs on the web pages, half",
        "send applications through the portal API, each pausing 1–2 s before each request a",
        "person makes, on 2 gunicorn servers of 2 sync workers and PostgreSQL.",
        "",
        "| users | requests | req/s | p50 ms | p95 ms | p99 ms | errors | 5xx |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        *[
            f"| {r['users']} | {r['requests']} | {r['rps']} | {r['p50']} | {r['p95']} | "
            f"{r['p99']} | {r['errors']} | {r['server']} |"
            for r in ramp_rows
        ],
        "",
    ]
    if RAMP_CHART.exists():
        lines += [f"![p95 and throughput against users]({RAMP_CHART.relative_to(BENCH)})", ""]
    lines += ["## Each benchmark's report", ""]
    for item in runs.values():
        status = "timed out" if item.status is None else f"exit {item.status}"
        lines += [
            f"### {item.title}",
            "",
            f"`{' '.join(item.command)}`: {item.seconds:.0f} s, {status}",
            "",
            "```",
            *tail(item.output, 60),
            "```",
            "",
        ]
    RESULTS.write_text("\n".join(lines))


def tail(text: str, count: int) -> list[str]:
    lines = [line for line in text.splitlines() if not line.startswith("INFO  [alembic")]
    return lines[-count:]


if __name__ == "__main__":
    harness.run_main(main)
