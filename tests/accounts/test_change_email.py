"""Changing your email address on "Your account": a link to confirm it goes to the new
address, the old address is told, and nothing changes until the link is used."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import EmailLink, User
from app.accounts.roles import Role
from app.db_types import utcnow
from app.extensions import db
from tests.accounts.links import path_of
from tests.emails.helpers import emails_to, link_in
from tests.helpers import PASSWORD, csrf_token_from, error_summary, page, sign_in, submit_form

URL = "/account/change-email"
NEW = "new.address@example.com"


def ask(client, email=NEW, password=PASSWORD):
    return submit_form(client, URL, {"email": email, "password": password})


def confirm(client, path: str):
    return client.post(path, data={"csrf_token": csrf_token_from(client.get(path))})


def test_a_new_address_is_confirmed_by_a_link_sent_to_it(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    old = user.email
    sign_in(client, user)
    assert page(client.get("/account")).select_one(f'main a[href="{URL}"]') is not None

    response = ask(client, email=f" {NEW.upper()} ")
    assert response.headers["Location"] == "/account/change-email/check-your-email"
    soup = page(client.get(response.headers["Location"]))
    assert soup.h1.get_text(strip=True) == "Check your email"
    assert NEW in soup.select_one("main").get_text()

    [confirmation] = emails_to(NEW)
    assert confirmation.template == "email_change_confirmation"
    [notice] = emails_to(old)
    assert notice.template == "email_changed_notice"
    assert link_in(notice) == "http://localhost/feedback/"
    assert db.session.get(User, user.id).email == old  # not until the link is used

    path = path_of(link_in(confirmation))
    soup = page(client.get(path))
    assert soup.h1.get_text(strip=True) == "Confirm your new email address"
    assert db.session.get(User, user.id).email == old  # opening it changes nothing
    response = confirm(client, path)
    assert response.headers["Location"] == "/account"
    soup = page(client.get("/account"))
    assert f"Your email address has been changed to {NEW}" in soup.get_text()
    changed = db.session.get(User, user.id)
    assert changed.email == NEW
    assert changed.email_confirmed_at is not None

    # The link works once.
    response = client.get(path)
    assert response.status_code == 410
    assert page(response).h1.get_text(strip=True) == (
        "This link to confirm your new email address has already been used"
    )


def test_the_link_works_signed_out_too(app, client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    ask(client)
    other = app.test_client()
    response = confirm(other, path_of(link_in(emails_to(NEW)[0])))
    assert response.headers["Location"] == "/sign-in"
    sign_in(other, db.session.get(User, user.id))


def test_an_unconfirmed_old_address_is_not_told(client, make_user):
    user = make_user(Role.APPLICANT)
    sign_in(client, user)
    assert ask(client).status_code == 302
    assert emails_to(user.email) == []
    assert [e.template for e in emails_to(NEW)] == ["email_change_confirmation"]


def test_only_the_latest_address_asked_for_can_be_confirmed(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    ask(client, email="first@example.com")
    ask(client, email="second@example.com")
    first = path_of(link_in(emails_to("first@example.com")[0]))
    assert client.get(first).status_code == 410
    second = path_of(link_in(emails_to("second@example.com")[0]))
    assert client.get(second).status_code == 200


def test_an_expired_or_altered_link(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    ask(client)
    path = path_of(link_in(emails_to(NEW)[0]))
    response = client.get(path + "x")
    assert response.status_code == 404
    assert page(response).select_one("main a.govuk-button")["href"] == URL
    link = db.session.scalar(select(EmailLink).where(EmailLink.user_id == user.id))
    link.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 410
    assert "has expired" in page(response).h1.get_text()


def test_what_is_asked_is_checked(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    taken = make_user(Role.APPLICANT)
    sign_in(client, user)
    assert error_summary(page(ask(client, email="", password=""))) == [
        "Enter your new email address",
        "Enter your password",
    ]
    assert error_summary(page(ask(client, email="nope"))) == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert error_summary(page(ask(client, password="not my password"))) == [
        "The password is not correct"
    ]
    assert error_summary(page(ask(client, email=user.email))) == [
        "This is already your email address. Enter a different one"
    ]
    assert error_summary(page(ask(client, email=taken.email))) == [
        "Another account already has this email address"
    ]
    assert emails_to(taken.email) == [] and emails_to(user.email) == []


def test_an_address_taken_meanwhile_is_not_changed(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    ask(client)
    path = path_of(link_in(emails_to(NEW)[0]))
    make_user(Role.APPLICANT, email=NEW)
    response = confirm(client, path)
    assert response.status_code == 409
    assert page(response).h1.get_text(strip=True) == "Your email address has not been changed"
    assert db.session.get(User, user.id).email != NEW
