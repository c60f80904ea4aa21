"""Staff and tenures, through the pages: search by name or postcode with pagination, a
tenure's page, and adding or removing a household member against the version the page was
opened at. Tenures are made, and changed behind a page's back, through the service."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

from app.accounts.roles import Role
from app.extensions import db
from app.outbox.models import OutboxEvent
from app.tenures import service
from app.tenures.models import Tenure
from app.tenures.web import CHANGED, PAGE_SIZE
from tests.formkit.conftest import stacked_with_reveal
from tests.helpers import csrf_token_from, error_summary, field_error, page, sign_in, sign_out

BASE = "/manage-tenures"


def person(name: str, born: str = "1990-05-17", responsible: bool = False, **extra) -> dict:
    """A household member as the person API takes one."""
    return {
        "type": "Person",
        "fullName": name,
        "isResponsible": responsible,
        "dateOfBirth": born,
        **extra,
    }


TENURE = {
    "paymentReference": "228001234",
    "tenureType": {"code": "SEC"},
    "startOfTenureDate": "2018-04-01",
    # The responsible person second, to see them shown first.
    "householdMembers": [
        person("Sam Kimakhe", "2010-06-01", id="child"),
        person("Mehdi Kimakhe", "1951-02-11", responsible=True, id="tenant"),
    ],
    "tenuredAsset": {"fullAddress": "Flat 3, 12 Mare Street, London", "postcode": "E8 1DY"},
    "charges": {"rent": 110.5, "serviceCharge": 12, "currentBalance": 0},
    "notices": [{"type": "Notice to quit", "servedDate": "2021-03-29"}],
    "legacyReferences": [{"name": "u_saff_tenancy", "value": "123456"}],
}
NEW_MEMBER = {
    "fullName": "Ann Other",
    "type": "Person",
    "dateOfBirth-day": "17",
    "dateOfBirth-month": "5",
    "dateOfBirth-year": "1990",
    "isResponsible": "no",
}


@pytest.fixture
def officer(client, make_user):
    """A signed-in data provider of the test organisation."""
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    return user


@pytest.fixture
def make_tenure(officer):
    """A tenure of the officer's organisation (or of `by`'s), with any fields changed."""

    def create(by=None, **changes):
        return service.create({**copy.deepcopy(TENURE), **changes}, by or officer)

    return create


@pytest.fixture
def tenure(make_tenure):
    return make_tenure()


@pytest.fixture
def colleague(make_user):
    """Another member of staff, who changes tenures behind the officer's back."""
    return make_user(Role.DATA_COORDINATOR)


def fresh(tenure) -> Tenure:
    """The tenure as stored now."""
    db.session.expire_all()
    return db.session.get(Tenure, tenure.id)


def members(tenure) -> list[str]:
    return [member["fullName"] for member in fresh(tenure).data["householdMembers"]]


def listed(client, query: str = "") -> list[str]:
    soup = page(client.get(f"{BASE}/?{query}"))
    return [a.get_text(strip=True) for a in soup.select("#tenures tbody tr td:first-child a")]


def opened(client, url: str) -> tuple[str, str]:
    """Open a form page: its CSRF token and the version it carries."""
    response = client.get(url)
    assert response.status_code == 200
    return csrf_token_from(response), page(response).select_one("input[name=_version]")["value"]


def add_url(tenure) -> str:
    return f"{BASE}/{tenure.id}/household-members/new"


def remove_url(tenure, person_id: str) -> str:
    return f"{BASE}/{tenure.id}/household-members/{person_id}/remove"


def banner(soup) -> str:
    found = soup.select_one(".govuk-notification-banner")
    return found.get_text(" ", strip=True) if found else ""


def adds_someone(user, tenure) -> None:
    """A change made by another member of staff after the page was opened."""
    current = fresh(tenure)
    service.save_person(current, "elsewhere", person("Zed Elsewhere"), current.version, user)


# -- search ------------------------------------------------------------------------------------


def address(number: int) -> dict:
    return {"fullAddress": f"{number} Test Street, London", "postcode": "E8 1DY"}


