"""The lettings case log definition against its contract and CORE's rules, through the engine."""

import pytest
from werkzeug.datastructures import MultiDict

from app.formkit import outputs, runner
from app.formkit.validation import NOT_APPLICABLE, apply_payload, save_page
from app.journeys.lettings_log import LETTINGS_LOG


def apply(payload, answers=None):
    return apply_payload(LETTINGS_LOG, payload, answers or {})


def answers(payload):
    outcome = apply(payload)
    assert outcome.ok, outcome.errors
    return outcome.answers


def test_every_field_of_the_contract_is_declared_once(contract):
    assert set(outputs.to_json(LETTINGS_LOG, {})) == set(contract["properties"])
    assert len(contract["properties"]) == 112


def test_enum_values_are_the_contracts_exactly(contract):
    schema = outputs.json_schema(LETTINGS_LOG)["properties"]
    for field_id, spec in contract["properties"].items():
        if "enum" in spec:
            assert schema[field_id]["enum"][:-1] == spec["enum"], field_id  # plus null


def test_the_seed_example_breaks_exactly_the_two_date_rules(example):
    outcome = apply(example)
    assert outcome.errors == {
        "property_major_repairs_date": [
            "The major repairs date must be before the tenancy start date"
        ],
        "property_void_date": ["The void date must be before the tenancy start date"],
        # One message to a field: the start date breaks two rules, and each is also shown
        # on its other date.
        "tenancy_start_date": ["The major repairs date must be before the tenancy start date"],
    }


def test_the_example_with_earlier_dates_is_complete(valid_example):
    completed = answers(valid_example)
    assert runner.record_status(LETTINGS_LOG, completed) is runner.RecordStatus.COMPLETED
    assert completed["total_charge"] == 325
    exported = outputs.to_json(LETTINGS_LOG, completed)
    assert exported["tenancy_start_date"] == "12/03/2019"
    assert exported["property_postcode"] == "SE2 6RT"
    assert exported["condition_effects_hearing"] is True


def keys(payload):
    return [step.key for step in runner.route(LETTINGS_LOG, answers(payload))]


@pytest.mark.parametrize("others", range(0, 8))
def test_persons_are_asked_up_to_the_household_size(others):
    route = keys({"household_number_of_other_members": others})
    asked = [key for key in route if key.startswith("person_") and key[7:].isdigit()]
    assert asked == [f"person_{n}" for n in range(2, others + 2)]


def test_fewer_household_members_clears_the_extra_persons(valid_example):
    full = answers(valid_example)
    smaller = apply({"household_number_of_other_members": 2}, full)
    assert smaller.ok, smaller.errors
    assert "person_3_age" in smaller.answers
    assert not any(key.startswith(("person_4", "person_8")) for key in smaller.answers)


@pytest.mark.parametrize(
    ("lead", "follow_up"),
    [
        ({"medical_conditions": "Yes"}, "condition_effects_types"),
        ({"medical_conditions": "Yes"}, "condition_effects"),
        ({"armed_forces": "Yes - a reserve"}, "armed_forces_active"),
        ({"armed_forces": "Yes - a regular"}, "armed_forces_partner"),
        ({"property_major_repairs": "Yes"}, "property_major_repairs_date"),
        ({"outstanding_amount": "Yes"}, "outstanding_rent_or_charges"),
        ({"reasonable_preference": "Yes"}, "reasonable_preference_reasons"),
        (
            {"reason_for_leaving_last_settled_home": "Other"},
            "other_reason_for_leaving_last_settled_home",
        ),
    ],
)
def test_follow_up_questions_apply_only_after_their_lead_answer(lead, follow_up):
    assert follow_up in keys(lead)
    assert follow_up not in keys({})


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"person_1_age": 121}, "person_1_age", "Tenant age must be between 0 and 120"),
        (
            {"household_number_of_other_members": 2, "person_3_age": -1},
            "person_3_age",
            "Person 3’s age must be between 0 and 120",
        ),
        (
            {"property_number_of_times_relet": 21},
            "property_number_of_times_relet",
            "Number of times relet must be between 0 and 20",
        ),
        (
            {"property_number_of_bedrooms": 0},
            "property_number_of_bedrooms",
            "Number of bedrooms must be between 1 and 12",
        ),
        (
            {"property_postcode": "12345"},
            "property_postcode",
            "Enter a postcode in the correct format, for example AA1 1AA",
        ),
        (
            {"fixed_term_tenancy": "1"},
            "fixed_term_tenancy",
            "Enter No, or the length of the fixed term in years, from 2 to 99",
        ),
    ],
)
def test_field_limits(payload, field, message):
    assert apply(payload).errors[field] == [message]


def test_fixed_term_accepts_no_or_two_to_ninety_nine_years():
    for value in ("No", "2", "99"):
        assert apply({"fixed_term_tenancy": value}).ok, value


