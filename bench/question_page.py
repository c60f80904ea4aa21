"""Benchmark a form-engine question page against a bare render of the same layout.

Runs migrations on a throwaway SQLite database (or BENCH_DATABASE_URL), serves
bench/bench_app.py with gunicorn on 127.0.0.1, and drives three scenarios with stdlib
HTTP client threads:

  bare           GET /bench/bare: the two-thirds layout, no engine, no database
  question GET   GET /example/<id>/full_name, as the signed-out owner of the record
  question POST  POST /example/<id>/full_name with a valid answer and the current _version

Usage: .venv/bin/python bench/question_page.py [--seconds 10] [--clients 4]
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass
from urllib.parse import urlsplit

import harness
from harness import BenchError, Client, Scenario, csrf_token

TARGET_RATIO = 0.5
QUESTION = "full_name"

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


SCENARIOS: list[Scenario] = [Bare(), QuestionGet(), QuestionPost()]


def main(argv: list[str] | None = None) -> int:
    args = harness.parse_load_args(harness.load_parser(__doc__.split("\n\n")[0]), argv)
    # The scenarios start their own records over HTTP: nothing to set up in the database.
    results = harness.measure_load(args, "bench-question-page-", lambda _: nullcontext(SCENARIOS))
    return harness.report(results, args, "bare", TARGET_RATIO)


if __name__ == "__main__":
    harness.run_main(main)
