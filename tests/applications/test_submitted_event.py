"""Submitting an application records `application.submitted` in the outbox, with the change."""

from sqlalchemy import select

from app.extensions import db
from app.outbox.models import OutboxEvent


def _events():
    return db.session.scalars(select(OutboxEvent)).all()


def test_a_submission_records_one_event(portal, listing, main_applicant):
    api = portal()
    response = api(
        "POST", "/profile/assessment", {"listingId": listing.id, "applicants": [main_applicant]}
    )
    assert response.status_code == 201, response.json
    [event] = _events()
    message = event.message()
    assert message["eventType"] == "application.submitted"
    assert message["sourceDomain"] == "Application"
    assert message["entityId"] == str(response.json["id"])
    assert message["user"] == {"name": api.user.name, "email": api.user.email}
    assert message["eventData"]["newData"]["status"] == "submitted"
    assert message["eventData"]["newData"]["reference"].startswith("SO-")


def test_a_signed_out_submission_names_no_user(client, listing, main_applicant):
    response = client.post(
        "/api/rest/portal/assessment",
        json={"listingId": listing.id, "applicants": [main_applicant]},
    )
    assert response.status_code == 201, response.json
    [event] = _events()
    assert event.user == {"name": None, "email": None}


def test_a_refused_submission_records_nothing(portal, listing):
    response = portal()(
        "POST", "/profile/assessment", {"listingId": listing.id, "applicants": [{}]}
    )
    assert response.status_code == 422
    assert _events() == []
