"""The /case_logs API: the seed's paths, shapes, status codes and messages."""

import pytest

from app.accounts.roles import Role
from app.case_logs.access import DELETE_REFUSED
from app.extensions import db
from app.formkit import store
from app.formkit.models import FormRecord
from app.journeys.lettings_log import LETTINGS_LOG


@pytest.fixture
def api(as_user):
    return as_user()


def test_post_the_example_with_valid_dates_creates_a_completed_log(api, valid_example):
    response = api("POST", "/case_logs", valid_example)
    assert response.status_code == 201
    body = response.json
    assert body["status"] == "completed"
    assert response.headers["Location"] == f"/case_logs/{body['id']}"
    assert {"id", "status", "created_at", "updated_at"} <= set(body)
    assert body["total_charge"] == 325
    assert body["tenancy_start_date"] == "12/03/2019"
    assert len(body) == 112 + 5  # with collection_year
    assert body["collection_year"] == "2018/19"


def test_post_the_seed_example_as_it_is_gives_exactly_the_date_errors(api, example):
    response = api("POST", "/case_logs", example)
    assert response.status_code == 422
    assert set(response.json["errors"]) == {
        "property_major_repairs_date",
        "property_void_date",
        "tenancy_start_date",
    }
    assert db.session.query(FormRecord).count() == 0  # nothing stored


def test_any_subset_is_in_progress(api):
    response = api("POST", "/case_logs", {"tenant_code": "T1"})
    assert response.status_code == 201
    assert response.json["status"] == "in_progress"
    assert response.json["person_1_age"] is None
    assert api("POST", "/case_logs", {}).json["status"] == "in_progress"


def test_invalid_age_gives_the_seeds_error(api):
    response = api("POST", "/case_logs", {"person_1_age": 121})
    assert response.status_code == 422
    assert response.json == {"errors": {"person_1_age": ["Tenant age must be between 0 and 120"]}}


def test_unknown_and_inapplicable_fields_are_errors(api):
    unknown = api("POST", "/case_logs", {"favourite_colour": "red"})
    assert unknown.status_code == 422
    assert unknown.json == {"errors": {"favourite_colour": ["This field is not recognised"]}}
    inapplicable = api(
        "POST",
        "/case_logs",
        {"property_major_repairs": "No", "property_major_repairs_date": "01/01/2020"},
    )
    assert inapplicable.status_code == 422
    assert list(inapplicable.json["errors"]) == ["property_major_repairs_date"]


def test_unusual_answers_are_warnings_that_never_block(api, valid_example):
    unusual = {
        **valid_example,
        "person_1_age": 70,  # over 66 and working full time
        "net_income": 4000,  # monthly: £923.08 a week, above the usual £730 for full time
        "property_void_date": "01/01/2016",  # more than 2 years before 12/03/2019
    }
    response = api("POST", "/case_logs", unusual)
    assert response.status_code == 201
    assert response.json["status"] == "completed"
    assert response.json["person_1_age"] == 70
    assert {w["id"]: w["message"] for w in response.json["warnings"]} == {
        "net_income_value_check": "Net income of £923.08 a week is higher than we usually see "
        "for a lead tenant whose working situation is ‘Full-time - 30 hours or more’ "
        "(£143 to £730 a week)",
        "retirement_value_check": "The lead tenant is 70 but their working situation is not "
        "‘Retired’",
        "void_date_value_check": "The void date is more than 2 years before the tenancy start date",
    }
    retirement = next(w for w in response.json["warnings"] if w["id"] == "retirement_value_check")
    assert retirement["fields"] == ["person_1_age", "person_1_economic_status"]
    log_id = response.json["id"]
    assert len(api("GET", f"/case_logs/{log_id}").json["warnings"]) == 3
    fixed = api(
        "PATCH",
        f"/case_logs/{log_id}",
        {"person_1_economic_status": "Retired", "net_income": 1000, "property_void_date": None},
    )
    assert fixed.status_code == 200
    assert "warnings" not in fixed.json
    listed = api("GET", "/case_logs").json["data"][0]
    assert listed["id"] == log_id and "warnings" not in listed


def test_get_patch_and_delete(api):
    log_id = api("POST", "/case_logs", {"tenant_code": "T1"}).json["id"]
    assert api("GET", f"/case_logs/{log_id}").json["tenant_code"] == "T1"
    patched = api("PATCH", f"/case_logs/{log_id}", {"person_1_age": 40})
    assert patched.status_code == 200
    assert patched.json["tenant_code"] == "T1" and patched.json["person_1_age"] == 40
    assert api("DELETE", f"/case_logs/{log_id}").status_code == 204
    missing = api("GET", f"/case_logs/{log_id}")
    assert missing.status_code == 404
    assert missing.json == {"error": f"Case Log {log_id} not found"}
    assert api("DELETE", f"/case_logs/{log_id}").status_code == 404
    assert api("PATCH", f"/case_logs/{log_id}", {"tenant_code": "x"}).status_code == 404


