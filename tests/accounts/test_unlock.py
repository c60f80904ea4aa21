"""A locked account (too many failed sign-ins) is emailed a link that unlocks it at once, as
well as unlocking by waiting: one email a lock, however often the account is tried."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import EmailLink, SignInAttempt
from app.accounts.roles import Role
from app.accounts.service import ACCOUNT_LOCKED_MESSAGE
from app.extensions import db
from tests.accounts.links import path_of
from tests.emails.helpers import emails_to, link_in
from tests.helpers import PASSWORD, csrf_token_from, error_summary, page

WRONG = "wrong password!!"


def attempt(client, email, password, ip="203.0.113.5"):
    token = csrf_token_from(client.get("/sign-in"))
    return client.post(
        "/sign-in",
        data={"csrf_token": token, "email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
    )


def lock(client, user):
    for _ in range(5):
        assert attempt(client, user.email, WRONG).status_code == 200


def test_a_locked_account_is_emailed_one_unlock_link(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    lock(client, user)
    [email] = emails_to(user.email)
    assert email.template == "account_locked"

    for _ in range(3):
        response = attempt(client, user.email, PASSWORD)
        assert response.status_code == 429
        assert error_summary(page(response)) == [ACCOUNT_LOCKED_MESSAGE]
    assert len(emails_to(user.email)) == 1

    path = path_of(link_in(email))
    soup = page(client.get(path))
    assert soup.h1.get_text(strip=True) == "Unlock your account"
    assert attempt(client, user.email, PASSWORD).status_code == 429  # opening it is not enough
    response = client.post(path, data={"csrf_token": csrf_token_from(client.get(path))})
    assert response.headers["Location"] == "/sign-in"
    assert "Your account is unlocked" in page(client.get("/sign-in")).get_text()
    assert attempt(client, user.email, PASSWORD).status_code == 302

    # The link works once.
    response = client.get(path)
    assert response.status_code == 410
    assert page(response).h1.get_text(strip=True) == (
        "This link to unlock your account has already been used"
    )


def test_a_new_lock_window_sends_a_new_link(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    lock(client, user)
    # The window passes: the old failures, and the link sent then, are an hour old.
    for row in [*db.session.scalars(select(SignInAttempt)), *db.session.scalars(select(EmailLink))]:
        if isinstance(row, SignInAttempt):
            row.attempted_at -= timedelta(hours=1)
        else:
            row.created_at -= timedelta(hours=1)
    db.session.commit()
    lock(client, user)
    assert [e.template for e in emails_to(user.email)] == ["account_locked", "account_locked"]


def test_no_account_or_an_unconfirmed_one_is_sent_nothing(client, make_user):
    applicant = make_user(Role.APPLICANT)
    lock(client, applicant)
    for email in (applicant.email, "nobody@example.com"):
        for _ in range(5):
            attempt(client, email, WRONG)
        response = attempt(client, email, WRONG)
        assert error_summary(page(response)) == [ACCOUNT_LOCKED_MESSAGE]
        assert emails_to(email) == []


def test_an_altered_link_offers_a_reset(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    lock(client, user)
    path = path_of(link_in(emails_to(user.email)[0]))
    response = client.get(path + "0")
    assert response.status_code == 404
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "This link to unlock your account does not work"
    assert soup.select_one("main a.govuk-button")["href"] == "/forgot-password"
