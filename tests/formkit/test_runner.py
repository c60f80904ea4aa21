"""Routing, status, progress and clearing, computed from the example definition."""

import pytest

from app.formkit import runner
from app.formkit.runner import RecordStatus, SectionStatus
from tests.formkit.conftest import answers_from
from tests.formkit.example_journey import EXAMPLE

ABOUT, HOME, HOUSEHOLD, MONEY = EXAMPLE.sections


def keys(section, answers):
    return [step.key for step in runner.section_steps(section, answers)]


def test_route_of_an_empty_record():
    assert keys(ABOUT, {}) == [
        "full_name",
        "age",
        "move_in_date",
        "contact",
        "postcode",
        "no_postcode_reason",  # NotAnswered("postcode")
        "region",
    ]
    assert keys(HOME, {}) == [
        "has_partner",
        "rent",
        "service_charge",
        "access_needs",
        "support",
        "notes",
    ]
    assert keys(HOUSEHOLD, {}) == ["members"]  # no items yet: just the "add another" page


def test_pages_apply_by_condition():
    assert "region_detail" in keys(ABOUT, {"region": "north"})  # OneOf
    assert "region_detail" not in keys(ABOUT, {"region": "wales"})
    assert "no_postcode_reason" not in keys(ABOUT, {"postcode": "SW1A 1AA"})
    assert "partner_name" in keys(HOME, {"has_partner": True})  # Equals
    assert "partner_care" not in keys(HOME, {"has_partner": True, "age": 59})
    assert "partner_care" in keys(HOME, {"has_partner": True, "age": 60})  # AND with Compare
    assert "partner_care" not in keys(HOME, {"has_partner": False, "age": 70})


def test_repeating_group_pages_and_item_conditions():
    one = {"members": [{"member_name": "A"}]}
    assert keys(HOUSEHOLD, one) == [
        "members/0/details",
        "members/0/member_relationship",
        "members",
    ]
    two = {"members": [{"member_name": "A"}, {"member_name": "B"}]}
    # Only the first item is asked the relationship question (a condition on the item index).
    assert keys(HOUSEHOLD, two) == [
        "members/0/details",
        "members/0/member_relationship",
        "members/1/details",
        "members",
    ]


def test_a_group_with_a_minimum_starts_with_its_first_item():
    from dataclasses import replace

    group = replace(HOUSEHOLD.pages[0], min_count=1)
    section = replace(HOUSEHOLD, pages=(group,))
    assert keys(section, {}) == ["members/0/details", "members/0/member_relationship", "members"]


@pytest.mark.parametrize(
    ("key", "found"),
    [
        ("members/1/details", True),  # the next new item
        ("members/2/details", False),  # skips an item
        ("members/0/details", True),
        ("members/x/details", False),
        ("members/1/nope", False),
        ("nope", False),
        ("region_detail", False),  # does not apply
    ],
)
def test_find_step_only_finds_applicable_pages(key, found):
    answers = {"members": [{"member_name": "A"}], "region": "wales"}
    assert (runner.find_step(EXAMPLE, answers, key) is not None) is found


def test_no_new_item_beyond_the_maximum():
    full = {"members": [{"member_name": str(n)} for n in range(3)]}
    assert runner.find_step(EXAMPLE, full, "members/3/details") is None


def test_next_and_previous_skip_pages_that_do_not_apply():
    answers = {"postcode": "SW1A 1AA"}
    postcode = runner.find_step(EXAMPLE, answers, "postcode")
    assert runner.next_step(EXAMPLE, answers, postcode).key == "region"
    region = runner.find_step(EXAMPLE, answers, "region")
    assert runner.previous_step(EXAMPLE, answers, region).key == "postcode"
    first = runner.find_step(EXAMPLE, answers, "full_name")
    assert runner.previous_step(EXAMPLE, answers, first) is None
    last = runner.find_step(EXAMPLE, {"region": "wales"}, "region")
    assert runner.next_step(EXAMPLE, {"region": "wales"}, last) is None  # end of section


def test_previous_from_a_new_item_goes_to_the_summary():
    answers = {"members": [{"member_name": "A"}]}
    new_item = runner.find_step(EXAMPLE, answers, "members/1/details")
    assert runner.previous_step(EXAMPLE, answers, new_item).key == "members"


