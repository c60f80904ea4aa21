"""API tokens: created on the account page, shown once, stored hashed, revocable."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import ApiToken, UserSession
from app.accounts.roles import Role
from app.accounts.token_form import TokenAlreadyCreated, form_key, new_form_key
from app.accounts.token_form import create_token as create_token_for_form
from app.accounts.tokens import create_token
from app.db_types import utcnow
from app.extensions import db
from tests.helpers import PASSWORD, csrf_token_from, error_summary, page, sign_in


def token_form(client, **data) -> dict:
    """The fields of the account page's "Create token" form, as a browser sends them."""
    soup = page(client.get("/account"))
    form = soup.select_one("form[action='/account/tokens']")
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    return {**fields, **data}


def test_token_is_shown_once_and_works(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    response = client.post("/account/tokens", data=token_form(client, name="Finance system"))
    assert response.status_code == 201
    value = page(response).select_one("#token-value").get_text(strip=True)
    assert value.startswith("hf_")

    stored = db.session.scalar(select(ApiToken))
    assert stored.name == "Finance system"
    assert stored.token_hash != value and value not in stored.token_hash
    assert value not in page(client.get("/account")).get_text()  # never shown again

    me = client.get("/api/me", headers={"Authorization": f"Bearer {value}"})
    assert me.status_code == 200
    assert me.json["email"] == user.email
    assert me.json["role"] == "data_provider"
    assert me.json["organisation"]["name"] == "Test Borough Council"


def test_account_page_marks_service_tokens(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    create_token(user, "Personal")
    create_token(user, "Partner system", service=True)
    sign_in(client, user)
    rows = page(client.get("/account")).select("tbody tr")
    tags = {row.td.contents[0].strip(): row.select_one(".govuk-tag") for row in rows}
    assert tags["Personal"] is None
    assert tags["Partner system"].get_text(strip=True) == "Service"


def test_account_page_lists_live_tokens_by_prefix(client, make_user):
    user = make_user()
    stored, value = create_token(user, "Reporting")
    sign_in(client, user)
    text = page(client.get("/account")).get_text()
    assert "Reporting" in text
    assert value.startswith(stored.token_prefix)
    assert stored.token_prefix in text
    assert value not in text


def test_token_needs_a_name(client, make_user):
    sign_in(client, make_user())
    token = csrf_token_from(client.get("/account"))
    response = client.post("/account/tokens", data={"csrf_token": token, "name": " "})
    assert response.status_code == 400
    assert error_summary(page(response)) == ["Enter a name for the token"]


def test_token_creation_needs_csrf(client, make_user):
    sign_in(client, make_user())
    response = client.post("/account/tokens", data={"name": "No CSRF"})
    assert response.status_code == 400
    assert db.session.scalar(select(ApiToken)) is None


def test_revoked_token_stops_working(client, make_user):
    user = make_user()
    stored, value = create_token(user, "Old")
    sign_in(client, user)
    token = csrf_token_from(client.get("/account"))
    response = client.post(f"/account/tokens/{stored.id}/revoke", data={"csrf_token": token})
    assert response.status_code == 302
    assert "The token has been revoked" in page(client.get("/account")).get_text()
    response = client.get("/api/me", headers={"Authorization": f"Bearer {value}"})
    assert response.status_code == 401
    assert response.json == {"error": "The API token is not valid or has been revoked"}


def test_cannot_revoke_another_users_token(client, make_user):
    owner = make_user()
    stored, value = create_token(owner)
    sign_in(client, make_user())
    token = csrf_token_from(client.get("/account"))
    response = client.post(f"/account/tokens/{stored.id}/revoke", data={"csrf_token": token})
    assert response.status_code == 404
    assert client.get("/api/me", headers={"Authorization": f"Bearer {value}"}).status_code == 200


def test_missing_or_malformed_authorization_gets_401_json(client):
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer "}):
        response = client.get("/api/me", headers=headers)
        assert response.status_code == 401
        assert response.is_json
        assert "Authorization: Bearer" in response.json["error"]
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_unknown_token_gets_401(client):
    response = client.get("/api/me", headers={"Authorization": "Bearer hf_not-a-real-token"})
    assert response.status_code == 401


def test_deactivated_users_tokens_stop_working(client, make_user):
    user = make_user()
    _, value = create_token(user)
    user.active = False
    response = client.get("/api/me", headers={"Authorization": f"Bearer {value}"})
    assert response.status_code == 401


def test_api_requests_set_no_cookies(client, make_user):
    _, value = create_token(make_user())
    response = client.get("/api/me", headers={"Authorization": f"Bearer {value}"})
    assert "Set-Cookie" not in response.headers


def _tokens() -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken)))


