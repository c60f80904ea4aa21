"""The portal API's shape of an application, and the journey's.

The portal sends and returns the seed's `applicants` array: the main applicant first, then up
to three joint applicants, each with their `previousAddresses`. The journey keeps the main
applicant's answers at the top level, their previous addresses in the `previousAddresses`
group, and joint applicants in the isolated `jointApplicants` group, each with their own
`previousAddresses` group inside. This module turns one into the other, and the engine's
error keys into the portal's dotted paths (`applicants.1.previousAddresses.0.postcode`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.formkit import outputs
from app.formkit.questions import Date, Invalid
from app.formkit.runner import clear_inapplicable, items
from app.formkit.validation import UNKNOWN_FIELD
from app.journeys.shared_ownership_application import (
    MAX_JOINT_APPLICANTS,
    SHARED_OWNERSHIP_APPLICATION,
)

JOURNEY = SHARED_OWNERSHIP_APPLICATION
JOINT = JOURNEY.group_by_id["jointApplicants"]
PREVIOUS = JOURNEY.group_by_id["previousAddresses"]
JOINT_QUESTIONS = {field_id: q for q in JOINT.questions for field_id in q.fields()}


def _dates(questions) -> dict[str, Date]:
    return {q.id: q for q in questions if isinstance(q, Date)}


MAIN_DATES = _dates(JOURNEY.top_level_questions)
JOINT_DATES = _dates(JOINT.questions)
PREVIOUS_DATES = _dates(PREVIOUS.questions)
# The seed's date format, Y-m-d: four-digit year, two-digit month and day.
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# A message template, read by Question.message with the question's noun.
DATE_FORMAT = "{Noun} must be in the format YYYY-MM-DD, like 2022-01-31"
_ITEM_KEY = re.compile(r"^(?P<group>\w+)\[(?P<index>[0-9]+)\]$")
# Fields of the request object besides the applicants.
RECORD_FIELDS = ("listingId", "propertyId")

MAIN_ONLY_JOINT_FIELDS = {
    "relationshipToPrimary": "Only joint applicants have a relationship to the main applicant",
}


class Errors(dict):
    """{dotted path: [messages]}"""

    def add(self, key: str, message: str) -> None:
        self.setdefault(key, []).append(message)


def form_fields(answers: Mapping[str, Any], listing_id: int, property_id: int | None) -> dict:
    """The application's answers as the portal's request object."""
    data = outputs.to_json(JOURNEY, answers)
    joint = data.pop(JOINT.id) or []
    applicants = [data, *joint]
    for applicant in applicants:
        applicant[PREVIOUS.id] = applicant[PREVIOUS.id] or []
    return {"listingId": listing_id, "propertyId": property_id, "applicants": applicants}


def to_journey(applicants: Any, stored: Mapping[str, Any], errors: Errors) -> dict[str, Any]:
    """The journey payload for a portal `applicants` array. Each applicant's fields are laid
    over what is stored for them; the array's length is the number of applicants.

    A value the portal itself refuses (a field asked of the other kind of applicant, a date not
    written as Y-m-d) is added to `errors` and left out, so the engine still checks the rest.
    Structural problems (not a list of objects, too many applicants) give an empty payload."""
    if not isinstance(applicants, list) or not applicants:
        errors.add("applicants", "Give the applicants as a list, the main applicant first")
        return {}
    if len(applicants) > 1 + MAX_JOINT_APPLICANTS:
        errors.add("applicants", f"You can add up to {MAX_JOINT_APPLICANTS} joint applicants")
        return {}
    for index, applicant in enumerate(applicants):
        if not isinstance(applicant, dict):
            errors.add(f"applicants.{index}", "Each applicant must be an object")
    if "applicants" in errors or any(key.startswith("applicants.") for key in errors):
        return {}

    main = _main_applicant(applicants[0], errors)
    stored_joint = items(stored, JOINT)
    joint = []
    for number, applicant in enumerate(applicants[1:], start=1):
        given = _without_bad_dates(applicant, JOINT_DATES, f"applicants.{number}", errors)
        _previous_without_bad_dates(given, f"applicants.{number}", errors)
        kept = stored_joint[number - 1] if number - 1 < len(stored_joint) else {}
        joint.append((kept, given))
    return {**main, JOINT.id: _joint_items(joint)}


def _main_applicant(applicant: Mapping[str, Any], errors: Errors) -> dict[str, Any]:
    main = dict(applicant)
    for field_id, message in MAIN_ONLY_JOINT_FIELDS.items():
        if main.pop(field_id, None) is not None:
            errors.add(f"applicants.0.{field_id}", message)
    if main.pop("addressSameAsMainApplicant", None) is True:
        errors.add(
            "applicants.0.addressSameAsMainApplicant",
            "The main applicant’s address is their own: give it as the home address",
        )
    if JOINT.id in main:  # joint applicants are the array's later items, not a field
        main.pop(JOINT.id)
        errors.add(f"applicants.0.{JOINT.id}", UNKNOWN_FIELD)
    main = _without_bad_dates(main, MAIN_DATES, "applicants.0", errors)
    _previous_without_bad_dates(main, "applicants.0", errors)
    return main


def _previous_without_bad_dates(applicant: dict, path: str, errors: Errors) -> None:
    """An applicant's previous addresses, each less any date not written as Y-m-d."""
    previous = applicant.get(PREVIOUS.id)
    if isinstance(previous, list):
        applicant[PREVIOUS.id] = [
            _without_bad_dates(item, PREVIOUS_DATES, f"{path}.{PREVIOUS.id}.{index}", errors)
            if isinstance(item, dict)
            else item
            for index, item in enumerate(previous)
        ]


