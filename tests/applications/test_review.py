"""Housing provider staff and the applications sent to them, through the pages: the list
(search, status and organisation filters, pagination), the read-only view, returning an
application to the applicant (un-submit) and the CSV. Applications are made through the portal
API, as applicants make them."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest
from sqlalchemy import select

from app.accounts.roles import Role
from app.applications import review, service
from app.applications.models import Application
from app.extensions import db
from app.formkit import outputs
from app.formkit.models import FormRecord
from app.journeys.shared_ownership_application import SHARED_OWNERSHIP_APPLICATION as JOURNEY
from tests.applications.conftest import GREENWICH
from tests.helpers import csrf_token_from, error_summary, page, sign_in

RETURNED = "Please add your partner as a joint applicant"


@pytest.fixture
def staff(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    return user


@pytest.fixture
def send(portal, listing, main_applicant):
    """Submit a whole application through the portal API, as an applicant; its JSON. The
    main applicant's fields can be changed, and joint applicants added."""

    def build(to=None, applicant=None, joint=(), **changes):
        api = applicant or portal()
        applicants = [{**main_applicant, **changes}, *joint]
        response = api(
            "POST",
            "/profile/assessment",
            {"listingId": (to or listing).id, "applicants": applicants},
        )
        assert response.status_code == 201, response.json
        return response.json

    return build


@pytest.fixture
def other_listing(make_development, make_property, make_listing, other_organisation):
    development = make_development(org=other_organisation, name="Elsewhere")
    return make_listing(development, make_property(development), title="Elsewhere flat")


def references(client, query: str = "") -> list[str]:
    soup = page(client.get(f"/manage-applications/?{query}"))
    return [row.select_one("td a").get_text(strip=True) for row in rows(soup)]


def rows(soup):
    return soup.select("#applications tbody tr")


def cells(row) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in row.select("td")]


def return_application(client, record_id: int, reason: str, **kwargs):
    url = f"/manage-applications/{record_id}/return"
    token = csrf_token_from(client.get(url))
    return client.post(url, data={"csrf_token": token, "reason": reason}, **kwargs)


def link(soup, text: str):
    """The first link in the page's main content whose text includes `text`, or None."""
    return next((a for a in soup.select("main a") if text in a.get_text()), None)


def banner(soup) -> str:
    return " | ".join(
        found.get_text(" ", strip=True) for found in soup.select(".govuk-notification-banner")
    )


# -- who may see the pages -------------------------------------------------------------------