def test_reasonable_preference_needs_a_reason():
    outcome = apply(
        {
            "reasonable_preference": "Yes",
            "reasonable_preference_reason_homeless": False,
            "reasonable_preference_reason_do_not_know": False,
        }
    )
    # Under the seed's key only, as its 422 example shows.
    assert outcome.errors == {
        "reasonable_preference_reason": ["If reasonable preference is Yes, a reason must be given"]
    }


def household(*people, **extra):
    payload = {"household_number_of_other_members": len(people) - 1, **extra}
    for number, person in enumerate(people, start=1):
        payload.update({f"person_{number}_{key}": value for key, value in person.items()})
    return payload


ADULT = {"age": 30, "gender": "Male", "economic_status": "Jobseeker"}


def test_children_must_be_children():
    child_working = household(
        ADULT,
        {
            "relationship": "Child - includes young adult and grown-up",
            "age": 10,
            "gender": "Male",
            "economic_status": "Jobseeker",
        },
    )
    assert apply(child_working).errors["person_2_age"] == [
        "Person 2 is under 16, so their working situation must be ‘Child under 16’"
    ]
    adult_child = household(
        ADULT,
        {"relationship": "Other", "age": 30, "gender": "Male", "economic_status": "Child under 16"},
    )
    assert apply(adult_child).errors["person_2_economic_status"] == [
        "Person 2 can only be ‘Child under 16’ if they are under 16"
    ]
    not_a_child = household(
        ADULT,
        {"relationship": "Other", "age": 8, "gender": "Male", "economic_status": "Child under 16"},
    )
    assert apply(not_a_child).errors["person_2_relationship"] == [
        "Person 2 is under 16, so their relationship to the lead tenant must be "
        "‘Child - includes young adult and grown-up’"
    ]


def test_at_most_one_partner():
    partner = {"relationship": "Partner", **ADULT}
    outcome = apply(household(ADULT, partner, partner))
    message = ["Only one person in the household can be the lead tenant’s partner"]
    assert outcome.errors["person_2_relationship"] == message
    assert outcome.errors["person_3_relationship"] == message


def test_pregnancy_needs_a_female_tenant_aged_16_to_50():
    outcome = apply(household(ADULT, {"relationship": "Other", **ADULT}, pregnancy="Yes"))
    assert outcome.errors["pregnancy"] == [
        "You must answer No as there are no female tenants aged 16-50 in the property"
    ]
    woman = {"relationship": "Partner", "age": 40, "gender": "Female", "economic_status": "Retired"}
    assert apply(household(ADULT, woman, pregnancy="Yes")).ok


def test_void_date_no_more_than_ten_years_before_the_tenancy():
    outcome = apply({"tenancy_start_date": "01/06/2020", "property_void_date": "31/05/2010"})
    assert outcome.errors["property_void_date"] == [
        "The void date must be no more than 10 years before the tenancy start date"
    ]
    assert apply({"tenancy_start_date": "01/06/2020", "property_void_date": "01/06/2010"}).ok


def test_no_universal_credit_only_income_for_a_working_lead_tenant():
    outcome = apply(
        {
            "person_1_economic_status": "Full-time - 30 hours or more",
            "net_income_uc_proportion": "All",
        }
    )
    assert outcome.errors["net_income_uc_proportion"] == [
        "Income cannot be all from Universal Credit, state pensions or benefits if the lead "
        "tenant or their partner works part time or full time"
    ]


@pytest.mark.parametrize(
    ("income", "frequency", "ok"),
    [
        (89, "Weekly", False),
        (90, "Weekly", True),
        (1230, "Weekly", True),
        (1231, "Weekly", False),
        (5330, "Monthly", True),
        (5340, "Monthly", False),
        (4680, "Yearly", True),
    ],
)
def test_net_income_hard_limits_for_full_time_work(income, frequency, ok):
    outcome = apply(
        {
            "person_1_economic_status": "Full-time - 30 hours or more",
            "net_income": income,
            "net_income_frequency": frequency,
        }
    )
    assert outcome.ok is ok
    if not ok:
        assert outcome.errors["net_income"] == [
            "Net income must be between £90 and £1230 a week when the lead tenant’s working "
            "situation is ‘Full-time - 30 hours or more’"
        ]


def test_total_charge_is_derived_and_a_wrong_total_states_the_sum():
    charges = {
        "basic_rent": 200,
        "service_charge": 50,
        "personal_service_charge": 40,
        "support_charge": 35,
    }
    assert answers(charges)["total_charge"] == 325
    assert apply({**charges, "total_charge": 300}).errors["total_charge"] == [
        "Total charge must be 325.00, the sum of basic rent, service charge, personal service "
        "charge and support charge"
    ]


def test_answers_for_questions_that_do_not_apply_are_refused():
    assert apply(
        {"property_major_repairs": "No", "property_major_repairs_date": "01/01/2020"}
    ).errors == {"property_major_repairs_date": [NOT_APPLICABLE]}


