"""The applicant's journey through the pages, as a browser would: from a listing's "Apply",
signed out, saved by creating an account, resumed, completed with a joint applicant and
submitted; and "Your applications"."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from app.accounts.models import User
from app.accounts.roles import Role
from app.applications import service
from app.applications.portal_shape import Errors, to_journey
from app.extensions import db
from app.formkit import runner
from app.formkit.models import FormRecord
from app.formkit.runner import items
from app.formkit.validation import apply_payload
from app.journeys.shared_ownership_application import SHARED_OWNERSHIP_APPLICATION as JOURNEY
from app.reference.models import Postcode
from tests.formkit.conftest import form_state
from tests.helpers import (
    PASSWORD,
    csrf_token_from,
    error_summary,
    page,
    sign_in,
    sign_out,
    submit_form,
)


@pytest.fixture
def wanted(main_applicant, joint_applicant) -> dict:
    """The journey's answers for a main applicant with one joint applicant."""
    errors = Errors()
    payload = to_journey([main_applicant, joint_applicant], {}, errors)
    outcome = apply_payload(JOURNEY, payload, {})
    assert not errors and outcome.ok, (errors, outcome.errors)
    return outcome.answers


def apply(client, listing_id: int) -> int:
    """Press "Apply" on the listing's page; the new application's id."""
    listing_page = client.get(f"/listings/{listing_id}")
    response = client.post(
        "/applications/new",
        data={"csrf_token": csrf_token_from(listing_page), "listing_id": str(listing_id)},
    )
    assert response.status_code == 302, response.status_code
    return int(response.headers["Location"].strip("/").split("/")[-1])


def form_data(key: str, answers: dict) -> dict:
    """What a user types and picks on the page at `key` to give these answers."""
    step = runner.find_step(JOURNEY, answers, key)
    assert step is not None and not step.is_summary, key
    page_def = step.page
    if step.group is None:
        values = answers
    else:  # an item's page, at any depth: its own answers
        values = runner.container(answers, (*step.parents, (step.group, step.index)))
    data = {}
    for question in page_def.questions:
        value = question.form_value(values)
        if isinstance(value, dict):
            data.update({f"{question.id}-{part}": str(v) for part, v in value.items()})
        else:
            data[question.id] = value if isinstance(value, list) else str(value)
    return data


def location(response) -> str:
    return urlsplit(response.headers["Location"]).path


def section_of(base: str, url: str) -> str | None:
    """The id of the section a question page's URL belongs to."""
    key = urlsplit(url).path.removeprefix(f"{base}/")
    group = JOURNEY.group_by_id.get(key.split("/")[0])
    if group is not None:  # its summary, or one of its items' pages
        return next(section.id for section in JOURNEY.sections if group in section.pages)
    entry = JOURNEY.page_index.get(key)
    return entry[0].id if entry else None


def answer_pages(client, base: str, url: str, answers: dict, section: str | None = None):
    """Answer each page from `url` the way the pages lead, until check answers, or with
    `section`, until the journey leaves that section. The keys visited, and where it stopped.
    The way never passes a section's summary or the task list."""
    visited = []
    while url != f"{base}/check-answers" and (section is None or section_of(base, url) == section):
        assert "/check-answers/" not in url and url != f"{base}/", url
        key = url.removeprefix(f"{base}/")
        response = client.get(url)
        assert response.status_code == 200, (key, response.status_code)
        stored = db.session.get(FormRecord, _id(base)).answers
        step = runner.find_step(JOURNEY, stored, key)
        if step.is_summary:  # "add another": yes while there are more to add
            more = len(items(runner.container(answers, step.parents), step.group)) > len(
                items(runner.container(stored, step.parents), step.group)
            )
            data = {"add_another": "yes" if more else "no"}
        else:
            data = form_data(key, answers)
        visited.append(key)
        response = client.post(url, data={**form_state(response), **data})
        assert response.status_code == 302, (key, error_summary(page(response)))
        url = location(response)
    return visited, url


def _id(base: str) -> int:
    return int(base.rsplit("/", 1)[-1])


