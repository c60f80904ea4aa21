"""JSON endpoints that are not part of a journey: who am I, and the APIs' OpenAPI document."""

from flask import g, jsonify, render_template

from app.api.auth import token_required
from app.api.openapi_operations import PUBLIC, UNAUTHORISED, ApiDocs, answer
from app.api.openapi_schemas import STRING, Schema, nullable
from app.api.responses import api_blueprint

api = api_blueprint("api", __name__, url_prefix="/api")


def me_schemas() -> dict[str, Schema]:
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


api_docs = ApiDocs("Service", schemas=me_schemas)


@api.get("/me")
@api_docs.operation(
    "get-me",
    "The user whose token this is",
    {200: answer("The user", "Me"), 401: UNAUTHORISED},
)
@token_required
def me():
    user = g.api_user
    return jsonify(
        {
            "id": user.id,
            "email": user.email,
            "name": user.name,
            "role": user.role,
            "organisation": (
                {
                    "id": user.organisation.id,
                    "name": user.organisation.name,
                    "providerType": user.organisation.provider_type,
                }
                if user.organisation
                else None
            ),
        }
    )


@api.get("/openapi.json")
@api_docs.operation(
    "get-openapi",
    "This document",
    {200: answer("The OpenAPI document", {"type": "object"})},
    security=PUBLIC,
)
def openapi_document():
    from app.api.openapi import document

    return jsonify(document())


@api.get("/docs")
@api_docs.operation(
    "get-api-docs",
    "This document as a web page",
    {
        200: {
            "description": "The API reference page",
            "content": {"text/html": {"schema": {"type": "string"}}},
        }
    },
    security=PUBLIC,
)
def docs():
    from app.api.openapi import document, markdown, operations

    spec = document()
    return render_template(
        "api/docs.html",
        page_title="API reference",
        info=spec["info"],
        description=markdown(spec["info"]["description"]),
        operations=operations(),
        schemas=spec["components"]["schemas"],
    )
