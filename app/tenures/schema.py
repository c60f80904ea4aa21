"""The JSON Schema of a tenure record, built from the same question definitions that read it,
and the API's component schemas made from it."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from app.api.openapi_schemas import Schema, page_of, ref
from app.formkit.outputs import json_schema
from app.journeys.tenure_household_member import HOUSEHOLD_MEMBER_VERSIONS
from app.tenures.record import LISTS, MEMBERS, OBJECTS, SCALARS, Part
from app.tenures.tenure_types import PERSON_TENURE_TYPES, TENURE_TYPES


def _object(part: Part) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for question in part.questions.values():
        properties.update(question.json_schema())
    for key in part.read_only:
        properties[key] = {"type": ["string", "null"], "readOnly": True}
    return {"type": ["object", "null"], "properties": properties, "additionalProperties": False}


def _member() -> dict[str, Any]:
    # A new member is read with the latest version: its schema is the one to send.
    member = json_schema(HOUSEHOLD_MEMBER_VERSIONS.latest)
    member["properties"] = {
        "id": {"type": "string"},
        **member["properties"],
        "personTenureType": {"enum": PERSON_TENURE_TYPES, "readOnly": True},
    }
    return member


@cache
def tenure_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {"id": {"type": "string"}}
    for question in SCALARS.values():
        properties.update(question.json_schema())
    for key, part in OBJECTS.items():
        properties[key] = _object(part)
    for key, part in LISTS.items():
        properties[key] = {"type": "array", "items": {**_object(part), "type": "object"}}
    properties[MEMBERS] = {"type": "array", "items": _member()}
    properties["tenureType"]["properties"]["code"] = {"enum": list(TENURE_TYPES)}
    properties["isActive"] = {"type": "boolean", "readOnly": True}
    properties["inArrears"] = {"type": "boolean", "readOnly": True}
    return {"title": "Tenure", "type": "object", "properties": properties}


def tenure_components() -> dict[str, Schema]:
    """The tenure API's component schemas in the OpenAPI document."""
    tenure = tenure_schema()
    members = tenure["properties"]["householdMembers"]["items"]
    return {
        "Tenure": tenure,
        # What a new tenure must have (record._check); a PATCH merges, so needs none of it.
        "Tenure-New": {
            "allOf": [ref("Tenure")],
            "required": ["tenureType", "startOfTenureDate"],
            "properties": {
                "tenureType": {"type": "object", "required": ["code"]},
                "startOfTenureDate": {"type": "string"},
            },
        },
        "HouseholdMember": copy.deepcopy(members),
        "Tenure-Search": page_of(
            ref("Tenure"),
            {
                "limit": {"type": "integer"},
                "offset": {"type": "integer"},
                "totalResults": {"type": "integer"},
            },
        ),
    }
