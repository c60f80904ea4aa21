"""Rate limits hold across processes when they are counted in Redis (RATE_LIMIT_STORAGE_URL):
two gunicorn servers on loopback, one Redis, and a burst that goes over the limit allow the
limit once in total, not once per server.

Uses the Redis in TEST_REDIS_URL (default: the machine's, database 0) under a key prefix of its
own, deleted afterwards; skipped only when that Redis cannot be reached.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
LIMIT = 5
BURST = 16


@pytest.fixture
def shared_redis():
    """The machine's Redis, and a key prefix for this test alone, whose keys are removed."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    prefix = f"housing-forms-test-{uuid.uuid4().hex}"
    yield prefix
    keys = list(client.scan_iter(match=f"*{prefix}*"))
    if keys:
        client.delete(*keys)
    assert list(client.scan_iter(match=f"*{prefix}*")) == []
    client.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(port: int, method: str, path: str, body: bytes | None = None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _wait_until_up(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped at start-up:\n{log.read_text()}")
        try:
            if _request(port, "GET", "/healthcheck") == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not start:\n{log.read_text()}")


@pytest.fixture
def two_servers(shared_redis, database_url, tmp_path):
    """Two gunicorn servers (one worker each: two processes) counting limits in one Redis."""
    env = {
        **os.environ,
        "APP_ENV": "test",
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": database_url,
        "RATE_LIMIT_STORAGE_URL": REDIS_URL,
        "RATE_LIMIT_KEY_PREFIX": shared_redis,
        "REGISTRATION_LIMIT": f"{LIMIT} per hour",
        "PORTAL_SUBMISSIONS_LIMIT": f"{LIMIT} per hour",
    }
    servers, ports = [], []
    try:
        for number in (1, 2):
            port, log = _free_port(), tmp_path / f"gunicorn-{number}.log"
            command = [sys.executable, "-m", "gunicorn", "--workers", "1"]
            command += ["--bind", f"127.0.0.1:{port}", "wsgi:app"]
            with log.open("w") as output:
                server = subprocess.Popen(  # noqa: S603 (our own command line)
                    command, cwd=ROOT, env=env, stdout=output, stderr=output
                )
            servers.append(server)
            ports.append(port)
            _wait_until_up(servers[-1], port, log)
        yield ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.mark.parametrize(
    "path",
    [
        "/api/rest/portal/register",  # REGISTRATION_LIMIT
        "/api/rest/portal/assessment",  # PORTAL_SUBMISSIONS_LIMIT: signed-out submissions
    ],
)
def test_a_limit_holds_in_total_across_two_processes(two_servers, path):
    # Requests from one address, half to each server, all at once. A body that is not an
    # object is refused (400) without touching the database, but still counts.
    targets = [two_servers[n % 2] for n in range(BURST)]

    def attempt(port: int) -> int:
        return _request(port, "POST", path, b"[]")

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(attempt, targets))

    # Counted per process, each server would have let LIMIT through: twice as many.
    assert Counter(statuses) == {400: LIMIT, 429: BURST - LIMIT}
    assert [attempt(port) for port in two_servers] == [429, 429]


def test_unreachable_shared_storage_falls_back_to_memory_rather_than_failing(make_app):
    """Redis down while the service runs: requests are still answered, and the limit is then
    counted in the process's memory, so it still holds here."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead_port = sock.getsockname()[1]  # nothing listens here once the socket is closed
    app = make_app(
        rate_limit_storage_url=f"redis://127.0.0.1:{dead_port}/0", registration_limit="2 per hour"
    )
    client = app.test_client()
    body = {"name": "A", "email": "not-an-email", "password": "x"}
    try:
        statuses = [
            client.post("/api/rest/portal/register", json=body).status_code for _ in range(4)
        ]
    finally:
        make_app()  # the limiter is shared by every app: give it back its memory storage
    assert all(status < 500 for status in statuses), statuses
    assert statuses.count(429) == 2, statuses
