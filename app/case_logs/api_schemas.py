"""The case log API's component schemas in the OpenAPI document, from the lettings journey."""

from __future__ import annotations

import copy

from app.api.openapi_schemas import TIMESTAMP, Schema, page_of, ref
from app.formkit.outputs import json_schema
from app.journeys.lettings_log import LETTINGS_LOG


def case_log_components() -> dict[str, Schema]:
    answers = json_schema(LETTINGS_LOG)
    log = copy.deepcopy(answers)
    log["title"] = "Case-Log"
    log["required"] = ["id", "status", "created_at", "updated_at"]
    log["properties"] = {
        "id": {"type": "integer", "readOnly": True},
        "status": {"enum": ["in_progress", "completed", "submitted"], "readOnly": True},
        **log["properties"],
        "created_at": {**TIMESTAMP, "readOnly": True},
        "updated_at": {**TIMESTAMP, "readOnly": True},
        "warnings": {
            "type": "array",
            "readOnly": True,
            "description": "Unusual answers, which do not block a save.",
            "items": {"type": "object"},
        },
    }
    return {
        "Case-Log-Answers": {**answers, "title": "Case log answers"},
        "Case-Log": log,
        "Case-Log-Page": page_of(
            ref("Case-Log"),
            {
                "page": {"type": "integer"},
                "page_size": {"type": "integer"},
                "total": {"type": "integer"},
            },
        ),
    }
