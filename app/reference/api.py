"""The portal's reference lists over JSON: public, no token needed.

GET /api/rest/portal/<list>                          every item of a list
GET /api/rest/portal/local-authorities?postcode=...  the local authority of a postcode

The list route matches only the list names, so it never shadows the portal API's other
routes under the same prefix (/register, /login, /listings, /profile/..., /assessment).
"""

from flask import jsonify, request

from app.api.openapi_operations import PUBLIC, ApiDocs, answer, error, path_parameter, query
from app.api.openapi_schemas import STRING, Schema
from app.api.responses import api_blueprint, error_response
from app.extensions import db
from app.reference import postcodes
from app.reference.lists import REFERENCE_LISTS, ReferenceItem

reference_api = api_blueprint("reference_api", __name__, url_prefix="/api/rest/portal")

_LIST_NAMES = ", ".join(f"'{name}'" for name in REFERENCE_LISTS)

INVALID_POSTCODE = "Enter a real postcode, like SW1A 1AA"
UNKNOWN_POSTCODE = "No local authority was found for the postcode {postcode}"


def reference_components() -> dict[str, Schema]:
    return {
        "ReferenceList": {
            "type": "object",
            "required": ["data"],
            "properties": {
                "data": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "name"],
                        "properties": {"id": {"type": "integer"}, "name": STRING, "code": STRING},
                    },
                }
            },
        }
    }


docs = ApiDocs("Reference lists", schemas=reference_components, security=PUBLIC)


def _as_json(item: ReferenceItem) -> dict:
    data = {"id": item.id, "name": item.name}
    if item.code is not None:
        data["code"] = item.code
    return data


@reference_api.get(f"/<any({_LIST_NAMES}):list_name>")
@docs.operation(
    "get-reference-list",
    "A reference list, or the local authority of a postcode",
    {
        200: answer("The list's items", "ReferenceList"),
        400: error("The postcode is not a real postcode"),
        404: error("No local authority was found for the postcode"),
    },
    parameters=[
        path_parameter("list_name", {"enum": list(REFERENCE_LISTS)}),
        query(
            "postcode",
            {"type": "string"},
            "With local-authorities only: the local authority of this postcode",
        ),
    ],
)
def reference_list(list_name: str):
    if list_name == "local-authorities" and "postcode" in request.args:
        return _local_authority_for_postcode(request.args["postcode"])
    return jsonify({"data": [_as_json(item) for item in REFERENCE_LISTS[list_name]]})


def _local_authority_for_postcode(given: str):
    canonical = postcodes.normalise(given)
    if canonical is None:
        return error_response(400, INVALID_POSTCODE, errors={"postcode": [INVALID_POSTCODE]})
    local_authority = postcodes.local_authority_for(canonical)
    # A provider's answer is cached in the postcodes table by the lookup.
    db.session.commit()
    if local_authority is None:
        return error_response(404, UNKNOWN_POSTCODE.format(postcode=canonical))
    return jsonify({"data": [_as_json(local_authority)]})
