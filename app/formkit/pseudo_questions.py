"""The engine's own questions: "add another", "remove", and the declaration.

They are ordinary questions, so they render and validate like every other page.
"""

from __future__ import annotations

from functools import cache

from app.formkit.definition import Journey, Page, RepeatingGroup
from app.formkit.questions import Checkboxes, Option, YesNo


@cache
def add_another_page(group: RepeatingGroup) -> Page:
    question = YesNo(
        id="add_another",
        label=f"Do you need to add another {group.item_name}?",
        messages={"required": f"Select yes if you need to add another {group.item_name}"},
    )
    return Page(id="add_another", questions=(question,), title=group.heading)


@cache
def remove_page(group: RepeatingGroup) -> Page:
    question = YesNo(
        id="confirm_remove",
        label=f"Are you sure you want to remove this {group.item_name}?",
        messages={"required": f"Select yes if you want to remove this {group.item_name}"},
    )
    return Page(id="confirm_remove", questions=(question,))


@cache
def declaration_page(journey: Journey) -> Page:
    question = Checkboxes(
        id="declaration",
        label="Declaration",
        options=(Option("confirmed", journey.declaration),),
        messages={"required": "You must confirm the declaration before you submit"},
    )
    return Page(id="declaration", questions=(question,), title=f"Submit your {journey.record_name}")