def test_signed_out_start_save_by_registering_resume_and_submit(client, listing, wanted):
    record_id = apply(client, listing.id)
    base = f"/applications/{record_id}"
    # Signed out, the first section is answered and saved on the server.
    first = location(client.get(f"{base}/continue"))
    assert first == f"{base}/name"
    _, after = answer_pages(client, base, first, wanted, section="about_you")
    assert after == f"{base}/jointApplicants"  # on to the next section
    record = db.session.get(FormRecord, record_id)
    assert record.owner_id is None and record.session_key_hash is not None
    assert record.answers["firstName"] == "Ada"

    # "Save and come back later" on a page asks them to create an account; what they typed is
    # kept.
    later = f"{base}/homeAddress"
    response = client.post(
        later,
        data={**form_state(client.get(later)), "homeAddressLine1": "Flat 2", "action": "later"},
    )
    assert location(response) == f"{base}/save-for-later"
    response = submit_form(
        client,
        f"/register?next={base}/",
        {
            "name": "Ada Lovelace",
            "email": "ada@example.com",
            "password": PASSWORD,
            "confirm_password": PASSWORD,
        },
    )
    assert location(response) == f"{base}/"
    db.session.expire_all()
    assert db.session.get(FormRecord, record_id).owner_id is not None

    # Signed out, the draft is out of reach; signed back in, "Continue" resumes where they were.
    sign_out(client)
    assert client.get(f"{base}/").status_code == 404
    user = db.session.get(User, db.session.get(FormRecord, record_id).owner_id)
    signed_in = sign_in(client, user)
    assert db.session.get(FormRecord, record_id).answers["homeAddressLine1"] == "Flat 2"
    # They land on their applications, where "Continue" opens the page they left.
    assert location(client.get(signed_in.headers["Location"])) == "/applications/"
    card = page(client.get("/applications/")).select_one(f"#application-{record_id}")
    assert card.select_one(".govuk-summary-card__actions a")["href"] == f"{base}/continue"
    assert location(client.get(f"{base}/continue")) == f"{base}/homeAddress"

    # Every other section, with one joint applicant, the way the pages lead.
    visited, after = answer_pages(client, base, location(client.get(f"{base}/continue")), wanted)
    assert after == f"{base}/check-answers"
    assert "jointApplicants/0/name" in visited and "jointApplicants/1/name" not in visited
    # Working: asked about their employer; the joint applicant, retired, is not.
    assert "employer" in visited and "jointApplicants/0/employer" not in visited
    # Lives with the main applicant: not asked for an address.
    assert "jointApplicants/0/homeAddress" not in visited
    # Asked for their previous addresses inside their own questions, and has none.
    assert "jointApplicants/0/previousAddresses" in visited
    assert (
        db.session.get(FormRecord, record_id).answers["jointApplicants"][0]["previousAddresses"]
        == []
    )

    # Check answers ends with the declaration and the submit button.
    check = client.get(after)
    form = page(check).select_one("main form")
    response = client.post(form["action"], data={**form_state(check), "declaration": "confirmed"})
    assert location(response) == f"{base}/confirmation"
    confirmation = page(client.get(f"{base}/confirmation"))
    record = db.session.get(FormRecord, record_id)
    assert record.reference in confirmation.get_text()
    assert service.portal_status(record) == "submitted"
    # Read-only from now on.
    assert location(client.get(f"{base}/name")) == f"{base}/view"
    view = page(client.get(f"{base}/view"))
    assert "Ada" in view.get_text() and not view.select(".govuk-summary-list__actions a")


def test_your_applications_lists_drafts_and_submitted(
    client, make_user, listing, submit_application
):
    user = make_user(Role.APPLICANT)
    submit_application(user)
    sign_in(client, user)
    draft_id = apply(client, listing.id)
    soup = page(client.get("/applications/"))
    assert soup.h1.get_text(strip=True) == "Your applications"
    drafts = soup.select("#drafts .govuk-summary-card")
    assert len(drafts) == 1
    assert (
        drafts[0].select_one(".govuk-summary-card__actions a")["href"]
        == f"/applications/{draft_id}/continue"
    )
    sent = soup.select("#submitted .govuk-summary-card")
    assert len(sent) == 1
    assert soup.select_one("#returned") is None  # none returned
    assert "View" in sent[0].select_one(".govuk-summary-card__actions").get_text()
    # Signed out, the page asks them to sign in.
    sign_out(client)
    assert client.get("/applications/").headers["Location"].startswith("/sign-in")


