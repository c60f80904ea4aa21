"""Forgotten password: "Forgot your password?", the same "Check your email" whether or not an
account has the address, a reset link that works once for an hour and is stored only as a
hash, and a new password that ends every other sign-in but keeps integrations' API tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import EmailLink, User
from app.accounts.roles import Role
from app.accounts.secrets import hash_secret
from app.accounts.tokens import create_token
from app.db_types import utcnow
from app.extensions import db
from tests.accounts.links import path_of
from tests.emails.helpers import emails_to, link_in
from tests.helpers import (
    PASSWORD,
    csrf_token_from,
    error_summary,
    page,
    sign_in,
    submit_form,
)

NEW_PASSWORD = "a whole new password"  # noqa: S105 (a test value)


def ask_for_reset(client, email: str, **kwargs):
    return submit_form(client, "/forgot-password", {"email": email}, **kwargs)


def reset_link(client, user: User) -> str:
    assert ask_for_reset(client, user.email).status_code == 302
    sent = emails_to(user.email)
    assert [email.template for email in sent][-1:] == ["password_reset"]
    return path_of(link_in(sent[-1]))


def set_password(client, path: str, password: str = NEW_PASSWORD):
    return submit_form(client, path, {"password": password, "confirm_password": password})


def sign_in_answer(app, email: str, password: str) -> int:
    fresh = app.test_client()
    token = csrf_token_from(fresh.get("/sign-in"))
    return fresh.post(
        "/sign-in", data={"csrf_token": token, "email": email, "password": password}
    ).status_code


def test_the_sign_in_page_offers_forgot_your_password(client):
    link = page(client.get("/sign-in")).find("a", string="Forgot your password?")
    assert link["href"] == "/forgot-password"
    soup = page(client.get(link["href"]))
    assert soup.h1.get_text(strip=True) == "Reset your password"


def test_a_reset_link_sets_a_new_password_and_ends_every_other_sign_in(app, client, make_user):
    user = make_user()
    _, kept_value = create_token(user, "Finance system")
    elsewhere = app.test_client()
    sign_in(elsewhere, user)
    assert elsewhere.get("/account").status_code == 200

    response = ask_for_reset(client, f"  {user.email.upper()} ")
    assert response.headers["Location"] == "/forgot-password/check-your-email"
    soup = page(client.get(response.headers["Location"]))
    assert soup.h1.get_text(strip=True) == "Check your email"
    [email] = emails_to(user.email)
    assert email.template == "password_reset"
    assert set(email.personalisation) == {"link"}
    path = path_of(link_in(email))

    # Opening the link uses nothing: only saving a password does.
    soup = page(client.get(path))
    assert soup.h1.get_text(strip=True) == "Create a new password"
    assert client.get(path).status_code == 200

    response = set_password(client, path)
    assert response.status_code == 302
    soup = page(client.get(response.headers["Location"]))
    assert soup.select_one(".govuk-panel__title").get_text(strip=True) == (
        "Your password has been changed"
    )
    # The integration's token still works, and the page says so.
    assert "Your API token still works" in soup.select_one("#kept-tokens").get_text()
    headers = {"Authorization": f"Bearer {kept_value}", "Accept": "application/json"}
    assert client.get("/api/rest/portal/profile/assessments", headers=headers).status_code == 200

    assert client.get("/account").status_code == 200  # signed in, in a new sign-in
    assert elsewhere.get("/account").status_code == 302  # signed out
    assert sign_in_answer(app, user.email, PASSWORD) == 200  # the old password fails
    assert sign_in_answer(app, user.email, NEW_PASSWORD) == 302

    # The account is told its password changed; the link came to it, so it is confirmed.
    assert [e.template for e in emails_to(user.email)] == ["password_reset", "password_changed"]
    assert link_in(emails_to(user.email)[-1]).endswith("/forgot-password")
    assert db.session.get(User, user.id).email_confirmed_at is not None


def test_the_link_works_once(client, make_user):
    user = make_user()
    path = reset_link(client, user)
    assert set_password(client, path).status_code == 302
    response = client.get(path)
    assert response.status_code == 410
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "This link to reset your password has already been used"
    assert soup.select_one("main a.govuk-button")["href"] == "/forgot-password"
    # Sent again (a second tab's form), it changes nothing.
    token = csrf_token_from(client.get("/account"))
    again = {"csrf_token": token, "password": "yet another password"}
    response = client.post(path, data={**again, "confirm_password": again["password"]})
    assert response.status_code == 410
    assert sign_in_answer(client.application, user.email, NEW_PASSWORD) == 302


def test_the_link_expires_after_an_hour(client, make_user):
    user = make_user()
    path = reset_link(client, user)
    link = db.session.scalar(select(EmailLink).where(EmailLink.user_id == user.id))
    assert link.expires_at - link.created_at == timedelta(hours=1)
    link.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 410
    assert page(response).h1.get_text(strip=True) == (
        "This link to reset your password has expired"
    )
    assert set_password(client, path).status_code == 410
    assert sign_in_answer(client.application, user.email, PASSWORD) == 302


@pytest.mark.parametrize("change", [lambda s: s[:-1], lambda s: s + "x", lambda s: "reset_x"])
def test_an_altered_link_says_so_and_offers_a_new_one(client, make_user, change):
    user = make_user()
    path = reset_link(client, user)
    prefix, secret = path.rsplit("/", 1)
    response = client.get(f"{prefix}/{change(secret)}")
    assert response.status_code == 404
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "This link to reset your password does not work"
    assert soup.select_one("main a.govuk-button")["href"] == "/forgot-password"


def test_the_link_is_stored_only_as_a_hash(client, make_user):
    user = make_user()
    secret = reset_link(client, user).rsplit("/", 1)[1]
    link = db.session.scalar(select(EmailLink).where(EmailLink.user_id == user.id))
    assert link.token_hash == hash_secret(secret)
    stored = [str(getattr(link, column.key)) for column in EmailLink.__table__.columns]
    assert not any(secret in value for value in stored)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, make_user):
    user = make_user()
    known = ask_for_reset(client, user.email)
    known_page = page(client.get(known.headers["Location"])).select_one("main")
    unknown = ask_for_reset(client, "nobody@example.com")
    assert (unknown.status_code, unknown.headers["Location"]) == (
        known.status_code,
        known.headers["Location"],
    )
    unknown_page = page(client.get(unknown.headers["Location"])).select_one("main")
    words = known_page.get_text(" ", strip=True).replace(user.email, "ADDRESS")
    assert words == unknown_page.get_text(" ", strip=True).replace("nobody@example.com", "ADDRESS")
    assert emails_to("nobody@example.com") == []


def test_a_deactivated_account_is_sent_nothing(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    user.active = False
    db.session.commit()
    assert ask_for_reset(client, user.email).status_code == 302
    assert emails_to(user.email) == []


def test_an_unconfirmed_applicant_is_still_sent_resets(client, make_user):
    user = make_user(Role.APPLICANT)
    assert user.email_confirmed_at is None
    reset_link(client, user)


def test_the_address_is_checked_with_the_usual_messages(client):
    soup = page(ask_for_reset(client, ""))
    assert error_summary(soup) == ["Enter your email address"]
    soup = page(ask_for_reset(client, "not an address"))
    assert error_summary(soup) == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert soup.title.get_text().startswith("Error: Reset your password")


def test_a_new_password_must_be_acceptable_and_the_link_still_works(client, make_user):
    user = make_user()
    path = reset_link(client, user)
    soup = page(set_password(client, path, "short"))
    assert error_summary(soup) == ["Password must be 12 characters or more"]
    soup = page(
        submit_form(client, path, {"password": NEW_PASSWORD, "confirm_password": "different"})
    )
    assert error_summary(soup) == ["Passwords do not match"]
    assert set_password(client, path).status_code == 302


def test_links_sent_to_one_account_are_capped(client, make_user):
    user = make_user()
    for n in range(4):
        # From different client addresses, so only the account's cap applies.
        ip = {"REMOTE_ADDR": f"192.0.2.{n + 1}"}
        assert ask_for_reset(client, user.email, environ_base=ip).status_code == 302
    assert len(emails_to(user.email)) == 3


def test_requests_are_limited_per_client_address(client):
    for n in range(5):
        assert ask_for_reset(client, f"someone{n}@example.com").status_code == 302
    response = ask_for_reset(client, "someone@example.com")
    assert response.status_code == 429
    assert "too many requests to reset a password" in page(response).get_text()


def test_a_reset_unlocks_a_locked_account(app, client, make_user):
    user = make_user()
    for _ in range(5):
        assert sign_in_answer(app, user.email, "wrong password!!") == 200
    assert sign_in_answer(app, user.email, PASSWORD) == 429
    path = reset_link(client, user)
    assert set_password(client, path).status_code == 302
    assert sign_in_answer(app, user.email, NEW_PASSWORD) == 302
