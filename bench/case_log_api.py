"""Benchmark POST /case_logs with the seed's full example log against a bare JSON echo.

Runs migrations on a throwaway SQLite database (or BENCH_DATABASE_URL), creates a data
provider with an API token, serves bench/bench_app.py with gunicorn on 127.0.0.1, and drives
two scenarios with stdlib HTTP client threads, sending the same body and headers:

  JSON echo POST  POST /bench/echo: parse the JSON and send it back, no database
  case log POST   POST /case_logs: validate, create and return a completed log

Usage: .venv/bin/python bench/case_log_api.py [--seconds 10] [--clients 4]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import fixtures
import harness
from harness import Client, Scenario

TARGET_RATIO = 0.4


class JsonPost(Scenario):
    """POST the payload as JSON. A success is a 201 whose JSON body passes problem()."""

    path = ""

    def __init__(self, payload: dict[str, Any], headers: dict[str, str]):
        self.payload = payload
        self.body = json.dumps(payload).encode()
        self.headers = headers

    def ok(self, status: int) -> bool:
        return status == 201

    def step(self, client: Client) -> int | str:
        status, _, text = client.request("POST", self.path, json_body=self.body)
        if status != 201:
            return status
        try:
            body = json.loads(text)
        except ValueError:
            return "201 not JSON"
        return self.problem(body) or status

    def problem(self, body: Any) -> str | None:
        """What is wrong with a 201's body, if anything."""
        raise NotImplementedError


class EchoPost(JsonPost):
    name = "JSON echo POST"
    path = "/bench/echo"

    def problem(self, body: Any) -> str | None:
        return None if body == self.payload else "201 not the payload"


class CaseLogPost(JsonPost):
    name = "case log POST"
    path = "/case_logs"

    def problem(self, body: Any) -> str | None:
        status = body.get("status") if isinstance(body, dict) else None
        return None if status == "completed" else f"201 {status}"


@contextmanager
def scenarios_for(database_url: str) -> Iterator[list[Scenario]]:
    """The echo and the case log POST, with the token of a data provider created for the run
    and deleted afterwards, with the logs they created."""
    payload = fixtures.valid_example()
    with fixtures.app_context(database_url), fixtures.staff_account() as staff:
        headers = {"Accept": "application/json", "Authorization": f"Bearer {staff.api_token}"}
        yield [EchoPost(payload, headers), CaseLogPost(payload, headers)]


def main(argv: list[str] | None = None) -> int:
    args = harness.parse_load_args(harness.load_parser(__doc__.split("\n\n")[0]), argv)
    results = harness.measure_load(args, "bench-case-log-api-", scenarios_for)
    return harness.report(results, args, "echo", TARGET_RATIO)


if __name__ == "__main__":
    harness.run_main(main)
