"""The bulk upload API's component schemas, for the OpenAPI document."""

from __future__ import annotations

from app.api.openapi_schemas import ID, Schema, ref
from app.bulk_upload.models import STATUSES

COUNTS = ("rows", "checked", "with_errors", "with_soft_checks", "logs_created")


def bulk_upload_components() -> dict[str, Schema]:
    problem = {
        "type": "object",
        "properties": {
            "row": {"type": ["integer", "null"], "description": "As the spreadsheet numbers it"},
            "column": {"type": ["string", "null"], "description": "The column letter: F"},
            "field": {"type": ["string", "null"], "description": "The column's field"},
            "message": {"type": "string"},
            "kind": {"enum": ["file", "hard", "soft", "duplicate"]},
        },
        "required": ["row", "column", "field", "message", "kind"],
    }
    job = {
        "type": "object",
        "properties": {
            "id": ID,
            "status": {"enum": list(STATUSES)},
            "file_name": {"type": "string"},
            "collection_year": {
                "type": ["string", "null"],
                "description": "The lettings collection year of the file's logs: 2027/28",
            },
            "counts": {
                "type": "object",
                "properties": {name: {"type": "integer", "minimum": 0} for name in COUNTS},
            },
            "errors": {"type": "array", "items": ref("Bulk-Upload-Problem")},
        },
        "required": ["id", "status", "counts", "errors"],
    }
    return {"Bulk-Upload-Problem": problem, "Bulk-Upload-Job": job}