def test_signed_out_users_are_sent_to_sign_in_and_applicants_are_refused(client, make_user, send):
    sent = send()
    urls = [
        "/manage-applications/",
        f"/manage-applications/{sent['id']}",
        f"/manage-applications/{sent['id']}/return",
        "/manage-applications/download.csv",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in?next=")
    sign_in(client, make_user(Role.APPLICANT))
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post(urls[2], data={"reason": "No"}).status_code in (400, 403)
    assert db.session.get(FormRecord, sent["id"]).status == "submitted"


def test_another_organisations_application_a_draft_and_a_missing_one_are_not_found(
    client, staff, send, portal, listing, other_listing, main_applicant
):
    ours = send()
    theirs = send(to=other_listing)
    started = {key: main_applicant[key] for key in ("firstName", "lastName", "email", "phone")}
    draft = portal()(
        "PUT", "/profile/assessment", {"listingId": listing.id, "applicants": [started]}
    ).json
    assert draft["status"] == "draft"
    token = csrf_token_from(client.get(f"/manage-applications/{ours['id']}/return"))
    for record_id in (theirs["id"], draft["id"], 999_999):
        assert client.get(f"/manage-applications/{record_id}").status_code == 404
        assert client.get(f"/manage-applications/{record_id}/return").status_code == 404
        response = client.post(
            f"/manage-applications/{record_id}/return",
            data={"csrf_token": token, "reason": RETURNED},
        )
        assert response.status_code == 404
    assert db.session.get(FormRecord, theirs["id"]).status == "submitted"
    assert service.returned_copy(theirs["id"]) is None


# -- the list ----------------------------------------------------------------------------------


def test_the_list_shows_the_organisations_sent_applications_newest_first(
    client, staff, send, portal, listing, other_listing, main_applicant
):
    first = send(firstName="Grace", lastName="Hopper", email="grace@example.com")
    second = send()
    send(to=other_listing, firstName="Someone", lastName="Else")
    portal()(
        "PUT",
        "/profile/assessment",
        {"listingId": listing.id, "applicants": [{**main_applicant, "firstName": "Drafty"}]},
    )
    service.unsubmit(service.for_record(first["id"]), staff, RETURNED)

    soup = page(client.get("/manage-applications/"))

    assert soup.title.get_text(strip=True).startswith("Shared ownership applications – ")
    assert soup.select_one("#applications caption").get_text(strip=True) == "2 applications"
    found = [cells(row) for row in rows(soup)]
    submitted_on = db.session.get(FormRecord, second["id"]).submitted_at
    assert found == [
        [
            second["application"]["reference"],
            "Ada Lovelace",
            "Riverside flat",
            f"{submitted_on.day} {submitted_on:%B %Y}",
            "Submitted",
        ],
        [
            first["application"]["reference"],
            "Grace Hopper",
            "Riverside flat",
            f"{submitted_on.day} {submitted_on:%B %Y}",
            "Returned",
        ],
    ]
    href = rows(soup)[0].select_one("td a")["href"]
    assert href == f"/manage-applications/{second['id']}"


def test_search_by_reference_name_or_email_and_filter_by_status(client, staff, send):
    ada = send()
    grace = send(firstName="Grace", lastName="Hopper", email="Grace.Hopper@Example.com")
    alan = send(firstName="Alan", lastName="Turing", email="alan@bletchley.example")
    service.unsubmit(service.for_record(alan["id"]), staff, RETURNED)
    ref = {sent["id"]: sent["application"]["reference"] for sent in (ada, grace, alan)}

    assert references(client, "search=grace+hopper") == [ref[grace["id"]]]
    assert references(client, "search=  GRACE   HOPPER ") == [ref[grace["id"]]]
    assert references(client, "search=lovelace") == [ref[ada["id"]]]
    assert references(client, "search=bletchley") == [ref[alan["id"]]]
    assert references(client, "search=grace.hopper@example") == [ref[grace["id"]]]
    assert references(client, f"search={ref[ada['id']].lower()}") == [ref[ada["id"]]]
    assert references(client, "search=100%25") == []  # a literal %, not a wildcard
    assert references(client, "status=unsubmitted") == [ref[alan["id"]]]
    assert references(client, "status=submitted") == [ref[grace["id"]], ref[ada["id"]]]
    assert references(client, "status=draft") == [ref[alan["id"]], ref[grace["id"]], ref[ada["id"]]]
    assert references(client, "status=submitted&search=turing") == []
    # The form shows what was asked for.
    soup = page(client.get("/manage-applications/?search=hopper&status=unsubmitted"))
    assert soup.select_one("#search")["value"] == "hopper"
    assert soup.select_one("#status option[selected]")["value"] == "unsubmitted"
    assert soup.select_one("#organisation") is None  # support users only
    download = link(soup, "Download (CSV)")
    assert download["href"] == (
        "/manage-applications/download.csv?search=hopper&status=unsubmitted"
    )


def test_search_finds_an_application_by_its_reference_however_it_is_typed(client, staff, send):
    """The reference on the applicant's confirmation page, read out over the phone or copied
    with its dashes, finds the application."""
    sent = send()
    send(firstName="Grace", lastName="Hopper", email="grace@example.com")
    reference = sent["application"]["reference"]  # SO-ABCD-EFGH
    prefix, first, second = reference.split("-")
    for typed in (
        reference,
        reference.lower(),
        f"{prefix} {first} {second}",
        f"{first}{second}".lower(),
        f" {first}-{second} ",
        f"{prefix}{first}",
    ):
        assert references(client, f"search={quote(typed)}") == [reference], typed
    # The list and the application's page show it.
    soup = page(client.get(f"/manage-applications/?search={quote(reference)}"))
    assert cells(rows(soup)[0])[0] == reference
    shown = page(client.get(f"/manage-applications/{sent['id']}"))
    assert reference in shown.h1.get_text()


def test_the_list_is_paginated(client, staff, send, monkeypatch):
    monkeypatch.setattr(review, "PAGE_SIZE", 2)
    sent = [send(lastName=f"Applicant {number}") for number in range(5)]
    newest_first = [item["application"]["reference"] for item in reversed(sent)]

    first = page(client.get("/manage-applications/?search=applicant"))
    assert [row.select_one("a").get_text() for row in rows(first)] == newest_first[:2]
    assert first.select_one("#applications caption").get_text(strip=True) == "5 applications"
    next_href = first.select_one(".govuk-pagination__next a")["href"]
    assert next_href == "/manage-applications/?search=applicant&page=2"
    assert first.select_one(".govuk-pagination__prev") is None
    assert references(client, "search=applicant&page=2") == newest_first[2:4]
    assert references(client, "search=applicant&page=3") == newest_first[4:]
    assert references(client, "page=99") == newest_first[4:]  # clamped to the last page
    assert references(client, "page=x") == newest_first[:2]


def test_support_sees_every_organisation_and_can_filter_by_one(
    client, make_user, send, listing, other_listing, organisation, other_organisation
):
    ours = send()["application"]["reference"]
    theirs = send(to=other_listing)["application"]["reference"]
    sign_in(client, make_user(Role.SUPPORT))

    assert sorted(references(client)) == sorted([ours, theirs])
    assert references(client, f"organisation={other_organisation.id}") == [theirs]
    assert references(client, f"organisation={organisation.id}") == [ours]
    assert references(client, "organisation=99999999999999999999") == []
    soup = page(client.get(f"/manage-applications/?organisation={organisation.id}"))
    options = [option.get_text(strip=True) for option in soup.select("#organisation option")]
    assert options == ["All organisations", other_organisation.name, organisation.name]
    assert soup.select_one("#organisation option[selected]")["value"] == str(organisation.id)
    details = page(client.get(f"/manage-applications/{send(to=other_listing)['id']}"))
    assert other_organisation.name in details.select_one("#application-details").get_text()


def test_a_data_provider_cannot_filter_to_another_organisation(
    client, staff, send, other_listing, other_organisation
):
    send(to=other_listing)
    assert references(client, f"organisation={other_organisation.id}") == []


# -- one application ---------------------------------------------------------------------------


def test_the_read_only_view_shows_the_whole_application(client, staff, send, joint_applicant):
    sent = send(joint=[joint_applicant])
    reference = sent["application"]["reference"]

    soup = page(client.get(f"/manage-applications/{sent['id']}"))

    assert soup.title.get_text(strip=True).startswith(f"Application {reference} – ")
    assert soup.h1.get_text(strip=True) == f"Application {reference}"
    details = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
        for row in soup.select("#application-details .govuk-summary-list__row")
    }
    assert details["Reference"] == reference
    assert details["Applicant"] == "Ada Lovelace"
    assert details["Listing"] == "Riverside flat, Riverside"
    assert details["Property"] == "Plot 7"
    assert details["Status"] == "Submitted"
    assert "Housing provider" not in details  # their own, for organisation staff
    sections = [h2.get_text(strip=True) for h2 in soup.select("main h2.govuk-heading-m")]
    assert sections[:3] == ["About you", "Joint applicants", "Where you live now"]
    assert "William King" in [h3.get_text(strip=True) for h3 in soup.select("main h3")]
    answers = soup.select_one("main").get_text(" ", strip=True)
    assert "Analytical Engines Ltd" in answers and "william@example.com" in answers
    # Read-only: no Change links and no form.
    assert not soup.select(".govuk-summary-list__actions")
    assert not [a for a in soup.select("main a") if "Change" in a.get_text()]
    assert soup.select_one("main form") is None
    button = link(soup, "Return to applicant")
    assert button["href"] == f"/manage-applications/{sent['id']}/return"


