"""Changing your password on "Your account": the current one first, then the new one. This
sign-in goes on, every other one ends, and the account is told by email."""

from __future__ import annotations

from app.accounts.roles import Role
from tests.emails.helpers import emails_to, link_in
from tests.helpers import PASSWORD, csrf_token_from, error_summary, page, sign_in, submit_form

NEW_PASSWORD = "a whole new password"  # noqa: S105 (a test value)
URL = "/account/change-password"


def change(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    data = {"current_password": current, "password": new, "confirm_password": confirm or new}
    return submit_form(client, URL, data)


def sign_in_answer(app, email: str, password: str) -> int:
    fresh = app.test_client()
    token = csrf_token_from(fresh.get("/sign-in"))
    return fresh.post(
        "/sign-in", data={"csrf_token": token, "email": email, "password": password}
    ).status_code


def test_your_account_links_to_change_your_password(client, make_user):
    sign_in(client, make_user())
    soup = page(client.get("/account"))
    assert soup.select_one(f'main a[href="{URL}"]').get_text(" ", strip=True) == "Change password"
    assert page(client.get(URL)).h1.get_text(strip=True) == "Change your password"


def test_changing_the_password_ends_other_sign_ins_and_tells_the_account(app, client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    elsewhere = app.test_client()
    sign_in(elsewhere, user)
    sign_in(client, user)

    response = change(client)
    assert response.headers["Location"] == "/account"
    soup = page(client.get("/account"))
    assert "Your password has been changed" in soup.select_one(".govuk-notification-banner").text
    assert elsewhere.get("/account").status_code == 302
    assert sign_in_answer(app, user.email, PASSWORD) == 200
    assert sign_in_answer(app, user.email, NEW_PASSWORD) == 302

    [email] = emails_to(user.email)
    assert email.template == "password_changed"
    assert link_in(email) == "http://localhost/forgot-password"


def test_an_unconfirmed_applicant_is_not_emailed(client, make_user):
    user = make_user(Role.APPLICANT)
    sign_in(client, user)
    assert change(client).status_code == 302
    assert emails_to(user.email) == []


def test_the_current_password_must_be_right(app, client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    response = change(client, current="not my password")
    assert response.status_code == 400
    assert error_summary(page(response)) == ["Your current password is not correct"]
    response = change(client, current="")
    assert error_summary(page(response)) == ["Enter your current password"]
    assert sign_in_answer(app, user.email, PASSWORD) == 302
    assert emails_to(user.email) == []


def test_the_new_password_must_be_acceptable(client, make_user):
    sign_in(client, make_user())
    assert error_summary(page(change(client, new="short"))) == [
        "Password must be 12 characters or more"
    ]
    assert error_summary(page(change(client, confirm="something else entirely"))) == [
        "Passwords do not match"
    ]


def test_wrong_current_passwords_count_as_failed_sign_ins(client, make_user):
    sign_in(client, make_user())
    for _ in range(5):
        assert change(client, current="not my password").status_code == 400
    response = change(client)
    assert response.status_code == 429
    assert "too many times" in error_summary(page(response))[0]
