"""The portal API's schemas: applicants from the shared-ownership journey, and the shapes of
applications, accounts and tokens as portal_api writes them."""

from __future__ import annotations

from app.api.openapi_schemas import ID, STRING, TIMESTAMP, Schema, nullable, ref
from app.applications.portal_shape import JOURNEY as PORTAL_JOURNEY
from app.formkit.outputs import json_schema
from app.journeys.shared_ownership_application import MAX_JOINT_APPLICANTS
from app.listings.api_schemas import listing_components


def _applicants() -> dict[str, Schema]:
    journey = json_schema(PORTAL_JOURNEY)
    joint = journey["properties"].pop("jointApplicants")["items"]
    main = {**journey, "title": "Main applicant"}
    return {
        "MainApplicant": main,
        "JointApplicant": {**joint, "title": "Joint applicant"},
    }


def _application_request(*, with_id: bool = False) -> Schema:
    properties: Schema = {
        "listingId": ID,
        "propertyId": nullable(ID),
        "applicants": {
            "type": "array",
            "description": "The main applicant first, then any joint applicants.",
            "minItems": 1,
            "maxItems": 1 + MAX_JOINT_APPLICANTS,
            "items": {"anyOf": [ref("MainApplicant"), ref("JointApplicant")]},
        },
    }
    if with_id:
        properties = {"id": {**ID, "description": "The draft to submit, if any"}, **properties}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def portal_components() -> dict[str, Schema]:
    """The portal API's component schemas in the OpenAPI document, with the listings' that
    an application embeds."""
    return {
        **_applicants(),
        **listing_components(),
        "ApplicationRequest": _application_request(),
        "ApplicationSubmission": _application_request(with_id=True),
        "Application": {
            "type": "object",
            "required": ["application", "formFields", "id", "listing", "status"],
            "properties": {
                "application": {
                    "type": "object",
                    "properties": {
                        "reference": nullable(STRING),
                        "submittedAt": nullable(TIMESTAMP),
                        "unsubmitReason": {
                            **nullable(STRING),
                            "description": "Why the housing provider returned it",
                        },
                        "copiedFromId": {
                            **nullable({"type": "integer"}),
                            "description": "On a returned application's draft copy: the id "
                            "of the application that was returned",
                        },
                    },
                },
                "createdAt": TIMESTAMP,
                "development": ref("Development"),
                "formFields": {
                    "type": "object",
                    "required": ["listingId", "propertyId", "applicants"],
                    "properties": {
                        "listingId": {"type": "integer"},
                        "propertyId": nullable({"type": "integer"}),
                        "applicants": {
                            "type": "array",
                            "items": {"anyOf": [ref("MainApplicant"), ref("JointApplicant")]},
                        },
                    },
                },
                "id": {"type": "integer"},
                "listing": ref("Listing"),
                "property": nullable(ref("Property")),
                "status": {
                    "enum": ["draft", "submitted", "unsubmitted"],
                    "description": (
                        "`unsubmitted`: returned to the applicant by the housing provider "
                        "(“Returned” on the service's pages). It can no longer be changed: "
                        "its draft copy, whose `application.copiedFromId` is this id, is "
                        "changed and submitted instead"
                    ),
                },
                "updatedAt": TIMESTAMP,
            },
        },
        "Applications": {
            "type": "object",
            "required": ["data"],
            "properties": {"data": {"type": "array", "items": ref("Application")}},
        },
        "Registration": {
            "type": "object",
            "required": ["name", "email", "password"],
            "properties": {
                "name": STRING,
                "email": {"type": "string", "format": "email"},
                "password": {"type": "string", "format": "password"},
            },
        },
        "Account": {
            "type": "object",
            "required": ["id", "name", "email"],
            "properties": {"id": {"type": "integer"}, "name": STRING, "email": STRING},
        },
        "Credentials": {
            "type": "object",
            "required": ["email", "password"],
            "properties": {"email": STRING, "password": {"type": "string", "format": "password"}},
        },
        "AccessToken": {
            "type": "object",
            "required": ["access_token", "token_type", "expires_in"],
            "properties": {
                "access_token": STRING,
                "token_type": {"const": "Bearer"},
                "expires_in": {"type": "integer"},
            },
        },
    }
