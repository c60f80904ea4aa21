"""Declaring a journey's later version as a change to the one before."""

import re

import pytest

from app.formkit.definition import Page
from app.formkit.questions import Text
from app.formkit.versions import (
    AddPage,
    ChangeQuestion,
    JourneyVersions,
    RemoveQuestion,
    RemoveSoftCheck,
    RenameOption,
    ReplaceRule,
    VersionError,
    revise,
)
from tests.formkit.example_journey import EXAMPLE, deposit_within_savings

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
