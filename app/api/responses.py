"""How API requests are recognised and how their errors are shaped."""

from flask import Blueprint, jsonify, request

from app.extensions import csrf

# Paths that belong to JSON APIs even when no route matched (so a 404 there is JSON too).
# (The staff pages for users are at /manage-users, so /users/ is the probation API's alone.)
API_PATH_PREFIXES = ("/api/", "/case_logs", "/tenures", "/users/", "/case-data")
_api_blueprints: set[str] = set()


def api_blueprint(name: str, import_name: str, **options) -> Blueprint:
    """A blueprint whose every response, errors included, is JSON.

    API clients authenticate with bearer tokens and send no cookies, so CSRF does not apply.
    """
    blueprint = Blueprint(name, import_name, **options)
    _api_blueprints.add(name)
    csrf.exempt(blueprint)
    blueprint.before_request(refuse_nul_characters)
    return blueprint


NUL_MESSAGE = "Text must not contain the NUL character (U+0000)"


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def refuse_nul_characters():
    """A 400 for a NUL character in the path, the query or a JSON body: no database stores
    one in text (PostgreSQL refuses it), so it can only be a client's mistake."""
    query = request.args.items(multi=True)
    if (
        "\x00" in request.path
        or any(_holds_nul(key) or _holds_nul(value) for key, value in query)
        or (request.is_json and _holds_nul(request.get_json(silent=True)))
    ):
        return error_response(400, NUL_MESSAGE)
    return None


def wants_json() -> bool:
    if request.blueprint in _api_blueprints:
        return True
    if request.path.startswith(API_PATH_PREFIXES):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and not request.accept_mimetypes.accept_html


def refuse_unless_json_accepted():
    """A before_request hook for APIs: 406 for a client that will not take JSON."""
    accept = request.headers.get("Accept")
    if accept is not None and not request.accept_mimetypes.accept_json:
        return error_response(406, "This API only responds with application/json")
    return None


def error_response(status: int, message: str, **extra):
    response = jsonify({"error": message, **extra})
    response.status_code = status
    return response
