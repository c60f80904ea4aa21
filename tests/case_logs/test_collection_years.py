"""Lettings collection years through the /case_logs API and the staff pages: each log is
checked with its year's form, a closed year is read-only, and no log is dated in one."""

from datetime import date

import pytest

from app import clock
from app.accounts.roles import Role
from app.formkit import store
from app.journeys.lettings_log import LETTINGS_LOG_VERSIONS
from app.journeys.lettings_years import OpenYears
from tests.helpers import page, sign_in

CROSSOVER = "06-30"


@pytest.fixture
def api(as_user):
    return as_user()


@pytest.fixture
def today(monkeypatch):
    def fix(day: date):
        monkeypatch.setattr(clock, "uk_today", lambda: day)

    return fix


@pytest.fixture
def configure(app, monkeypatch):
    def set_years(open_years="", previous_open_until=""):
        settings = OpenYears.from_settings(open_years, previous_open_until)
        monkeypatch.setitem(app.config, "LETTINGS_OPEN_YEARS", settings)

    return set_years


def test_the_seed_example_is_created_and_completed_with_the_default_configuration(
    api, valid_example, today
):
    today(date(2028, 1, 10))  # long after its year, which the default keeps open
    response = api("POST", "/case_logs", valid_example)

    assert response.status_code == 201
    assert response.json["status"] == "completed"
    assert response.json["collection_year"] == "2018/19"


def test_a_log_without_a_start_date_carries_the_current_year(api, today):
    today(date(2027, 3, 31))
    assert api("POST", "/case_logs", {"tenant_code": "T1"}).json["collection_year"] == "2026/27"
    today(date(2027, 4, 1))
    assert api("POST", "/case_logs", {"tenant_code": "T2"}).json["collection_year"] == "2027/28"


def test_collection_year_is_read_only(api):
    response = api("POST", "/case_logs", {"collection_year": "2027/28"})
    assert response.status_code == 422
    assert response.json["errors"] == {"collection_year": ["This field is not recognised"]}


def test_creating_a_log_dated_in_a_closed_year_is_refused(api, configure, today):
    configure(previous_open_until=CROSSOVER)
    today(date(2027, 7, 1))

    response = api("POST", "/case_logs", {"tenancy_start_date": "31/03/2027"})

    assert response.status_code == 422
    assert response.json == {
        "errors": {"tenancy_start_date": ["Enter a date within the 2027 to 2028 collection year"]}
    }


def test_the_collection_years_say_which_are_open(api, configure, today):
    today(date(2027, 5, 1))
    every_year = api("GET", "/case_logs/collection_years")
    assert every_year.status_code == 200
    assert every_year.json == {
        "current": "2027/28",
        "data": [
            {
                "year": "2026/27",
                "starts_on": "2026-04-01",
                "ends_on": "2027-03-31",
                "open": True,
                "form": "2026/27",
            },
            {
                "year": "2027/28",
                "starts_on": "2027-04-01",
                "ends_on": "2028-03-31",
                "open": True,
                "form": "2027/28",
            },
        ],
    }

    configure(previous_open_until=CROSSOVER)
    today(date(2027, 7, 1))
    years = api("GET", "/case_logs/collection_years").json["data"]
    assert [(year["year"], year["open"]) for year in years] == [
        ("2026/27", False),
        ("2027/28", True),
    ]


def test_the_collection_years_need_a_staff_token(client, as_user):
    assert (
        client.get(
            "/case_logs/collection_years", headers={"Accept": "application/json"}
        ).status_code
        == 401
    )
    applicant = as_user(Role.APPLICANT)
    assert applicant("GET", "/case_logs/collection_years").status_code == 403


def test_the_list_filters_by_collection_year(api, today):
    today(date(2026, 12, 1))
    old = api("POST", "/case_logs", {"tenancy_start_date": "31/03/2027"}).json["id"]
    new = api("POST", "/case_logs", {"tenancy_start_date": "01/04/2027"}).json["id"]
    undated = api("POST", "/case_logs", {"tenant_code": "T1"}).json["id"]

    def listed(year):
        response = api("GET", f"/case_logs?collection_year={year}")
        assert response.status_code == 200
        return sorted(log["id"] for log in response.json["data"])

    # A log without a start date yet is of the current year.
    assert listed("2026/27") == sorted([old, undated])
    assert listed("2027/28") == [new]
    assert listed("2025/26") == []
    refused = api("GET", "/case_logs?collection_year=2027")
    assert refused.status_code == 400
    assert refused.json == {
        "error": "collection_year: A collection year is written like 2026/27, not '2027'"
    }


# -- the staff pages ---------------------------------------------------------------------------


@pytest.fixture
def provider(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    return user


def make_log(user, **answers):
    """A log as it would be saved: with its year's form."""
    journey = LETTINGS_LOG_VERSIONS.for_answers(answers)
    record = store.create_record(journey, owner_id=user.id, organisation_id=user.organisation_id)
    if answers:
        store.save_answers(journey, record, answers, record.version)
    return record


def test_the_logs_page_filters_by_collection_year(client, provider, today):
    today(date(2026, 12, 1))
    make_log(provider, tenant_code="OLD", tenancy_start_date="2027-03-31")
    make_log(provider, tenant_code="NEW", tenancy_start_date="2027-04-01")

    def codes(url):
        soup = page(client.get(url))
        return [row.select("td")[1].get_text() for row in soup.select("#logs tbody tr")]

    assert sorted(codes("/logs/")) == ["NEW", "OLD"]
    assert codes("/logs/?year=2027/28") == ["NEW"]
    assert codes("/logs/?year=2026/27") == ["OLD"]
    years = page(client.get("/logs/?year=2027/28")).select("#year option")
    assert [(o.get_text(), o.has_attr("selected")) for o in years] == [
        ("All years", False),
        ("2027/28", True),
        ("2026/27", False),
    ]
