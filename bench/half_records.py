"""Records half-way through a real journey, for the page benchmarks and their query budget:
the answers of the first half of the route a complete record takes, and the page where the
user has got to, with what they type on it."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from app.applications.portal_shape import Errors, to_journey
from app.formkit import runner
from app.formkit.definition import Journey
from app.formkit.validation import apply_payload
from app.journeys.lettings_log import LETTINGS_LOG
from app.journeys.shared_ownership_application import SHARED_OWNERSHIP_APPLICATION

# The pages offer CORE's options: a browser cannot pick the two values of the seed's example
# log that CORE's form never offered, so a user picks CORE's nearest.
OFFERED_INSTEAD = {
    "rent_frequency": "Weekly for 52 weeks",
    "armed_forces_active": "No - they left up to 5 years ago",
}


@dataclass(frozen=True)
class HalfRecord:
    answers: dict[str, Any]  # what is stored: the first half of the route, answered
    page: str  # the key of the last page answered, a top-level question page
    form: list[tuple[str, str]]  # what a user types on that page to give the same answers


def valid_answers(journey: Journey, payload: dict[str, Any]) -> dict[str, Any]:
    outcome = apply_payload(journey, payload, {})
    if not outcome.ok:
        raise ValueError(f"the example {journey.id} is not valid: {outcome.errors}")
    return outcome.answers


def page_form(journey: Journey, page_id: str, answers: dict[str, Any]) -> list[tuple[str, str]]:
    return form_inputs(journey.page_index[page_id][2].questions, answers)


def form_inputs(questions, answers: dict[str, Any]) -> list[tuple[str, str]]:
    """What a user types and picks to give these answers to these questions (checkboxes
    repeat their name, a date has day, month and year inputs)."""
    data = []
    for question in questions:
        value = question.form_value(answers)
        if isinstance(value, dict):
            data += [(f"{question.id}-{part}", str(v)) for part, v in value.items()]
        elif isinstance(value, list):
            data += [(question.id, str(v)) for v in value]
        else:
            data.append((question.id, str(value)))
    return data


def half_of(journey: Journey, complete: dict[str, Any]) -> HalfRecord:
    """The complete record's answers up to the middle of its route, ending on a top-level
    question page (pages of repeating groups are kept whole)."""
    route = runner.route(journey, complete)
    middle = next(
        number
        for number in range(len(route) // 2, len(route))
        if route[number].group is None and route[number].page is not None
    )
    kept: dict[str, Any] = {}
    for step in route[: middle + 1]:
        fields = [step.group.id] if step.group is not None else step.page.fields
        kept.update({key: complete[key] for key in fields if key in complete})
    page = route[middle].page.id
    return HalfRecord(kept, page, page_form(journey, page, kept))


def lettings_log(example: dict[str, Any]) -> HalfRecord:
    """The seed's example log, with the options the pages offer where the example has values
    they do not, half-way."""
    return half_of(LETTINGS_LOG, valid_answers(LETTINGS_LOG, {**example, **OFFERED_INSTEAD}))


def application(applicant_parts: list[dict[str, Any]]) -> HalfRecord:
    """A main applicant made of these parts (portal fields), half-way."""
    applicant: dict[str, Any] = {}
    for part in copy.deepcopy(applicant_parts):
        applicant.update(part)
    errors = Errors()
    payload = to_journey([applicant], {}, errors)
    if errors:
        raise ValueError(f"the example applicant is not valid: {errors}")
    return half_of(
        SHARED_OWNERSHIP_APPLICATION, valid_answers(SHARED_OWNERSHIP_APPLICATION, payload)
    )
