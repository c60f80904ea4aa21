"""Each joint applicant's previous addresses on the web: asked inside the joint applicant's
own questions with "Add another previous address", changed and removed there, and shown
under the joint applicant on check answers. (The portal API's side is in
test_portal_rules.py.)"""

from __future__ import annotations

import pytest

from app.extensions import db
from app.formkit import store
from app.formkit.models import FormRecord
from app.journeys.shared_ownership_application import SHARED_OWNERSHIP_APPLICATION as JOURNEY
from tests.applications.conftest import GREENWICH
from tests.applications.test_journey_web import apply, wanted  # noqa: F401 (a fixture)
from tests.formkit.conftest import post_page
from tests.helpers import error_summary, page

INNER = "jointApplicants/0/previousAddresses"
ADDRESS = {
    "addressLine1": "3 Old Road",
    "addressLine2": "Woolwich",
    "postcode": "SE18 6HQ",
}


@pytest.fixture
def base(client, listing, wanted):  # noqa: F811
    """A signed-out applicant's application, every section answered, with one joint
    applicant who has not been asked about previous addresses yet."""
    record_id = apply(client, listing.id)
    record = db.session.get(FormRecord, record_id)
    joint = {k: v for k, v in wanted["jointApplicants"][0].items() if k != "previousAddresses"}
    store.save_answers(JOURNEY, record, {**wanted, "jointApplicants": [joint]}, record.version)
    return f"/applications/{record_id}"


def stored(base: str) -> dict:
    db.session.expire_all()
    return db.session.get(FormRecord, int(base.rsplit("/", 1)[1])).answers


def add_address(client, base: str, index: int, address: dict, moved_in: str) -> None:
    year, month, day = moved_in.split("-")
    pages = [
        (f"{INNER}/{index}/address", address, f"{INNER}/{index}/localAuthorityId"),
        (
            f"{INNER}/{index}/localAuthorityId",
            {"localAuthorityId": str(GREENWICH.id)},
            f"{INNER}/{index}/dateMovedIn",
        ),
        (
            f"{INNER}/{index}/dateMovedIn",
            {"dateMovedIn-day": day, "dateMovedIn-month": month, "dateMovedIn-year": year},
            INNER,
        ),
    ]
    for key, data, expected_next in pages:
        response = post_page(client, f"{base}/{key}", data)
        assert response.status_code == 302, (key, error_summary(page(response)))
        assert response.headers["Location"] == f"{base}/{expected_next}", key


def test_a_joint_applicant_is_asked_for_their_previous_addresses(client, base):
    soup = page(client.get(f"{base}/{INNER}"))

    assert soup.select_one("h1").get_text(strip=True) == "Their previous addresses"
    assert soup.select_one(".govuk-caption-l").get_text(strip=True) == "William King"
    assert "You have not added any previous addresses." in soup.get_text()
    assert "Do you need to add another previous address?" in soup.get_text()
    # Until they answer, the joint applicants section is not complete.
    statuses = {
        a.get_text(strip=True): s.get_text(strip=True)
        for a, s in zip(
            page(client.get(f"{base}/")).select(".govuk-task-list__name-and-hint"),
            page(client.get(f"{base}/")).select(".govuk-task-list__status"),
            strict=True,
        )
    }
    assert statuses["Joint applicants"] == "In progress"

    response = post_page(client, f"{base}/{INNER}", {"add_another": "yes"})
    assert response.headers["Location"] == f"{base}/{INNER}/0/address"
    question = page(client.get(f"{base}/{INNER}/0/dateMovedIn"))
    assert question.select_one("h1").get_text(strip=True) == "When did they move in there?"


def test_add_change_and_remove_a_joint_applicants_previous_address(client, base):
    add_address(client, base, 0, ADDRESS, "2015-03-01")
    add_address(client, base, 1, {**ADDRESS, "addressLine1": "9 New Road"}, "2012-01-31")

    summary = page(client.get(f"{base}/{INNER}"))
    values = [v.get_text(strip=True) for v in summary.select(".govuk-summary-list__value")]
    assert values == ["3 Old Road, SE18 6HQ", "9 New Road, SE18 6HQ"]
    previous = stored(base)["jointApplicants"][0]["previousAddresses"]
    assert [(p["addressLine1"], p["dateMovedIn"]) for p in previous] == [
        ("3 Old Road", "2015-03-01"),
        ("9 New Road", "2012-01-31"),
    ]
    assert "previousAddresses" not in stored(base)  # the main applicant's are their own

    # Change: the item's page, at its path.
    changed = post_page(
        client, f"{base}/{INNER}/0/address", {**ADDRESS, "addressLine1": "4 Old Road"}
    )
    assert changed.status_code == 302
    assert stored(base)["jointApplicants"][0]["previousAddresses"][0]["addressLine1"] == (
        "4 Old Road"
    )

    # Remove: the item addressed by its path inside the joint applicant.
    removal = f"{base}/{INNER}/0/remove"
    soup = page(client.get(removal))
    assert soup.select_one(".govuk-caption-l").get_text(strip=True) == "4 Old Road, SE18 6HQ"
    removed = post_page(client, removal, {"confirm_remove": "yes"})
    assert removed.headers["Location"] == f"{base}/{INNER}"
    joint = stored(base)["jointApplicants"][0]
    assert [p["addressLine1"] for p in joint["previousAddresses"]] == ["9 New Road"]
    assert joint["firstName"] == "William"


def test_a_bad_previous_address_shows_its_error_on_the_page(client, base):
    response = post_page(
        client, f"{base}/{INNER}/0/address", {**ADDRESS, "postcode": "NOT A POSTCODE"}
    )

    assert response.status_code == 200
    assert error_summary(page(response)) == [
        "Enter a postcode in the correct format, for example AA1 1AA"
    ]
    assert "previousAddresses" not in stored(base)["jointApplicants"][0]


def test_check_answers_shows_previous_addresses_under_each_applicant(client, base):
    add_address(client, base, 0, ADDRESS, "2015-03-01")
    post_page(client, f"{base}/{INNER}", {"add_another": "no"})

    soup = page(client.get(f"{base}/check-answers"))

    inner = soup.select(".formkit-inner-group")
    assert len(inner) == 1
    assert inner[0].find_previous("h3").get_text(strip=True) == "William King"
    assert inner[0].select_one("h4").get_text(strip=True) == "Their previous addresses"
    cards = [c.get_text(strip=True) for c in inner[0].select(".govuk-summary-card__title")]
    assert cards == ["3 Old Road, SE18 6HQ"]
    rows = {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(strip=True)
        for row in inner[0].select(".govuk-summary-list__row")
    }
    assert rows["Date moved in"] == "1 March 2015"
    assert rows["Local authority"] == GREENWICH.name
    # The main applicant's own list is shown apart, in their section.
    assert "No previous addresses added." in soup.get_text()
    assert inner[0].select("p a")[-1]["href"] == f"{base}/{INNER}"
