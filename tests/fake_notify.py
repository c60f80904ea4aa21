"""A local fake of GOV.UK Notify's HTTP API, for tests and the delivery benchmark: a real HTTP
server on 127.0.0.1 that the real `notifications-python-client` talks to.

It checks the JWT the client signs as Notify does (HS256 with the key's secret, `iss` the
service id, `iat` within 30 seconds) and answers in Notify's shapes:
- POST /v2/notifications/email: 201 with the new notification, or Notify's 400/403 errors;
- GET /v2/notifications?reference=...: the notifications with that reference.
It can be told to answer the next requests with 500, 429 or 400, to be slow, or be stopped and
started again on the same port. `emails` lists what it accepted, with when it received each.

Also a pytest plugin: the `fake_notify` fixture, and `notify_app`, an app that sends through it.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

from app.emails.templates import EMAIL_TEMPLATES

SERVICE_ID = "a3b2c1d0-1111-4222-8333-944455556666"
SECRET = "0f9e8d7c-aaaa-4bbb-8ccc-ddddeeeeffff"
API_KEY = f"housing_forms_test-{SERVICE_ID}-{SECRET}"
CLOCK_LEEWAY_SECONDS = 30
# One made-up Notify template id per email template.
TEMPLATE_IDS = {key: str(uuid.uuid5(uuid.NAMESPACE_URL, key)) for key in EMAIL_TEMPLATES}

_ERRORS = {
    400: ("BadRequestError", "Can't send to this recipient using a team-only API key"),
    403: ("AuthError", "Invalid token: API key not found"),
    429: (
        "RateLimitError",
        "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
    ),
    500: ("Exception", "Internal server error"),
}


@dataclass
class ReceivedEmail:
    id: str
    email_address: str
    template_id: str
    personalisation: dict
    reference: str | None
    received_at: float = field(default_factory=time.time)


class FakeNotify:
    def __init__(
        self, service_id: str = SERVICE_ID, secret: str = SECRET, templates=None, port: int = 0
    ):
        self.service_id = service_id
        self.secret = secret
        # Notify template id -> the personalisation fields it needs.
        self.templates = templates or {
            TEMPLATE_IDS[key]: template.fields for key, template in EMAIL_TEMPLATES.items()
        }
        self.emails: list[ReceivedEmail] = []
        self.requests = 0
        self._failures: list[int] = []
        self._delay_seconds = 0.0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.port = port

    # -- running ---------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeNotify:
        """Serve (again) on the same port, once one has been chosen."""
        server = ThreadingHTTPServer(("127.0.0.1", self.port), _handler_for(self))
        server.daemon_threads = True
        self.port = server.server_address[1]
        self._server = server
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop answering and close the port: the client's connections are refused."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # -- behaviour -------------------------------------------------------------------------

    def fail_next(self, status: int, times: int = 1) -> None:
        """Answer the next `times` sends with this error (500, 429, 400, 403...)."""
        with self._lock:
            self._failures.extend([status] * times)

    def answer_after(self, seconds: float) -> None:
        """Accept each email, then wait this long before answering (a slow Notify)."""
        self._delay_seconds = seconds

    def config(self) -> dict:
        """The Config fields for an app that sends through this fake."""
        return {
            "notify_api_key": f"housing_forms_test-{self.service_id}-{self.secret}",
            "notify_base_url": self.base_url,
            "notify_template_ids": dict(TEMPLATE_IDS),
        }

    def emails_to(self, address: str) -> list[ReceivedEmail]:
        return [email for email in self.emails if email.email_address == address]

    # -- Notify's answers -----------------------------------------------------------------

    def authenticate(self, header: str | None) -> tuple[int, dict] | None:
        """None if the request carries a good token; otherwise Notify's error answer."""
        if not header or not header.startswith("Bearer "):
            return _error(401, "AuthError", "Unauthorized: authentication token must be provided")
        token = header.removeprefix("Bearer ")
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
            if unverified.get("iss") != self.service_id:
                return _error(403, "AuthError", "Invalid token: service not found")
            claims = jwt.decode(token, self.secret, algorithms=["HS256"])
        except jwt.PyJWTError:
            return _error(403, "AuthError", "Invalid token: signature, api token not found")
        issued_at = claims.get("iat")
        if not isinstance(issued_at, int | float):
            return _error(403, "AuthError", "Invalid token: iat field not provided")
        if abs(time.time() - issued_at) > CLOCK_LEEWAY_SECONDS:
            return _error(
                403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds"
            )
        return None

    def send_email(self, body: dict) -> tuple[int, dict]:
        with self._lock:
            self.requests += 1
            failure = self._failures.pop(0) if self._failures else None
        if failure is not None:
            return _error(failure, *_ERRORS.get(failure, ("Exception", "Error")))
        address = body.get("email_address")
        if not isinstance(address, str) or "@" not in address:
            return _error(400, "ValidationError", "email_address Not a valid email address")
        template_id = body.get("template_id")
        if template_id not in self.templates:
            return _error(400, "BadRequestError", "Template not found")
        personalisation = body.get("personalisation") or {}
        missing = [name for name in self.templates[template_id] if name not in personalisation]
        if missing:
            return _error(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
        email = ReceivedEmail(
            id=str(uuid.uuid4()),
            email_address=address,
            template_id=template_id,
            personalisation=personalisation,
            reference=body.get("reference"),
        )
        with self._lock:
            self.emails.append(email)
        if self._delay_seconds:
            time.sleep(self._delay_seconds)
        return 201, self._notification(email)

    def by_reference(self, reference: str | None) -> tuple[int, dict]:
        with self._lock:
            found = [e for e in self.emails if reference is None or e.reference == reference]
        return 200, {
            "notifications": [
                {**self._notification(email), "status": "sending"} for email in reversed(found)
            ],
            "links": {"current": f"{self.base_url}/v2/notifications"},
        }

    def _notification(self, email: ReceivedEmail) -> dict:
        return {
            "id": email.id,
            "reference": email.reference,
            "content": {
                "subject": "Subject",
                "body": "\n".join(f"{k}: {v}" for k, v in email.personalisation.items()),
                "from_email": "housing.forms@notifications.service.gov.uk",
            },
            "uri": f"{self.base_url}/v2/notifications/{email.id}",
            "template": {
                "id": email.template_id,
                "version": 1,
                "uri": f"{self.base_url}/services/{self.service_id}/templates/{email.template_id}",
            },
            "scheduled_for": None,
        }


def _error(status: int, error: str, message: str) -> tuple[int, dict]:
    return status, {"status_code": status, "errors": [{"error": error, "message": message}]}


def _handler_for(fake: FakeNotify):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # Headers and body go out as they are written, not held for a delayed ACK (40 ms).
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if refused := fake.authenticate(self.headers.get("Authorization")):
                return self._answer(*refused)
            if urlsplit(self.path).path != "/v2/notifications/email":
                return self._answer(*_error(404, "NotFound", "Not Found"))
            try:
                body = json.loads(raw)
            except ValueError:
                return self._answer(*_error(400, "BadRequestError", "Invalid JSON supplied"))
            return self._answer(*fake.send_email(body if isinstance(body, dict) else {}))

        def do_GET(self):
            if refused := fake.authenticate(self.headers.get("Authorization")):
                return self._answer(*refused)
            url = urlsplit(self.path)
            if url.path != "/v2/notifications":
                return self._answer(*_error(404, "NotFound", "Not Found"))
            reference = parse_qs(url.query).get("reference", [None])[0]
            return self._answer(*fake.by_reference(reference))

        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):  # quiet
            pass

    return Handler


# -- pytest plugin ---------------------------------------------------------------------------


@pytest.fixture
def fake_notify():
    fake = FakeNotify().start()
    yield fake
    fake.stop()


@pytest.fixture
def notify_app(app, make_app, fake_notify):
    """An app (in its own app context, on the test database) that sends email through the
    fake Notify, with tasks run inline; the `app` fixture empties the tables afterwards."""
    from app.extensions import db

    sending = make_app(**fake_notify.config())
    with sending.app_context():
        yield sending
        db.session.remove()
        db.engine.dispose()  # its own pool: no connections left open after the test