def test_search_by_name_finds_any_member_by_the_start_of_their_names(client, make_tenure):
    make_tenure(tenuredAsset=address(1))
    make_tenure(tenuredAsset=address(2), householdMembers=[person("Mrs Zoë O'Brien")])
    assert listed(client, "lastname=kimak") == ["1 Test Street, London"]
    assert listed(client, "firstname=sam&lastname=kimakhe") == ["1 Test Street, London"]
    assert listed(client, "firstname=zoe") == ["2 Test Street, London"]
    assert listed(client, "lastname=o%27b") == ["2 Test Street, London"]
    soup = page(client.get(f"{BASE}/?firstname=nobody"))
    assert "No tenures match your search" in soup.select_one("main").get_text()
    assert soup.select_one("#firstname")["value"] == "nobody"


def test_search_by_full_postcode_or_its_outward_code(client, make_tenure):
    make_tenure(tenuredAsset={"fullAddress": "1 Mare Street", "postcode": "E8 1DY"})
    make_tenure(tenuredAsset={"fullAddress": "2 Dalston Lane", "postcode": "E8 3AZ"})
    make_tenure(tenuredAsset={"fullAddress": "3 Upper Street", "postcode": "N1 0NY"})
    assert listed(client, "postcode=e81dy") == ["1 Mare Street"]
    assert sorted(listed(client, "postcode=E8")) == ["1 Mare Street", "2 Dalston Lane"]
    assert listed(client, "postcode=E8&lastname=kimakhe&firstname=m") != []
    assert listed(client, "postcode=SW1A 1AA") == []


def test_the_list_is_paged_newest_first(client, make_tenure):
    for day in range(1, PAGE_SIZE + 4):
        make_tenure(tenuredAsset=address(day), startOfTenureDate=f"2020-01-{day:02d}")
    first = page(client.get(f"{BASE}/"))
    assert "23 tenures" in first.select_one("#tenures caption").get_text()
    names = [a.get_text(strip=True) for a in first.select("#tenures tbody tr td:first-child a")]
    assert names[:2] == ["23 Test Street, London", "22 Test Street, London"]
    assert len(names) == PAGE_SIZE
    assert first.select_one(".govuk-pagination__next a")["href"].endswith("page=2")
    assert listed(client, "page=2") == [f"{n} Test Street, London" for n in (3, 2, 1)]
    # Beyond the end (or nonsense): the last page, or the first, never an error.
    assert listed(client, "page=99999999999999999999") == listed(client, "page=2")
    assert listed(client, "page=" + "9" * 5000) == listed(client, "page=2")
    assert listed(client, "page=²") == names
    assert listed(client, "page=abc") == names


def test_search_keeps_its_criteria_across_pages(client, make_tenure):
    for day in range(1, PAGE_SIZE + 2):
        make_tenure(tenuredAsset=address(day), startOfTenureDate=f"2020-01-{day:02d}")
    soup = page(client.get(f"{BASE}/?lastname=kim&postcode=E8"))
    href = soup.select_one(".govuk-pagination__next a")["href"]
    assert "lastname=kim" in href and "postcode=E8" in href and "page=2" in href


NOT_A_POSTCODE = "must be a full postcode, such as E8 1DY, or an outward code, such as E8"
NOT_ONE_NAME = "must be one name of 100 characters or fewer"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("postcode=not+a+postcode", "postcode", f"Postcode {NOT_A_POSTCODE}"),
        ("firstname=ann+marie", "firstname", f"First name {NOT_ONE_NAME}"),
        ("lastname=" + "x" * 101, "lastname", f"Last name {NOT_ONE_NAME}"),
    ],
)
def test_a_bad_search_is_a_message_on_the_page(client, officer, query, field, message):
    response = client.get(f"{BASE}/?{query}")
    assert response.status_code == 200
    soup = page(response)
    assert soup.title.get_text().startswith("Error: Tenures")
    assert error_summary(soup) == [message]
    assert soup.select_one(".govuk-error-summary a")["href"] == f"#{field}"
    assert field_error(soup, field) == message
    assert soup.select_one("#tenures") is None


# -- the tenure page ---------------------------------------------------------------------------


def summary(soup, list_id: str) -> dict[str, str]:
    rows = soup.select(f"#{list_id} .govuk-summary-list__row")
    return {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
        for row in rows
    }


def household(soup) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in soup.select("#household tbody tr")
    ]