# A joint applicant's earlier home, for their previous addresses.
OLD_HOME = {
    "addressLine1": "3 Old Road",
    "addressLine2": "Woolwich",
    "postcode": "SE18 6HQ",
    "localAuthorityId": GREENWICH.id,
    "dateMovedIn": "2015-03-01",
}


def test_the_read_only_view_shows_each_joint_applicants_previous_addresses(
    client, staff, send, joint_applicant
):
    sent = send(joint=[{**joint_applicant, "previousAddresses": [OLD_HOME]}])

    soup = page(client.get(f"/manage-applications/{sent['id']}"))

    [inner] = soup.select(".formkit-inner-group")
    assert inner.find_previous("h3").get_text(strip=True) == "William King"
    assert inner.select_one("h4").get_text(strip=True) == "Their previous addresses"
    card = inner.select_one(".govuk-summary-card__title").get_text(strip=True)
    assert card == "3 Old Road, SE18 6HQ"
    assert "1 March 2015" in inner.get_text(" ", strip=True)
    assert not inner.select("a")  # read-only


def test_an_application_sent_without_an_account_cannot_be_returned_online(
    client, staff, listing, main_applicant
):
    response = client.post(
        "/api/rest/portal/assessment",
        json={"listingId": listing.id, "applicants": [main_applicant]},
    )
    assert response.status_code == 201
    record_id = response.json["id"]

    soup = page(client.get(f"/manage-applications/{record_id}"))

    assert "cannot be returned online" in soup.select_one(".govuk-inset-text").get_text()
    assert link(soup, "Return to applicant") is None
    response = client.get(f"/manage-applications/{record_id}/return", follow_redirects=True)
    assert "cannot be returned online" in banner(page(response))
    assert db.session.get(FormRecord, record_id).status == "submitted"


