"""The OpenAPI 3.1 document of every JSON API, and the API reference page made from it.

GET /api/openapi.json   the document
GET /api/docs           the same, as a GOV.UK page (nothing loaded from outside the service)
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from app.api.openapi_paths import all_paths
from app.api.openapi_schemas import component_schemas

METHODS = ("get", "put", "post", "patch", "delete")
STATUS_NAMES = {
    "200": "OK",
    "201": "Created",
    "204": "No Content",
    "304": "Not Modified",
    "400": "Bad Request",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "Not Found",
    "406": "Not Acceptable",
    "409": "Conflict",
    "412": "Precondition Failed",
    "413": "Content Too Large",
    "414": "URI Too Long",
    "422": "Unprocessable Content",
    "428": "Precondition Required",
    "429": "Too Many Requests",
    "503": "Service Unavailable",
}


@cache
def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Housing forms APIs",
            "version": "1.0",
            "description": (
                "Case logs, the shared-ownership portal, tenures and probation case data. "
                "Every error is JSON: a message under `error` (probation case errors use "
                "`status` and `message`), and invalid data adds `errors`, each field's messages."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": all_paths(),
        "components": {
            "schemas": component_schemas(),
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": (
                        "A staff API token (flask tokens create, or the account page), or an "
                        "applicant's token from POST /api/rest/portal/login"
                    ),
                }
            },
        },
    }


def _schema_text(content: dict | None) -> str | None:
    if not content:
        return None
    media, value = next(iter(content.items()))
    schema = value.get("schema", {})
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_schema_text({media: {"schema": s}}) or "" for s in schema["anyOf"])
    return json.dumps(schema) if media == "application/json" else media


def operations() -> list[dict[str, Any]]:
    """The document's operations, flattened for the reference page."""
    rows = []
    for path, item in document()["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            request = op.get("requestBody")
            rows.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": op["operationId"],
                    "tag": op["tags"][0],
                    "summary": op["summary"],
                    "authenticated": bool(op["security"]),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "schema": json.dumps(p["schema"]),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "request": _schema_text(request["content"]) if request else None,
                    "responses": [
                        {
                            "status": status,
                            "name": STATUS_NAMES.get(status, ""),
                            "description": response["description"],
                            "schema": _schema_text(response.get("content")),
                            "headers": list(response.get("headers", {})),
                        }
                        for status, response in op["responses"].items()
                    ],
                }
            )
    return rows
