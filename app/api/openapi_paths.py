"""Every JSON API operation, with each status code and error body it really returns."""

from __future__ import annotations

import copy
from typing import Any

from app.api import idempotency
from app.api.openapi_schemas import ID, Schema, ref
from app.case_logs.api import MAX_PAGE, MAX_PAGE_SIZE
from app.db_ids import MAX_BIG_ID
from app.reference.lists import REFERENCE_LISTS
from app.tenures.search import MAX_LIMIT, MAX_OFFSET

BEARER = [{"bearerAuth": []}]
PUBLIC: list = []
JSON = "application/json"


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


UNAUTHORISED = answer(
    "No bearer token was sent, or it is not valid",
    "Error",
    **{"WWW-Authenticate": 'Bearer realm="api"'},
)
NOT_ACCEPTABLE = error("The client will not accept JSON")
STAFF_ONLY = error("The token is not a member of housing staff's")
# What every staff API refuses before it looks at the request.
STAFF_API_ERRORS = {401: UNAUTHORISED, 403: STAFF_ONLY, 406: NOT_ACCEPTABLE}


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
        op["responses"]["413"] = error("The body is larger than the service accepts")
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
    """The operation, taking an Idempotency-Key header and documenting what it answers."""
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


# -- case logs ----------------------------------------------------------------------------------

CASE_LOG_ID = path_parameter("log_id", ID, "The case log's id")
CASE_LOG_NOT_FOUND = error("No case log with this id, or not one of your organisation's")


def case_log_paths() -> dict[str, Any]:
    tag = "Case logs"
    return {
        "/case_logs": {
            "get": operation(
                "list-case-logs",
                tag,
                "List case logs, most recently changed first",
                {
                    200: answer("A page of case logs", "Case-Log-Page"),
                    400: error("A paging parameter is not a whole number in range"),
                    **STAFF_API_ERRORS,
                },
                parameters=[
                    query(
                        "page",
                        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                        "Page number, from 1",
                    ),
                    query(
                        "page_size",
                        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                        "Logs per page (20 unless given)",
                    ),
                    query(
                        "status",
                        {"enum": ["in_progress", "completed", "submitted"]},
                        "Only logs with this status",
                    ),
                ],
            ),
            "post": with_idempotency_key(
                operation(
                    "create-case-log",
                    tag,
                    "Create a case log",
                    {
                        201: answer(
                            "The case log was created", "Case-Log", Location="The new log's path"
                        ),
                        400: error("The body is not a JSON object"),
                        422: error("Some answers are not valid", "ValidationErrors"),
                        **STAFF_API_ERRORS,
                    },
                    request=body(ref("Case-Log-Answers"), "Any answers of the case log"),
                )
            ),
        },
        "/case_logs/{log_id}": {
            "get": operation(
                "get-case-log",
                tag,
                "Read a case log",
                {
                    200: answer("The case log", "Case-Log"),
                    404: CASE_LOG_NOT_FOUND,
                    **STAFF_API_ERRORS,
                },
                parameters=[CASE_LOG_ID],
            ),
            "patch": operation(
                "update-case-log",
                tag,
                "Change some answers of a case log",
                {
                    200: answer("The changed case log", "Case-Log"),
                    400: error("The body is not a JSON object"),
                    404: CASE_LOG_NOT_FOUND,
                    409: error("The log has been submitted, or was changed at the same time"),
                    422: error("Some answers are not valid", "ValidationErrors"),
                    **STAFF_API_ERRORS,
                },
                parameters=[CASE_LOG_ID],
                request=body(ref("Case-Log-Answers"), "The answers to change"),
            ),
            "delete": operation(
                "delete-case-log",
                tag,
                "Delete a case log that has not been submitted: a data provider only one they "
                "created",
                {
                    204: answer("The case log was deleted"),
                    404: CASE_LOG_NOT_FOUND,
                    409: error("The log has been submitted"),
                    **STAFF_API_ERRORS,
                    403: error(
                        "Not a member of staff, or a data provider deleting a log they did not "
                        "create (only data coordinators and support staff may)"
                    ),
                },
                parameters=[CASE_LOG_ID],
            ),
        },
    }


