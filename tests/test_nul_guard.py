"""A NUL character (U+0000) anywhere in a request is refused before any view runs: no
database stores one in text, and PostgreSQL fails the whole query on it. A page that sent one
gets a 400 that keeps its answers; an address gets a 400 page; an API gets a JSON 400 (see
tests/api/test_fuzz_findings.py)."""

from __future__ import annotations

import json

import pytest

from app.accounts.roles import Role
from app.extensions import db
from app.formkit.models import FormRecord
from tests.helpers import PASSWORD, csrf_token_from, page, sign_in, submit_form


def hidden_fields(soup) -> dict:
    return {field["name"]: field["value"] for field in soup.select("main form input[type=hidden]")}


def resend(client, response):
    """Select the page's button: post its kept fields where they were going."""
    soup = page(response)
    return client.post(soup.select_one("main form")["action"], data=hidden_fields(soup))


@pytest.mark.parametrize(
    "url",
    [
        "/logs/?search=DEMO%00",
        "/manage-tenures/?name=an%00n",
        "/manage-tenures/?postcode=E8%00",
        "/logs/%00",
        "/listings/?bedrooms=%00",
    ],
)
def test_an_address_with_a_nul_character_is_a_bad_request_page(client, make_user, url):
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    response = client.get(url)
    assert response.status_code == 400
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "The web address contains a character we cannot use"
    assert "text/html" in response.content_type


def test_a_question_page_keeps_the_answer_without_the_nul_character(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    created = client.post("/logs/new", data={"csrf_token": csrf_token_from(client.get("/logs/"))})
    log_id = int(created.headers["Location"].strip("/").split("/")[-1])
    url = f"/logs/{log_id}/tenant_code"
    form = hidden_fields(page(client.get(url)))  # the CSRF token and the page's version

    refused = client.post(url, data={**form, "tenant_code": "AB\x00C12"})
    assert refused.status_code == 400
    soup = page(refused)
    assert soup.h1.get_text(strip=True) == "Your answers contain a character we cannot save"
    kept = hidden_fields(soup)
    assert kept["tenant_code"] == "ABC12" and kept["_version"] == form["_version"]
    assert kept["csrf_token"]  # a fresh one, so the button works
    assert "tenant_code" not in db.session.get(FormRecord, log_id).answers

    saved = resend(client, refused)
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(FormRecord, log_id).answers["tenant_code"] == "ABC12"


def test_sign_in_with_a_nul_character_asks_for_the_password_again(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    refused = submit_form(
        client, "/sign-in", {"email": f"\x00{user.email}", "password": PASSWORD + "\x00"}
    )
    assert refused.status_code == 400
    soup = page(refused)
    assert hidden_fields(soup)["email"] == user.email
    assert "password" not in hidden_fields(soup)
    assert "You will need to enter your password again." in soup.get_text()
    # Sent again, the email address is kept and only the password is asked for.
    again = page(resend(client, refused))
    assert again.select_one("#email")["value"] == user.email
    assert "Enter your password" in again.get_text()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_a_json_body_holding_a_nul_character_is_refused_in_any_encoding(as_user, encoding):
    staff = as_user()
    body = json.dumps({"tenancycode": "a\x00b"}).encode(encoding)
    response = staff("POST", "/case_logs", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json == {"error": "Text must not contain the NUL character (U+0000)"}


def test_a_json_body_that_spells_out_the_escape_is_not_refused(as_user):
    staff = as_user()
    response = staff("POST", "/case_logs", {"tenant_code": "\\u0000"})
    assert response.status_code == 201
    assert response.json["tenant_code"] == "\\u0000"
