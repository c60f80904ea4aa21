"""Issue 17: what CORE's own case-log API accepted and refused in October 2021, through our API
and our pages. CORE's form, fixture and rules are those of its repository at commit 2c1f24635,
the seed contract's date."""

import json
from pathlib import Path

import pytest

from app.extensions import db
from app.formkit.models import FormRecord
from app.formkit.outputs import json_schema
from app.journeys import lettings_options as opts
from app.journeys.lettings_log import LETTINGS_LOG
from tests.case_logs.test_web import make_log, new_log, provider  # noqa: F401 (fixture)
from tests.formkit.conftest import post_page
from tests.helpers import error_summary, field_error, page

CORE_FIXTURE = json.loads((Path(__file__).parent / "core_complete_case_log.json").read_text())
SERVED = {"armed_forces": "Yes - a regular"}

# Every value each widened field accepts, with the answers its question needs first.
WIDENED = {
    "homelessness": ({}, opts.HOMELESSNESS + ("Yes",)),
    "armed_forces_active": (SERVED, opts.STILL_SERVING + ("No", "Do not know")),
    "armed_forces_injured": (SERVED, ("Yes", "No", "Prefer not to say", "Do not know")),
    "armed_forces_partner": (SERVED, opts.ARMED_FORCES_PARTNER + ("Yes", "Do not know")),
    "rent_frequency": ({}, opts.RENT_FREQUENCIES + ("Weekly", "Every 4 weeks", "Monthly")),
    "reasonable_preference": ({}, ("Yes", "No", "Do not know")),
}
# What the page offers: CORE's options exactly, in CORE's order.
OFFERED = {
    "homelessness": opts.HOMELESSNESS,
    "armed_forces_active": opts.STILL_SERVING,
    "armed_forces_injured": ("Yes", "No", "Prefer not to say"),
    "armed_forces_partner": opts.ARMED_FORCES_PARTNER,
    "rent_frequency": opts.RENT_FREQUENCIES,
    "reasonable_preference": ("Yes", "No"),
}
CASES = [(field, value) for field, (_, values) in WIDENED.items() for value in values]

SEED_422 = {
    "person_1_age": 121,
    "reasonable_preference": "Yes",
    **{
        f"reasonable_preference_reason_{reason}": False
        for reason in ("homeless", "unsatisfactory_housing", "medical_grounds", "avoid_hardship")
    },
    "reasonable_preference_reason_do_not_know": False,
}


@pytest.fixture
def api(as_user):
    return as_user()


def stored_count() -> int:
    return db.session.query(FormRecord).count()


# -- CORE's fixture ----------------------------------------------------------------------------


def test_cores_complete_fixture_is_accepted_and_completed(api):
    response = api("POST", "/case_logs", CORE_FIXTURE["case_log"])
    assert response.status_code == 201, response.json
    body = response.json
    assert body["homelessness"] == "Yes - other homelessness"
    assert body["status"] == "in_progress"  # net income frequency is missing, as in CORE
    assert body["condition_effects_hearing"] is True


def test_cores_fixture_as_it_was_gets_a_clear_message_for_its_contradiction(api):
    original = {**CORE_FIXTURE["case_log"], "condition_effects_prefer_not_to_say": True}
    response = api("POST", "/case_logs", original)
    assert response.status_code == 422
    message = ["Select ‘Prefer not to say’ on its own, or choose from the other options"]
    assert response.json["errors"]["condition_effects_hearing"] == message
    assert response.json["errors"]["condition_effects_prefer_not_to_say"] == message
    assert stored_count() == 0


# -- widened answer options ----------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), CASES)
def test_the_api_accepts_each_value_core_offered_or_the_seed_sends(api, field, value):
    needs, _ = WIDENED[field]
    response = api("POST", "/case_logs", {**needs, field: value})
    assert response.status_code == 201, response.json
    assert response.json[field] == value


@pytest.mark.parametrize("field", WIDENED)
def test_the_api_still_refuses_a_value_nobody_offered(api, field):
    needs, _ = WIDENED[field]
    response = api("POST", "/case_logs", {**needs, field: "Sometimes"})
    assert response.status_code == 422
    assert list(response.json["errors"]) == [field]


def test_the_openapi_document_lists_every_accepted_value():
    properties = json_schema(LETTINGS_LOG)["properties"]  # the document's Case-Log-Answers
    for field, (_, values) in WIDENED.items():
        assert set(values) <= set(properties[field]["enum"]), field


def offered_on(client, url: str, field: str) -> list[str]:
    return [radio["value"] for radio in page(client.get(url)).select(f"input[name={field}]")]


