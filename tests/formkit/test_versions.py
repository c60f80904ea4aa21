"""Declaring a journey's later version as a change to the one before."""

import re

import pytest

from app.formkit.definition import Derived, Page, SoftCheck
from app.formkit.models import FormRecord
from app.formkit.questions import Text
from app.formkit.record_versions import check_new_record, follow_version, move_answers
from app.formkit.validation import Outcome
from app.formkit.versions import (
    AddPage,
    AddQuestion,
    AddRule,
    AddSoftCheck,
    ChangeQuestion,
    JourneyVersions,
    RemovePage,
    RemoveQuestion,
    RemoveRule,
    RemoveSoftCheck,
    RenameOption,
    ReplaceDerived,
    ReplacePage,
    ReplaceQuestion,
    ReplaceRule,
    ReplaceSoftCheck,
    VersionError,
    revise,
)
from tests.formkit.example_journey import (
    EXAMPLE,
    EXAMPLE_BY_MOVE_IN,
    EXAMPLE_TWO_VERSIONS,
    EXAMPLE_V2,
    TOO_EARLY,
    deposit_within_savings,
)

NICKNAME = Text(id="nickname", label="What do people call you?", required=False)


def no_rule(answers):
    return ()


def test_a_version_is_the_previous_one_with_its_changes_made():
    later = revise(
        EXAMPLE,
        "2",
        [
            AddPage(into="about", page=Page.of(NICKNAME), after="age"),
            RemoveQuestion("notes"),
            ChangeQuestion("age", max=110),
            RenameOption("contact_method", "email", "By email"),
            ReplaceRule(deposit_within_savings, no_rule),
            RemoveSoftCheck("rent_high"),
        ],
    )

    about = [page.id for page in later.section_by_id["about"].pages]
    assert about[:3] == ["full_name", "age", "nickname"]
    assert "notes" not in later.question_by_id
    assert later.question_by_id["age"].max == 110
    assert later.question_by_id["contact_method"].options[0].label == "By email"
    assert later.rules == (no_rule,)
    assert [check.id for check in later.soft_checks] == ["charge_over_rent"]
    assert later.version == "2"
    # The previous version is untouched.
    assert EXAMPLE.question_by_id["contact_method"].options[0].label == "Email"
    assert EXAMPLE.question_by_id["age"].max == 120
    assert "notes" in EXAMPLE.question_by_id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (RemoveQuestion("shoe_size"), "change 1 (RemoveQuestion): version 1 has no question"),
        (AddPage(into="garden", page=Page.of(NICKNAME)), "no section or repeating group 'garden'"),
        (RenameOption("contact_method", "fax", "Fax"), "no option 'fax' in question"),
        (ReplaceRule(no_rule, no_rule), "no rule no_rule"),
        (
            AddPage(into="about", page=Page.of(EXAMPLE.question_by_id["age"])),
            "'age' is declared twice",
        ),
    ],
)
def test_a_change_that_does_not_fit_the_previous_version_is_refused_at_import(change, message):
    with pytest.raises(VersionError, match=re.escape(message)):
        revise(EXAMPLE, "2", [change])


def test_records_from_before_versions_read_with_the_first():
    later = revise(EXAMPLE, "2", [RemoveQuestion("notes")])
    versions = JourneyVersions([EXAMPLE, later])

    assert versions.get(None) is EXAMPLE
    assert versions.get("2") is later
    assert versions.for_answers({}) is later
    with pytest.raises(VersionError, match="no version '3'"):
        versions.get("3")


