"""Bearer-token authentication for the JSON APIs."""

from functools import wraps

from flask import Blueprint, g, request

from app.accounts.tokens import live_token
from app.api.responses import error_response


def _bearer_token() -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _unauthorised(message: str):
    response = error_response(401, message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def token_required(view):
    """The view runs only for a live token of an active user, who is then `g.api_user` (and
    the token `g.api_token`)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        value = _bearer_token()
        if value is None:
            return _unauthorised("Send an API token in the header: Authorization: Bearer <token>")
        token = live_token(value)
        if token is None:
            return _unauthorised("The API token is not valid or has been revoked")
        g.api_user, g.api_token = token.user, token
        return view(*args, **kwargs)

    return wrapped


def staff_tokens_only(blueprint: Blueprint, api_name: str) -> None:
    """Every request to the blueprint needs the token of a member of housing staff."""

    @blueprint.before_request
    @token_required
    def staff_only():
        if not g.api_user.role_enum.is_staff:
            return error_response(403, f"Only housing staff can use the {api_name}")
        return None
