"""Text no database can hold, a NUL character (U+0000) or an unpaired surrogate (U+D800 to
U+DFFF), anywhere in a request is refused before any view runs: PostgreSQL fails the whole
query on either. A page that sent one gets a 400 that keeps its answers; an address gets a 400
page; an API gets a JSON 400 (see also tests/api/test_fuzz_findings.py and, over every
operation, tests/api/test_adversarial.py)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.accounts.roles import Role
from app.extensions import db
from app.formkit.models import FormRecord
from app.text_guard import NUL_MESSAGE, SURROGATE_MESSAGE, unsavable_character
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


@pytest.mark.parametrize(
    "body",
    [
        b'{"tenant_code": "AB\\ud800C"}',
        b'{"tenant_code": "\\uDC00"}',
        b'{"\\ud800": "a key"}',
        b'{"tenant_code": "\\ude00\\ud83d"}',
    ],
    ids=["high", "low", "key", "pair-reversed"],
)
def test_a_json_body_holding_a_lone_surrogate_is_refused(as_user, body):
    """Stored as it came on SQLite; on PostgreSQL a 500 whose error handler crashed too."""
    staff = as_user()
    response = staff("POST", "/case_logs", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json == {"error": SURROGATE_MESSAGE}
    assert db.session.scalar(select(func.count()).select_from(FormRecord)) == 0


def test_a_lone_surrogate_is_refused_in_utf_16_too(as_user):
    staff = as_user()
    body = '{"tenant_code": "\\ud800"}'.encode("utf-16")
    response = staff("POST", "/case_logs", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json == {"error": SURROGATE_MESSAGE}


def test_a_surrogate_pair_is_one_character_and_is_saved(as_user):
    staff = as_user()
    body = b'{"tenant_code": "T\\ud83d\\ude00"}'
    response = staff("POST", "/case_logs", data=body, content_type="application/json")
    assert response.status_code == 201
    assert response.json["tenant_code"] == "T\U0001f600"


@pytest.mark.parametrize(
    ("texts", "found"),
    [
        (["fine", "also fine \U0001f600"], None),
        (["a\x00b"], "\x00"),
        (["ok", "half \ud83d"], "\ud83d"),
        (["\udfff"], "\udfff"),
    ],
)
def test_form_fields_and_query_strings_are_checked_alike(texts, found):
    """werkzeug decodes forms and addresses so that they cannot hold a surrogate (invalid
    UTF-8 stays percent-encoded), but the guard checks them with the same function."""
    assert unsavable_character(texts) == found


def test_an_address_spelling_a_surrogate_in_utf_8_is_not_an_error(client, make_user):
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    response = client.get("/logs/?search=%ED%A0%80")
    assert response.status_code == 200


def test_the_messages_say_which_character(as_user):
    staff = as_user()
    nul = staff("POST", "/case_logs", {"tenant_code": "a\x00"})
    assert nul.json == {"error": NUL_MESSAGE}
    surrogate = staff("POST", "/case_logs", data=b'["\\ud800"]', content_type="application/json")
    assert surrogate.json == {"error": SURROGATE_MESSAGE}
