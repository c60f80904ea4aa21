"""The feedback page the phase banner links to: anyone can write, what they write is kept,
CSRF-protected and rate-limited, and only support staff can read it, newest first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.roles import Role
from app.db_types import utcnow
from app.extensions import db
from app.feedback import views
from app.feedback.models import MAX_TEXT, Feedback
from tests.helpers import csrf_token_from, error_summary, page, sign_in, submit_form


def stored() -> list[Feedback]:
    return db.session.scalars(select(Feedback).order_by(Feedback.id)).all()


def test_the_phase_banner_links_to_the_feedback_page_from_every_page(client):
    soup = page(client.get("/listings/"))
    link = soup.select_one(".govuk-phase-banner a")
    assert link.get_text(strip=True) == "feedback"
    assert link["href"] == "/feedback/?from=/listings/"
    form = page(client.get(link["href"]))
    assert form.h1.get_text(strip=True) == "Give feedback"
    assert form.select_one("main form").get("action") is None  # posts back, with ?from=
    # On the feedback page itself, the banner's link does not point back at itself.
    assert form.select_one(".govuk-phase-banner a")["href"] == "/feedback/"


def test_feedback_is_stored_and_thanked_for(client):
    response = submit_form(
        client,
        "/feedback/?from=/listings/",
        {"text": "  The search was <b>hard</b> to find.  ", "email": " Ada@Example.com "},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/feedback/thank-you"
    thanks = page(client.get(response.headers["Location"]))
    assert thanks.h1.get_text(strip=True) == "Thank you for your feedback"
    [kept] = stored()
    assert kept.text == "The search was <b>hard</b> to find."
    assert kept.email == "Ada@Example.com"
    assert kept.came_from == "/listings/"
    # The email address is optional.
    assert submit_form(client, "/feedback/", {"text": "Good", "email": ""}).status_code == 303
    assert stored()[1].email is None and stored()[1].came_from is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Enter your feedback"),
        ({"text": "x" * (MAX_TEXT + 1)}, "Your feedback must be 2,000 characters or fewer"),
        (
            {"text": "Fine", "email": "not an email"},
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_what_cannot_be_kept_is_explained(client, data, message):
    response = submit_form(client, "/feedback/", data)
    assert response.status_code == 200
    soup = page(response)
    assert error_summary(soup) == [message]
    assert soup.title.get_text().startswith("Error: ")
    assert stored() == []


def test_only_a_page_of_this_service_is_kept_as_where_it_came_from(client):
    for came_from in ("//evil.test/", "https://evil.test/", "javascript:alert(1)"):
        response = client.post(
            "/feedback/",
            query_string={"from": came_from},
            data={"csrf_token": csrf_token_from(client.get("/feedback/")), "text": "Hi"},
        )
        assert response.status_code == 303
    assert [item.came_from for item in stored()] == [None, None, None]


def test_feedback_needs_the_forms_csrf_token(client):
    response = client.post("/feedback/", data={"text": "Forged"})
    assert response.status_code == 400
    assert stored() == []


def test_feedback_is_rate_limited_per_address(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "FEEDBACK_LIMIT", "2 per hour")
    for _ in range(2):
        assert submit_form(client, "/feedback/", {"text": "Hello"}).status_code == 303
    response = submit_form(client, "/feedback/", {"text": "Hello"})
    assert response.status_code == 429
    assert page(response).h1.get_text(strip=True) == "Sorry, you have sent too much feedback"
    assert len(stored()) == 2
    # Another address is not held back.
    other = {"REMOTE_ADDR": "203.0.113.9"}
    assert (
        submit_form(client, "/feedback/", {"text": "Hello"}, environ_base=other).status_code == 303
    )


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.DATA_PROVIDER, Role.DATA_COORDINATOR])
def test_only_support_staff_can_read_feedback(client, make_user, role):
    assert client.get("/feedback/received").headers["Location"].startswith("/sign-in")
    sign_in(client, make_user(role))
    assert client.get("/feedback/received").status_code == 403
    nav = page(client.get("/account")).select(".govuk-service-navigation__item a")
    assert "Feedback" not in [a.get_text(strip=True) for a in nav]


def test_support_reads_feedback_newest_first_a_page_at_a_time(client, make_user, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    now = utcnow()
    for age, text in ((3, "Oldest"), (2, "Middle <script>x</script>"), (1, "Newest\nSecond line")):
        db.session.add(
            Feedback(
                text=text,
                email="ada@example.com" if age == 1 else None,
                came_from="/listings/",
                created_at=now - timedelta(hours=age),
            )
        )
    db.session.commit()
    sign_in(client, make_user(Role.SUPPORT))

    soup = page(client.get("/feedback/received"))
    nav = [a.get_text(strip=True) for a in soup.select(".govuk-service-navigation__item a")]
    assert "Feedback" in nav
    assert soup.select_one("#feedback-count").get_text(strip=True).startswith("3 messages")
    cards = soup.select("#feedback .govuk-summary-card")
    assert len(cards) == 2
    newest = cards[0].get_text(" ", strip=True)
    assert "Newest Second line" in newest
    assert [p.get_text() for p in cards[0].select(".govuk-summary-list__value p")] == [
        "Newest",
        "Second line",
    ]
    assert cards[0].select_one('a[href="mailto:ada%40example.com"]') is not None
    assert "Sent from /listings/" in newest
    assert "Middle <script>x</script>" in cards[1].get_text(" ", strip=True)
    assert soup.select_one("#feedback script") is None
    next_page = soup.select_one(".govuk-pagination__next a")["href"]
    second = page(client.get(next_page)).select("#feedback .govuk-summary-card")
    assert len(second) == 1 and "Oldest" in second[0].get_text()
    assert db.session.scalar(select(func.count()).select_from(Feedback)) == 3