@pytest.mark.parametrize("field", WIDENED)
def test_the_page_offers_cores_options_in_cores_order(client, provider, field):  # noqa: F811
    needs, _ = WIDENED[field]
    record = make_log(provider, **needs)
    assert offered_on(client, f"/logs/{record.id}/{field}", field) == list(OFFERED[field])


@pytest.mark.parametrize(("field", "value"), CASES)
def test_the_page_accepts_each_value_and_the_api_returns_it(client, provider, field, value):  # noqa: F811
    needs, _ = WIDENED[field]
    record = make_log(provider, **needs)
    response = post_page(client, f"/logs/{record.id}/{field}", {field: value})
    assert response.status_code == 302, error_summary(page(response))
    assert db.session.get(FormRecord, record.id).answers[field] == value


def test_a_value_not_offered_is_shown_while_it_is_the_answer(client, provider):  # noqa: F811
    record = make_log(provider, rent_frequency="Weekly")
    url = f"/logs/{record.id}/rent_frequency"
    soup = page(client.get(url))
    assert soup.select_one("input[name=rent_frequency][checked]")["value"] == "Weekly"
    assert offered_on(client, url, "rent_frequency") == [*opts.RENT_FREQUENCIES, "Weekly"]
    check = page(client.get(f"/logs/{record.id}/check-answers/rent_and_charges"))
    assert "Weekly" in check.get_text()


def test_the_page_refuses_a_value_nobody_offered(client, provider):  # noqa: F811
    record = make_log(provider)
    response = post_page(client, f"/logs/{record.id}/homelessness", {"homelessness": "Maybe"})
    assert response.status_code == 200
    assert field_error(page(response), "homelessness")


def test_access_needs_have_cores_or_dividers(client, provider):  # noqa: F811
    record = make_log(provider)
    soup = page(client.get(f"/logs/{record.id}/accessibility_requirements_types"))
    items = soup.select(".govuk-checkboxes > *")
    after_divider = [
        items[i + 1].select_one("input")["value"]
        for i, item in enumerate(items)
        if "govuk-checkboxes__divider" in item["class"]
    ]
    assert after_divider == ["do_not_know", "prefer_not_to_say"]


# -- rules -----------------------------------------------------------------------------------

BENEFIT_CAP_MESSAGE = (
    "Select ‘Do not know’ for the benefit cap and spare room subsidy if you do not know the "
    "main reason the household left their last settled home"
)
UC_MESSAGE = (
    "Income cannot be all from Universal Credit, state pensions or benefits if the lead tenant "
    "or their partner works part time or full time"
)
PREGNANCY_MESSAGE = "You must answer No as there are no female tenants aged 16-50 in the property"
FIXED_TERM_MESSAGE = "Enter No for the fixed-term length if the tenancy type is not fixed term"
NO_REASONS_MESSAGE = "Only give a reason if reasonable preference is Yes"
PART_TIME_PARTNER = {
    "household_number_of_other_members": 1,
    "person_1_economic_status": "Jobseeker",
    "person_2_relationship": "Partner",
    "person_2_economic_status": opts.PART_TIME,
}
MEN_ONLY = {"household_number_of_other_members": 0, "person_1_age": 30, "person_1_gender": "Male"}
WOMAN = {"household_number_of_other_members": 0, "person_1_age": 30, "person_1_gender": "Female"}

# (stored answers, field, refused value, accepted value, message) for each rule on one field.
RULES = [
    (
        {"reason_for_leaving_last_settled_home": "Do not know"},
        "benefit_cap_spare_room_subsidy",
        "No",
        "Do not know",
        BENEFIT_CAP_MESSAGE,
    ),
    (PART_TIME_PARTNER, "net_income_uc_proportion", "All", "Some", UC_MESSAGE),
    (
        {**PART_TIME_PARTNER, "person_2_relationship": "Other"},
        "net_income_uc_proportion",
        "Some",  # a part-time person who is not the partner: "All" is fine, shown below
        "All",
        None,
    ),
    (
        {"person_1_economic_status": opts.PART_TIME},
        "net_income_uc_proportion",
        "All",
        "None",
        UC_MESSAGE,
    ),
    (MEN_ONLY, "pregnancy", "Prefer not to say", "No", PREGNANCY_MESSAGE),
    (MEN_ONLY, "pregnancy", "Yes", "No", PREGNANCY_MESSAGE),
    ({"tenancy_type": "Other"}, "fixed_term_tenancy", "10", "No", FIXED_TERM_MESSAGE),
    (
        {"tenancy_type": "Fixed term – Assured Shorthold Tenancy (AST)"},
        "fixed_term_tenancy",
        "Sometimes",  # not a length: the length rule, not this one
        "10",
        None,
    ),
]


