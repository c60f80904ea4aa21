"""Applying changes: a page's form or a JSON payload, with the same checks and messages."""

import pytest
from werkzeug.datastructures import MultiDict

from app.formkit import runner
from app.formkit.validation import (
    NOT_APPLICABLE,
    UNKNOWN_FIELD,
    PayloadNotObject,
    apply_payload,
    save_page,
)
from tests.formkit.conftest import answers_from
from tests.formkit.example_journey import EXAMPLE


def save(key, form, answers=None, **kwargs):
    answers = answers or {}
    step = runner.find_step(EXAMPLE, answers, key)
    return save_page(EXAMPLE, step, MultiDict(form), answers, **kwargs)


def test_a_page_saves_a_valid_answer():
    outcome = save("age", {"age": " 42 "})
    assert outcome.ok
    assert outcome.answers["age"] == 42


def test_a_required_answer_is_asked_for():
    outcome = save("age", {"age": ""})
    assert outcome.errors == {"age": ["Enter your age"]}
    assert outcome.answers == {}


def test_an_invalid_answer_is_never_stored():
    outcome = save("age", {"age": "200"}, {"age": 30})
    assert outcome.errors == {"age": ["Age must be between 16 and 120"]}
    assert outcome.answers == {"age": 30}


def test_save_for_later_does_not_ask_for_missing_answers():
    outcome = save("contact", {"contact_method": "email", "contact_email": ""}, allow_missing=True)
    assert outcome.ok
    assert outcome.answers == {"contact_method": "email"}


def test_save_for_later_refuses_an_invalid_answer_and_keeps_the_saved_one():
    saved = {"contact_method": "email", "contact_email": "ada@example.com"}
    outcome = save(
        "contact",
        {"contact_method": "email", "contact_email": "not an email"},
        saved,
        allow_missing=True,
    )
    assert list(outcome.errors) == ["contact_email"]
    assert outcome.answers == saved


def test_a_revealed_question_applies_only_with_its_option():
    outcome = save("contact", {"contact_method": "email", "contact_email": ""})
    assert outcome.errors == {"contact_email": ["Enter your email address"]}
    # With another option chosen, the hidden field is ignored, not validated.
    outcome = save("contact", {"contact_method": "none", "contact_email": "rubbish"})
    assert outcome.ok
    assert "contact_email" not in outcome.answers


def test_an_option_not_in_the_list_is_a_validation_message():
    outcome = save("contact", {"contact_method": "carrier-pigeon"})
    assert outcome.errors == {"contact_method": ["Select contact method from the list of options"]}


def test_cross_field_rules_attach_to_the_page_being_saved():
    answers = answers_from({"full_name": "A", "savings": 100})
    outcome = save("deposit", {"deposit": "500"}, answers)
    assert outcome.errors == {"deposit": ["Your deposit cannot be more than your savings"]}
    assert "deposit" not in outcome.answers
    # Lowering the savings later breaks the rule from the other side: the savings page says so.
    answers = answers_from({"deposit": 50}, answers)
    outcome = save("savings", {"savings": "10"}, answers)
    assert outcome.errors == {"savings": ["Your deposit cannot be more than your savings"]}


def test_group_items_are_added_through_their_pages():
    outcome = save("members/0/details", {"member_name": "Cy", "member_age": "7"})
    assert outcome.answers["members"] == [{"member_name": "Cy", "member_age": 7}]
    assert outcome.answers["household_size"] == 2
    outcome = save("members/1/details", {"member_name": "Di", "member_age": "9"}, outcome.answers)
    assert [m["member_name"] for m in outcome.answers["members"]] == ["Cy", "Di"]


# -- JSON ------------------------------------------------------------------------------------


def test_payload_errors_are_keyed_by_field():
    outcome = apply_payload(EXAMPLE, {"age": 200, "postcode": "nope", "colour": "red"}, {})
    assert outcome.errors == {
        "age": ["Age must be between 16 and 120"],
        "postcode": ["Enter a postcode in the correct format, for example AA1 1AA"],
        "colour": [UNKNOWN_FIELD],
    }