@pytest.mark.parametrize(
    ("key", "form", "payload"),
    [
        ("person_1_age", {"person_1_age": "130"}, {"person_1_age": 130}),
        ("property_postcode", {"property_postcode": "nope"}, {"property_postcode": "nope"}),
        (
            "property_number_of_bedrooms",
            {"property_number_of_bedrooms": "13"},
            {"property_number_of_bedrooms": 13},
        ),
    ],
)
def test_the_web_and_the_api_give_the_same_message(key, form, payload):
    step = runner.find_step(LETTINGS_LOG, {}, key)
    web = save_page(LETTINGS_LOG, step, MultiDict(form), {})
    field = next(iter(payload))
    assert web.errors[field] == apply(payload).errors[field]


def test_a_rule_gives_the_same_message_on_the_page(valid_example):
    stored = answers(valid_example)
    step = runner.find_step(LETTINGS_LOG, stored, "property_void_date")
    web = save_page(
        LETTINGS_LOG,
        step,
        MultiDict(
            {
                "property_void_date-day": "1",
                "property_void_date-month": "1",
                "property_void_date-year": "2020",
            }
        ),
        stored,
    )
    api = apply({"property_void_date": "01/01/2020"}, stored)
    assert web.errors["property_void_date"] == api.errors["property_void_date"]


# -- wording -----------------------------------------------------------------------------------


def test_a_bad_age_gets_one_message_however_many_rules_it_breaks():
    """A 10-year-old partner in full-time work breaks two rules through the age: the age
    carries one message, and each rule is still shown on its other field."""
    child_partner = {
        "relationship": "Partner",
        "age": 10,
        "gender": "Female",
        "economic_status": "Full-time - 30 hours or more",
    }
    errors = apply(household(ADULT, child_partner)).errors
    relationship = (
        "Person 2 is under 16, so their relationship to the lead tenant must be "
        "‘Child - includes young adult and grown-up’"
    )
    working = "Person 2 is under 16, so their working situation must be ‘Child under 16’"
    assert errors == {
        "person_2_age": [relationship],
        "person_2_relationship": [relationship],
        "person_2_economic_status": [working],
    }
    # The page asks all four at once: the summary lists each message once.
    step = runner.find_step(LETTINGS_LOG, answers(household(ADULT, {})), "person_2")
    form = {f"person_2_{key}": str(value) for key, value in child_partner.items()}
    web = save_page(LETTINGS_LOG, step, MultiDict(form), {"household_number_of_other_members": 1})
    assert all(len(messages) == 1 for messages in web.errors.values())
    assert web.errors == errors


def test_every_message_about_an_age_names_it_the_same_way():
    assert apply({"person_1_age": "abc"}).errors["person_1_age"] == ["Tenant age must be a number"]
    assert apply({"person_1_age": 4.5}).errors["person_1_age"] == [
        "Tenant age must be a whole number"
    ]
    assert apply({"person_1_age": 121}).errors["person_1_age"] == [
        "Tenant age must be between 0 and 120"
    ]


def required_messages(journey) -> dict[str, str]:
    return {q.id: q.message("required") for q in journey.all_questions if q.required}


def test_every_required_message_is_written_not_made_from_the_label():
    messages = required_messages(LETTINGS_LOG)
    assert messages["time_lived_in_la"] == (
        "Enter how long the household has lived in the local authority area"
    )
    assert messages["person_2_gender"] == "Select person 2’s gender identity"
    assert messages["cbl_letting"] == (
        "Select yes if the letting was made under choice-based lettings (CBL)"
    )
    # The seed contract's own message, for the field its example names.
    assert messages["reasonable_preference_reason"] == (
        "If reasonable preference is Yes, a reason must be given"
    )
    for question in LETTINGS_LOG.all_questions:
        if not question.required:
            continue
        label = question.short_label[:1].lower() + question.short_label[1:]
        assert messages[question.id] not in (f"Enter {label}", f"Select {label}"), question.id


def test_the_page_gives_the_written_required_message():
    step = runner.find_step(LETTINGS_LOG, {}, "time_lived_in_la")
    web = save_page(LETTINGS_LOG, step, MultiDict({"time_lived_in_la": ""}), {})
    assert web.errors == {
        "time_lived_in_la": ["Enter how long the household has lived in the local authority area"]
    }


def test_no_two_check_answers_rows_share_a_label():
    """ "Outstanding amount" labelled both the yes/no answer and the amount owed. Rows are
    shown by section, and within it by card ("Person 2"): no two share a label there."""
    for section in LETTINGS_LOG.sections:
        labels: dict[str | None, list[str]] = {}
        for page in section.pages:
            for question in page.questions:
                labels.setdefault(page.card, []).append(question.short_label)
        for card, shown in labels.items():
            assert len(shown) == len(set(shown)), (section.id, card, shown)
    rent = LETTINGS_LOG.question_by_id
    assert rent["outstanding_amount"].short_label == "Any outstanding amount after housing benefit"
    assert rent["outstanding_rent_or_charges"].short_label == "Outstanding amount"
