"""The public listings API: what is open for applications, for the portal and its clients.

GET /api/rest/portal/listings          {"data": [listing, ...]} newest first
    ?localAuthorityId=<id>&bedrooms=<n>  only listings in that local authority / offering a
                                         home with that many bedrooms
GET /api/rest/portal/listings/<id>     the listing (open or closed), or 404

Each listing is `listing_json(listing, embed=True)` (see app/listings/service.py).
"""

from __future__ import annotations

from flask import jsonify, request

from app.api.openapi_operations import PUBLIC, ApiDocs, answer, error, path_parameter, query
from app.api.responses import api_blueprint, error_response
from app.extensions import db
from app.listings import service
from app.listings.api_schemas import listing_components

listings_api = api_blueprint("listings_api", __name__, url_prefix="/api/rest/portal")

# The portal's public part: its clients need no token.
docs = ApiDocs("Shared-ownership portal", schemas=listing_components, security=PUBLIC)

FILTERS = {
    "localAuthorityId": "localAuthorityId must be the id of a local authority",
    "bedrooms": "bedrooms must be a whole number from 1 upwards",
}


def _filters(args) -> tuple[dict, dict]:
    values, errors = {}, {}
    for name, message in FILTERS.items():
        text = args.get(name, "").strip()
        if not text:
            continue
        number = int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 0
        if number < 1 or (
            name == "localAuthorityId" and service.local_authority_name(number) is None
        ):
            errors[name] = [message]
        values[name] = number
    return values, errors


@listings_api.get("/listings")
@docs.operation(
    "list-listings",
    "Listings open for applications, newest first",
    {200: answer("The listings", "Listings"), 400: error("A filter is not valid")},
    parameters=[
        query("localAuthorityId", {"type": "integer", "minimum": 1}),
        query("bedrooms", {"type": "integer", "minimum": 1}),
    ],
)
def index():
    values, errors = _filters(request.args)
    if errors:
        return error_response(400, "The filters are not valid", errors=errors)
    query = service.open_listings(values.get("localAuthorityId"), values.get("bedrooms"))
    listings = db.session.scalars(query).all()
    return jsonify({"data": [service.listing_json(listing, embed=True) for listing in listings]})


@listings_api.get("/listings/<id:listing_id>")
@docs.operation(
    "get-listing",
    "A listing, open or closed",
    {200: answer("The listing", "Listing"), 404: error("No listing with this id")},
    parameters=[path_parameter("listing_id", {"type": "integer", "minimum": 1})],
)
def show(listing_id: int):
    listing = service.find_listing(listing_id)
    if listing is None:
        return error_response(404, f"Listing {listing_id} not found")
    return jsonify(service.listing_json(listing, embed=True))