@pytest.mark.parametrize(
    ("key", "form", "payload"),
    [
        ("age", {"age": "200"}, {"age": 200}),
        ("age", {"age": "12.5"}, {"age": 12.5}),
        ("postcode", {"postcode": "nope"}, {"postcode": "nope"}),
        ("rent", {"rent": "-1"}, {"rent": -1}),
        (
            "move_in_date",
            {"move_in_date-day": "31", "move_in_date-month": "2", "move_in_date-year": "2020"},
            {"move_in_date": "31/02/2020"},
        ),
    ],
)
def test_the_same_bad_value_gets_the_same_message_on_the_web_and_in_json(key, form, payload):
    web = save(key, form)
    api = apply_payload(EXAMPLE, payload, {})
    field = next(iter(payload))
    assert web.errors[field] == api.errors[field]


def test_a_payload_must_be_an_object():
    with pytest.raises(PayloadNotObject):
        apply_payload(EXAMPLE, ["age", 3], {})


def test_null_clears_an_answer(complete_answers):
    outcome = apply_payload(EXAMPLE, {"full_name": None}, complete_answers)
    assert outcome.ok
    assert "full_name" not in outcome.answers


def test_derived_values_sent_must_match(complete_answers):
    outcome = apply_payload(EXAMPLE, {"total_charge": 999}, complete_answers)
    assert outcome.errors == {
        "total_charge": ["Total charge must be £130.5, the sum of the charges"]
    }
    assert apply_payload(EXAMPLE, {"total_charge": 130.5}, complete_answers).ok


def test_group_payload_errors_name_the_item():
    outcome = apply_payload(
        EXAMPLE, {"members": [{"member_name": "A", "member_age": 500}, {"shoe_size": 9}]}, {}
    )
    assert outcome.errors == {
        "members[0].member_age": ["Age must be between 0 and 120"],
        "members[1].shoe_size": [UNKNOWN_FIELD],
    }


def test_group_payload_shape_errors():
    too_many = [{"member_name": str(n)} for n in range(4)]
    assert apply_payload(EXAMPLE, {"members": too_many}, {}).errors == {
        "members": ["You can add up to 3 household members"]
    }
    assert apply_payload(EXAMPLE, {"members": "lots"}, {}).errors == {
        "members": ["Give household members as a list"]
    }
    assert apply_payload(EXAMPLE, {"members": [7]}, {}).errors == {
        "members[0]": ["Each household member must be an object"]
    }


def test_an_empty_group_list_means_none(complete_answers):
    outcome = apply_payload(EXAMPLE, {"members": []}, complete_answers)
    assert outcome.answers["members"] == []
    assert outcome.answers["household_size"] == 1
    assert "members" not in apply_payload(EXAMPLE, {"members": None}, complete_answers).answers


def test_boolean_checkboxes_are_checked_together(complete_answers):
    outcome = apply_payload(EXAMPLE, {"support_none": True}, complete_answers)
    assert outcome.errors == {
        "support_none": ["Select ‘No support’ on its own, or choose from the other options"]
    }
    fixed = apply_payload(
        EXAMPLE, {"support_none": True, "support_benefits": False}, complete_answers
    )
    assert fixed.ok


def test_answers_sent_for_questions_that_do_not_apply_are_errors(complete_answers):
    outcome = apply_payload(EXAMPLE, {"partner_name": "Ghost"}, complete_answers)
    assert outcome.errors == {"partner_name": [NOT_APPLICABLE]}
    # Sent together with the answer that makes it apply, it is accepted.
    both = apply_payload(EXAMPLE, {"has_partner": True, "partner_name": "Bo"}, complete_answers)
    assert both.ok and both.answers["partner_name"] == "Bo"
    # An item's answer that does not apply to that item is an error too.
    members = [
        {"member_name": "A", "member_age": 1},
        {"member_name": "B", "member_age": 2, "member_relationship": "other"},
    ]
    outcome = apply_payload(EXAMPLE, {"members": members}, complete_answers)
    assert outcome.errors == {"members[1].member_relationship": [NOT_APPLICABLE]}


def test_answers_that_stop_applying_are_still_cleared(complete_answers):
    with_partner = apply_payload(
        EXAMPLE, {"has_partner": True, "partner_name": "Bo"}, complete_answers
    ).answers
    outcome = apply_payload(EXAMPLE, {"has_partner": False}, with_partner)
    assert outcome.ok
    assert "partner_name" not in outcome.answers
