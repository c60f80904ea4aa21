"""The OpenAPI document's shared schemas: the error bodies every API answers with, and the
helpers each domain's schemas are written with.

Each domain gives its own component schemas, built from the definitions its API uses (the case
log's and the portal's journeys through `outputs.json_schema`, tenures' `tenure_schema()`,
probation's declared seed shapes), through the `ApiDocs` of its operations
(app/api/openapi_operations.py).
"""

from __future__ import annotations

from typing import Any

from app.api.responses import MAX_REPORTED_ERRORS
from app.db_ids import MAX_ID

Schema = dict[str, Any]


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


STRING = {"type": "string"}
TIMESTAMP = {"type": "string", "description": "An ISO 8601 date and time"}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
MESSAGES = {"type": "object", "additionalProperties": {"type": "array", "items": STRING}}
ERROR_COUNT = {
    "type": "integer",
    "description": (
        f"Sent when `errors` holds only the first {MAX_REPORTED_ERRORS} fields: how many there were"
    ),
}


# -- errors -------------------------------------------------------------------------------------


def error_schemas() -> dict[str, Schema]:
    return {
        "Error": {
            "type": "object",
            "description": "Any error: a message for people under `error`.",
            "required": ["error"],
            "properties": {
                "error": STRING,
                "errors": MESSAGES,
                "errorCount": ERROR_COUNT,
                "reference": {
                    "type": "string",
                    "description": "For an unexpected error: quote it to support",
                },
            },
        },
        "ValidationErrors": {
            "type": "object",
            "description": "Invalid answers: each field's messages, as on the web pages.",
            "required": ["errors"],
            "properties": {"errors": MESSAGES, "errorCount": ERROR_COUNT},
        },
        "PortalValidationErrors": {
            "type": "object",
            "description": "Invalid data; keys are dotted paths such as applicants.0.email.",
            "required": ["message", "errors"],
            "properties": {"message": STRING, "errors": MESSAGES, "errorCount": ERROR_COUNT},
        },
        "CaseDataProblem": {
            "type": "object",
            "description": "An error about a probation case, in the seed's shape.",
            "required": ["status", "message"],
            "properties": {"status": {"type": "integer"}, "message": STRING, "reason": STRING},
        },
    }


def page_of(item: Schema, metadata: dict[str, Schema]) -> Schema:
    """A page of a list: `data`, its items, and `metadata` about the page (all required)."""
    return {
        "type": "object",
        "required": ["data", "metadata"],
        "properties": {
            "data": {"type": "array", "items": item},
            "metadata": {
                "type": "object",
                "required": list(metadata),
                "properties": metadata,
            },
        },
    }
