"""What a request may make the service read: a body of at most MAX_REQUEST_BYTES, refused
before it is read; JSON no deeper and no wider than any API takes; and never an answer that
lists thousands of errors. (tests/api/test_adversarial.py runs the same over every operation.)
"""

from __future__ import annotations

import io
import json

import pytest
from flask import jsonify, request

from app.accounts.roles import Role
from app.extensions import csrf
from app.request_limits import MAX_JSON_MEMBERS, NOT_JSON, TOO_DEEP, TOO_MANY_MEMBERS, body_limit
from tests.helpers import page

MEGABYTE = 1024 * 1024


class CountingStream(io.RawIOBase):
    """A request body of `size` bytes made on demand, which counts how many were read."""

    def __init__(self, size: int, start: bytes = b'{"name": "'):
        self.size = size
        self.start = start
        self.read_so_far = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.size - self.read_so_far
        count = min(len(buffer), left)
        for offset in range(count):
            position = self.read_so_far + offset
            buffer[offset] = self.start[position] if position < len(self.start) else ord("x")
        self.read_so_far += count
        return count


def test_the_default_limit_is_one_megabyte(app):
    assert app.config["MAX_CONTENT_LENGTH"] == MEGABYTE


def test_an_oversized_body_is_refused_on_its_length_before_a_byte_is_read(client):
    body = CountingStream(144 * MEGABYTE)
    response = client.post(
        "/api/rest/portal/register",
        content_type="application/json",
        environ_overrides={"wsgi.input": body, "CONTENT_LENGTH": str(body.size)},
    )
    assert response.status_code == 413
    assert response.json == {"error": "The request body is too large: send at most 1,048,576 bytes"}
    assert body.read_so_far == 0


def test_a_chunked_body_is_read_no_further_than_the_limit(client):
    """With no Content-Length (chunked), a server that ends the stream itself (gunicorn sets
    wsgi.input_terminated) lets werkzeug stop reading at the limit."""
    body = CountingStream(50 * MEGABYTE)
    response = client.post(
        "/api/rest/portal/register",
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input": body, "wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert response.is_json
    assert body.read_so_far == MEGABYTE + 1


def test_a_chunked_body_within_the_limit_is_read_whole(as_user):
    staff = as_user(Role.DATA_PROVIDER)
    answers = json.dumps({"tenant_code": "T" * 200}).encode()
    response = staff(
        "POST",
        "/case_logs",
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input": io.BytesIO(answers), "wsgi.input_terminated": True},
    )
    assert response.status_code == 201
    assert response.json["tenant_code"] == "T" * 200


def test_a_real_oversized_json_body_is_refused(as_user):
    staff = as_user(Role.DATA_PROVIDER)
    answers = {"tenant_code": "x" * MEGABYTE}
    response = staff("POST", "/case_logs", answers)
    assert response.status_code == 413
    assert response.json["error"].startswith("The request body is too large")


def test_a_body_just_within_the_limit_is_read(as_user):
    staff = as_user(Role.DATA_PROVIDER)
    padding = MEGABYTE - len(json.dumps({"tenant_code": ""})) - 1
    response = staff("POST", "/case_logs", {"tenant_code": "x" * padding})
    assert response.status_code == 422  # read, and refused for what it says
    assert "tenant_code" in response.json["errors"]


def test_an_oversized_form_gets_a_govuk_page(client):
    response = client.post("/sign-in", data={"email": "a@example.com", "notes": "x" * MEGABYTE})
    assert response.status_code == 413
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "What you sent is too large"
    assert "You can send up to 1,024 KB at a time." in soup.get_text()
    assert soup.title.get_text().startswith("What you sent is too large – ")


@pytest.fixture
def bulk_app(make_app):
    """An app with one view that takes more than the limit, as a bulk upload will."""
    app = make_app(max_request_bytes=64 * 1024)

    @app.post("/bulk")
    @body_limit(MEGABYTE)
    def bulk():
        return jsonify(
            json=len(request.get_json(silent=True) or ""), form=len(request.form.get("rows", ""))
        )

    csrf.exempt(bulk)  # (a real one would take the form's token)

    @app.post("/api/small")
    def small():
        return jsonify(size=len(request.get_data()))

    return app


def test_one_view_can_take_a_larger_body_and_the_rest_keep_the_limit(bulk_app):
    client = bulk_app.test_client()
    rows = "x" * (512 * 1024)
    assert client.post("/bulk", json=rows).json == {"json": len(rows), "form": 0}
    # The form is read by CSRF protection before the view runs: the view's limit is in force.
    assert client.post("/bulk", data={"rows": rows}).status_code == 200
    assert client.post("/bulk", json="x" * (2 * MEGABYTE)).status_code == 413
    assert client.post("/api/small", json=rows).status_code == 413


# -- JSON shape -------------------------------------------------------------------------------

NESTED = b"[" * 100_000


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("POST", "/api/rest/portal/register"),
        ("POST", "/api/rest/portal/login"),
        ("POST", "/api/rest/portal/assessment"),
        ("POST", "/case_logs"),
        ("PUT", "/api/rest/portal/profile/assessment"),
        ("POST", "/tenures"),
    ],
)
def test_json_nested_too_deep_to_parse_is_not_valid_json_even_signed_out(client, method, url):
    response = client.open(url, method=method, data=NESTED, content_type="application/json")
    assert response.status_code == 400
    assert response.json == {"error": NOT_JSON}