def test_the_tenure_page_shows_the_whole_tenure(client, tenure):
    response = client.get(f"{BASE}/{tenure.id}")
    assert response.status_code == 200
    soup = page(response)
    assert soup.select_one("h1").get_text(strip=True) == "Flat 3, 12 Mare Street, London"
    details = summary(soup, "tenure-details")
    assert details["Tenure type"] == "Secure (SEC)"
    assert details["Status"] == "Current"
    assert details["Start date"] == "1 April 2018"
    assert details["End date"] == "No end date"
    assert details["Payment reference"] == "228001234"
    # The responsible person first, though added second.
    assert household(soup) == [
        ["Mehdi Kimakhe Responsible", "Tenant", "11 February 1951", "Remove Mehdi Kimakhe"],
        ["Sam Kimakhe", "Household member", "1 June 2010", "Remove Sam Kimakhe"],
    ]
    assert summary(soup, "asset")["Address"] == "Flat 3, 12 Mare Street, London"
    assert summary(soup, "asset")["Postcode"] == "E8 1DY"
    charges = summary(soup, "charges")
    assert (charges["Rent"], charges["Service charge"]) == ("£110.50", "£12.00")
    assert charges["Current balance"] == "£0.00"
    assert soup.select_one("#arrears") is None
    notice = [td.get_text(strip=True) for td in soup.select("#notices tbody tr > *")]
    assert notice[:2] == ["Notice to quit", "29 March 2021"]
    assert summary(soup, "legacy-references") == {"u_saff_tenancy": "123456"}
    add = soup.find("a", string=lambda s: s and "Add a household member" in s)
    assert add["href"] == add_url(tenure)


def test_arrears_are_a_warning(client, make_tenure):
    owing = make_tenure(charges={"rent": 100, "currentBalance": 250.75})
    soup = page(client.get(f"{BASE}/{owing.id}"))
    warning = soup.select_one("#arrears.govuk-warning-text").get_text(" ", strip=True)
    assert "in arrears" in warning and "£250.75" in warning
    assert summary(soup, "charges")["Current balance"] == "£250.75 in arrears"

    in_credit = make_tenure(charges={"currentBalance": -20})
    soup = page(client.get(f"{BASE}/{in_credit.id}"))
    assert soup.select_one("#arrears") is None
    assert summary(soup, "charges")["Current balance"] == "£20.00 in credit"


def test_a_former_terminated_tenure(client, make_tenure):
    ended = make_tenure(
        endOfTenureDate="2023-11-30",
        terminated={"isTerminated": True, "reasonForTermination": "Death of the tenant"},
    )
    soup = page(client.get(f"{BASE}/{ended.id}"))
    details = summary(soup, "tenure-details")
    assert details["Status"] == "Former Terminated"
    assert details["End date"] == "30 November 2023"
    assert details["Reason for termination"] == "Death of the tenant"
    tags = [tag.get_text(strip=True) for tag in soup.select("#tenure-details .govuk-tag")]
    assert tags == ["Former", "Terminated"]
    row = page(client.get(f"{BASE}/")).select_one("#tenures tbody tr")
    assert row.select("td")[-1].get_text(" ", strip=True) == "Former Terminated"


def test_a_tenure_ending_today_is_still_current(client, make_tenure):
    from app.clock import uk_today

    today = make_tenure(endOfTenureDate=uk_today().isoformat())
    soup = page(client.get(f"{BASE}/{today.id}"))
    assert summary(soup, "tenure-details")["Status"] == "Current"


# -- adding a household member -----------------------------------------------------------------


