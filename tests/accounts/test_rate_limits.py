"""Registering, and answers that say an account exists, are limited per client address: on the
web, through the portal API (one allowance for both) and when inviting."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.limits import TOO_MANY_ATTEMPTS
from app.accounts.models import User
from app.accounts.roles import Role
from app.accounts.service import EMAIL_TAKEN_MESSAGE, INVITEE_HAS_ACCOUNT_MESSAGE
from app.extensions import db
from tests.helpers import PASSWORD, field_error, page, sign_in, submit_form

FORM = {"name": "Ada Applicant", "password": PASSWORD, "confirm_password": PASSWORD}
TAKEN = "taken@example.com"


@pytest.fixture
def limits(app, monkeypatch):
    def set_limits(registration="100 per hour", account_exists="100 per hour"):
        monkeypatch.setitem(app.config, "REGISTRATION_LIMIT", registration)
        monkeypatch.setitem(app.config, "ACCOUNT_EXISTS_LIMIT", account_exists)

    return set_limits


@pytest.fixture
def taken(make_user):
    return make_user(email=TAKEN)


def web_register(client, email, **kwargs):
    return submit_form(client, "/register", {**FORM, "email": email}, **kwargs)


def api_register(client, email, **kwargs):
    body = {"name": "Ada", "email": email, "password": PASSWORD}
    return client.post("/api/rest/portal/register", json=body, **kwargs)


def accounts() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def assert_too_many_page(response):
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    soup = page(response)
    assert soup.h1.get_text(strip=True) == (
        "Sorry, there have been too many attempts to create an account"
    )
    assert "then try again" in soup.get_text()


def assert_too_many_json(response):
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.json == {"error": TOO_MANY_ATTEMPTS}


def test_web_registration_is_limited_per_client_address(app, limits):
    limits(registration="2 per hour")
    first = web_register(app.test_client(), "one@example.com")
    second = web_register(app.test_client(), "bad address")
    third = web_register(app.test_client(), "three@example.com")

    assert (first.status_code, second.status_code) == (302, 200)
    assert_too_many_page(third)
    assert accounts() == 1
    # The form is still shown, and another address may still register.
    assert app.test_client().get("/register").status_code == 200
    elsewhere = {"REMOTE_ADDR": "192.0.2.7"}
    assert (
        web_register(app.test_client(), "four@example.com", environ_base=elsewhere).status_code
        == 302
    )


def test_api_registration_is_limited_with_a_json_429(client, limits):
    limits(registration="2 per hour")
    assert api_register(client, "one@example.com").status_code == 201
    assert api_register(client, "").status_code == 422
    assert_too_many_json(api_register(client, "three@example.com"))
    assert accounts() == 1


def test_the_web_and_the_api_share_one_allowance(app, client, limits):
    limits(registration="2 per hour")
    assert web_register(app.test_client(), "one@example.com").status_code == 302
    assert api_register(client, "two@example.com").status_code == 201
    assert_too_many_json(api_register(client, "three@example.com"))
    assert_too_many_page(web_register(app.test_client(), "four@example.com"))


def test_only_answers_that_an_account_exists_count_against_their_limit(client, limits, taken):
    limits(account_exists="2 per hour")
    for n in range(3):
        assert api_register(client, f"new{n}@example.com").status_code == 201
    for _ in range(2):
        response = api_register(client, TAKEN)
        assert response.status_code == 422
        assert response.json["errors"] == {"email": [EMAIL_TAKEN_MESSAGE]}
    # Used up: nothing more is answered, not even for an address that is free.
    assert_too_many_json(api_register(client, TAKEN))
    assert_too_many_json(api_register(client, "new9@example.com"))
    assert accounts() == 4


def test_account_exists_answers_on_the_web_are_limited(app, limits, taken):
    limits(account_exists="1 per hour")
    soup = page(web_register(app.test_client(), TAKEN))
    assert field_error(soup, "email") == EMAIL_TAKEN_MESSAGE
    assert_too_many_page(web_register(app.test_client(), TAKEN.upper()))


def test_account_exists_answers_when_inviting_are_limited(client, make_user, limits, taken):
    limits(account_exists="1 per hour")
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    invite = {"name": "Nia", "role": "data_provider"}

    refused = submit_form(client, "/manage-users/invite", {**invite, "email": TAKEN})
    assert field_error(page(refused), "email") == INVITEE_HAS_ACCOUNT_MESSAGE
    response = submit_form(client, "/manage-users/invite", {**invite, "email": "nia@example.com"})
    assert_too_many_page(response)
    assert db.session.scalar(select(User).where(User.email == "nia@example.com")) is None


def test_inviting_a_user_of_ones_own_organisation_again_is_not_limited(client, make_user, limits):
    """The coordinator can see their own users in their list: saying one is already invited
    tells them nothing, so it uses none of the allowance."""
    limits(account_exists="1 per hour")
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    invite = {"name": "Nia", "role": "data_provider", "email": "nia@example.com"}
    assert submit_form(client, "/manage-users/invite", invite).status_code == 302
    for _ in range(3):
        again = submit_form(client, "/manage-users/invite", invite)
        assert field_error(page(again), "email") == "Nia has already been invited"