def test_sending_the_form_again_makes_no_second_token(client, make_user):
    """A reload of "Your new API token", or Back and Forward, sends the form again: it makes
    nothing, says the token exists, and never shows or keeps the value."""
    sign_in(client, make_user())
    form = token_form(client, name="Finance system")
    value = page(client.post("/account/tokens", data=form)).select_one("#token-value").text

    again = client.post("/account/tokens", data=form)
    assert again.status_code == 302  # to the account page: a reload there is harmless
    assert again.headers["Location"] == "/account"
    assert len(_tokens()) == 1
    soup = page(client.get("/account"))
    banner = soup.select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert "The token ‘Finance system’ has already been created" in banner
    assert value.strip() not in soup.get_text()
    # Nothing of the value went into the cookie either.
    assert value.strip() not in client.get_cookie("session").value


def test_a_new_page_makes_a_new_token(client, make_user):
    sign_in(client, make_user())
    for name in ("One", "Two"):
        assert client.post("/account/tokens", data=token_form(client, name=name)).status_code == 201
    assert sorted(token.name for token in _tokens()) == ["One", "Two"]


def test_a_form_without_its_key_or_with_anothers_makes_nothing(app, client, make_user):
    sign_in(client, make_user())
    for key in ("", "made-up", token_form(_signed_in_elsewhere(app, make_user))["form_key"]):
        response = client.post("/account/tokens", data=token_form(client, name="X", form_key=key))
        assert response.status_code == 400
        assert error_summary(page(response)) == [
            "This page was open for too long. Create the token again"
        ]
    assert _tokens() == []


def _signed_in_elsewhere(app, make_user):
    other = app.test_client()
    sign_in(other, make_user())
    return other


def test_a_form_older_than_its_record_is_kept_makes_nothing(app, client, make_user, monkeypatch):
    sign_in(client, make_user())
    form = token_form(client, name="Old")
    monkeypatch.setitem(app.config, "IDEMPOTENCY_KEY_LIFETIME", timedelta(seconds=-1))
    assert client.post("/account/tokens", data=form).status_code == 400
    assert _tokens() == []


def test_the_form_is_single_use_when_the_password_is_asked_for_too(client, make_user):
    user = make_user()
    sign_in(client, user)
    row = db.session.scalar(select(UserSession).where(UserSession.user_id == user.id))
    row.last_authenticated_at = utcnow() - timedelta(hours=1)
    form = token_form(client, name="Asked", password=PASSWORD)
    assert client.post("/account/tokens", data=form).status_code == 201
    assert client.post("/account/tokens", data=form).status_code == 302
    assert len(_tokens()) == 1


def test_the_database_lets_one_token_through_per_form(make_user):
    """The view's early check answers a resend; should two sends get past it at once, the
    key's row, unique and committed with the token, lets only one of them make a token."""
    user = make_user()
    key = form_key(user, new_form_key(user))
    create_token_for_form(user, "First", key)
    with pytest.raises(TokenAlreadyCreated):
        create_token_for_form(user, "Second", key)
    assert [token.name for token in _tokens()] == ["First"]
