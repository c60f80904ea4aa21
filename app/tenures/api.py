"""The /tenures API (`tenure-api.md`): search, read, create, change, and household members.

Writes need the version the client read, as `If-Match`, and answer with the new `ETag`.
"""

from __future__ import annotations

from flask import g, jsonify, make_response, request

from app.api.auth import staff_tokens_only
from app.api.conditional import etag, if_match_given, matched_version, none_match
from app.api.openapi_operations import (
    IF_MATCH,
    IF_NONE_MATCH,
    STAFF_API_ERRORS,
    ApiDocs,
    answer,
    body,
    error,
    etag_header,
    path_parameter,
    query,
)
from app.api.openapi_schemas import ref
from app.api.responses import (
    api_blueprint,
    error_response,
    refuse_unless_json_accepted,
    validation_failed,
)
from app.tenures import search, service
from app.tenures.models import Tenure
from app.tenures.record import ID_MESSAGE, TenureInvalid, tenure_json, valid_id
from app.tenures.schema import tenure_components

tenures_api = api_blueprint("tenures_api", __name__, url_prefix="/tenures")
tenures_api.before_request(refuse_unless_json_accepted)


staff_tokens_only(tenures_api, "tenures API")


# The same for an id of the caller's organisation and of another: ids are global, and the
# answer must not say whose tenure holds one (GET says 404 for another's).
ID_TAKEN = "A tenure with this id already exists"
ID_DIFFERS_FROM_PATH = (
    "The id in the body is not the id in the path, {path_id}: send the same id, or leave it out"
)


# -- the OpenAPI document's parts ------------------------------------------------------------

docs = ApiDocs("Tenures", schemas=tenure_components)
TENURE_ID = path_parameter("tenure_id", {"type": "string"}, "The tenure's id")
PERSON_ID = path_parameter("person_id", {"type": "string"}, "The household member's id")
TENURE_NOT_FOUND = error("No tenure with this id that you can see")
ETAG = etag_header("tenure")
CREATED = answer("The tenure was created", "Tenure", Location="Its path", **ETAG)
CHANGED = answer("The change was saved", None, **ETAG)
ID_TAKEN_RESPONSE = error(
    "A tenure with this id already exists, in any organisation: ids are global"
)
WRITE_REFUSALS = {
    400: error("The body is not a JSON object, or an id is not valid"),
    404: TENURE_NOT_FOUND,
    412: answer("The tenure has changed since you read it", "Error", **ETAG),
    428: error("No If-Match header was sent"),
}


def _not_found(tenure_id: str):
    return error_response(404, f"Tenure {tenure_id} not found")


def _with_etag(response, tenure: Tenure):
    response.headers["ETag"] = etag(tenure.version)
    return response


def _no_content(tenure: Tenure, status: int = 204):
    return _with_etag(make_response("", status), tenure)


def _stale(tenure: Tenure):
    response = error_response(
        412,
        f"Tenure {tenure.id} has changed since you read it: read it again, then make your "
        "change to the new version",
    )
    return _with_etag(response, tenure)


def _version_required(tenure: Tenure):
    return error_response(
        428,
        f"Send the ETag of tenure {tenure.id} as If-Match, so that your change cannot "
        f"overwrite someone else's. Read it with GET /tenures/{tenure.id}",
    )


def _payload():
    """The JSON object sent, or None."""
    payload = request.get_json(silent=True)
    return payload if isinstance(payload, dict) else None


def _not_an_object():
    return error_response(400, "Send the request body as a JSON object")


@tenures_api.get("")
@docs.operation(
    "search-tenures",
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
        query("limit", {"type": "integer", "minimum": 1, "maximum": search.MAX_LIMIT}),
        query("offset", {"type": "integer", "minimum": 0, "maximum": search.MAX_OFFSET}),
    ],
)
def index():
    try:
        wanted = search.parse(request.args)
    except search.BadSearch as problem:
        return error_response(400, str(problem))
    results = search.search_tenures(wanted, g.api_user)
    return jsonify(
        {
            "data": [tenure_json(tenure.data) for tenure in results.tenures],
            "metadata": {
                "limit": wanted.limit,
                "offset": wanted.offset,
                "totalResults": results.total,
            },
        }
    )


@tenures_api.get("/<tenure_id>")
@docs.operation(
    "get-tenure",
    "Read a tenure",
    {
        200: answer("The tenure", "Tenure", **ETAG),
        304: answer("The client's copy (If-None-Match) is current", None, **ETAG),
        404: TENURE_NOT_FOUND,
        **STAFF_API_ERRORS,
    },
    parameters=[TENURE_ID, IF_NONE_MATCH],
)
def read(tenure_id: str):
    tenure = service.find(tenure_id, g.api_user)
    if tenure is None:
        return _not_found(tenure_id)
    if none_match(tenure.version):
        return _no_content(tenure, 304)
    return _with_etag(jsonify(tenure_json(tenure.data)), tenure)


