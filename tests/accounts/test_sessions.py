"""Sign-ins kept on the server: a session cookie counts only while its sign-in is live, so
signing out, deactivation, a new password and the absolute lifetime end it for good."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts import service, user_sessions
from app.accounts.models import ApiToken, UserSession
from app.accounts.roles import Role
from app.accounts.tokens import create_token
from app.db_types import utcnow
from app.extensions import db
from tests.helpers import (
    PASSWORD,
    csrf_token_from,
    error_summary,
    field_error,
    page,
    sign_in,
    sign_out,
)


def _signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def _session_row(user) -> UserSession:
    return db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id).order_by(UserSession.id.desc())
    ).first()


def _replaying(app, cookie: str):
    """Another browser, holding a copy of a session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief


def _create_token(client, csrf_token: str, **data):
    """The account page's "Create token" form, from a new page (each has a single-use key)."""
    account = client.get("/account")
    key = page(account).select_one("[name=form_key]") if account.status_code == 200 else None
    fields = {"csrf_token": csrf_token, "name": "Mine", "form_key": key["value"] if key else ""}
    return client.post("/account/tokens", data={**fields, **data})


def test_a_cookie_copied_before_sign_out_is_worthless_after_it(app, client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    csrf_token = csrf_token_from(client.get("/account"))
    copied = client.get_cookie("session").value
    assert _replaying(app, copied).get("/logs/").status_code == 200  # the copy works, for now

    sign_out(client)
    thief = _replaying(app, copied)
    for url in ("/account", "/logs/", "/logs/download.csv"):
        response = thief.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/sign-in")
    response = _create_token(thief, csrf_token)
    assert response.status_code == 302
    assert db.session.scalar(select(ApiToken)) is None
    assert _session_row(user).ended_at is not None


def test_a_get_of_sign_out_only_offers_the_button(client, make_user):
    sign_in(client, make_user())
    response = client.get("/sign-out")
    assert response.status_code == 200
    form = page(response).select_one("main form")
    assert form["method"] == "post" and form["action"] == "/sign-out"
    assert form.select_one("button").get_text(strip=True) == "Sign out"
    assert _signed_in(client)

    # No token, or one that has expired: nobody is signed out, and the button is offered again.
    refused = client.post("/sign-out")
    assert refused.status_code == 400
    assert page(refused).select_one("main form button").get_text(strip=True) == "Sign out"
    assert _signed_in(client)

    response = client.post("/sign-out", data={"csrf_token": csrf_token_from(response)})
    assert response.headers["Location"] == "/sign-in"
    assert "You have been signed out" in page(client.get("/sign-in")).get_text()
    assert not _signed_in(client)
    # Signed out, the page has nothing to offer.
    assert client.get("/sign-out").headers["Location"] == "/sign-in"


def test_the_header_signs_out_in_one_click(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    header = page(client.get("/logs/")).select_one(".govuk-service-navigation")
    form = header.select_one("form")
    assert (form["method"], form["action"]) == ("post", "/sign-out")
    assert form.select_one("button[type=submit]").get_text(strip=True) == "Sign out"
    client.post("/sign-out", data={"csrf_token": form.select_one("[name=csrf_token]")["value"]})
    assert not _signed_in(client)


def test_deactivation_ends_every_session_and_token_for_good(app, client, make_user):
    provider = make_user(Role.DATA_PROVIDER)
    _, token = create_token(provider, "Finance system")
    sign_in(client, provider)
    elsewhere = app.test_client()
    sign_in(elsewhere, provider)

    coordinator = app.test_client()
    sign_in(coordinator, make_user(Role.DATA_COORDINATOR))

    def change(action):
        url = f"/manage-users/{provider.id}/{action}"
        csrf_token = csrf_token_from(coordinator.get("/manage-users/"))
        assert coordinator.post(url, data={"csrf_token": csrf_token}).status_code == 302

    change("deactivate")
    assert not _signed_in(client) and not _signed_in(elsewhere)
    change("reactivate")
    # Back, but only by signing in again: nothing from before comes back with them.
    assert not _signed_in(client) and not _signed_in(elsewhere)
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401
    sign_in(client, provider)
    assert _signed_in(client)


def test_a_new_password_ends_every_session(app, make_user):
    user = make_user(Role.DATA_PROVIDER)
    user_sessions.begin(user)
    _, sign_in_token = create_token(user, "Portal sign-in", lifetime=timedelta(hours=1))
    _, integration_token = create_token(user, "Finance system")

    service.accept_invitation(user, "a brand new password")

    assert _session_row(user).ended_at is not None
    assert db.session.scalar(select(ApiToken).where(ApiToken.expires_at.is_not(None))).is_revoked
    assert not db.session.scalar(select(ApiToken).where(ApiToken.expires_at.is_(None))).is_revoked


@pytest.mark.parametrize(("hours", "still_signed_in"), [(23, True), (25, False)])
def test_a_session_lasts_at_most_a_day_however_busy(client, make_user, hours, still_signed_in):
    user = make_user()
    sign_in(client, user)
    _session_row(user).signed_in_at = utcnow() - timedelta(hours=hours)
    assert _signed_in(client) is still_signed_in


def test_the_timeout_warning_knows_when_the_absolute_limit_comes_first(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    response = client.get("/account")
    dialog = page(response).select_one("#session-timeout-warning")
    assert int(dialog["data-lifetime-seconds"]) == 8 * 60 * 60  # the idle limit

    _session_row(user).signed_in_at = utcnow() - timedelta(hours=23, minutes=50)
    response = client.get("/account")
    dialog = page(response).select_one("#session-timeout-warning")
    assert 590 <= int(dialog["data-lifetime-seconds"]) <= 600
    renewed = client.post("/session/keep-alive", headers={"X-CSRFToken": csrf_token_from(response)})
    assert 590 <= renewed.json["expiresInSeconds"] <= 600


def test_the_absolute_lifetime_is_configurable(make_app, make_user, app):
    short = make_app(session_absolute_lifetime_hours=1).test_client()
    user = make_user()
    sign_in(short, user)
    _session_row(user).signed_in_at = utcnow() - timedelta(minutes=61)
    db.session.commit()
    assert short.get("/account").status_code == 302


# -- creating a token asks for the password unless it was entered recently ------------------


def _last_entered(user, minutes_ago: int) -> None:
    _session_row(user).last_authenticated_at = utcnow() - timedelta(minutes=minutes_ago)


def test_a_token_straight_after_signing_in_needs_no_password(client, make_user):
    sign_in(client, make_user())
    response = client.get("/account")
    assert page(response).select_one("[name=password]") is None
    assert _create_token(client, csrf_token_from(response)).status_code == 201


def test_a_token_later_needs_the_password_again(client, make_user):
    user = make_user()
    sign_in(client, user)
    _last_entered(user, minutes_ago=16)

    response = client.get("/account")
    field = page(response).select_one("label[for=password]")
    assert field.get_text(strip=True) == "Enter your password to continue"
    csrf_token = csrf_token_from(response)

    response = _create_token(client, csrf_token)
    assert response.status_code == 400
    assert error_summary(page(response)) == ["Enter your password to continue"]
    response = _create_token(client, csrf_token, password="not my password at all")
    assert response.status_code == 400
    soup = page(response)
    assert field_error(soup, "password") == "The password is not correct"
    assert soup.title.get_text().startswith("Error: Your account")
    assert db.session.scalar(select(ApiToken)) is None

    assert _create_token(client, csrf_token, password=PASSWORD).status_code == 201
    # Entered now, it is not asked for again straight away.
    assert page(client.get("/account")).select_one("[name=password]") is None
    assert _create_token(client, csrf_token).status_code == 201


def test_guessing_the_password_again_is_throttled(client, make_user):
    user = make_user()
    sign_in(client, user)
    _last_entered(user, minutes_ago=60)
    csrf_token = csrf_token_from(client.get("/account"))
    for _ in range(5):
        assert _create_token(client, csrf_token, password="a wrong guess!").status_code == 400
    response = _create_token(client, csrf_token, password=PASSWORD)
    assert response.status_code == 429
    assert db.session.scalar(select(ApiToken)) is None


def test_the_time_before_asking_again_is_configurable(make_app, make_user, app):
    strict = make_app(reauthenticate_after_minutes=1).test_client()
    user = make_user()
    sign_in(strict, user)
    _last_entered(user, minutes_ago=2)
    db.session.commit()
    assert page(strict.get("/account")).select_one("[name=password]") is not None
