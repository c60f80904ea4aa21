"""Lettings collection years through the /case_logs API and the staff pages: each log is
checked with its year's form, a closed year is read-only, and no log is dated in one."""

import csv
import io
from datetime import date

import pytest

from app.accounts.roles import Role
from app.extensions import db
from app.formkit import store
from app.formkit.models import FormRecord
from app.journeys.lettings_log import LETTINGS_LOG_VERSIONS
from tests.formkit.conftest import post_page
from tests.helpers import field_error, page, sign_in

CROSSOVER = "06-30"


@pytest.fixture
def api(as_user):
    return as_user()


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


def test_creating_a_log_dated_in_a_closed_year_is_refused(api, configure_open_years, today):
    configure_open_years(previous_open_until=CROSSOVER)
    today(date(2027, 7, 1))

    response = api("POST", "/case_logs", {"tenancy_start_date": "31/03/2027"})

    assert response.status_code == 422
    assert response.json == {
        "errors": {"tenancy_start_date": ["Enter a date within the 2027 to 2028 collection year"]}
    }


def test_the_collection_years_say_which_are_open(api, configure_open_years, today):
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

    configure_open_years(previous_open_until=CROSSOVER)
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


# -- a log read with its year's form -----------------------------------------------------------

IN_2027_DATES = {
    "tenancy_start_date": "01/05/2027",
    "property_void_date": "03/11/2026",
    "property_major_repairs_date": "05/05/2026",
}


def test_a_log_is_created_and_checked_with_its_years_form(api, valid_example):
    old = api("POST", "/case_logs", valid_example).json
    assert "renewal" not in old

    new = api("POST", "/case_logs", {**valid_example, **IN_2027_DATES})
    assert new.status_code == 201
    assert new.json["collection_year"] == "2027/28"
    # 2027/28 asks one question more, so the same answers are not yet complete.
    assert new.json["renewal"] is None
    assert new.json["status"] == "in_progress"
    done = api("PATCH", f"/case_logs/{new.json['id']}", {"renewal": False})
    assert done.status_code == 200
    assert done.json["status"] == "completed"
    # 2027/28's rule: the void date at most 5 years before the start (2026/27 allows 10).
    early = api("PATCH", f"/case_logs/{new.json['id']}", {"property_void_date": "01/04/2021"})
    assert early.status_code == 422
    assert early.json["errors"] == {
        "property_void_date": [
            "The void date must be no more than 5 years before the tenancy start date"
        ]
    }
    patched = api("PATCH", f"/case_logs/{old['id']}", {"property_void_date": "01/04/2011"})
    assert patched.status_code == 200


def test_moving_the_start_date_into_another_year_moves_the_log_to_its_form(api, valid_example):
    # A void date 6 years before the start: allowed in 2026/27.
    dates = {"tenancy_start_date": "01/03/2027", "property_void_date": "01/04/2021"}
    created = api("POST", "/case_logs", {**valid_example, **dates}).json
    assert created["status"] == "completed"
    assert created["collection_year"] == "2026/27"

    moved = api("PATCH", f"/case_logs/{created['id']}", {"tenancy_start_date": "01/04/2027"})

    assert moved.status_code == 200
    body = moved.json
    assert body["collection_year"] == "2027/28"
    # The 2027/28 form's rule no longer accepts the void date: it is cleared, as an answer
    # that stops applying is, and the new question waits for an answer.
    assert body["property_void_date"] is None
    assert body["renewal"] is None
    assert body["status"] == "in_progress"
    assert body["tenant_code"] == valid_example["tenant_code"]
    assert db.session.get(FormRecord, created["id"]).definition_version == "2027/28"


def test_a_log_of_a_closed_year_is_read_only(api, client, make_user, configure_open_years, today):
    today(date(2027, 6, 1))
    created = api("POST", "/case_logs", {"tenancy_start_date": "01/03/2027"}).json
    configure_open_years(previous_open_until=CROSSOVER)
    today(date(2027, 7, 1))  # the crossover window has closed

    refused = api("PATCH", f"/case_logs/{created['id']}", {"tenant_code": "T2"})
    assert refused.status_code == 409
    assert refused.json == {
        "error": "This log is for the 2026 to 2027 collection year, which has closed, so it can "
        "no longer be changed"
    }
    assert api("GET", f"/case_logs/{created['id']}").status_code == 200  # still readable

    sign_in(client, api.user)
    question = client.get(f"/logs/{created['id']}/tenant_code")
    assert question.status_code == 302
    shown = page(client.get(question.headers["Location"]))
    assert "2026 to 2027 collection year, which has closed" in (
        shown.select_one("#record-notice").get_text()
    )
    assert not shown.select("main form button")


