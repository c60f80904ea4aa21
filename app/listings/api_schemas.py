"""The public listings API's schemas: what `service.listing_json` and its parts write."""

from __future__ import annotations

from app.api.openapi_schemas import STRING, TIMESTAMP, Schema, nullable, ref


def listing_components() -> dict[str, Schema]:
    """The listings API's component schemas in the OpenAPI document."""
    text = nullable(STRING)
    return {
        "Property": {
            "type": "object",
            "required": ["id", "plotNumber", "bedrooms"],
            "properties": {
                "id": {"type": "integer"},
                "plotNumber": text,
                "bedrooms": nullable({"type": "integer"}),
                "propertyType": text,
                "fullMarketValue": nullable({"type": "integer"}),
                "minimumShare": nullable({"type": "number"}),
            },
        },
        "Development": {
            "type": "object",
            "required": ["id", "name"],
            "properties": {
                "id": {"type": "integer"},
                "name": STRING,
                "addressLine1": text,
                "addressLine2": text,
                "town": text,
                "postcode": text,
                "localAuthorityId": nullable({"type": "integer"}),
                "localAuthority": text,
            },
        },
        "Listing": {
            "type": "object",
            "required": ["id", "title", "status", "acceptingApplications", "closingDate"],
            "properties": {
                "id": {"type": "integer"},
                "title": STRING,
                "description": text,
                "status": STRING,
                "acceptingApplications": {"type": "boolean"},
                "closingDate": {"type": "string", "format": "date"},
                "developmentId": {"type": "integer"},
                "propertyId": nullable({"type": "integer"}),
                "createdAt": TIMESTAMP,
                "updatedAt": TIMESTAMP,
                "development": ref("Development"),
                "property": nullable(ref("Property")),
                "properties": {"type": "array", "items": ref("Property")},
            },
        },
        "Listings": {
            "type": "object",
            "required": ["data"],
            "properties": {"data": {"type": "array", "items": ref("Listing")}},
        },
    }
