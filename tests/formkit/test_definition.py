"""Checks a journey definition must pass when it is declared, so a mistake fails at import."""

import pytest

from app.formkit.definition import Journey, Page, RepeatingGroup, Section
from app.formkit.questions import Number, Radios, Text, YesNo

ASKED = Text(id="name", label="What is your name?", messages={"required": "Enter your name"})


def journey_of(*pages) -> Journey:
    return Journey(id="j", title="J", sections=(Section(id="s", title="S", pages=pages),))


@pytest.mark.parametrize(
    "question",
    [
        Text(id="time_lived_in_la", label="How long has the household lived here?"),
        Radios(id="tenure", label="Tenure"),
        YesNo(id="pets", label="Do you have pets?", messages={"choice": "Select yes or no"}),
    ],
)
def test_a_required_question_without_a_written_message_is_refused(question):
    with pytest.raises(ValueError, match=f"required question '{question.id}' needs a written"):
        journey_of(Page.of(ASKED), Page.of(question))


def test_the_check_covers_the_questions_of_repeating_groups():
    group = RepeatingGroup(
        id="people", item_name="person", pages=(Page.of(Number(id="age", label="Age")),)
    )
    with pytest.raises(ValueError, match="required question 'age'"):
        journey_of(Page.of(ASKED), group)


def test_an_optional_question_needs_no_required_message():
    journey = journey_of(Page.of(ASKED), Page.of(Text(id="nick", label="Nickname", required=False)))
    assert [q.id for q in journey.all_questions] == ["name", "nick"]


def test_a_group_names_several_items_in_its_own_plural():
    addresses = RepeatingGroup(
        id="previous",
        item_name="previous address",
        item_plural="previous addresses",
        pages=(Page.of(ASKED),),
    )
    assert addresses.count_of(1) == "1 previous address"
    assert addresses.count_of(3) == "3 previous addresses"
    assert addresses.heading == "Previous addresses"
    members = RepeatingGroup(id="members", item_name="household member", pages=(Page.of(ASKED),))
    assert (members.plural, members.count_of(2)) == ("household members", "2 household members")
