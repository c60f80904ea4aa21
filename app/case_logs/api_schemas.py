"""The case log API's component schemas in the OpenAPI document, from the lettings journey:
one pair (answers, log) for each version of the form, and `Case-Log-Answers` and `Case-Log`
for a log of any year."""

from __future__ import annotations

import copy

from app.api.openapi_schemas import TIMESTAMP, Schema, page_of, ref
from app.formkit.definition import Journey
from app.formkit.outputs import json_schema
from app.journeys.lettings_log import LETTINGS_LOG_VERSIONS

COLLECTION_YEAR = {
    "type": "string",
    "pattern": "^[0-9]{4}/[0-9]{2}$",
    "readOnly": True,
    "description": "The log's collection year (1 April to 31 March), by its tenancy start date; "
    "until it has one, the current year. Its answers are checked with that year's form.",
    "examples": ["2027/28"],
}


def _suffix(journey: Journey) -> str:
    return journey.version.replace("/", "-")


def _years_of(journey: Journey) -> str:
    years = LETTINGS_LOG_VERSIONS.shipped_years()
    index = [version.version for version in LETTINGS_LOG_VERSIONS].index(journey.version)
    if len(years) == 1:
        return "every tenancy"
    if index == 0:
        return f"tenancies starting before {years[1].first_day:%-d %B %Y}"
    if index == len(years) - 1:
        return f"tenancies starting from {years[index].first_day:%-d %B %Y}"
    return (
        f"tenancies starting from {years[index].first_day:%-d %B %Y} to "
        f"{years[index + 1].first_day:%-d %B %Y}"
    )


def _log_schema(journey: Journey, answers: Schema) -> Schema:
    log = copy.deepcopy(answers)
    log["title"] = f"Case log, {journey.version} form"
    log["required"] = ["id", "status", "collection_year", "created_at", "updated_at"]
    log["properties"] = {
        "id": {"type": "integer", "readOnly": True},
        "status": {"enum": ["in_progress", "completed", "submitted"], "readOnly": True},
        "collection_year": COLLECTION_YEAR,
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
    return log


def case_log_components() -> dict[str, Schema]:
    components: dict[str, Schema] = {}
    answers_refs, log_refs = [], []
    for journey in LETTINGS_LOG_VERSIONS:
        answers = json_schema(journey)
        answers["title"] = f"Case log answers, {journey.version} form"
        answers["description"] = (
            f"The answers of the {journey.version} form, for {_years_of(journey)}."
        )
        components[f"Case-Log-Answers-{_suffix(journey)}"] = answers
        components[f"Case-Log-{_suffix(journey)}"] = _log_schema(journey, answers)
        answers_refs.append(ref(f"Case-Log-Answers-{_suffix(journey)}"))
        log_refs.append(ref(f"Case-Log-{_suffix(journey)}"))
    return {
        **components,
        "Case-Log-Answers": {
            "title": "Case log answers",
            "description": "Answers of a case log, checked with the form of its collection year "
            "(by its tenancy start date).",
            "anyOf": answers_refs,
        },
        "Case-Log": {
            "title": "Case log",
            "description": "A case log, with the answers of its collection year's form.",
            "anyOf": log_refs,
        },
        "Case-Log-Page": page_of(
            ref("Case-Log"),
            {
                "page": {"type": "integer"},
                "page_size": {"type": "integer"},
                "total": {"type": "integer"},
            },
        ),
        "Collection-Years": {
            "title": "Collection years",
            "type": "object",
            "required": ["current", "data"],
            "properties": {
                "current": {**COLLECTION_YEAR, "description": "The collection year of today."},
                "data": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["year", "starts_on", "ends_on", "open", "form"],
                        "properties": {
                            "year": {"type": "string", "examples": ["2027/28"]},
                            "starts_on": {"type": "string", "format": "date"},
                            "ends_on": {"type": "string", "format": "date"},
                            "open": {
                                "type": "boolean",
                                "description": "Whether logs of this year may be created and "
                                "changed",
                            },
                            "form": {
                                "type": "string",
                                "description": "The version of the form its logs are checked "
                                "with: the name of its answers' schema, after "
                                "`Case-Log-Answers-`",
                            },
                        },
                    },
                },
            },
        },
    }