def start_date_form(day: date) -> dict:
    return {
        "tenancy_start_date-day": str(day.day),
        "tenancy_start_date-month": str(day.month),
        "tenancy_start_date-year": str(day.year),
    }


def test_on_the_web_a_start_date_in_the_next_year_brings_its_questions(client, provider, today):
    today(date(2027, 3, 20))
    log = make_log(provider, tenant_code="T1")
    assert log.definition_version == "2026/27"
    url = f"/logs/{log.id}/tenancy_start_date"

    response = post_page(client, url, start_date_form(date(2027, 4, 1)))

    assert response.status_code == 302
    db.session.refresh(log)
    assert log.definition_version == "2027/28"
    # The next page is the question 2027/28 added.
    assert response.headers["Location"].endswith(f"/logs/{log.id}/renewal")
    renewal = page(client.get(response.headers["Location"]))
    assert renewal.h1.get_text(strip=True) == (
        "Is this letting a renewal of a social housing tenancy in the same property?"
    )


def test_on_the_web_a_start_date_in_a_closed_year_is_refused(
    client, provider, configure_open_years, today
):
    configure_open_years(previous_open_until=CROSSOVER)
    today(date(2027, 7, 1))
    log = make_log(provider, tenant_code="T1")

    response = post_page(
        client, f"/logs/{log.id}/tenancy_start_date", start_date_form(date(2027, 3, 31))
    )

    assert field_error(page(response), "tenancy_start_date") == (
        "Enter a date within the 2027 to 2028 collection year"
    )
    db.session.refresh(log)
    assert "tenancy_start_date" not in log.answers


def test_the_export_of_a_year_has_its_columns_and_of_all_years_every_years(client, provider, today):
    today(date(2026, 12, 1))
    make_log(provider, tenant_code="OLD", tenancy_start_date="2027-03-31")
    make_log(provider, tenant_code="NEW", tenancy_start_date="2027-04-01", renewal=True)

    def exported(url):
        text = client.get(url).get_data(as_text=True)
        rows = list(csv.reader(io.StringIO(text)))
        return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]

    header_2027, rows_2027 = exported("/logs/download.csv?year=2027/28")
    assert [row["tenant_code"] for row in rows_2027] == ["NEW"]
    assert rows_2027[0]["renewal"] == "true"
    header_2026, rows_2026 = exported("/logs/download.csv?year=2026/27")
    assert [row["tenant_code"] for row in rows_2026] == ["OLD"]
    assert "renewal" not in header_2026
    assert set(header_2027) - set(header_2026) == {"renewal"}
    header_all, rows_all = exported("/logs/download.csv")
    assert set(header_all) == set(header_2026) | set(header_2027)
    assert {row["tenant_code"]: row["renewal"] for row in rows_all} == {"OLD": "", "NEW": "true"}


def test_a_payload_may_answer_the_questions_of_the_year_it_is_dated_in(api, valid_example):
    created = api("POST", "/case_logs", {**valid_example, **IN_2027_DATES, "renewal": True})
    assert created.status_code == 201, created.json
    assert created.json["status"] == "completed"
    assert created.json["renewal"] is True

    old = api("POST", "/case_logs", valid_example).json
    # 2018/19's form does not ask it…
    refused = api("PATCH", f"/case_logs/{old['id']}", {"renewal": True})
    assert refused.json["errors"] == {"renewal": ["This field is not recognised"]}
    # …but moving the log into 2027/28 in the same change does.
    moved = api("PATCH", f"/case_logs/{old['id']}", {**IN_2027_DATES, "renewal": False})
    assert moved.status_code == 200, moved.json
    assert moved.json["collection_year"] == "2027/28"
    assert moved.json["status"] == "completed"
