"""Support staff's page of failed jobs, and its "Try again" button."""

import uuid

import pytest

from app.accounts.roles import Role
from app.db_types import utcnow
from app.emails.models import FAILED, SENT, Email
from app.extensions import db
from tests.emails.helpers import emails_to
from tests.helpers import csrf_token_from, page, sign_in


def _failed_email(address="someone@example.com", error="GOV.UK Notify answered 400: Nope"):
    email = Email(
        id=uuid.uuid4().hex,
        template="password_reset",
        to_address=address,
        personalisation={"link": "http://localhost/reset/abc"},
        status=FAILED,
        attempts=1,
        last_error=error,
        updated_at=utcnow(),
    )
    db.session.add(email)
    db.session.commit()
    return email


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.DATA_PROVIDER, Role.DATA_COORDINATOR])
def test_only_support_staff_see_failed_jobs(client, make_user, role):
    sign_in(client, make_user(role))
    assert client.get("/support/failed-jobs/").status_code == 403


def test_signed_out_people_are_asked_to_sign_in(client):
    response = client.get("/support/failed-jobs/")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_support_sees_failed_emails_and_why(client, make_user):
    _failed_email(error="GOV.UK Notify answered 400: <b>Can't send</b>")
    sign_in(client, make_user(Role.SUPPORT))
    response = client.get("/support/failed-jobs/")
    assert response.status_code == 200
    section = page(response).select_one("#failed-emails")
    assert section.h2.get_text(strip=True) == "Emails (1)"
    text = section.get_text(" ", strip=True)
    assert "“Password reset” email to someone@example.com" in text
    assert "GOV.UK Notify answered 400: <b>Can't send</b>" in text  # shown as text
    assert section.select_one("b") is None
    assert section.select_one("button").get_text(strip=True) == "Try again"


def test_none_failed(client, make_user):
    sign_in(client, make_user(Role.SUPPORT))
    section = page(client.get("/support/failed-jobs/")).select_one("#failed-emails")
    assert "None." in section.get_text()


def test_try_again_sends_it_and_a_second_press_says_so(client, make_user):
    email = _failed_email()
    sign_in(client, make_user(Role.SUPPORT))
    listing = client.get("/support/failed-jobs/")
    action = page(listing).select_one("#failed-emails form")["action"]
    token = csrf_token_from(listing)

    response = client.post(action, data={"csrf_token": token})
    assert response.status_code == 303
    shown = page(client.get(response.headers["Location"]))
    assert "It will be tried again shortly." in shown.get_text()
    [sent] = emails_to(email.to_address)
    assert sent.status == SENT  # tasks run inline in the tests

    again = client.post(action, data={"csrf_token": token})
    assert "no longer failed" in page(client.get(again.headers["Location"])).get_text()
    assert emails_to(email.to_address)[0].attempts == 1


def test_try_again_needs_a_csrf_token(client, make_user):
    email = _failed_email()
    sign_in(client, make_user(Role.SUPPORT))
    response = client.post(f"/support/failed-jobs/emails/{email.id}/try-again")
    assert response.status_code == 400
    assert emails_to(email.to_address)[0].status == FAILED


def test_an_unknown_kind_of_job_is_not_found(client, make_user):
    sign_in(client, make_user(Role.SUPPORT))
    token = csrf_token_from(client.get("/support/failed-jobs/"))
    response = client.post("/support/failed-jobs/nothing/x/try-again", data={"csrf_token": token})
    assert response.status_code == 404
