"""JSON endpoints that are not part of a journey: who am I, and the APIs' OpenAPI document."""

from flask import g, jsonify, render_template

from app.api.auth import token_required
from app.api.responses import api_blueprint

api = api_blueprint("api", __name__, url_prefix="/api")


@api.get("/me")
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
def openapi_document():
    from app.api.openapi import document

    return jsonify(document())


@api.get("/docs")
def docs():
    from app.api.openapi import document, operations

    return render_template(
        "api/docs.html",
        page_title="API reference",
        info=document()["info"],
        operations=operations(),
        schemas=document()["components"]["schemas"],
    )
