"""The page after submitting an application: the reference, what happens next (with the
confirmation email, if one was sent), and a link to give feedback."""

from __future__ import annotations

from app.accounts.roles import Role
from app.db_types import utcnow
from app.extensions import db
from app.formkit.models import FormRecord
from tests.helpers import page, sign_in


def test_the_confirmation_page_says_what_happens_next(
    client, make_user, submit_application, listing
):
    user = make_user(Role.APPLICANT)
    sent = submit_application(user).json
    sign_in(client, user)
    url = f"/applications/{sent['id']}/confirmation"
    soup = page(client.get(url))

    record = db.session.get(FormRecord, sent["id"])
    assert soup.select_one("#reference").get_text(strip=True) == record.reference
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert "What happens next" in headings
    next_steps = soup.select_one("#what-happens-next").get_text(" ", strip=True)
    provider = listing.development.organisation.name
    assert f"{provider} will look at your application for {listing.title}" in next_steps
    assert "return your application to you with the reason" in next_steps
    links = [a["href"] for a in soup.select("#what-happens-next a")]
    assert links == ["/account", "/applications/"]
    # The address is not confirmed, so nothing was emailed, and the page says so.
    assert "we have sent" not in soup.get_text().lower()
    assert "We have not emailed you about this application" in next_steps

    feedback = soup.select_one("#feedback-link a")
    assert feedback.get_text(strip=True) == "What did you think of this service?"
    assert feedback["href"] == f"/feedback/?from={url}"
    assert client.get(feedback["href"]).status_code == 200


def test_the_confirmation_page_names_the_address_the_receipt_went_to(
    client, make_user, submit_application
):
    user = make_user(Role.APPLICANT)
    user.email_confirmed_at = utcnow()
    db.session.commit()
    sent = submit_application(user).json
    sign_in(client, user)
    soup = page(client.get(f"/applications/{sent['id']}/confirmation"))
    receipt = soup.select_one("#receipt-email").get_text(" ", strip=True)
    assert receipt == f"We have sent a confirmation email to {user.email}."