def test_json_nested_too_deep_to_parse_is_not_valid_json_when_signed_in(as_user):
    staff = as_user(Role.DATA_PROVIDER)
    response = staff("POST", "/case_logs", data=NESTED, content_type="application/json")
    assert response.status_code == 400
    assert response.json == {"error": NOT_JSON}


def test_nested_json_sent_to_a_page_gets_a_page(client):
    response = client.post("/sign-in", data=NESTED, content_type="application/json")
    assert response.status_code == 400
    assert NOT_JSON in page(response).get_text()


def test_valid_json_deeper_than_any_api_takes_is_refused(as_user):
    staff = as_user(Role.DATA_PROVIDER)
    deep: list = []
    for _ in range(40):
        deep = [deep]
    response = staff("POST", "/case_logs", {"tenant_code": deep})
    assert response.status_code == 400
    assert response.json == {"error": TOO_DEEP}


@pytest.mark.parametrize(
    "body",
    [
        {f"field_{n}": n for n in range(MAX_JSON_MEMBERS + 1)},
        {"householdMembers": list(range(MAX_JSON_MEMBERS + 1))},
    ],
    ids=["keys", "list items"],
)
def test_a_body_with_an_absurd_number_of_fields_is_refused_early(as_user, body):
    staff = as_user(Role.DATA_PROVIDER)
    response = staff("POST", "/tenures", body)
    assert response.status_code == 400
    assert response.json == {"error": TOO_MANY_MEMBERS}


# -- 422s -------------------------------------------------------------------------------------

UNKNOWN = {f"unknown_{n}": n for n in range(MAX_JSON_MEMBERS)}


@pytest.mark.parametrize(
    ("role", "method", "url"),
    [
        (Role.DATA_PROVIDER, "POST", "/case_logs"),
        (Role.DATA_PROVIDER, "POST", "/tenures"),
        (Role.APPLICANT, "PUT", "/api/rest/portal/profile/assessment"),
        (Role.APPLICANT, "POST", "/api/example"),
    ],
)
def test_a_422_lists_the_first_100_fields_and_counts_them_all(as_user, role, method, url):
    response = as_user(role)(method, url, UNKNOWN)
    assert response.status_code == 422
    assert len(response.json["errors"]) == 100
    assert response.json["errorCount"] >= MAX_JSON_MEMBERS
    assert len(response.get_data()) < 20_000


def test_a_422_with_few_errors_has_no_count(as_user):
    response = as_user(Role.DATA_PROVIDER)("POST", "/case_logs", {"unknown": 1})
    assert response.status_code == 422
    assert "errorCount" not in response.json
