"""Applicants register themselves; the form is validated and CSRF-protected."""

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from tests.helpers import PASSWORD, error_summary, field_error, page, submit_form

GOOD = {
    "name": "Ada Applicant",
    "email": " Ada@Example.com ",
    "password": PASSWORD,
    "confirm_password": PASSWORD,
}


def test_registering_creates_an_applicant_and_signs_them_in(client):
    response = submit_form(client, "/register", GOOD)
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "ada@example.com"))
    assert user.role == "applicant"
    assert user.organisation is None
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    home = page(client.get("/", follow_redirects=True))
    assert home.h1.get_text(strip=True) == "Your applications"
    assert "Your account has been created." in home.get_text()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter your full name"),
        ({"email": ""}, "email", "Enter your email address"),
        (
            {"email": "not-an-email"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            {"password": "short", "confirm_password": "short"},
            "password",
            "Password must be 12 characters or more",
        ),
        (
            {"confirm_password": "something else entirely"},
            "confirm_password",
            "Passwords do not match",
        ),
    ],
)
def test_registration_errors(client, changes, field, message):
    response = submit_form(client, "/register", {**GOOD, **changes})
    assert response.status_code == 200
    soup = page(response)
    assert soup.title.get_text() == "Error: Create an account – Housing forms – GOV.UK"
    assert message in error_summary(soup)
    assert field_error(soup, field) == message
    assert db.session.scalar(select(User)) is None


def test_registration_error_summary_links_to_the_field(client):
    soup = page(submit_form(client, "/register", {**GOOD, "name": ""}))
    link = soup.select_one(".govuk-error-summary a")
    assert link["href"] == "#name"
    assert soup.select_one("#name") is not None


def test_an_email_address_can_only_register_once(client, make_user):
    make_user(email="ada@example.com")
    soup = page(submit_form(client, "/register", GOOD))
    assert field_error(soup, "email") == (
        "An account already exists with this email address. Sign in instead"
    )


def test_registration_keeps_answers_but_not_passwords_after_an_error(client):
    soup = page(submit_form(client, "/register", {**GOOD, "confirm_password": "different one!!"}))
    assert soup.select_one("#name")["value"] == "Ada Applicant"
    assert not soup.select_one("#password").get("value")


def test_registration_without_csrf_token_is_refused_but_answers_are_kept(client):
    response = client.post("/register", data=GOOD)
    assert response.status_code == 400
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "This page timed out"
    kept = {i["name"]: i["value"] for i in soup.select("form input[type=hidden]")}
    assert kept["name"] == "Ada Applicant"
    assert kept["email"] == GOOD["email"]
    assert "password" not in kept and "confirm_password" not in kept
    assert kept["csrf_token"]  # a fresh token, so "Try again" works
    assert "You will need to enter your password again." in soup.get_text()
    assert db.session.scalar(select(User)) is None


def test_try_again_after_csrf_expiry_resubmits_the_kept_answers(client):
    soup = page(client.post("/register", data=GOOD))
    resubmitted = {i["name"]: i["value"] for i in soup.select("form input[type=hidden]")}
    form_action = soup.select_one("main form")["action"]
    response = client.post(form_action, data=resubmitted)
    # The password was not kept, so the page asks for it and nothing else.
    soup = page(response)
    assert error_summary(soup) == ["Enter a password", "Confirm your password"]
    assert soup.select_one("#name")["value"] == "Ada Applicant"