def test_patch_validates_the_merged_log(api):
    log_id = api("POST", "/case_logs", {"tenancy_start_date": "01/06/2020"}).json["id"]
    response = api("PATCH", f"/case_logs/{log_id}", {"property_void_date": "01/07/2020"})
    assert response.status_code == 422
    assert response.json["errors"]["property_void_date"] == [
        "The void date must be before the tenancy start date"
    ]


def test_another_organisations_log_is_not_found(as_user, other_organisation):
    mine = as_user()
    theirs = as_user(org=other_organisation)
    log_id = mine("POST", "/case_logs", {"tenant_code": "T1"}).json["id"]
    assert theirs("GET", f"/case_logs/{log_id}").status_code == 404
    assert theirs("DELETE", f"/case_logs/{log_id}").status_code == 404
    support = as_user(Role.SUPPORT)
    assert support("GET", f"/case_logs/{log_id}").status_code == 200


def test_a_data_provider_deletes_only_the_logs_they_created(as_user):
    provider = as_user(Role.DATA_PROVIDER)
    colleague = as_user(Role.DATA_PROVIDER)
    theirs = colleague("POST", "/case_logs", {"tenant_code": "T1"}).json["id"]
    mine = provider("POST", "/case_logs", {"tenant_code": "T2"}).json["id"]

    refused = provider("DELETE", f"/case_logs/{theirs}")
    assert refused.status_code == 403
    assert refused.json == {"error": DELETE_REFUSED}
    assert DELETE_REFUSED.startswith("You can only delete logs you created.")
    assert colleague("GET", f"/case_logs/{theirs}").status_code == 200  # still there
    assert provider("DELETE", f"/case_logs/{mine}").status_code == 204


@pytest.mark.parametrize("role", [Role.DATA_COORDINATOR, Role.SUPPORT])
def test_a_coordinator_or_support_deletes_any_log_of_the_organisation(as_user, role):
    provider = as_user(Role.DATA_PROVIDER)
    log_id = provider("POST", "/case_logs", {"tenant_code": "T1"}).json["id"]
    assert as_user(role)("DELETE", f"/case_logs/{log_id}").status_code == 204
    assert provider("GET", f"/case_logs/{log_id}").status_code == 404


def test_another_organisations_coordinator_cannot_find_a_log_to_delete(as_user, other_organisation):
    log_id = as_user()("POST", "/case_logs", {"tenant_code": "T1"}).json["id"]
    coordinator = as_user(Role.DATA_COORDINATOR, org=other_organisation)
    response = coordinator("DELETE", f"/case_logs/{log_id}")
    assert (response.status_code, response.json) == (404, {"error": f"Case Log {log_id} not found"})


def test_a_submitted_log_is_locked(api, valid_example):
    log_id = api("POST", "/case_logs", valid_example).json["id"]
    record = db.session.get(FormRecord, log_id)
    store.lock_for_submission(LETTINGS_LOG, record, record.version)
    message = {"error": f"Case Log {log_id} has been submitted and can no longer be changed"}
    patched = api("PATCH", f"/case_logs/{log_id}", {"tenant_code": "x"})
    assert (patched.status_code, patched.json) == (409, message)
    deleted = api("DELETE", f"/case_logs/{log_id}")
    assert (deleted.status_code, deleted.json) == (409, message)
    assert api("GET", f"/case_logs/{log_id}").json["status"] == "submitted"


def test_authentication_roles_and_content_types(client, as_user):
    assert client.get("/case_logs/1").status_code == 401
    assert client.get("/case_logs/1").is_json
    applicant = as_user(Role.APPLICANT)
    assert applicant("GET", "/case_logs").status_code == 403
    api = as_user()
    refused = api("GET", "/case_logs", headers={"Accept": "text/html"})
    assert refused.status_code == 406 and refused.is_json
    bad_body = client.post(
        "/case_logs",
        data="not json",
        content_type="application/json",
        headers={"Authorization": api("GET", "/case_logs").request.headers["Authorization"]},
    )
    assert bad_body.status_code == 400 and bad_body.is_json


def test_list_is_paginated_and_filtered(api, valid_example):
    for code in ("A", "B", "C"):
        api("POST", "/case_logs", {"tenant_code": code})
    api("POST", "/case_logs", valid_example)
    page = api("GET", "/case_logs?page=1&page_size=2").json
    assert page["metadata"] == {"page": 1, "page_size": 2, "total": 4}
    assert len(page["data"]) == 2
    completed = api("GET", "/case_logs?status=completed").json
    assert [log["status"] for log in completed["data"]] == ["completed"]
    assert api("GET", "/case_logs?page_size=101").status_code == 400
    assert api("GET", "/case_logs?page=0").status_code == 400