# -- tenures ------------------------------------------------------------------------------------

TENURE_ID = path_parameter("tenure_id", {"type": "string"}, "The tenure's id")
PERSON_ID = path_parameter("person_id", {"type": "string"}, "The household member's id")
TENURE_NOT_FOUND = error("No tenure with this id that you can see")
IF_MATCH = header("If-Match", "The ETag of the version you read")
ETAG = {"ETag": "The tenure's version, in quotes"}
WRITE_REFUSALS = {
    400: error("The body is not a JSON object, or an id is not valid"),
    404: TENURE_NOT_FOUND,
    412: answer("The tenure has changed since you read it", "Error", **ETAG),
    428: error("No If-Match header was sent"),
}


def tenure_paths() -> dict[str, Any]:
    tag = "Tenures"
    changed = answer("The change was saved", None, **ETAG)
    return {
        "/tenures": {
            "get": operation(
                "search-tenures",
                tag,
                "Search tenures by household member's name or by postcode",
                {
                    200: answer("The matching tenures", "Tenure-Search"),
                    400: error("A search parameter is not valid"),
                    **STAFF_API_ERRORS,
                },
                parameters=[
                    query("firstname", {"type": "string"}, "The start of a first name"),
                    query("lastname", {"type": "string"}, "The start of a last name"),
                    query("postcode", {"type": "string"}, "A full postcode or an outward code"),
                    query("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}),
                    query("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}),
                ],
            ),
            "post": operation(
                "create-tenure",
                tag,
                "Create a tenure",
                {
                    201: answer("The tenure was created", "Tenure", Location="Its path", **ETAG),
                    400: error("The body is not a JSON object"),
                    409: error(
                        "A tenure with this id already exists, in any organisation: ids are global"
                    ),
                    422: error("The tenure has errors"),
                    **STAFF_API_ERRORS,
                },
                request=body(ref("Tenure-New")),
                description=(
                    "A client may choose the new tenure's `id`; without one, the service "
                    "makes one up. Tenure ids are global, shared by every organisation: an "
                    "id held by any tenure, yours or another organisation's, is refused with "
                    "409, and the answer is the same whoever holds it."
                ),
            ),
        },
        "/tenures/{tenure_id}": {
            "get": operation(
                "get-tenure",
                tag,
                "Read a tenure",
                {
                    200: answer("The tenure", "Tenure", **ETAG),
                    304: answer("The client's copy (If-None-Match) is current", None, **ETAG),
                    404: TENURE_NOT_FOUND,
                    **STAFF_API_ERRORS,
                },
                parameters=[TENURE_ID, header("If-None-Match", "The ETag of your copy")],
            ),
            "patch": operation(
                "update-tenure",
                tag,
                "Change a tenure",
                {
                    204: changed,
                    **WRITE_REFUSALS,
                    422: error("The tenure has errors"),
                    **STAFF_API_ERRORS,
                },
                parameters=[TENURE_ID, IF_MATCH],
                request=body(ref("Tenure")),
            ),
        },
        "/tenures/{tenure_id}/person/{person_id}": {
            "patch": operation(
                "save-household-member",
                tag,
                "Add or change a household member",
                {
                    204: changed,
                    **WRITE_REFUSALS,
                    422: error("The household member has errors"),
                    **STAFF_API_ERRORS,
                },
                parameters=[TENURE_ID, PERSON_ID, IF_MATCH],
                request=body(ref("HouseholdMember")),
            ),
            "delete": operation(
                "remove-household-member",
                tag,
                "Remove a household member",
                {
                    204: changed,
                    404: error("No such tenure, or the person is not a member of it"),
                    412: WRITE_REFUSALS[412],
                    **STAFF_API_ERRORS,
                },
                parameters=[TENURE_ID, PERSON_ID, IF_MATCH],
            ),
        },
    }


# -- probation case data ------------------------------------------------------------------------

CRN = path_parameter("crn", {"type": "string"}, "The person's case reference number")
CASE_DATA_ERRORS = {401: UNAUTHORISED, 406: NOT_ACCEPTABLE}
NO_CASE = error("No person with this CRN", "CaseDataProblem")
LIMITED = error("Limited access: you may not read this case", "CaseDataProblem")


def probation_paths() -> dict[str, Any]:
    tag = "Probation case data"
    return {
        "/users/{username}/access/{crn}": {
            "get": operation(
                "get-user-access",
                tag,
                "Whether a user is excluded from or restricted on a case",
                {
                    200: answer("The user's access", "UserAccess"),
                    403: error(
                        "The token is not a member of housing staff's, or it asks about another "
                        "user without being allowed to. Nothing is said about the case"
                    ),
                    404: error("A parameter is empty or holds a slash"),
                    **CASE_DATA_ERRORS,
                },
                parameters=[
                    path_parameter(
                        "username", {"type": "string"}, "The user's email address, in any case"
                    ),
                    CRN,
                ],
                description=(
                    "A caller may ask only about themselves (the user whose token it is), "
                    "unless they are support staff or the token is a partner system's service "
                    "token (`flask tokens create EMAIL --service`). Every check, answered or "
                    "refused, is audited."
                ),
            ),
        },
        "/case-data/{crn}/personal-details": {
            "get": operation(
                "get-personal-details",
                tag,
                "A person's active circumstances and contacts",
                {
                    200: answer("The personal details", "PersonalDetails"),
                    403: answer(
                        "Limited access, or not housing staff",
                        {"anyOf": [ref("CaseDataProblem"), ref("Error")]},
                    ),
                    404: NO_CASE,
                    **CASE_DATA_ERRORS,
                },
                parameters=[CRN],
            ),
        },
        "/case-data/{crn}/{event_id}": {
            "get": operation(
                "get-case-details",
                tag,
                "A person's case, with the sentence of one event",
                {
                    200: answer("The case details", "CaseDetails"),
                    403: answer(
                        "Limited access, or not housing staff",
                        {"anyOf": [ref("CaseDataProblem"), ref("Error")]},
                    ),
                    404: answer(
                        "No such person or event",
                        {"anyOf": [ref("CaseDataProblem"), ref("Error")]},
                    ),
                    **CASE_DATA_ERRORS,
                },
                parameters=[
                    CRN,
                    path_parameter(
                        "event_id", {"type": "integer", "minimum": 0, "maximum": MAX_BIG_ID}
                    ),
                ],
            ),
        },
    }


# -- the portal ---------------------------------------------------------------------------------

PORTAL = "/api/rest/portal"
APPLICATION_ID = path_parameter("record_id", ID, "The application's id")
PORTAL_INVALID = error("The data is not valid", "PortalValidationErrors")
NOT_AN_OBJECT = error("The body is not a JSON object")
NO_APPLICATION = error("No application of yours with this id")
LOCKED = error("The application has been submitted or returned, or was changed meanwhile")
LOCKED_OR_RESENT = error(
    "The application has been submitted or returned, or was changed meanwhile; or the same "
    "application was received moments ago (its `reference` and `id` are given)"
)
RESENT_DESCRIPTION = (
    "An application with exactly the same answers as one the same applicant (signed out: the "
    "same email address) submitted in the last few minutes is refused with 409, naming the "
    "one received. Send an Idempotency-Key to get the first answer again instead."
)


def portal_paths() -> dict[str, Any]:
    tag, lists = "Shared-ownership portal", "Reference lists"
    application = answer("The application", "Application")
    return {
        f"{PORTAL}/register": {
            "post": operation(
                "register",
                tag,
                "Create an applicant's account",
                {
                    201: answer("The account", "Account"),
                    400: NOT_AN_OBJECT,
                    422: PORTAL_INVALID,
                    429: error(
                        "Too many attempts to register, or answers that an account exists, "
                        "from your connection"
                    ),
                },
                security=PUBLIC,
                request=body(ref("Registration")),
            )
        },
        f"{PORTAL}/login": {
            "post": operation(
                "login",
                tag,
                "Sign in, for a bearer token",
                {
                    200: answer("A bearer token", "AccessToken"),
                    400: NOT_AN_OBJECT,
                    401: error("The email address or password is wrong"),
                    422: PORTAL_INVALID,
                    429: error("Too many attempts to sign in"),
                },
                security=PUBLIC,
                request=body(ref("Credentials")),
            )
        },
        f"{PORTAL}/listings": {
            "get": operation(
                "list-listings",
                tag,
                "Listings open for applications, newest first",
                {200: answer("The listings", "Listings"), 400: error("A filter is not valid")},
                security=PUBLIC,
                parameters=[
                    query("localAuthorityId", {"type": "integer", "minimum": 1}),
                    query("bedrooms", {"type": "integer", "minimum": 1}),
                ],
            )
        },
        f"{PORTAL}/listings/{{listing_id}}": {
            "get": operation(
                "get-listing",
                tag,
                "A listing, open or closed",
                {200: answer("The listing", "Listing"), 404: error("No listing with this id")},
                security=PUBLIC,
                parameters=[path_parameter("listing_id", {"type": "integer", "minimum": 1})],
            )
        },
        f"{PORTAL}/{{list_name}}": {
            "get": operation(
                "get-reference-list",
                lists,
                "A reference list, or the local authority of a postcode",
                {
                    200: answer("The list's items", "ReferenceList"),
                    400: error("The postcode is not a real postcode"),
                    404: error("No local authority was found for the postcode"),
                },
                security=PUBLIC,
                parameters=[
                    path_parameter("list_name", {"enum": list(REFERENCE_LISTS)}),
                    query(
                        "postcode",
                        {"type": "string"},
                        "With local-authorities only: the local authority of this postcode",
                    ),
                ],
            )
        },
        f"{PORTAL}/profile/assessment": {
            "put": with_idempotency_key(
                operation(
                    "start-application",
                    tag,
                    "Start an application (signed in)",
                    {
                        201: application,
                        400: NOT_AN_OBJECT,
                        401: UNAUTHORISED,
                        422: PORTAL_INVALID,
                    },
                    request=body(ref("ApplicationRequest")),
                )
            ),
            "post": with_idempotency_key(
                operation(
                    "submit-application",
                    tag,
                    "Submit a draft (with its id) or a whole new application (signed in)",
                    {
                        200: application,
                        201: application,
                        400: NOT_AN_OBJECT,
                        401: UNAUTHORISED,
                        404: NO_APPLICATION,
                        409: LOCKED_OR_RESENT,
                        422: PORTAL_INVALID,
                    },
                    request=body(ref("ApplicationSubmission")),
                    description=RESENT_DESCRIPTION,
                )
            ),
        },
        f"{PORTAL}/profile/assessment/{{record_id}}": {
            "get": operation(
                "get-application",
                tag,
                "Read one of your applications",
                {200: application, 401: UNAUTHORISED, 404: NO_APPLICATION},
                parameters=[APPLICATION_ID],
            ),
            "put": operation(
                "save-application",
                tag,
                "Save changes to a draft application",
                {
                    200: application,
                    400: NOT_AN_OBJECT,
                    401: UNAUTHORISED,
                    404: NO_APPLICATION,
                    409: LOCKED,
                    422: PORTAL_INVALID,
                },
                parameters=[APPLICATION_ID],
                request=body(ref("ApplicationRequest")),
            ),
        },
        **{
            f"{PORTAL}/profile/assessments{suffix}": {
                "get": operation(
                    f"list-{name}-applications",
                    tag,
                    f"Your {name} applications, newest first",
                    {200: answer("The applications", "Applications"), 401: UNAUTHORISED},
                )
            }
            for suffix, name in (("", "all"), ("/draft", "draft"), ("/submitted", "submitted"))
        },
        f"{PORTAL}/assessment": {
            "post": with_idempotency_key(
                operation(
                    "submit-application-signed-out",
                    tag,
                    "Submit a whole application without an account",
                    {
                        201: application,
                        400: NOT_AN_OBJECT,
                        409: LOCKED_OR_RESENT,
                        422: PORTAL_INVALID,
                        429: error("Too many applications from your connection"),
                    },
                    security=PUBLIC,
                    request=body(ref("ApplicationRequest")),
                    description=RESENT_DESCRIPTION,
                )
            )
        },
    }


# -- the service's own ---------------------------------------------------------------------------


def service_paths() -> dict[str, Any]:
    tag = "Service"
    return {
        "/api/me": {
            "get": operation(
                "get-me",
                tag,
                "The user whose token this is",
                {200: answer("The user", "Me"), 401: UNAUTHORISED},
            )
        },
        "/api/openapi.json": {
            "get": operation(
                "get-openapi",
                tag,
                "This document",
                {200: answer("The OpenAPI document", {"type": "object"})},
                security=PUBLIC,
            )
        },
        "/api/docs": {
            "get": operation(
                "get-api-docs",
                tag,
                "This document as a web page",
                {
                    200: {
                        "description": "The API reference page",
                        "content": {"text/html": {"schema": {"type": "string"}}},
                    }
                },
                security=PUBLIC,
            )
        },
    }


# -- bulk upload of case logs (one block: its documentation moves beside its routes) -----------


def bulk_upload_paths() -> dict[str, Any]:
    from app.bulk_upload.models import STATUSES
    from app.bulk_upload.reading import LIMITS, XLSX_TYPE

    tag = "Case logs"
    upload_id = path_parameter("upload_id", ID, "The bulk upload's id")
    not_found = error("No bulk upload with this id, or not one of your organisation's")
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
            "counts": {
                "type": "object",
                "properties": {
                    name: {"type": "integer", "minimum": 0}
                    for name in (
                        "rows",
                        "checked",
                        "with_errors",
                        "with_soft_checks",
                        "logs_created",
                    )
                },
            },
            "errors": {"type": "array", "items": problem},
        },
        "required": ["id", "status", "counts", "errors"],
    }
    started = answer("The job is queued", job, Location="The job's path: /case_logs/bulk/<id>")
    return {
        "/case_logs/bulk": {
            "post": operation(
                "upload-case-logs",
                tag,
                "Upload a file of case logs (CSV or Excel) to check and create",
                {
                    202: started,
                    413: error(f"The file is too large: {LIMITS}"),
                    415: error("The body is not text/csv or an Excel workbook"),
                    422: error(
                        "The file cannot be read as a whole: empty, only headers, too many "
                        "rows, unknown columns, or not CSV UTF-8, Windows-1252 or .xlsx"
                    ),
                    **STAFF_API_ERRORS,
                },
                request={
                    "description": f"The file, one row per log, {LIMITS}",
                    "content": {
                        "text/csv": {"schema": {"type": "string"}},
                        XLSX_TYPE: {"schema": {"type": "string", "contentMediaType": XLSX_TYPE}},
                    },
                },
                description=(
                    "The header row names each column by its field, as in the template "
                    "(GET /logs/bulk-upload/template.csv). Every row is checked as "
                    "POST /case_logs checks a body. Poll the Location for the result."
                ),
            )
        },
        "/case_logs/bulk/{upload_id}": {
            "get": operation(
                "get-case-log-upload",
                tag,
                "The job's status, counts and errors",
                {200: answer("The job", job), 404: not_found, **STAFF_API_ERRORS},
                parameters=[upload_id],
                description=(
                    "queued or checking: still running. needs_confirmation: some rows have "
                    "errors or soft checks, and nothing is created until you confirm. done: "
                    "the logs are created. failed: the file could not be read."
                ),
            )
        },
        "/case_logs/bulk/{upload_id}/confirm": {
            "post": operation(
                "confirm-case-log-upload",
                tag,
                "Accept the soft checks and create the logs",
                {
                    202: started,
                    404: not_found,
                    409: error("The job is not waiting for confirmation"),
                    **STAFF_API_ERRORS,
                },
                parameters=[upload_id],
                description=(
                    "Rows without errors become logs, completed or in progress as the API "
                    "would say; rows with errors become in-progress logs holding every valid "
                    "answer; duplicates are never created."
                ),
            )
        },
    }


def all_paths() -> dict[str, Any]:
    return {
        **service_paths(),
        **case_log_paths(),
        **bulk_upload_paths(),
        **portal_paths(),
        **tenure_paths(),
        **probation_paths(),
    }
