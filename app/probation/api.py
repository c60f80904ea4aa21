"""The probation case data API (`probation-case-data-api.md`), for housing staff.

Its errors about cases keep the seed's shape, `{"status", "message"}` (and `reason` for a
limited-access refusal); authentication and permission errors are the service's usual
`{"error"}`. Every read of case data, and every access check, is audited, whether it was
allowed, refused or found nothing.
"""

from __future__ import annotations

from flask import g, jsonify

from app.api.auth import staff_tokens_only
from app.api.openapi_operations import (
    NOT_ACCEPTABLE,
    UNAUTHORISED,
    ApiDocs,
    answer,
    error,
    path_parameter,
)
from app.api.openapi_schemas import ref
from app.api.responses import api_blueprint, error_response, refuse_unless_json_accepted
from app.clock import uk_today
from app.db_ids import MAX_BIG_ID
from app.probation import records, service
from app.probation.api_schemas import probation_components

probation_api = api_blueprint("probation_api", __name__)
probation_api.before_request(refuse_unless_json_accepted)

# The one message for every refusal: it never says why, or that a limit exists on this case.
LAO_MESSAGE = "You do not have permission to access this record"
OTHERS_ACCESS_MESSAGE = "You can only check your own access to a case"


staff_tokens_only(probation_api, "probation case data API")

docs = ApiDocs("Probation case data", schemas=probation_components)
CRN = path_parameter("crn", {"type": "string"}, "The person's case reference number")
CASE_DATA_ERRORS = {401: UNAUTHORISED, 406: NOT_ACCEPTABLE}
NO_CASE = error("No person with this CRN", "CaseDataProblem")
LIMITED_OR_NOT_STAFF = answer(
    "Limited access, or not housing staff", {"anyOf": [ref("CaseDataProblem"), ref("Error")]}
)


def _problem(status: int, message: str, **extra):
    response = jsonify({"status": status, **extra, "message": message})
    response.status_code = status
    return response


@probation_api.get("/users/<username>/access/<crn>")
@docs.operation(
    "get-user-access",
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
        path_parameter("username", {"type": "string"}, "The user's email address, in any case"),
        CRN,
    ],
    description=(
        "A caller may ask only about themselves (the user whose token it is), "
        "unless they are support staff or the token is a partner system's service "
        "token (`flask tokens create EMAIL --service`). Every check, answered or "
        "refused, is audited."
    ),
)
def access(username: str, crn: str):
    try:
        limits = service.check_access(
            g.api_user,
            username,
            crn,
            may_check_others=service.may_check_others(g.api_user, g.api_token),
        )
    except PermissionError:
        return error_response(403, OTHERS_ACCESS_MESSAGE)
    body = {
        "crn": limits.crn,
        "userExcluded": limits.user_excluded,
        "userRestricted": limits.user_restricted,
        "exclusionMessage": limits.exclusion_message,
        "restrictionMessage": limits.restriction_message,
    }
    return jsonify({key: value for key, value in body.items() if value is not None})


def _readable_case(crn: str, event_id: int | None = None):
    """The case, or the refusal to answer with; either way the read is audited."""
    try:
        return service.open_case(g.api_user, crn, event_id), None
    except LookupError:
        return None, _problem(404, f"Person with crn of {crn} not found")
    except PermissionError:
        return None, _problem(403, LAO_MESSAGE, reason="LAO_PERMISSION")


@probation_api.get("/case-data/<crn>/personal-details")
@docs.operation(
    "get-personal-details",
    "A person's active circumstances and contacts",
    {
        200: answer("The personal details", "PersonalDetails"),
        403: LIMITED_OR_NOT_STAFF,
        404: NO_CASE,
        **CASE_DATA_ERRORS,
    },
    parameters=[CRN],
)
def personal_details(crn: str):
    case, refusal = _readable_case(crn)
    if refusal is not None:
        return refusal
    service.record_access(g.api_user, crn, allowed=True)
    return jsonify(records.personal_details(case, uk_today()))


@probation_api.get("/case-data/<crn>/<id(bits=64):event_id>")
@docs.operation(
    "get-case-details",
    "A person's case, with the sentence of one event",
    {
        200: answer("The case details", "CaseDetails"),
        403: LIMITED_OR_NOT_STAFF,
        404: answer("No such person or event", {"anyOf": [ref("CaseDataProblem"), ref("Error")]}),
        **CASE_DATA_ERRORS,
    },
    parameters=[
        CRN,
        path_parameter("event_id", {"type": "integer", "minimum": 0, "maximum": MAX_BIG_ID}),
    ],
)
def case_details(crn: str, event_id: int):
    case, refusal = _readable_case(crn, event_id)
    if refusal is not None:
        return refusal
    event = service.find_event(case, event_id)
    service.record_access(g.api_user, crn, allowed=True, found=event is not None, event_id=event_id)
    if event is None:
        return _problem(404, f"Event with id of {event_id} not found")
    return jsonify(records.case_details(case, event, uk_today()))
