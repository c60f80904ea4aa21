"""A repeating group's own cross-field rules: each item read with its answers, a broken rule
filed under the item's field (`group[index].field`) in JSON and on the item's page."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from app.formkit import runner
from app.formkit.definition import Journey, Page, Problem, RepeatingGroup, Section
from app.formkit.questions import Number
from app.formkit.validation import apply_payload, save_page


def at_most_one_pet_per_room(answers):
    rooms, pets = answers.get("rooms"), answers.get("pets")
    if rooms is not None and pets is not None and pets > rooms:
        yield Problem(("pets",), "Pets must be no more than rooms")


def number(id: str) -> Number:
    return Number(id=id, label=id.capitalize(), min=0, required=False)


homes = RepeatingGroup(
    id="homes",
    item_name="home",
    isolated=True,
    pages=(Page.of(number("rooms")), Page.of(number("pets"))),
    rules=(at_most_one_pet_per_room,),
)
# The same rule of the record's own answers, so that a broken item rule is told apart from it.
JOURNEY = Journey(
    id="item_rules",
    title="Homes",
    sections=(
        Section(id="own", title="Your home", pages=(Page.of(number("rooms")),)),
        Section(id="others", title="Other homes", pages=(homes,)),
        Section(id="pets", title="Pets", pages=(Page.of(number("pets")),)),
    ),
    rules=(at_most_one_pet_per_room,),
)


def test_a_payload_files_an_items_broken_rule_under_the_items_field():
    payload = {"homes": [{"rooms": 3, "pets": 1}, {"rooms": 1, "pets": 2}]}
    outcome = apply_payload(JOURNEY, payload, {})
    assert outcome.errors == {"homes[1].pets": ["Pets must be no more than rooms"]}
    assert outcome.answers == {}


def test_each_item_and_the_record_are_checked_apart():
    outcome = apply_payload(
        JOURNEY, {"rooms": 1, "pets": 2, "homes": [{"rooms": 1, "pets": 2}]}, {}
    )
    assert outcome.errors == {
        "pets": ["Pets must be no more than rooms"],
        "homes[0].pets": ["Pets must be no more than rooms"],
    }
    # The record's rooms do not reach an isolated item: 2 pets in its 5 rooms are fine.
    fine = apply_payload(JOURNEY, {"rooms": 1, "homes": [{"rooms": 5, "pets": 2}]}, {})
    assert fine.ok, fine.errors


def test_an_item_already_breaking_its_rule_does_not_block_another_change():
    """A rule already broken before a change is not the change's fault (as for the record's)."""
    stored = {"homes": [{"rooms": 1, "pets": 2}]}
    outcome = apply_payload(JOURNEY, {"rooms": 4}, stored)
    assert outcome.ok, outcome.errors


def test_an_items_page_shows_its_broken_rule_on_the_question():
    answers = {"homes": [{"rooms": 3}, {"rooms": 1}]}
    step = runner.find_step(JOURNEY, answers, "homes/1/pets")
    refused = save_page(JOURNEY, step, MultiDict({"pets": "2"}), answers)
    assert refused.errors == {"pets": ["Pets must be no more than rooms"]}
    assert refused.answers == answers

    # The same number of pets in the first home, with three rooms, is fine.
    step = runner.find_step(JOURNEY, answers, "homes/0/pets")
    saved = save_page(JOURNEY, step, MultiDict({"pets": "2"}), answers)
    assert saved.ok, saved.errors
    assert saved.answers["homes"] == [{"rooms": 3, "pets": 2}, {"rooms": 1}]
