"""The OpenAPI 3.1 document of every JSON API, and the API reference page made from it.

GET /api/openapi.json   the document
GET /api/docs           the same, as a GOV.UK page (nothing loaded from outside the service)

The document is assembled from the application itself: each API view carries its operation
(app/api/openapi_operations.py says how a route documents itself), and this module walks the
URL map for them. It knows no domain.
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Flask, current_app
from markdown_it import MarkdownIt
from markupsafe import Markup

from app.api.openapi_operations import SchemaSource, operations_of
from app.api.openapi_schemas import Schema, error_schemas

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
# Werkzeug's `<converter(arguments):name>` (or `<name>`) as OpenAPI writes it: `{name}`.
_RULE_ARGUMENT = re.compile(r"<(?:[^:<>]+(?:\([^)]*\))?:)?([^:<>]+)>")


def openapi_path(rule: str) -> str:
    """/case_logs/<id:log_id> as OpenAPI writes it: /case_logs/{log_id}."""
    return _RULE_ARGUMENT.sub(r"{\1}", rule)


def documented_routes(app: Flask):
    """(OpenAPI path, method, Documented) of every documented method of every route, in the
    order the routes were registered."""
    for rule in app.url_map.iter_rules():
        documented = operations_of(app.view_functions[rule.endpoint])
        for method in METHODS:
            if method.upper() not in (rule.methods or ()):
                continue
            found = documented.get(method, documented.get(None))
            if found is not None:
                yield openapi_path(rule.rule), method, found


def _component_schemas(sources: list[SchemaSource]) -> dict[str, Schema]:
    schemas = error_schemas()
    for source in sources:
        for name, schema in source().items():
            if schemas.setdefault(name, schema) != schema:
                raise ValueError(f"Two different schemas are named {name}")
    return schemas


def _paths(app: Flask) -> tuple[dict[str, Any], list[SchemaSource]]:
    paths: dict[str, dict[str, Schema]] = {}
    sources: list[SchemaSource] = []
    for path, method, documented in documented_routes(app):
        paths.setdefault(path, {})[method] = documented.operation
        if documented.schemas is not None and documented.schemas not in sources:
            sources.append(documented.schemas)
    # Each path's methods in one order, whatever order their views were written in.
    ordered = {
        path: {method: item[method] for method in METHODS if method in item}
        for path, item in paths.items()
    }
    return ordered, sources


def _build(app: Flask) -> dict[str, Any]:
    paths, sources = _paths(app)
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
        "paths": paths,
        "components": {
            "schemas": _component_schemas(sources),
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


def document(app: Flask | None = None) -> dict[str, Any]:
    """The document of `app` (the current app unless given), built once per app."""
    app = app or current_app._get_current_object()
    if "openapi_document" not in app.extensions:
        app.extensions["openapi_document"] = _build(app)
    return app.extensions["openapi_document"]


# -- the reference page -------------------------------------------------------------------------

# CommonMark with raw HTML off: any HTML in a description is shown as text, escaped.
_markdown = MarkdownIt("commonmark", {"html": False})


def markdown(text: str) -> Markup:
    """A description's Markdown as HTML, its paragraphs in GOV.UK's body style."""
    html = _markdown.render(text)
    return Markup(html.replace("<p>", '<p class="govuk-body">'))  # noqa: S704 (escaped by markdown-it)


def markdown_inline(text: str) -> Markup:
    """A short description's Markdown (code, emphasis, links) as HTML, with no paragraph."""
    return Markup(_markdown.renderInline(text))  # noqa: S704 (escaped by markdown-it)


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
                    "description": markdown(op["description"]) if "description" in op else None,
                    "authenticated": bool(op["security"]),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "schema": json.dumps(p["schema"]),
                            "description": markdown_inline(p.get("description", "")),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "request": _schema_text(request["content"]) if request else None,
                    "responses": [
                        {
                            "status": status,
                            "name": STATUS_NAMES.get(status, ""),
                            "description": markdown_inline(response["description"]),
                            "schema": _schema_text(response.get("content")),
                            "headers": list(response.get("headers", {})),
                        }
                        for status, response in op["responses"].items()
                    ],
                }
            )
    return rows