@pytest.mark.parametrize(("stored", "field", "refused", "accepted", "message"), RULES)
def test_each_rule_through_the_api(api, stored, field, refused, accepted, message):
    if message is not None:
        response = api("POST", "/case_logs", {**stored, field: refused})
        assert response.status_code == 422
        assert response.json["errors"][field] == [message]
    response = api("POST", "/case_logs", {**stored, field: accepted})
    assert response.status_code == 201, response.json


@pytest.mark.parametrize(("stored", "field", "refused", "accepted", "message"), RULES)
def test_each_rule_through_the_page(client, provider, stored, field, refused, accepted, message):  # noqa: F811
    record = make_log(provider, **stored)
    url = f"/logs/{record.id}/{field}"
    if message is not None:
        response = post_page(client, url, {field: refused})
        assert response.status_code == 200
        assert error_summary(page(response)) == [message]
        assert field not in db.session.get(FormRecord, record.id).answers
    response = post_page(client, url, {field: accepted})
    assert response.status_code == 302, error_summary(page(response))


def test_pregnancy_prefer_not_to_say_with_a_woman_of_16_to_50(api):
    response = api("POST", "/case_logs", {**WOMAN, "pregnancy": "Prefer not to say"})
    assert response.status_code == 201


def test_changing_the_tenancy_type_is_checked_against_a_stored_length(api):
    log_id = api(
        "POST", "/case_logs", {"tenancy_type": "Fixed term – Secure", "fixed_term_tenancy": "5"}
    ).json["id"]
    response = api("PATCH", f"/case_logs/{log_id}", {"tenancy_type": "Lifetime – Secure"})
    assert response.json["errors"] == {"tenancy_type": [FIXED_TERM_MESSAGE]}


def test_the_seeds_422_example_gives_both_its_errors_exactly(api):
    response = api("POST", "/case_logs", SEED_422)
    assert response.status_code == 422
    assert response.json == {
        "errors": {
            "reasonable_preference_reason": [
                "If reasonable preference is Yes, a reason must be given"
            ],
            "person_1_age": ["Tenant age must be between 0 and 120"],
        }
    }
    assert stored_count() == 0


def test_a_page_shows_a_bad_answer_and_a_broken_rule_together(client, provider):  # noqa: F811
    partner = {"person_2_relationship": "Partner"}
    record = make_log(provider, household_number_of_other_members=2, **partner)
    response = post_page(
        client,
        f"/logs/{record.id}/person_3",
        {
            "person_3_relationship": "Partner",
            "person_3_age": "130",
            "person_3_gender": "Male",
            "person_3_economic_status": "Jobseeker",
        },
    )
    assert error_summary(page(response)) == [
        "Only one person in the household can be the lead tenant’s partner",
        "Person 3’s age must be between 0 and 120",
    ]


def test_after_no_preference_a_false_reason_is_accepted_and_a_true_one_refused(api):
    false_reasons = {k: False for k in SEED_422 if k.startswith("reasonable_preference_reason")}
    accepted = api("POST", "/case_logs", {"reasonable_preference": "No", **false_reasons})
    assert accepted.status_code == 201, accepted.json
    refused = api(
        "POST",
        "/case_logs",
        {
            "reasonable_preference": "No",
            **false_reasons,
            "reasonable_preference_reason_homeless": True,
        },
    )
    assert refused.status_code == 422
    assert refused.json["errors"] == {"reasonable_preference_reason": [NO_REASONS_MESSAGE]}


def test_after_no_preference_on_the_page_the_reasons_are_cleared(client, provider):  # noqa: F811
    record = make_log(
        provider, reasonable_preference="Yes", reasonable_preference_reason_homeless=True
    )
    response = post_page(
        client, f"/logs/{record.id}/reasonable_preference", {"reasonable_preference": "No"}
    )
    assert response.status_code == 302
    stored = db.session.get(FormRecord, record.id).answers
    assert not any(key.startswith("reasonable_preference_reason_") for key in stored)
    assert client.get(f"/logs/{record.id}/reasonable_preference_reasons").status_code == 404


def test_the_reasons_page_without_a_reason_gives_its_message(client, provider):  # noqa: F811
    record = make_log(provider, reasonable_preference="Yes")
    response = post_page(client, f"/logs/{record.id}/reasonable_preference_reasons", {})
    assert field_error(page(response), "reasonable_preference_reasons")
