"""A draft cannot be submitted once its listing has closed: on the closing day it still can,
the day after it cannot, with the clock fixed. The draft stays readable and editable (the
provider may reopen the listing or extend its date), on the pages and through the API."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.accounts.roles import Role
from app.applications import service
from app.extensions import db
from app.formkit import store
from app.formkit.models import SUBMITTED, FormRecord
from app.formkit.runner import with_optional_answers_skipped
from app.listings.models import CLOSED, OPEN
from tests.formkit.conftest import form_state
from tests.helpers import error_summary, page, sign_in

CLOSING_DAY = date(2027, 3, 31)
PAST_CLOSING = "Applications for Riverside flat closed on 31 March 2027, so this application " + (
    "cannot be submitted"
)
PROVIDER_CLOSED = "Applications for Riverside flat have closed, so this application cannot be " + (
    "submitted"
)


@pytest.fixture
def closing_listing(listing, today):
    """The Riverside flat listing, closing on CLOSING_DAY, which is today."""
    today(CLOSING_DAY)
    listing.closing_date = CLOSING_DAY
    db.session.commit()
    return listing


@pytest.fixture
def draft(portal, make_user, closing_listing, main_applicant):
    """`draft()`: (the portal client of a new applicant, the id of their draft) with every
    answer given, optional ones left blank, so that it is complete and can be submitted."""

    def start():
        user = make_user(Role.APPLICANT)
        api = portal(user)
        started = api(
            "PUT",
            "/profile/assessment",
            {"listingId": closing_listing.id, "applicants": [main_applicant]},
        )
        assert started.status_code == 201, started.json
        record = db.session.get(FormRecord, started.json["id"])
        whole = with_optional_answers_skipped(service.JOURNEY, record.answers)
        store.save_answers(service.JOURNEY, record, whole, record.version)
        return api, record.id

    return start


def submit(api, record_id: int):
    return api("POST", "/profile/assessment", {"id": record_id})


def test_the_api_submits_on_the_closing_day_and_refuses_the_day_after(draft, today):
    on_time_api, on_time = draft()
    late_api, late = draft()

    accepted = submit(on_time_api, on_time)
    assert accepted.status_code == 200, accepted.json
    assert accepted.json["status"] == "submitted"

    today(CLOSING_DAY + timedelta(days=1))
    refused = submit(late_api, late)
    assert refused.status_code == 409
    assert refused.json == {"error": PAST_CLOSING}
    db.session.expire_all()
    assert db.session.get(FormRecord, late).status != SUBMITTED

    # The draft can still be read and saved.
    read = late_api("GET", f"/profile/assessment/{late}")
    assert read.status_code == 200
    assert read.json["status"] == "draft"
    assert read.json["listing"]["acceptingApplications"] is False
    changed = late_api("PUT", f"/profile/assessment/{late}", {"applicants": [{"savings": 16000}]})
    assert changed.status_code == 200, changed.json
    assert changed.json["formFields"]["applicants"][0]["savings"] == 16000


def test_the_api_refuses_changes_sent_with_a_late_submission_and_keeps_the_draft(draft, today):
    api, record_id = draft()
    today(CLOSING_DAY + timedelta(days=1))
    refused = api("POST", "/profile/assessment", {"id": record_id, "applicants": [{"savings": 1}]})
    assert refused.status_code == 409
    assert refused.json["error"] == PAST_CLOSING
    db.session.expire_all()
    assert db.session.get(FormRecord, record_id).answers["savings"] == 15000


def test_a_listing_the_provider_closed_says_so(draft, closing_listing):
    api, record_id = draft()
    closing_listing.status = CLOSED
    db.session.commit()
    refused = submit(api, record_id)
    assert (refused.status_code, refused.json) == (409, {"error": PROVIDER_CLOSED})

    closing_listing.status = OPEN  # reopened: the same draft goes
    db.session.commit()
    assert submit(api, record_id).status_code == 200


def test_a_returned_application_may_be_sent_again_after_the_listing_closed(draft, today, make_user):
    """The provider sent it back after the closing date: the original came in time."""
    api, record_id = draft()
    assert submit(api, record_id).status_code == 200
    today(CLOSING_DAY + timedelta(days=20))
    copy = service.unsubmit(
        service.for_record(record_id), make_user(Role.DATA_PROVIDER), "Add your payslips"
    )
    again = submit(api, copy.record_id)
    assert again.status_code == 200, again.json
    assert again.json["status"] == "submitted"


def test_check_answers_says_why_a_late_draft_cannot_be_submitted(client, draft, today):
    api, record_id = draft()
    sign_in(client, api.user)
    base = f"/applications/{record_id}"

    on_time = page(client.get(f"{base}/check-answers"))
    assert on_time.select_one(f'form[action="{base}/submit"]') is not None
    assert on_time.select_one("#cannot-submit") is None
    assert on_time.select_one("#record-notice") is None

    today(CLOSING_DAY + timedelta(days=1))
    response = client.get(f"{base}/check-answers")
    assert response.status_code == 200
    late = page(response)
    assert late.select_one(f'form[action="{base}/submit"]') is None
    assert PAST_CLOSING in late.select_one("#cannot-submit").get_text(" ", strip=True)
    assert error_summary(late) == []
    notice = late.select_one("#record-notice").get_text(" ", strip=True)
    assert f"{PAST_CLOSING}." in notice
    assert "You can still read and change your answers" in notice
    # Every page of the draft carries the notice.
    task_list = page(client.get(f"{base}/"))
    assert PAST_CLOSING in task_list.select_one("#record-notice").get_text(" ", strip=True)


def test_submitting_a_late_draft_on_the_web_is_refused_with_a_clear_error(client, draft, today):
    """The page was opened before midnight; "Submit" is pressed after."""
    api, record_id = draft()
    sign_in(client, api.user)
    base = f"/applications/{record_id}"
    check = client.get(f"{base}/check-answers")

    today(CLOSING_DAY + timedelta(days=1))
    response = client.post(f"{base}/submit", data={**form_state(check), "declaration": "confirmed"})
    assert response.status_code == 409
    soup = page(response)
    assert error_summary(soup) == [PAST_CLOSING]
    assert soup.select_one(".govuk-error-summary a")["href"] == "#cannot-submit"
    assert soup.title.get_text(strip=True).startswith("Error: ")
    db.session.expire_all()
    assert db.session.get(FormRecord, record_id).status != SUBMITTED
    assert client.get(f"{base}/confirmation").status_code == 302

    # Still readable and editable.
    url = f"{base}/savings"
    assert client.get(url).status_code == 200
    saved = client.post(
        url, data={**form_state(client.get(url)), "savings": "16000", "deposit": "10000"}
    )
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(FormRecord, record_id).answers["savings"] == 16000