def test_the_home_postcode_suggests_the_local_authority(client, listing):
    db.session.add(Postcode(postcode="SE2 6RT", local_authority_code="E09000011"))
    db.session.commit()
    record_id = apply(client, listing.id)
    base = f"/applications/{record_id}"
    url = f"{base}/homeAddress"
    client.post(
        url,
        data={
            **form_state(client.get(url)),
            "homeAddressLine1": "Flat 2",
            "homeAddressLine2": "10 Thamesmead Road",
            "homePostcode": "se2 6rt",
        },
    )
    soup = page(client.get(f"{base}/homeLocalAuthorityId"))
    chosen = soup.select_one("#homeLocalAuthorityId option[selected]")
    assert chosen.get_text(strip=True) == "Greenwich"
    # Only a suggestion: nothing is stored until they save, and they can choose another.
    assert "homeLocalAuthorityId" not in db.session.get(FormRecord, record_id).answers


def test_a_closed_listing_cannot_be_applied_for(client, make_development, make_listing):
    development = make_development()
    closed = make_listing(development, status="closed")
    token = csrf_token_from(client.get("/listings"))
    response = client.post(
        "/applications/new", data={"csrf_token": token, "listing_id": str(closed.id)}
    )
    assert location(response) == f"/listings/{closed.id}"
    assert db.session.query(FormRecord).count() == 0


def test_the_same_bad_value_reads_the_same_on_the_page_and_in_the_api(client, listing, portal):
    record_id = apply(client, listing.id)
    url = f"/applications/{record_id}/dateOfBirth"
    response = client.post(
        url,
        data={
            **form_state(client.get(url)),
            "dateOfBirth-day": "1",
            "dateOfBirth-month": "1",
            "dateOfBirth-year": "2099",
        },
    )
    web = error_summary(page(response))
    api = portal()
    start = api(
        "PUT",
        "/profile/assessment",
        {
            "listingId": listing.id,
            "applicants": [
                {
                    "firstName": "Ada",
                    "lastName": "Lovelace",
                    "email": "ada@example.com",
                    "phone": "1",
                    "dateOfBirth": "2099-01-01",
                }
            ],
        },
    )
    assert start.status_code == 422
    assert (
        start.json["errors"]["applicants.0.dateOfBirth"]
        == web
        == ["Your date of birth must be in the past"]
    )


def test_a_returned_application_tells_the_applicant_why(client, make_user, submit_application):
    user = make_user(Role.APPLICANT)
    submitted = submit_application(user).json
    staff = make_user(Role.DATA_PROVIDER)
    original = service.for_record(submitted["id"])
    copy = service.unsubmit(original, staff, "Please add your partner as a joint applicant")
    sign_in(client, user)
    soup = page(client.get(f"/applications/{copy.record_id}/"))
    notice = soup.select_one("#record-notice").get_text(" ", strip=True)
    assert "Please add your partner as a joint applicant" in notice
    # The original is kept as it was, read-only.
    assert location(client.get(f"/applications/{original.record_id}/name")) == (
        f"/applications/{original.record_id}/view"
    )


def test_preferred_plots_must_be_the_listings(client, listing, portal):
    """The listing offers plot 7 only: another plot reads the same on the page and in the API."""
    record_id = apply(client, listing.id)
    url = f"/applications/{record_id}/preferredPlots"
    response = client.post(url, data={**form_state(client.get(url)), "preferredPlots": "7, 9"})
    message = "Plot 9 is not in this listing. Its plots are: 7"
    assert error_summary(page(response)) == [message]
    ok = client.post(url, data={**form_state(client.get(url)), "preferredPlots": "7"})
    assert ok.status_code == 302
    assert db.session.get(FormRecord, record_id).answers["preferredPlots"] == ["7"]
    applicant = {"firstName": "Ada", "lastName": "L", "email": "a@example.com", "phone": "1"}
    refused = portal()(
        "PUT",
        "/profile/assessment",
        {"listingId": listing.id, "applicants": [{**applicant, "preferredPlots": ["9", "7"]}]},
    )
    assert refused.status_code == 422
    assert refused.json["errors"]["applicants.0.preferredPlots"] == [message]