def test_every_other_kind_of_change():
    """AddQuestion, ReplaceQuestion, ReplacePage, RemovePage, AddRule, RemoveRule,
    AddSoftCheck, ReplaceSoftCheck and ReplaceDerived, each made where it says."""
    longer_name = Text(
        id="full_name",
        label="What is your name?",
        max_length=80,
        messages={"required": "Enter your name"},
    )
    region_page = Page.of(
        Text(id="region", label="Which region?", messages={"required": "Enter your region"})
    )

    def rent_under_savings(answers):
        return ()

    def flat_charge(answers):
        return 10

    later = revise(
        EXAMPLE,
        "2",
        [
            AddQuestion("age", NICKNAME, after="age"),
            ReplaceQuestion(longer_name),
            ReplacePage(region_page),
            RemovePage("no_postcode_reason"),
            AddRule(rent_under_savings),
            RemoveRule(deposit_within_savings),
            AddSoftCheck(SoftCheck(id="no_savings", fields=("savings",), check=lambda a: None)),
            ReplaceSoftCheck(SoftCheck(id="rent_high", fields=("rent",), check=lambda a: None)),
            ReplaceDerived(Derived(id="total_charge", label="Total", compute=flat_charge)),
        ],
    )

    assert [q.id for q in later.page_index["age"][2].questions] == ["age", "nickname"]
    assert later.question_by_id["full_name"].max_length == 80
    assert later.question_by_id["region"].label == "Which region?"
    assert "no_postcode_reason" not in later.page_index
    assert later.rules == (rent_under_savings,)
    assert [check.id for check in later.soft_checks] == [
        "rent_high",
        "charge_over_rent",
        "no_savings",
    ]
    assert later.soft_check_by_id["rent_high"].check({"rent": 5000}) is None
    assert later.derived_by_id["total_charge"].compute({}) == 10
    # Version 1 is as it was.
    assert EXAMPLE.rules == (deposit_within_savings,)
    assert "no_postcode_reason" in EXAMPLE.page_index


def test_a_record_is_read_with_the_very_definition_of_its_version():
    """Looking a version up is a dict lookup: the same object every time, never rebuilt."""
    record = FormRecord(journey="example", definition_version="1")
    assert EXAMPLE_TWO_VERSIONS.for_record(record) is EXAMPLE
    record.definition_version = "2"
    assert EXAMPLE_TWO_VERSIONS.for_record(record) is EXAMPLE_V2
    assert EXAMPLE_TWO_VERSIONS.for_record(record) is EXAMPLE_TWO_VERSIONS.for_record(record)


def test_a_change_within_one_version_stays_in_it():
    before = {"full_name": "Ada"}
    outcome = Outcome({"full_name": "Ada", "age": 40})
    # Not chosen by the answers: a record keeps its version whatever changes.
    assert follow_version(EXAMPLE_TWO_VERSIONS, EXAMPLE, before, outcome) == (EXAMPLE, outcome)
    # Chosen by the answers, but the answers still call for the same version.
    dated = Outcome({"move_in_date": "2020-02-01", "age": 40})
    assert follow_version(EXAMPLE_BY_MOVE_IN, EXAMPLE, before, dated) == (EXAMPLE, dated)


def test_moving_answers_keeps_what_the_new_version_accepts():
    answers = {"full_name": "Ada", "age": 17, "notes": "Hi", "savings": 100, "deposit": 90}
    moved, errors = move_answers(EXAMPLE_V2, answers)
    assert (moved, errors) == ({"full_name": "Ada", "savings": 100}, {})
    # The changed answer is never cleared: its broken rule is the error instead.
    moved, errors = move_answers(EXAMPLE_V2, answers, keep=frozenset({"deposit"}))
    assert errors == {"deposit": ["Your deposit cannot be more than half your savings"]}


def test_refused_answers_come_from_the_versions_hook():
    assert check_new_record(EXAMPLE_TWO_VERSIONS, {"move_in_date": "1999-01-01"}) == {}
    assert check_new_record(EXAMPLE_BY_MOVE_IN, {"move_in_date": "1999-01-01"}) == {
        "move_in_date": [TOO_EARLY]
    }
    assert check_new_record(EXAMPLE_BY_MOVE_IN, {"move_in_date": "2001-01-01"}) == {}