def _joint_items(joint: list[tuple[dict, dict]]) -> list[dict[str, Any]]:
    """Each joint applicant's given answers over their stored ones. A stored answer that stops
    applying because of what is given (an employer once they no longer work) is left out, as
    the engine clears the main applicant's; given answers are all kept, for the engine to
    check (and to refuse if they do not apply)."""
    parsed = [
        {**kept, **{key: _parsed(key, value) for key, value in given.items()}}
        for kept, given in joint
    ]
    applying = items(clear_inapplicable(JOURNEY, {JOINT.id: parsed}), JOINT)
    return [
        {
            **{key: value for key, value in kept.items() if key in applying[index]},
            **given,
        }
        for index, (kept, given) in enumerate(joint)
    ]


def _parsed(field_id: str, value: Any) -> Any:
    """A joint applicant's answer as the engine will store it, so conditions read it the same
    way (the id 1 sent as "1"); as sent if it is invalid (the engine will refuse it)."""
    question = JOINT_QUESTIONS.get(field_id)
    if question is None:
        return value
    try:
        return question.parse_json_field(field_id, value)
    except Invalid:
        return value


def _without_bad_dates(
    values: Mapping[str, Any], dates: Mapping[str, Date], path: str, errors: Errors
) -> dict[str, Any]:
    """The values less any date not written as the seed's Y-m-d (the engine would also take
    dd/mm/yyyy), each such date reported."""
    kept = dict(values)
    for field_id, question in dates.items():
        value = kept.get(field_id)
        if isinstance(value, str) and value.strip() and not ISO_DATE.match(value.strip()):
            kept.pop(field_id)
            errors.add(f"{path}.{field_id}", question.message(DATE_FORMAT))
    return kept


def portal_key(key: str) -> str:
    """An engine error key as the portal's dotted path into its payload: a joint
    applicant's `jointApplicants[0].previousAddresses[1].postcode` is
    `applicants.1.previousAddresses.1.postcode`, and the main applicant's `email` is
    `applicants.0.email`."""
    if key == JOINT.id:
        return "applicants"
    segments = key.split(".")
    first = _ITEM_KEY.match(segments[0])
    if first is not None and first["group"] == JOINT.id:
        path, rest = [f"applicants.{int(first['index']) + 1}"], segments[1:]
    else:
        path, rest = ["applicants.0"], segments
    for segment in rest:
        item = _ITEM_KEY.match(segment)
        path.append(f"{item['group']}.{int(item['index'])}" if item else segment)
    return ".".join(path)


def portal_errors(engine_errors: Mapping[str, list[str]], errors: Errors) -> Errors:
    for key, messages in engine_errors.items():
        for message in messages:
            errors.add(portal_key(key), message)
    return errors


def unknown_record_fields(payload: Mapping[str, Any], allowed: tuple[str, ...]) -> Errors:
    errors = Errors()
    for key in payload:
        if key not in (*RECORD_FIELDS, "applicants", *allowed):
            errors.add(key, UNKNOWN_FIELD)
    return errors
