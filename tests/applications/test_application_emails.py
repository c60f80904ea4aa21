"""Emails about applications: "application received" on submission (to a signed-in
applicant's confirmed address, or the address a signed-out application gives), "application
returned" with the provider's reason, and the link that lets a signed-out applicant claim
their application for an account with that address."""

from __future__ import annotations

import pytest

from app.accounts.models import User
from app.accounts.roles import Role
from app.db_types import utcnow
from app.extensions import db
from app.formkit.models import FormRecord
from tests.accounts.links import path_of
from tests.emails.helpers import emails_to, link_in
from tests.helpers import PASSWORD, csrf_token_from, page, sign_in, sign_out, submit_form

ADA = "ada@example.com"  # the main applicant's address in the answers


@pytest.fixture
def confirmed_applicant(make_user):
    def build(email=None):
        user = make_user(Role.APPLICANT, email=email)
        user.email_confirmed_at = utcnow()
        db.session.commit()
        return user

    return build


def send_signed_out(client, listing, main_applicant):
    response = client.post(
        "/api/rest/portal/assessment",
        json={"listingId": listing.id, "applicants": [main_applicant]},
    )
    assert response.status_code == 201, response.json
    return response.json


def claim(client, path: str):
    return client.post(path, data={"csrf_token": csrf_token_from(client.get(path))})


def test_a_signed_in_applicant_is_told_their_application_arrived(
    confirmed_applicant, submit_application, listing
):
    user = confirmed_applicant()
    response = submit_application(user)
    assert response.status_code == 201
    [email] = emails_to(user.email)
    assert email.template == "application_received"
    assert email.personalisation["reference"] == response.json["application"]["reference"]
    assert email.personalisation["listing_name"] == listing.title
    assert path_of(link_in(email)) == f"/applications/{response.json['id']}/view"
    assert emails_to(ADA) == []  # the account's address, not the answers'


def test_an_unconfirmed_applicant_can_submit_but_is_not_emailed(make_user, submit_application):
    user = make_user(Role.APPLICANT)
    assert submit_application(user).status_code == 201
    assert emails_to(user.email) == []


def test_a_signed_out_application_is_claimed_by_registering_with_its_address(
    client, listing, main_applicant
):
    sent = send_signed_out(client, listing, main_applicant)
    [email] = emails_to(ADA)
    assert email.template == "application_received"
    assert email.personalisation["reference"] == sent["application"]["reference"]
    path = path_of(link_in(email))
    assert path.startswith("/applications/claim/")

    # Signed out, the link says how to get to the application.
    soup = page(client.get(path))
    assert soup.h1.get_text(strip=True) == "Sign in to add your application to your account"
    register = soup.find("a", string="create an account")["href"]
    response = submit_form(
        client,
        register,
        {"name": "Ada Lovelace", "email": ADA, "password": PASSWORD, "confirm_password": PASSWORD},
    )
    assert response.headers["Location"] == path

    soup = page(client.get(path))
    assert soup.h1.get_text(strip=True) == "Add this application to your account"
    response = claim(client, path)
    assert response.headers["Location"] == "/applications/"
    soup = page(client.get("/applications/"))
    assert sent["application"]["reference"] in soup.select_one("#submitted").get_text()
    user = db.session.query(User).filter_by(email=ADA).one()
    assert db.session.get(FormRecord, sent["id"]).owner_id == user.id
    assert user.email_confirmed_at is not None  # the link came to the address

    # Opened again, it goes to the applications; for anyone else it has been used.
    assert client.get(path).headers["Location"] == "/applications/"
    sign_out(client)
    response = client.get(path)
    assert response.status_code == 410
    assert page(response).h1.get_text(strip=True) == (
        "This link to add your application to your account has already been used"
    )


def test_only_an_account_with_the_address_can_claim(
    client, listing, main_applicant, confirmed_applicant
):
    sent = send_signed_out(client, listing, main_applicant)
    path = path_of(link_in(emails_to(ADA)[0]))
    sign_in(client, confirmed_applicant(email="someone.else@example.com"))
    response = client.get(path)
    assert response.status_code == 403
    assert page(response).h1.get_text(strip=True) == (
        "This application was sent from a different email address"
    )
    assert db.session.get(FormRecord, sent["id"]).owner_id is None

    # Signed in with the address, it can.
    sign_out(client)
    owner = confirmed_applicant(email=ADA)
    sign_in(client, owner)
    assert claim(client, path).headers["Location"] == "/applications/"
    assert db.session.get(FormRecord, sent["id"]).owner_id == owner.id


def test_an_altered_claim_link(client, listing, main_applicant):
    send_signed_out(client, listing, main_applicant)
    path = path_of(link_in(emails_to(ADA)[0]))
    response = client.get(path.replace("claim_", "claim_x"))
    assert response.status_code == 404
    soup = page(response)
    assert soup.h1.get_text(strip=True) == (
        "This link to add your application to your account does not work"
    )
    assert soup.select_one("main a.govuk-button")["href"] == "/applications/"


def test_a_returned_application_emails_the_reason_and_a_link_to_the_copy(
    app, client, make_user, confirmed_applicant, submit_application, listing
):
    applicant = confirmed_applicant()
    sent = submit_application(applicant).json
    sign_in(client, make_user(Role.DATA_PROVIDER))
    url = f"/manage-applications/{sent['id']}/return"
    reason = "Add your partner <b>as a joint applicant</b>"
    response = client.post(
        url, data={"csrf_token": csrf_token_from(client.get(url)), "reason": reason}
    )
    assert response.status_code == 302

    received, returned = emails_to(applicant.email)
    assert received.template == "application_received"
    assert returned.template == "application_returned"
    assert returned.personalisation == {
        "reference": sent["application"]["reference"],
        "listing_name": listing.title,
        "reason": reason,  # as written: the email is plain text
        "link": returned.personalisation["link"],
    }
    copy = db.session.query(FormRecord).filter(FormRecord.id != sent["id"]).one()
    path = path_of(link_in(returned))
    assert path == f"/applications/{copy.id}/continue"
    applicant_client = app.test_client()
    sign_in(applicant_client, applicant)
    assert applicant_client.get(path).status_code in (200, 302)
