"""The probation case data API's schemas, from the seed's declared shapes (probation/schema.py)."""

from __future__ import annotations

from app.api.openapi_schemas import STRING, Schema, nullable
from app.probation import schema as probation

_SCALARS = {
    "text": STRING,
    "flag": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "whole": {"type": "integer"},
}


def field_schema(field: probation.Field) -> Schema:
    """The JSON Schema of a declared probation field, as responses write it (`shaped`)."""
    if field.kind == "object":
        fields = field.fields or {}
        schema: Schema = {
            "type": "object",
            "required": list(fields),
            "properties": {key: field_schema(sub) for key, sub in fields.items()},
            "additionalProperties": False,
        }
    elif field.kind == "list":
        return {"type": "array", "items": field_schema(field.item)}
    else:
        schema = dict(_SCALARS[field.kind])
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
    return schema if field.required else nullable(schema)


def probation_components() -> dict[str, Schema]:
    """The probation case data API's component schemas in the OpenAPI document."""
    return {
        "CaseDetails": field_schema(probation.record(probation.CASE_DETAILS, True)),
        "PersonalDetails": field_schema(probation.record(probation.PERSONAL_DETAILS, True)),
        "UserAccess": {
            "type": "object",
            "required": ["crn", "userExcluded", "userRestricted"],
            "properties": {
                "crn": STRING,
                "userExcluded": {"type": "boolean"},
                "userRestricted": {"type": "boolean"},
                "exclusionMessage": STRING,
                "restrictionMessage": STRING,
            },
            "additionalProperties": False,
        },
    }
