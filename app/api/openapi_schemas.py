"""The OpenAPI document's component schemas, built from the definitions that the APIs use.

Journeys give the case log and the portal's applicants (`outputs.json_schema`), tenures give
`tenure_schema()`, and probation's declared seed shapes give case data. Only the few records
that have no definition of their own (listings, users, errors) are written out here.
"""

from __future__ import annotations

import copy
from typing import Any

from app.api.responses import MAX_REPORTED_ERRORS
from app.applications.portal_shape import JOURNEY as PORTAL_JOURNEY
from app.db_ids import MAX_ID
from app.formkit.outputs import json_schema
from app.journeys.lettings_log import LETTINGS_LOG
from app.journeys.shared_ownership_application import MAX_JOINT_APPLICANTS
from app.probation import schema as probation
from app.tenures.schema import tenure_schema

Schema = dict[str, Any]


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


STRING = {"type": "string"}
TIMESTAMP = {"type": "string", "description": "An ISO 8601 date and time"}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
MESSAGES = {"type": "object", "additionalProperties": {"type": "array", "items": STRING}}
ERROR_COUNT = {
    "type": "integer",
    "description": (
        f"Sent when `errors` holds only the first {MAX_REPORTED_ERRORS} fields: how many there were"
    ),
}


# -- errors -------------------------------------------------------------------------------------


def _errors() -> dict[str, Schema]:
    return {
        "Error": {
            "type": "object",
            "description": "Any error: a message for people under `error`.",
            "required": ["error"],
            "properties": {
                "error": STRING,
                "errors": MESSAGES,
                "errorCount": ERROR_COUNT,
                "reference": {
                    "type": "string",
                    "description": "For an unexpected error: quote it to support",
                },
            },
        },
        "ValidationErrors": {
            "type": "object",
            "description": "Invalid answers: each field's messages, as on the web pages.",
            "required": ["errors"],
            "properties": {"errors": MESSAGES, "errorCount": ERROR_COUNT},
        },
        "PortalValidationErrors": {
            "type": "object",
            "description": "Invalid data; keys are dotted paths such as applicants.0.email.",
            "required": ["message", "errors"],
            "properties": {"message": STRING, "errors": MESSAGES, "errorCount": ERROR_COUNT},
        },
        "CaseDataProblem": {
            "type": "object",
            "description": "An error about a probation case, in the seed's shape.",
            "required": ["status", "message"],
            "properties": {"status": {"type": "integer"}, "message": STRING, "reason": STRING},
        },
    }


# -- case logs ----------------------------------------------------------------------------------


def _case_logs() -> dict[str, Schema]:
    answers = json_schema(LETTINGS_LOG)
    log = copy.deepcopy(answers)
    log["title"] = "Case-Log"
    log["required"] = ["id", "status", "created_at", "updated_at"]
    log["properties"] = {
        "id": {"type": "integer", "readOnly": True},
        "status": {"enum": ["in_progress", "completed", "submitted"], "readOnly": True},
        **log["properties"],
        "created_at": {**TIMESTAMP, "readOnly": True},
        "updated_at": {**TIMESTAMP, "readOnly": True},
        "warnings": {
            "type": "array",
            "readOnly": True,
            "description": "Unusual answers, which do not block a save.",
            "items": {"type": "object"},
        },
    }
    return {
        "Case-Log-Answers": {**answers, "title": "Case log answers"},
        "Case-Log": log,
        "Case-Log-Page": {
            "type": "object",
            "required": ["data", "metadata"],
            "properties": {
                "data": {"type": "array", "items": ref("Case-Log")},
                "metadata": {
                    "type": "object",
                    "required": ["page", "page_size", "total"],
                    "properties": {
                        "page": {"type": "integer"},
                        "page_size": {"type": "integer"},
                        "total": {"type": "integer"},
                    },
                },
            },
        },
    }


# -- tenures ------------------------------------------------------------------------------------


def _tenures() -> dict[str, Schema]:
    tenure = tenure_schema()
    members = tenure["properties"]["householdMembers"]["items"]
    return {
        "Tenure": tenure,
        # What a new tenure must have (record._check); a PATCH merges, so needs none of it.
        "Tenure-New": {
            "allOf": [ref("Tenure")],
            "required": ["tenureType", "startOfTenureDate"],
            "properties": {
                "tenureType": {"type": "object", "required": ["code"]},
                "startOfTenureDate": {"type": "string"},
            },
        },
        "HouseholdMember": copy.deepcopy(members),
        "Tenure-Search": {
            "type": "object",
            "required": ["data", "metadata"],
            "properties": {
                "data": {"type": "array", "items": ref("Tenure")},
                "metadata": {
                    "type": "object",
                    "required": ["limit", "offset", "totalResults"],
                    "properties": {
                        "limit": {"type": "integer"},
                        "offset": {"type": "integer"},
                        "totalResults": {"type": "integer"},
                    },
                },
            },
        },
    }


# -- probation case data ------------------------------------------------------------------------

_SCALARS = {
    "text": STRING,
    "flag": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "whole": {"type": "integer"},
}


def field_schema(field: probation.Field) -> Schema:
    """The JSON Schema of a declared probation field, as responses write it (`shaped`)."""
    if field.kind == "object":
        fields = field.fields or {}
        schema: Schema = {
            "type": "object",
            "required": list(fields),
            "properties": {key: field_schema(sub) for key, sub in fields.items()},
            "additionalProperties": False,
        }
    elif field.kind == "list":
        return {"type": "array", "items": field_schema(field.item)}
    else:
        schema = dict(_SCALARS[field.kind])
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
    return schema if field.required else nullable(schema)


def _probation() -> dict[str, Schema]:
    return {
        "CaseDetails": field_schema(probation.record(probation.CASE_DETAILS, True)),
        "PersonalDetails": field_schema(probation.record(probation.PERSONAL_DETAILS, True)),
        "UserAccess": {
            "type": "object",
            "required": ["crn", "userExcluded", "userRestricted"],
            "properties": {
                "crn": STRING,
                "userExcluded": {"type": "boolean"},
                "userRestricted": {"type": "boolean"},
                "exclusionMessage": STRING,
                "restrictionMessage": STRING,
            },
            "additionalProperties": False,
        },
    }


# -- the portal ---------------------------------------------------------------------------------


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


def _listings() -> dict[str, Schema]:
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
        },
    }


def _portal() -> dict[str, Schema]:
    return {
        **_applicants(),
        **_listings(),
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


def _me() -> dict[str, Schema]:
    return {
        "Me": {
            "type": "object",
            "required": ["id", "email", "name", "role", "organisation"],
            "properties": {
                "id": {"type": "integer"},
                "email": STRING,
                "name": nullable(STRING),
                "role": STRING,
                "organisation": nullable(
                    {
                        "type": "object",
                        "required": ["id", "name", "providerType"],
                        "properties": {
                            "id": {"type": "integer"},
                            "name": STRING,
                            "providerType": nullable(STRING),
                        },
                    }
                ),
            },
        }
    }


def component_schemas() -> dict[str, Schema]:
    return {
        **_errors(),
        **_me(),
        **_case_logs(),
        **_tenures(),
        **_probation(),
        **_portal(),
    }