def test_save_and_come_back_later_keeps_a_saved_date_of_birth(client, make_user, listing):
    sign_in(client, make_user(Role.APPLICANT))
    base = f"/applications/{apply(client, listing.id)}"
    url = f"{base}/dateOfBirth"
    saved = {"dateOfBirth-day": "10", "dateOfBirth-month": "12", "dateOfBirth-year": "1990"}
    response = client.post(url, data={**form_state(client.get(url)), **saved})
    assert response.status_code == 302, error_summary(page(response))
    # The month changed to 13 and "Save and come back later" pressed: the page again with its
    # error, and the saved date untouched.
    response = client.post(
        url,
        data={
            **form_state(client.get(url)),
            **saved,
            "dateOfBirth-month": "13",
            "action": "later",
        },
    )
    assert response.status_code == 200
    soup = page(response)
    assert soup.title.get_text().startswith("Error: ")
    assert error_summary(soup) == ["Your date of birth must be a real date"]
    assert soup.select_one("#dateOfBirth-month")["value"] == "13"
    db.session.expire_all()
    assert db.session.get(FormRecord, _id(base)).answers["dateOfBirth"] == "1990-12-10"


def test_an_unanswered_question_reads_the_same_on_the_page_and_in_the_api(
    client, listing, portal, main_applicant
):
    """The required message is written once, on the question, for both."""
    record_id = apply(client, listing.id)
    url = f"/applications/{record_id}/homeAddress"
    response = client.post(
        url,
        data={
            **form_state(client.get(url)),
            "homeAddressLine1": "",
            "homeAddressLine2": "10 Thamesmead Road",
            "homePostcode": "SE2 6RT",
        },
    )
    web = error_summary(page(response))
    incomplete = {**main_applicant, "homeAddressLine1": None}
    sent = portal()(
        "POST", "/profile/assessment", {"listingId": listing.id, "applicants": [incomplete]}
    )
    assert sent.status_code == 422
    assert (
        sent.json["errors"]["applicants.0.homeAddressLine1"]
        == web
        == ["Enter the first line of your home address"]
    )


@pytest.mark.parametrize(
    "reason", ["Please add your partner as a joint applicant.", "Partner missing"]
)
def test_a_returned_reason_is_shown_as_written(client, make_user, submit_application, reason):
    """The reason stands in a paragraph of its own, as the provider wrote it: no full stop
    added after one it already has."""
    user = make_user(Role.APPLICANT)
    submitted = submit_application(user).json
    copy = service.unsubmit(
        service.for_record(submitted["id"]), make_user(Role.DATA_PROVIDER), reason
    )
    sign_in(client, user)
    notice = page(client.get(f"/applications/{copy.record_id}/")).select_one("#record-notice")
    paragraphs = [p.get_text(strip=True) for p in notice.select(".govuk-inset-text p")]
    assert paragraphs == [reason]
    assert ".." not in notice.get_text()


def test_the_read_only_application_says_once_that_it_cannot_be_changed(
    client, make_user, submit_application
):
    user = make_user(Role.APPLICANT)
    submitted = submit_application(user).json
    sign_in(client, user)
    base = f"/applications/{submitted['id']}"
    response = client.get(f"{base}/name", follow_redirects=True)
    text = page(response).select_one("main").get_text(" ", strip=True)
    assert text.count("can no longer be changed") == 1
    assert "Submitted on" in text


def test_previous_addresses_are_spelt_right(client, listing):
    record_id = apply(client, listing.id)
    base = f"/applications/{record_id}"
    summary = page(client.get(f"{base}/previousAddresses")).select_one("main").get_text(" ")
    assert "You have not added any previous addresses." in summary
    check = page(client.get(f"{base}/check-answers")).select_one("main").get_text(" ")
    assert "No previous addresses added." in check
    assert "addresss" not in summary + check
