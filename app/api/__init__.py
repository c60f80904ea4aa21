"""JSON endpoints that are not part of a journey: who am I."""

from flask import g, jsonify

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