# -- un-submit ---------------------------------------------------------------------------------


def test_the_reason_is_required_and_limited(client, staff, send):
    sent = send()
    url = f"/manage-applications/{sent['id']}/return"
    form_page = page(client.get(url))
    label = form_page.select_one("label[for=reason]")
    assert label.get_text(strip=True) == "Why are you returning this application?"
    assert label.find_parent("h1") is not None
    assert form_page.select_one("textarea#reason") is not None

    empty = return_application(client, sent["id"], "   ")
    soup = page(empty)
    assert empty.status_code == 200
    assert soup.title.get_text().startswith("Error: Why are you returning this application?")
    assert error_summary(soup) == ["Enter why you are returning this application"]
    assert soup.select_one(".govuk-error-summary a")["href"] == "#reason"

    long = page(return_application(client, sent["id"], "x" * 1001))
    assert error_summary(long) == ["Why you are returning it must be 1,000 characters or fewer"]
    assert long.select_one("textarea#reason").get_text() == "x" * 1001  # kept to correct

    no_token = client.post(url, data={"reason": RETURNED})
    assert no_token.status_code == 400
    assert db.session.get(FormRecord, sent["id"]).status == "submitted"
    assert service.returned_copy(sent["id"]) is None


def test_returning_an_application_sends_a_draft_copy_to_the_applicant(client, staff, send, portal):
    applicant = portal()
    sent = send(applicant=applicant)
    reference = sent["application"]["reference"]

    response = return_application(client, sent["id"], f"  {RETURNED}  ")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/manage-applications/{sent['id']}"
    soup = page(client.get(response.headers["Location"]))
    assert banner(soup) == f"Success Application {reference} returned to the applicant"

    # In the database: the original is unsubmitted, kept as it was; the copy is a new draft.
    original = service.for_record(sent["id"])
    assert original.record.status == "unsubmitted"
    assert original.record.reference == reference
    assert original.unsubmit_reason == RETURNED
    assert original.unsubmitted_by_id == staff.id
    copy = service.returned_copy(sent["id"])
    assert copy.record_id != sent["id"]
    assert copy.copied_from_id == sent["id"]
    assert copy.unsubmit_reason == RETURNED
    assert copy.record.owner_id == applicant.user.id
    assert copy.record.status not in ("submitted", "unsubmitted")
    assert copy.record.answers == original.record.answers

    # Through the applicant's API: the original unsubmitted, the copy a draft saying why.
    listed = {item["id"]: item for item in applicant("GET", "/profile/assessments").json["data"]}
    assert listed[sent["id"]]["status"] == "unsubmitted"
    assert listed[copy.record_id]["status"] == "draft"
    assert listed[copy.record_id]["application"]["unsubmitReason"] == RETURNED
    assert listed[copy.record_id]["application"]["copiedFromId"] == sent["id"]

    # The original's page says who sent it back, when and why, and names the new draft.
    returned = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
        for row in soup.select("#returned .govuk-summary-list__row")
    }
    returned_on = original.unsubmitted_at
    assert returned["Returned by"] == staff.name
    assert returned["Returned on"] == f"{returned_on.day} {returned_on:%B %Y}"
    assert returned["Reason"] == RETURNED
    assert returned["New draft"].startswith(copy.record.reference)
    assert "not submitted it again" in returned["New draft"]
    details = soup.select_one("#application-details").get_text(" ", strip=True)
    assert "Returned" in details and "Unsubmitted" not in details
    assert link(soup, "Return to applicant") is None
    # Staff never see drafts, the copy included.
    assert client.get(f"/manage-applications/{copy.record_id}").status_code == 404

    # Submitted again, the copy is on the list and the two link to each other.
    again = applicant("POST", "/profile/assessment", {"id": copy.record_id})
    assert again.status_code == 200, again.json
    soup = page(client.get(f"/manage-applications/{sent['id']}"))
    to_copy = soup.select_one("#returned a")
    assert (to_copy.get_text(strip=True), to_copy["href"]) == (
        copy.record.reference,
        f"/manage-applications/{copy.record_id}",
    )
    copy_page = page(client.get(f"/manage-applications/{copy.record_id}"))
    replaces = copy_page.select_one("#application-details a")
    assert (replaces.get_text(strip=True), replaces["href"]) == (
        reference,
        f"/manage-applications/{sent['id']}",
    )


