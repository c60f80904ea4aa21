"""A fake postcodes.io on 127.0.0.1, for the lookup's provider."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class FakeProvider:
    """Answers GET /postcodes/<postcode> from `answers`: postcode → (status, body, delay)."""

    def __init__(self):
        self.answers: dict[str, tuple[int, str, float]] = {}
        self.requests: list[str] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the http.server name)
                provider.requests.append(self.path)
                postcode = urllib.parse.unquote(self.path.removeprefix("/postcodes/"))
                status, body, delay = provider.answers.get(
                    postcode, (404, json.dumps({"status": 404, "error": "Postcode not found"}), 0)
                )
                time.sleep(delay)
                data = body.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up waiting
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def found(self, postcode: str, code: str) -> None:
        result = {"postcode": postcode, "codes": {"admin_district": code}}
        self.answers[postcode] = (200, json.dumps({"status": 200, "result": result}), 0)


@pytest.fixture
def provider(app, monkeypatch):
    """A running fake provider, configured as the app's POSTCODES_IO_URL for this test."""
    fake = FakeProvider()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setitem(app.config, "POSTCODES_IO_URL", fake.url)
    yield fake
    fake.server.shutdown()
    fake.server.server_close()
    thread.join(timeout=5)
