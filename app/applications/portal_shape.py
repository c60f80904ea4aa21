"""The portal API's shape of an application, and the journey's.

The portal sends and returns the seed's `applicants` array: the main applicant first, with
their `previousAddresses`, then up to three joint applicants. The journey keeps the main
applicant's answers at the top level, previous addresses in the `previousAddresses` group and
joint applicants in the isolated `jointApplicants` group. This module turns one into the
other, and the engine's error keys into the portal's dotted paths (`applicants.1.email`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.formkit import outputs
from app.formkit.runner import items
from app.formkit.validation import UNKNOWN_FIELD
from app.journeys.shared_ownership_application import (
    MAX_JOINT_APPLICANTS,
    SHARED_OWNERSHIP_APPLICATION,
)

JOURNEY = SHARED_OWNERSHIP_APPLICATION
JOINT = JOURNEY.group_by_id["jointApplicants"]
PREVIOUS = JOURNEY.group_by_id["previousAddresses"]
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
    data[PREVIOUS.id] = data[PREVIOUS.id] or []
    return {"listingId": listing_id, "propertyId": property_id, "applicants": [data, *joint]}


def to_journey(applicants: Any, stored: Mapping[str, Any], errors: Errors) -> dict[str, Any]:
    """The journey payload for a portal `applicants` array. Each applicant's fields are laid
    over what is stored for them; the array's length is the number of applicants."""
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

    main = dict(applicants[0])
    for field_id, message in MAIN_ONLY_JOINT_FIELDS.items():
        if main.pop(field_id, None) is not None:
            errors.add(f"applicants.0.{field_id}", message)
    if main.pop("addressSameAsMainApplicant", None) is True:
        errors.add(
            "applicants.0.addressSameAsMainApplicant",
            "The main applicant’s address is their own: give it as the home address",
        )
    stored_joint = items(stored, JOINT)
    joint = []
    for number, applicant in enumerate(applicants[1:], start=1):
        if applicant.get(PREVIOUS.id):
            errors.add(
                f"applicants.{number}.{PREVIOUS.id}",
                "Previous addresses are asked of the main applicant only",
            )
        given = {key: value for key, value in applicant.items() if key != PREVIOUS.id}
        kept = stored_joint[number - 1] if number - 1 < len(stored_joint) else {}
        joint.append({**kept, **given})
    return {**main, JOINT.id: joint}


_GROUP_KEY = re.compile(r"^(?P<group>\w+)\[(?P<index>\d+)\](?:\.(?P<field>\w+))?$")


def portal_key(key: str) -> str:
    """An engine error key as the portal's dotted path into its payload."""
    match = _GROUP_KEY.match(key)
    if match is None:
        if key == JOINT.id:
            return "applicants"
        if key == PREVIOUS.id:
            return f"applicants.0.{PREVIOUS.id}"
        return f"applicants.0.{key}"
    index, field = int(match["index"]), match["field"]
    if match["group"] == JOINT.id:
        path = f"applicants.{index + 1}"
    else:
        path = f"applicants.0.{match['group']}.{index}"
    return f"{path}.{field}" if field else path


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
