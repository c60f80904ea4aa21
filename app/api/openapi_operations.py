"""How an API route documents itself in the OpenAPI document, and the pieces operations share.

Each API view declares its operation where it is defined, directly under its route:

    docs = ApiDocs("Tenures", schemas=tenure_components)

    @tenures_api.get("/<tenure_id>")
    @docs.operation(
        "get-tenure",
        "Read a tenure",
        {200: answer("The tenure", "Tenure"), 404: error("No such tenure"), **STAFF_API_ERRORS},
        parameters=[path_parameter("tenure_id", {"type": "string"}, "The tenure's id")],
    )
    def read(tenure_id): ...

The operation is stored on the view function; app/api/openapi.py walks the app's URL map and
puts every documented view's operations in `/api/openapi.json`, with the component schemas
that its `ApiDocs` names (a function returning them, called once when the document is built).
A view that serves more than one method documents each with `method=`. Descriptions are
Markdown, which `/api/docs` renders. tests/api/test_openapi.py fails for an API route with no
operation, and for an operation whose path parameters or methods are not its route's.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.api import idempotency
from app.api.openapi_schemas import Schema, ref

BEARER = [{"bearerAuth": []}]
PUBLIC: list = []
JSON = "application/json"
# The attribute of a view function that holds its operations, by method (None: any method).
OPERATIONS = "openapi_operations"

SchemaSource = Callable[[], dict[str, Schema]]


@dataclass(frozen=True)
class Documented:
    operation: Schema
    # The component schemas the operation refers to.
    schemas: SchemaSource | None = None


def documents(op: Schema, *, method: str | None = None, schemas: SchemaSource | None = None):
    """A decorator recording `op` as the view's operation (for `method`, or every method)."""

    def record(view):
        setattr(
            view, OPERATIONS, {**getattr(view, OPERATIONS, {}), method: Documented(op, schemas)}
        )
        return view

    return record


def operations_of(view) -> dict[str | None, Documented]:
    return getattr(view, OPERATIONS, {})


# -- parts of operations ------------------------------------------------------------------------


def body(schema: Schema, description: str = "") -> Schema:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def answer(description: str, schema: str | Schema | None = None, **headers: str) -> Schema:
    response: Schema = {"description": description}
    if schema is not None:
        schema = ref(schema) if isinstance(schema, str) else schema
        response["content"] = {JSON: {"schema": schema}}
    if headers:
        response["headers"] = {
            name: {"description": text, "schema": {"type": "string"}}
            for name, text in headers.items()
        }
    return response


def error(description: str, schema: str = "Error") -> Schema:
    return answer(description, schema)


def path_parameter(name: str, schema: Schema, description: str = "") -> Schema:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": schema,
        "description": description,
    }


def query(name: str, schema: Schema, description: str = "") -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def header(name: str, description: str) -> Schema:
    return {
        "name": name,
        "in": "header",
        "required": False,
        "schema": {"type": "string"},
        "description": description,
    }


UNAUTHORISED = answer(
    "No bearer token was sent, or it is not valid",
    "Error",
    **{"WWW-Authenticate": 'Bearer realm="api"'},
)
NOT_ACCEPTABLE = error("The client will not accept JSON")
STAFF_ONLY = error("The token is not a member of housing staff's")
# What every staff API refuses before it looks at the request (app.api.auth.staff_tokens_only).
STAFF_API_ERRORS = {401: UNAUTHORISED, 403: STAFF_ONLY, 406: NOT_ACCEPTABLE}
NOT_AN_OBJECT = error("The body is not a JSON object")

# Conditional requests (app/api/conditional.py).
IF_MATCH = header(
    "If-Match",
    "The ETag of the version you read. A header named `ifMatch` is read as If-Match too",
)
IF_NONE_MATCH = header("If-None-Match", "The ETag of your copy")


def etag_header(record: str) -> dict[str, str]:
    """The ETag response header, as `answer(..., **etag_header("tenure"))` takes it."""
    return {"ETag": f"The {record}'s version, in quotes"}