def test_adding_a_household_member(client, tenure):
    token, version = opened(client, add_url(tenure))
    assert version == str(tenure.version)
    response = client.post(
        add_url(tenure), data={"csrf_token": token, "_version": version, **NEW_MEMBER}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"{BASE}/{tenure.id}"
    soup = page(client.get(response.headers["Location"]))
    assert "Ann Other has been added to this tenure" in banner(soup)
    assert ["Ann Other", "Household member", "17 May 1990", "Remove Ann Other"] in household(soup)
    added = next(m for m in fresh(tenure).data["householdMembers"] if m["fullName"] == "Ann Other")
    assert added == {
        "id": added["id"],
        "type": "Person",
        "fullName": "Ann Other",
        "isResponsible": False,
        "dateOfBirth": "1990-05-17",
        "personTenureType": "HouseholdMember",
    }
    assert fresh(tenure).version == int(version) + 1
    events = db.session.scalars(
        select(OutboxEvent.event_type).where(OutboxEvent.entity_id == tenure.id)
    )
    assert service.PERSON_ADDED in list(events)


def test_the_date_of_birth_is_revealed_under_a_person_in_stacked_radios(client, tenure):
    soup = page(client.get(add_url(tenure)))
    kind, responsible = soup.select(".govuk-radios")
    items = stacked_with_reveal(kind)
    assert items[1].select_one("#dateOfBirth-day") is not None
    # A yes/no question with nothing to reveal stays side by side.
    assert "govuk-radios--inline" in responsible["class"]


def test_an_organisation_needs_no_date_of_birth(client, tenure):
    token, version = opened(client, add_url(tenure))
    form = {"fullName": "Hackney Lettings Ltd", "type": "Organisation", "isResponsible": "no"}
    response = client.post(add_url(tenure), data={"csrf_token": token, "_version": version, **form})
    assert response.status_code == 302
    assert "Hackney Lettings Ltd" in members(tenure)


# The same bad value, typed on the page and sent to the person API.
BAD_VALUES = [
    pytest.param(
        {"dateOfBirth-day": "1", "dateOfBirth-month": "1", "dateOfBirth-year": "2090"},
        {"dateOfBirth": "2090-01-01"},
        "dateOfBirth",
        id="born in the future",
    ),
    pytest.param(
        {"dateOfBirth-day": "31", "dateOfBirth-month": "2", "dateOfBirth-year": "1990"},
        {"dateOfBirth": "1990-02-31"},
        "dateOfBirth",
        id="not a real date",
    ),
    pytest.param({"fullName": "x" * 201}, {"fullName": "x" * 201}, "fullName", id="long name"),
    pytest.param({"type": "Alien"}, {"type": "Alien"}, "type", id="not an option"),
    pytest.param({"isResponsible": ""}, {"isResponsible": None}, "isResponsible", id="missing"),
]


@pytest.mark.parametrize(("typed", "sent", "field"), BAD_VALUES)
def test_a_bad_value_gets_the_apis_message(client, as_user, tenure, typed, sent, field):
    token, version = opened(client, add_url(tenure))
    response = client.post(
        add_url(tenure),
        data={"csrf_token": token, "_version": version, **NEW_MEMBER, **typed},
    )
    assert response.status_code == 200
    soup = page(response)
    shown = field_error(soup, field)
    assert shown is not None
    assert error_summary(soup) == [shown]
    assert soup.title.get_text().startswith("Error: Add a household member")

    api = as_user(Role.DATA_PROVIDER)
    answer = api(
        "PATCH",
        f"/tenures/{tenure.id}/person/new-person",
        {**person("Ann Other"), **sent},
        headers={"If-Match": f'"{fresh(tenure).version}"'},
    )
    assert answer.status_code == 422
    assert answer.json["errors"][field] == [shown]
    assert members(tenure) == ["Sam Kimakhe", "Mehdi Kimakhe"]


def test_what_was_typed_stays_after_an_error(client, tenure):
    token, version = opened(client, add_url(tenure))
    typed = {**NEW_MEMBER, "dateOfBirth-year": "2090"}
    soup = page(
        client.post(add_url(tenure), data={"csrf_token": token, "_version": version, **typed})
    )
    assert soup.select_one("#fullName")["value"] == "Ann Other"
    assert soup.select_one("#dateOfBirth-year")["value"] == "2090"
    assert soup.select_one("input[name=type][value=Person]").has_attr("checked")


def test_adding_to_a_tenure_changed_since_the_page_opened(client, tenure, colleague):
    token, version = opened(client, add_url(tenure))
    adds_someone(colleague, tenure)
    response = client.post(
        add_url(tenure), data={"csrf_token": token, "_version": version, **NEW_MEMBER}
    )
    assert response.status_code == 409
    soup = page(response)
    assert error_summary(soup) == [CHANGED]
    assert soup.title.get_text().startswith("Error: ")
    # Nothing typed is lost, and the household as it is now is there to check.
    assert soup.select_one("#fullName")["value"] == "Ann Other"
    assert soup.select_one("#dateOfBirth-day")["value"] == "17"
    assert soup.select_one("input[name=isResponsible][value=no]").has_attr("checked")
    assert "Zed Elsewhere" in soup.select_one("#household").get_text()
    assert "Ann Other" not in members(tenure)

    # Saving again is a decision made knowing the change.
    new_version = soup.select_one("input[name=_version]")["value"]
    assert new_version == str(fresh(tenure).version)
    again = client.post(
        add_url(tenure),
        data={"csrf_token": csrf_token_from(response), "_version": new_version, **NEW_MEMBER},
    )
    assert again.status_code == 302
    assert "Ann Other" in members(tenure)


def test_a_form_without_a_version_is_not_trusted(client, tenure):
    token, _ = opened(client, add_url(tenure))
    response = client.post(add_url(tenure), data={"csrf_token": token, **NEW_MEMBER})
    assert response.status_code == 409
    assert "Ann Other" not in members(tenure)


def test_every_post_needs_its_csrf_token(client, tenure):
    response = client.post(add_url(tenure), data={"_version": tenure.version, **NEW_MEMBER})
    assert response.status_code == 400
    response = client.post(remove_url(tenure, "child"), data={"_version": tenure.version})
    assert response.status_code == 400
    assert members(tenure) == ["Sam Kimakhe", "Mehdi Kimakhe"]


# -- removing a household member ---------------------------------------------------------------


def test_removing_asks_first_then_removes(client, tenure):
    response = client.get(remove_url(tenure, "child"))
    soup = page(response)
    question = "Are you sure you want to remove Sam Kimakhe from this tenure?"
    assert soup.select_one("h1").get_text(strip=True) == question
    assert soup.title.get_text().startswith(question)
    assert soup.select_one("input[name=_version]")["value"] == str(tenure.version)
    assert members(tenure) == ["Sam Kimakhe", "Mehdi Kimakhe"]  # asking changes nothing

    token, version = opened(client, remove_url(tenure, "child"))
    done = client.post(remove_url(tenure, "child"), data={"csrf_token": token, "_version": version})
    assert done.status_code == 302
    soup = page(client.get(done.headers["Location"]))
    assert "Sam Kimakhe has been removed from this tenure" in banner(soup)
    assert members(tenure) == ["Mehdi Kimakhe"]


def test_removing_from_a_tenure_changed_since_the_page_opened(client, tenure, colleague):
    token, version = opened(client, remove_url(tenure, "child"))
    adds_someone(colleague, tenure)
    response = client.post(
        remove_url(tenure, "child"), data={"csrf_token": token, "_version": version}
    )
    assert response.status_code == 409
    soup = page(response)
    assert error_summary(soup) == [CHANGED]
    assert soup.select_one("h1").get_text(strip=True).startswith("Are you sure")
    assert "Sam Kimakhe" in members(tenure)


def test_removing_someone_already_removed(client, tenure, colleague):
    token, version = opened(client, remove_url(tenure, "child"))
    current = fresh(tenure)
    service.remove_person(current, "child", current.version, colleague)
    response = client.post(
        remove_url(tenure, "child"), data={"csrf_token": token, "_version": version}
    )
    assert response.status_code == 302
    soup = page(client.get(response.headers["Location"]))
    assert "no longer on this tenure" in banner(soup)
    assert client.get(remove_url(tenure, "child")).status_code == 404


# -- who may see what --------------------------------------------------------------------------


def test_another_organisations_tenure_is_not_found(
    client, make_user, make_tenure, other_organisation
):
    theirs = make_tenure(by=make_user(Role.DATA_PROVIDER, org=other_organisation))
    for url in (f"{BASE}/{theirs.id}", add_url(theirs), remove_url(theirs, "child")):
        assert client.get(url).status_code == 404, url
    assert listed(client) == []
    assert client.get(f"{BASE}/no-such-tenure").status_code == 404


def test_support_staff_see_every_organisation(client, make_user, make_tenure, other_organisation):
    theirs = make_tenure(by=make_user(Role.DATA_PROVIDER, org=other_organisation))
    sign_out(client)
    sign_in(client, make_user(Role.SUPPORT))
    assert listed(client) == ["Flat 3, 12 Mare Street, London"]
    assert client.get(f"{BASE}/{theirs.id}").status_code == 200


def test_only_staff_may_use_the_pages(client, make_user, tenure):
    sign_out(client)
    signed_out = client.get(f"{BASE}/{tenure.id}")
    assert signed_out.status_code == 302 and "/sign-in" in signed_out.headers["Location"]
    sign_in(client, make_user(Role.APPLICANT))
    for url in (f"{BASE}/", f"{BASE}/{tenure.id}", add_url(tenure)):
        assert client.get(url).status_code == 403, url


def test_staff_have_a_tenures_link(client, officer):
    soup = page(client.get(f"{BASE}/"))
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".govuk-service-navigation a")}
    assert links["Tenures"] == f"{BASE}/"