@tenures_api.post("")
@docs.operation(
    "create-tenure",
    "Create a tenure",
    {
        201: CREATED,
        400: error("The body is not a JSON object"),
        409: ID_TAKEN_RESPONSE,
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
)
def create():
    return _create(None)


@tenures_api.post("/<tenure_id>")
@docs.operation(
    "create-tenure-with-id",
    "Create a tenure with the id in the path",
    {
        201: CREATED,
        400: error("The body is not a JSON object, or the id is not valid"),
        409: ID_TAKEN_RESPONSE,
        422: error("The tenure has errors, or the body's id is not the path's"),
        **STAFF_API_ERRORS,
    },
    parameters=[TENURE_ID],
    request=body(ref("Tenure-New")),
    description=(
        "The tenure specification's create endpoint, `POST tenures/{tenureid}`: as "
        "`POST /tenures`, with the path giving the new tenure's `id`. An `id` in the "
        "body may be left out; one that is not the path's is refused with 422."
    ),
)
def create_at(tenure_id: str):
    """The seed's own create endpoint, `POST tenures/{tenureid}`: the path names the id."""
    if not valid_id(tenure_id):
        return error_response(400, ID_MESSAGE)
    return _create(tenure_id)


def _create(path_id: str | None):
    if g.api_user.organisation_id is None:
        return error_response(403, "Only staff of a housing organisation can create tenures")
    payload = _payload()
    if payload is None:
        return _not_an_object()
    if path_id is not None:
        body_id = payload.get("id")
        if body_id is not None and body_id != path_id:
            return validation_failed(
                {"id": [ID_DIFFERS_FROM_PATH.format(path_id=path_id)]},
                error="The tenure has errors",
            )
        payload = {**payload, "id": path_id}
    try:
        tenure = service.create(payload, g.api_user)
    except TenureInvalid as invalid:
        return validation_failed(invalid.errors, error="The tenure has errors")
    except service.TenureExists:
        return error_response(409, ID_TAKEN)
    response = jsonify(tenure_json(tenure.data))
    response.status_code = 201
    response.headers["Location"] = f"/tenures/{tenure.id}"
    return _with_etag(response, tenure)


def _editable(tenure_id: str):
    """The tenure and the version to write against, or the response refusing the write."""
    tenure = service.find(tenure_id, g.api_user)
    if tenure is None:
        return None, None, _not_found(tenure_id)
    if not if_match_given():
        return tenure, None, _version_required(tenure)
    version = matched_version(tenure.version)
    if version is None:
        return tenure, None, _stale(tenure)
    return tenure, version, None


@tenures_api.patch("/<tenure_id>")
@docs.operation(
    "update-tenure",
    "Change a tenure",
    {
        204: CHANGED,
        **WRITE_REFUSALS,
        422: error("The tenure has errors"),
        **STAFF_API_ERRORS,
    },
    parameters=[TENURE_ID, IF_MATCH],
    request=body(ref("Tenure")),
)
def update(tenure_id: str):
    tenure, version, refused = _editable(tenure_id)
    if refused is not None:
        return refused
    payload = _payload()
    if payload is None:
        return _not_an_object()
    try:
        service.update_tenure(tenure, payload, version, g.api_user)
    except TenureInvalid as invalid:
        return validation_failed(invalid.errors, error="The tenure has errors")
    except service.StaleVersion:
        return _stale(service.find(tenure_id, g.api_user))
    return _no_content(tenure)


@tenures_api.patch("/<tenure_id>/person/<person_id>")
@docs.operation(
    "save-household-member",
    "Add or change a household member",
    {
        204: CHANGED,
        **WRITE_REFUSALS,
        422: error("The household member has errors"),
        **STAFF_API_ERRORS,
    },
    parameters=[TENURE_ID, PERSON_ID, IF_MATCH],
    request=body(ref("HouseholdMember")),
)
def save_person(tenure_id: str, person_id: str):
    tenure, version, refused = _editable(tenure_id)
    if refused is not None:
        return refused
    if not valid_id(person_id):
        return error_response(400, ID_MESSAGE)
    payload = _payload()
    if payload is None:
        return _not_an_object()
    try:
        service.save_person(tenure, person_id, payload, version, g.api_user)
    except service.MemberInvalid as invalid:
        return validation_failed(invalid.errors, error="The household member has errors")
    except service.StaleVersion:
        return _stale(service.find(tenure_id, g.api_user))
    return _no_content(tenure)


@tenures_api.delete("/<tenure_id>/person/<person_id>")
@docs.operation(
    "remove-household-member",
    "Remove a household member",
    {
        204: CHANGED,
        404: error("No such tenure, or the person is not a member of it"),
        412: WRITE_REFUSALS[412],
        **STAFF_API_ERRORS,
    },
    parameters=[TENURE_ID, PERSON_ID, IF_MATCH],
)
def remove_person(tenure_id: str, person_id: str):
    tenure = service.find(tenure_id, g.api_user)
    if tenure is None:
        return _not_found(tenure_id)
    version = None
    if if_match_given():
        version = matched_version(tenure.version)
        if version is None:
            return _stale(tenure)
    try:
        service.remove_person(tenure, person_id, version, g.api_user)
    except service.PersonNotFound:
        return error_response(404, f"Person {person_id} is not a member of tenure {tenure_id}")
    except service.StaleVersion:
        return _stale(service.find(tenure_id, g.api_user))
    return _no_content(tenure)