def test_section_statuses(complete_answers):
    statuses = {s.id: runner.section_status(EXAMPLE, s, {}) for s in EXAMPLE.sections}
    assert statuses == {
        "about": SectionStatus.NOT_STARTED,
        "home": SectionStatus.NOT_STARTED,
        "household": SectionStatus.NOT_STARTED,
        "money": SectionStatus.CANNOT_START,  # depends on "about"
    }
    partial = answers_from({"full_name": "Ada"})
    assert runner.section_status(EXAMPLE, ABOUT, partial) is SectionStatus.IN_PROGRESS
    assert runner.section_status(EXAMPLE, HOUSEHOLD, {"members": []}) is SectionStatus.COMPLETED
    for section in EXAMPLE.sections:
        assert runner.section_status(EXAMPLE, section, complete_answers) is SectionStatus.COMPLETED


def test_record_status_and_progress(complete_answers):
    assert runner.record_status(EXAMPLE, {}) is RecordStatus.NOT_STARTED
    partial = answers_from({"full_name": "Ada", "age": 40})
    assert runner.record_status(EXAMPLE, partial) is RecordStatus.IN_PROGRESS
    assert runner.record_status(EXAMPLE, complete_answers) is RecordStatus.COMPLETED
    answered, total = runner.progress(EXAMPLE, partial)
    assert answered == 2
    assert total == runner.progress(EXAMPLE, {})[1]
    answered, total = runner.progress(EXAMPLE, complete_answers)
    assert answered == total


def test_optional_questions_left_blank_count_as_answered():
    skipped = answers_from({"notes": None})
    assert "notes" in skipped
    notes = runner.find_step(EXAMPLE, skipped, "notes")
    assert runner.step_done(notes, skipped)


def test_first_unanswered_step(complete_answers):
    assert runner.first_unanswered_step(EXAMPLE, {}).key == "full_name"
    assert runner.first_unanswered_step(EXAMPLE, answers_from({"full_name": "A"})).key == "age"
    missing_rent = {k: v for k, v in complete_answers.items() if k != "rent"}
    assert runner.first_unanswered_step(EXAMPLE, missing_rent).key == "rent"
    assert runner.first_unanswered_step(EXAMPLE, complete_answers) is None
    no_group_answer = {k: v for k, v in complete_answers.items() if k != "members"}
    assert runner.first_unanswered_step(EXAMPLE, no_group_answer).key == "members"


def test_changing_an_answer_clears_what_no_longer_applies(complete_answers):
    with_partner = answers_from({"has_partner": True, "partner_name": "Bo"}, complete_answers)
    assert with_partner["partner_name"] == "Bo"
    without = answers_from({"has_partner": False}, with_partner)
    assert "partner_name" not in without


def test_clearing_follows_chains_and_reveals(complete_answers):
    # Changing the contact method clears the answer revealed by the old one.
    by_phone = answers_from(
        {"contact_method": "phone", "contact_phone": "07700 900982"}, complete_answers
    )
    assert "contact_email" not in by_phone
    # Removing the postcode makes its follow-up apply; giving it back clears the follow-up.
    no_postcode = answers_from({"postcode": None, "no_postcode_reason": "New build"}, by_phone)
    assert no_postcode["no_postcode_reason"] == "New build"
    again = answers_from({"postcode": "SW1A 1AA"}, no_postcode)
    assert "no_postcode_reason" not in again


def test_clearing_inside_group_items(complete_answers):
    # A stored answer on an item the question does not apply to is removed.
    stored = {
        **complete_answers,
        "members": [
            {"member_name": "A", "member_age": 1, "member_relationship": "child"},
            {"member_name": "B", "member_age": 2, "member_relationship": "other"},
        ],
    }
    answers = runner.clear_inapplicable(EXAMPLE, stored)
    assert answers["members"][0]["member_relationship"] == "child"
    assert "member_relationship" not in answers["members"][1]


def test_derived_values(complete_answers):
    assert complete_answers["total_charge"] == 130.5
    assert complete_answers["household_size"] == 2
    without_rent = answers_from({"rent": None}, complete_answers)
    assert "total_charge" not in without_rent


def test_clearing_is_stable(complete_answers):
    assert runner.clear_inapplicable(EXAMPLE, complete_answers) == complete_answers
