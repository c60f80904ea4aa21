"""New applicant accounts confirm their email address by a link. Until then the address is
sent only that link and password resets; "Your account" says whether it is confirmed and can
send the link again."""

from __future__ import annotations

from app.accounts.models import User
from app.accounts.roles import Role
from app.extensions import db
from tests.accounts.links import path_of
from tests.emails.helpers import emails_to, link_in
from tests.helpers import PASSWORD, csrf_token_from, page, sign_in, submit_form

EMAIL = "new.applicant@example.com"


def register(client, email=EMAIL):
    data = {"name": "New Applicant", "email": email, "password": PASSWORD}
    response = submit_form(client, "/register", {**data, "confirm_password": PASSWORD})
    assert response.status_code == 302
    return db.session.query(User).filter_by(email=email).one()


def status_tag(client) -> str:
    return (
        page(client.get("/account"))
        .select_one(".govuk-summary-list .govuk-tag")
        .get_text(strip=True)
    )


def send_again(client):
    token = csrf_token_from(client.get("/account"))
    return client.post("/account/confirm-email", data={"csrf_token": token})


def test_a_new_applicant_confirms_their_address_by_the_link(client):
    user = register(client)
    [email] = emails_to(EMAIL)
    assert email.template == "email_confirmation"
    assert status_tag(client) == "Not confirmed"
    assert (
        "Send the link again"
        in page(client.get("/account")).select_one("#confirm-your-email").get_text()
    )

    path = path_of(link_in(email))
    soup = page(client.get(path))
    assert soup.select_one(".govuk-panel__title").get_text(strip=True) == "Email address confirmed"
    assert db.session.get(User, user.id).email_confirmed_at is not None
    assert status_tag(client) == "Confirmed"
    assert page(client.get("/account")).select_one("#confirm-your-email") is None
    # Opened again (or by an email scanner first), it still says so.
    assert client.get(path).status_code == 200


def test_the_link_can_be_sent_again_but_not_endlessly(client):
    register(client)
    for _ in range(4):
        response = send_again(client)
        assert response.headers["Location"] == "/account"
    assert len(emails_to(EMAIL)) == 5
    soup = page(client.get(send_again(client).headers["Location"]))
    assert "several links in the last hour" in soup.get_text()
    assert len(emails_to(EMAIL)) == 5
    # Any of them confirms the address.
    client.get(path_of(link_in(emails_to(EMAIL)[0])))
    assert status_tag(client) == "Confirmed"


def test_until_confirmed_only_the_link_and_resets_are_sent(client, make_user):
    user = register(client)
    # A password change would normally be told to the address.
    data = {"current_password": PASSWORD, "password": "another good password"}
    submit_form(client, "/account/change-password", {**data, "confirm_password": data["password"]})
    submit_form(client, "/forgot-password", {"email": EMAIL})
    assert [e.template for e in emails_to(EMAIL)] == ["email_confirmation", "password_reset"]
    assert db.session.get(User, user.id).email_confirmed_at is None


def test_a_bad_link_says_how_to_get_a_new_one(client):
    register(client)
    path = path_of(link_in(emails_to(EMAIL)[0]))
    response = client.get(path[:-2])
    assert response.status_code == 404
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "This link to confirm your email address does not work"
    assert soup.select_one("main a.govuk-button")["href"] == "/account"


def test_a_link_to_an_address_no_longer_the_accounts_has_expired(client):
    user = register(client)
    path = path_of(link_in(emails_to(EMAIL)[0]))
    user.email = "changed@example.com"
    db.session.commit()
    assert client.get(path).status_code == 410


def test_staff_addresses_need_no_confirming(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    soup = page(client.get("/account"))
    assert soup.select_one(".govuk-summary-list .govuk-tag") is None
    assert soup.select_one("#confirm-your-email") is None