ADULT = {"age": 30, "gender": "Male", "economic_status": "Jobseeker"}


def household(*people, **extra) -> dict:
    payload = {"household_number_of_other_members": len(people) - 1, **extra}
    for number, person in enumerate(people, start=1):
        payload.update({f"person_{number}_{key}": value for key, value in person.items()})
    return payload


FULL_TIME = "Full-time - 30 hours or more"


# One bad payload per hard rule of the issue, with the field and the exact message it gets.
@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"person_1_age": -1}, "person_1_age", "Tenant age must be between 0 and 120"),
        (
            household(ADULT, {"relationship": "Other", **ADULT, "age": 121}),
            "person_2_age",
            "Person 2’s age must be between 0 and 120",
        ),
        (
            {"reasonable_preference": "Yes", "reasonable_preference_reason_homeless": False},
            "reasonable_preference_reason",
            "If reasonable preference is Yes, a reason must be given",
        ),
        (
            household(
                ADULT, {"relationship": "Other", **ADULT, "economic_status": "Child under 16"}
            ),
            "person_2_economic_status",
            "Person 2 can only be ‘Child under 16’ if they are under 16",
        ),
        (
            household(
                ADULT,
                {
                    "relationship": "Other",
                    "age": 8,
                    "gender": "Male",
                    "economic_status": "Child under 16",
                },
            ),
            "person_2_relationship",
            "Person 2 is under 16, so their relationship to the lead tenant must be "
            "‘Child - includes young adult and grown-up’",
        ),
        (
            household(
                ADULT, {"relationship": "Partner", **ADULT}, {"relationship": "Partner", **ADULT}
            ),
            "person_3_relationship",
            "Only one person in the household can be the lead tenant’s partner",
        ),
        (
            household(ADULT, pregnancy="Yes"),
            "pregnancy",
            "You must answer No as there are no female tenants aged 16-50 in the property",
        ),
        (
            {
                "tenancy_start_date": "01/06/2020",
                "property_major_repairs": "Yes",
                "property_major_repairs_date": "2020-06-02",
            },
            "property_major_repairs_date",
            "The major repairs date must be before the tenancy start date",
        ),
        (
            {"tenancy_start_date": "01/06/2020", "property_void_date": "31/05/2010"},
            "property_void_date",
            "The void date must be no more than 10 years before the tenancy start date",
        ),
        (
            {"property_number_of_times_relet": 21},
            "property_number_of_times_relet",
            "Number of times relet must be between 0 and 20",
        ),
        (
            {"property_postcode": "SW1A"},
            "property_postcode",
            "Enter a postcode in the correct format, for example AA1 1AA",
        ),
        (
            {
                "basic_rent": 100,
                "service_charge": 10,
                "personal_service_charge": 0,
                "support_charge": 0,
                "total_charge": 100,
            },
            "total_charge",
            "Total charge must be 110.00, the sum of basic rent, service charge, personal "
            "service charge and support charge",
        ),
        (
            {"person_1_economic_status": FULL_TIME, "net_income_uc_proportion": "All"},
            "net_income_uc_proportion",
            "Income cannot be all from Universal Credit, state pensions or benefits if the lead "
            "tenant or their partner works part time or full time",
        ),
        (
            {
                "person_1_economic_status": FULL_TIME,
                "net_income": 80,
                "net_income_frequency": "Weekly",
            },
            "net_income",
            "Net income must be between £90 and £1230 a week when the lead tenant’s working "
            "situation is ‘Full-time - 30 hours or more’",
        ),
    ],
)
def test_each_hard_rule_is_a_422_with_its_message(api, payload, field, message):
    response = api("POST", "/case_logs", payload)
    assert response.status_code == 422
    assert message in response.json["errors"][field]
    assert db.session.query(FormRecord).count() == 0


def test_patch_checks_new_values_against_stored_ones(api):
    log_id = api("POST", "/case_logs", household(ADULT)).json["id"]
    response = api("PATCH", f"/case_logs/{log_id}", {"pregnancy": "Yes"})
    assert response.status_code == 422
    assert response.json["errors"]["pregnancy"] == [
        "You must answer No as there are no female tenants aged 16-50 in the property"
    ]
    # Once the stored household makes it possible, the same change is accepted.
    api("PATCH", f"/case_logs/{log_id}", {"person_1_gender": "Female"})
    assert api("PATCH", f"/case_logs/{log_id}", {"pregnancy": "Yes"}).status_code == 200
