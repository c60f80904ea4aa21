"""/development/emails: in development only, the emails kept instead of sent, with their links."""

import pytest

from app.emails.outbox import send_email
from app.extensions import db
from tests.helpers import page


@pytest.fixture
def development(app, make_app):
    development = make_app(environment="development")
    with development.app_context():
        yield development
        db.session.remove()
        db.engine.dispose()


def test_development_lists_the_emails_with_their_links(development):
    send_email("someone@example.com", "password_reset", {"link": "http://localhost/reset/abc"})
    db.session.commit()
    response = development.test_client().get("/development/emails")
    assert response.status_code == 200
    card = page(response).select_one(".govuk-summary-card")
    assert card.h2.get_text(strip=True) == "Reset your password"
    assert "someone@example.com" in card.get_text()
    assert card.select_one("a.govuk-link")["href"] == "http://localhost/reset/abc"


def test_personalisation_is_never_markup(development):
    send_email(
        "someone@example.com",
        "application_returned",
        {
            "reference": "AB12",
            "listing_name": "<script>alert(1)</script>",
            "reason": "<b>Missing</b> payslips",
            "link": "javascript:alert(1)",
        },
    )
    db.session.commit()
    response = development.test_client().get("/development/emails")
    html = response.get_data(as_text=True)
    card = page(response).select_one(".govuk-summary-card")
    assert card.select_one("script") is None and card.select_one("b") is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Missing</b> payslips" in card.get_text()
    assert card.select_one("a.govuk-link") is None  # only http(s) addresses become links


@pytest.mark.parametrize("environment", ["test", "production"])
def test_the_page_does_not_exist_outside_development(make_app, app, environment):
    other = make_app(environment=environment)
    assert other.test_client().get("/development/emails").status_code == 404
    with other.app_context():
        db.engine.dispose()