def test_an_application_cannot_be_returned_twice(client, staff, send, make_user, monkeypatch):
    sent = send()
    url = f"/manage-applications/{sent['id']}/return"
    token = csrf_token_from(client.get(url))
    assert return_application(client, sent["id"], RETURNED).status_code == 302

    # A second try, from the form opened before the first: refused, with a message.
    response = client.post(url, data={"csrf_token": token, "reason": "Again"})
    assert response.headers["Location"] == f"/manage-applications/{sent['id']}"
    assert "already been returned" in banner(page(client.get(response.headers["Location"])))
    assert "already been returned" in banner(page(client.get(url, follow_redirects=True)))
    copies = db.session.scalars(
        select(Application).where(Application.copied_from_id == sent["id"])
    ).all()
    assert len(copies) == 1
    assert service.for_record(sent["id"]).unsubmit_reason == RETURNED

    # Two providers at once: the service refuses the second; the page says so, no 500.
    second = send()

    def beaten(application, actor, reason):
        raise service.AlreadyUnsubmitted

    monkeypatch.setattr(service, "unsubmit", beaten)
    response = return_application(client, second["id"], RETURNED, follow_redirects=True)
    assert response.status_code == 200
    assert "already been returned" in banner(page(response))


# -- CSV ---------------------------------------------------------------------------------------


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_download_csv_of_the_filtered_applications(
    client, staff, send, listing, other_listing, joint_applicant
):
    ada = send(joint=[joint_applicant])
    grace = send(firstName="Grace", lastName="Hopper", email="grace@example.com")
    send(to=other_listing)
    service.unsubmit(service.for_record(grace["id"]), staff, RETURNED)

    response = client.get("/manage-applications/download.csv")
    header = next(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert header[:5] == ["id", "reference", "status", "listingId", "submittedAt"]
    assert header[5:] == outputs.csv_columns(JOURNEY)
    assert {"firstName", "jointApplicants_1_firstName", "jointApplicants_3_email"} <= set(header)
    every = read_csv(response)
    assert [row["id"] for row in every] == [str(grace["id"]), str(ada["id"])]  # newest first

    [row] = read_csv(client.get("/manage-applications/download.csv?search=lovelace"))
    record = db.session.get(FormRecord, ada["id"])
    assert row["id"] == str(ada["id"])
    assert row["reference"] == ada["application"]["reference"]
    assert row["status"] == "submitted"
    assert row["listingId"] == str(listing.id)
    assert (
        row["submittedAt"] == record.submitted_at.isoformat() == ada["application"]["submittedAt"]
    )
    assert (row["firstName"], row["lastName"], row["email"]) == (
        "Ada",
        "Lovelace",
        "ada@example.com",
    )
    assert row["employerName"] == "Analytical Engines Ltd"
    assert row["failedLoanOrCreditAgreement"] == "false"
    assert row["jointApplicants_1_firstName"] == "William"
    assert row["jointApplicants_1_addressSameAsMainApplicant"] == "true"
    assert row["jointApplicants_2_firstName"] == ""
    assert len(row) == len(header)

    [row] = read_csv(client.get("/manage-applications/download.csv?status=unsubmitted"))
    assert (row["id"], row["status"]) == (str(grace["id"]), "unsubmitted")
    assert read_csv(client.get("/manage-applications/download.csv?search=nobody")) == []


def test_the_csv_flattens_each_joint_applicants_previous_addresses(
    client, staff, send, joint_applicant
):
    joint = {
        **joint_applicant,
        "previousAddresses": [OLD_HOME, {**OLD_HOME, "postcode": "SE1 1AA"}],
    }
    send(joint=[joint])

    response = client.get("/manage-applications/download.csv")
    header = next(csv.reader(io.StringIO(response.get_data(as_text=True))))
    [row] = read_csv(response)

    # After each joint applicant's own fields, up to ten previous addresses each.
    position = header.index
    assert position("jointApplicants_1_trustPilotConsent") < position(
        "jointApplicants_1_previousAddresses_1_addressLine1"
    )
    assert position("jointApplicants_1_previousAddresses_10_dateMovedIn") < position(
        "jointApplicants_2_relationshipToPrimary"
    )
    assert "jointApplicants_3_previousAddresses_10_postcode" in header
    assert row["jointApplicants_1_previousAddresses_1_postcode"] == "SE18 6HQ"
    assert row["jointApplicants_1_previousAddresses_2_postcode"] == "SE1 1AA"
    assert row["jointApplicants_1_previousAddresses_2_dateMovedIn"] == "2015-03-01"
    assert row["jointApplicants_1_previousAddresses_3_postcode"] == ""
    assert row["previousAddresses_1_postcode"] == ""  # the main applicant has none


def test_download_streams_in_batches(client, staff, send, monkeypatch):
    from app import csv_export

    monkeypatch.setattr(csv_export, "BATCH", 2)
    for number in range(3):
        send(lastName=f"Applicant {number}")
    response = client.get("/manage-applications/download.csv")
    assert "Content-Length" not in response.headers  # sent as it is made, not all at once
    assert len(read_csv(response)) == 3


def test_the_csv_neutralises_formulas_the_public_sends(client, staff, send):
    """A spreadsheet would run a cell beginning = + - @ (OWASP's CSV injection)."""
    send(firstName='=HYPERLINK("http://evil","x")', lastName="@SUM(A1)")
    [row] = read_csv(client.get("/manage-applications/download.csv"))
    assert row["firstName"] == '\'=HYPERLINK("http://evil","x")'
    assert row["lastName"] == "'@SUM(A1)"
    assert row["annualSalary"] == "32000.0"  # a number, as it was