def operation(
    operation_id: str,
    tag: str,
    summary: str,
    responses: dict[int | str, Schema],
    *,
    security: list = BEARER,
    parameters: list[Schema] | None = None,
    request: Schema | None = None,
    description: str = "",
) -> Schema:
    op: Schema = {
        "operationId": operation_id,
        "tags": [tag],
        "summary": summary,
        "security": security,
        "responses": {str(status): response for status, response in responses.items()},
    }
    # Text no database can hold is refused in every request (app/text_guard.py).
    op["responses"].setdefault(
        "400", error("Text in the request holds a NUL character or an unpaired surrogate")
    )
    op["responses"].setdefault(
        "503", error("The database cannot be reached: try again later (with a `reference`)")
    )
    if any(parameter["in"] == "query" for parameter in parameters or ()):
        # gunicorn refuses a request line over 4,094 bytes before the app sees it.
        op["responses"].setdefault("414", answer("The URL is too long"))
    if description:
        op["description"] = description
    if parameters:
        op["parameters"] = parameters
    if request is not None:
        op["requestBody"] = {**request, "required": True}
        # app/request_limits.py: the body's size, and a JSON body's depth and breadth.
        op["responses"].setdefault("413", error("The body is larger than the service accepts"))
    return op


IDEMPOTENCY_KEY: Schema = {
    "name": idempotency.HEADER,
    "in": "header",
    "required": False,
    "schema": {
        "type": "string",
        "minLength": 1,
        "maxLength": idempotency.MAX_KEY_LENGTH,
        "pattern": idempotency.KEY_PATTERN,
    },
    "description": (
        "A key of your choosing (a new UUID, say) that makes a resend safe. The same key "
        "with the same body within 24 hours gives the first successful answer again, with "
        f"{idempotency.REPLAYED_HEADER}: true, and does nothing more; with another body, 422; "
        "while the first is still running, 409. Keys are per user (signed out: per key and "
        "body). Only successful answers are kept, so after an error the key can be sent again."
    ),
}


def with_idempotency_key(op: Schema) -> Schema:
    """The operation, taking an Idempotency-Key header and documenting what it answers (for
    a view wrapped in app.api.idempotency.idempotent)."""
    op = copy.deepcopy(op)
    op["parameters"] = [*op.get("parameters", []), IDEMPOTENCY_KEY]
    responses = op["responses"]
    bad_request = responses["400"]
    bad_request["description"] += "; or the Idempotency-Key header is not valid"
    for status, response in responses.items():
        if status.startswith("2"):
            response.setdefault("headers", {})[idempotency.REPLAYED_HEADER] = {
                "description": "true when this is the kept answer to an earlier request",
                "schema": {"enum": ["true"]},
            }
    for status, why in (
        ("409", "a request with the same Idempotency-Key is still running"),
        ("422", "the Idempotency-Key was used with another request"),
    ):
        earlier = responses.get(status)
        if earlier is None:
            responses[status] = error(why[0].upper() + why[1:])
            continue
        earlier["description"] = f"{earlier['description']}; or {why}"
        schema = earlier["content"][JSON]["schema"]
        if schema != ref("Error"):
            earlier["content"][JSON]["schema"] = {"anyOf": [schema, ref("Error")]}
    responses["409"].setdefault("headers", {})["Retry-After"] = {
        "description": "When the request with the same key is still running: seconds to wait",
        "schema": {"type": "string"},
    }
    return op


@dataclass(frozen=True)
class ApiDocs:
    """The documentation of one API's operations: their tag, the security they need unless
    told otherwise, and the function giving the component schemas they refer to."""

    tag: str
    schemas: SchemaSource | None = None
    security: list | None = None

    def operation(
        self,
        operation_id: str,
        summary: str,
        responses: dict[int | str, Schema],
        *,
        method: str | None = None,
        idempotent: bool = False,
        security: list | None = None,
        **parts: Any,
    ):
        """A decorator documenting the view it is put on (see the module's docstring)."""
        if security is None:
            security = BEARER if self.security is None else self.security
        op = operation(operation_id, self.tag, summary, responses, security=security, **parts)
        if idempotent:
            op = with_idempotency_key(op)
        return documents(op, method=method, schemas=self.schemas)
