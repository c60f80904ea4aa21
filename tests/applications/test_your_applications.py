"""The applicant's home page, "Your applications": where they land on signing in, where
"Continue" takes them, and how an application a provider returned reads there, on its draft's
pages and to staff: one name, "Returned", and the provider's reason wherever the draft opens."""

from __future__ import annotations

import pytest

from app.accounts.roles import Role
from app.applications import service
from app.extensions import db
from app.formkit import runner
from app.formkit.models import FormRecord
from app.journeys.shared_ownership_application import SHARED_OWNERSHIP_APPLICATION as JOURNEY
from tests.applications.test_journey_web import apply, location
from tests.formkit.conftest import form_state
from tests.helpers import page, sign_in, sign_out

# Two lines, the first ending with a full stop, and markup that must stay text.
REASON = "Please add your partner as a joint applicant.\nAnd check <b>your</b> savings"


def text(soup_or_tag) -> str:
    return soup_or_tag.get_text(" ", strip=True)


@pytest.fixture
def applicant(client, make_user):
    user = make_user(Role.APPLICANT)
    sign_in(client, user)
    return user


def test_a_signed_in_applicant_lands_on_their_applications(client, applicant, listing):
    draft_id = apply(client, listing.id)
    assert location(client.get("/")) == "/applications/"
    soup = page(client.get("/applications/"))
    assert soup.h1.get_text(strip=True) == "Your applications"
    [card] = soup.select("#drafts .govuk-summary-card")
    assert card.select_one(".govuk-summary-card__actions a")["href"] == (
        f"/applications/{draft_id}/continue"
    )
    assert "Draft" in text(card)
    # The reference the confirmation page gives is on the card.
    assert f"Reference {db.session.get(FormRecord, draft_id).reference}" in text(card)


def save_for_later(client, url: str, data: dict):
    response = client.post(url, data={**form_state(client.get(url)), **data, "action": "later"})
    assert response.status_code == 302, response.status_code
    return response


def test_continue_opens_the_page_where_they_left_to_come_back_later(client, applicant, listing):
    record_id = apply(client, listing.id)
    base = f"/applications/{record_id}"
    first_unanswered = f"{base}/name"
    assert location(client.get(f"{base}/continue")) == first_unanswered

    # "Save and come back later" on a page further on: "Continue" opens that page, not the
    # first question still to answer.
    save_for_later(client, f"{base}/homeAddress", {"homeAddressLine1": "Flat 2"})
    assert db.session.get(FormRecord, record_id).resume_key == "homeAddress"
    assert location(client.get(f"{base}/continue")) == f"{base}/homeAddress"

    # A "Save and continue" after that: back to the first question still to answer.
    url = f"{base}/name"
    data = {"title": "Ms", "firstName": "Ada", "lastName": "Lovelace"}
    response = client.post(url, data={**form_state(client.get(url)), **data})
    assert response.status_code == 302
    record = db.session.get(FormRecord, record_id)
    assert record.resume_key is None
    expected = runner.first_unanswered_step(JOURNEY, record.answers).key
    assert location(client.get(f"{base}/continue")) == f"{base}/{expected}"

    # A page that no longer applies is not opened.
    record.resume_key = "jointApplicants/5/name"
    db.session.commit()
    assert location(client.get(f"{base}/continue")) == f"{base}/{expected}"


@pytest.fixture
def returned(client, make_user, submit_application):
    """An application its applicant submitted and the provider returned: (original, copy),
    with the applicant signed in."""
    user = make_user(Role.APPLICANT)
    sent = submit_application(user).json
    staff = make_user(Role.DATA_PROVIDER)
    original = service.for_record(sent["id"])
    copy = service.unsubmit(original, staff, REASON)
    sign_in(client, user)
    return service.for_record(sent["id"]), copy


def assert_says_why(soup, provider: str) -> None:
    notice = soup.select_one(".govuk-notification-banner")
    assert notice is not None, "no notification banner"
    said = text(notice)
    assert f"{provider} returned your application for Riverside flat" in said
    reasons = [p.get_text() for p in notice.select(".govuk-inset-text p")]
    assert reasons == [
        "Please add your partner as a joint applicant.",
        "And check <b>your</b> savings",
    ]
    assert notice.select_one("b") is None  # the provider's words are text, never markup
    assert "savings." not in said and "applicant.”." not in said  # no stray full stop


def test_the_applicants_home_page_says_an_application_was_returned_and_why(client, returned):
    original, copy = returned
    provider = service.provider_name(original)
    soup = page(client.get("/applications/"))

    banner = soup.select_one(f"#returned-{copy.record_id}")
    assert "govuk-notification-banner" in banner["class"]
    assert_says_why(soup, provider)
    link = banner.select_one("a")
    assert link.get_text(strip=True) == f"Continue application {copy.record.reference}"
    assert link["href"] == f"/applications/{copy.record_id}/continue"

    # The copy is a draft (as the API says) with the reason; the original is "Returned", under
    # "Returned" rather than "Submitted", and names its copy.
    [draft] = soup.select("#drafts .govuk-summary-card")
    assert text(draft.select_one(".govuk-tag")) == "Draft"
    assert "Why it was returned Please add your partner" in text(draft)
    assert f"Replaces {original.record.reference}" in text(draft)
    assert soup.select("#submitted .govuk-summary-card") == []
    [kept] = soup.select("#returned .govuk-summary-card")
    assert text(kept.select_one(".govuk-tag")) == "Returned"
    assert f"Replaced by {copy.record.reference} (a draft)" in text(kept)
    assert kept.select_one(".govuk-summary-card__actions a")["href"] == (
        f"/applications/{original.record_id}/view"
    )
    assert "Unsubmitted" not in text(soup) and "Returned to you" not in text(soup)


def test_the_reason_is_on_every_page_of_the_returned_draft(client, returned):
    original, copy = returned
    provider = service.provider_name(original)
    base = f"/applications/{copy.record_id}"
    # Complete as it was sent, "Continue" opens check answers: the reason is there too.
    assert location(client.get(f"{base}/continue")) == f"{base}/check-answers"
    for url in (f"{base}/", f"{base}/check-answers", f"{base}/name", f"{base}/submit"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_says_why(page(response), provider)
    # Not on the original, which is read-only.
    view = page(client.get(f"/applications/{original.record_id}/view"))
    assert view.select_one("#record-notice") is None


def test_staff_see_the_same_name_for_a_returned_application(client, returned, make_user):
    original, _ = returned
    sign_out(client)
    sign_in(client, make_user(Role.DATA_PROVIDER))
    soup = page(client.get("/manage-applications/"))
    assert text(soup.select_one("#applications tbody .govuk-tag")) == "Returned"
    options = {o["value"]: text(o) for o in soup.select("#status option")}
    assert options["unsubmitted"] == "Returned"
    shown = page(client.get(f"/manage-applications/{original.record_id}"))
    assert "Returned" in text(shown.select_one("#application-details"))
    assert "Unsubmitted" not in text(shown) and "unsubmitted" not in text(shown)


def test_the_api_keeps_the_seed_values_and_describes_them_by_the_same_name(client, returned):
    schema = client.get("/api/openapi.json").json["components"]["schemas"]["Application"]
    status = schema["properties"]["status"]
    assert status["enum"] == ["draft", "submitted", "unsubmitted"]
    assert "“Returned”" in status["description"]
