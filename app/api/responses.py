"""How API requests are recognised and how their errors are shaped."""

from flask import Blueprint, jsonify, request

from app.extensions import csrf

# Paths that belong to JSON APIs even when no route matched (so a 404 there is JSON too).
# (The staff pages for users are at /manage-users, so /users/ is the probation API's alone.)
# A 422 lists at most this many fields' errors; `errorCount` then says how many there were.
MAX_REPORTED_ERRORS = 100
API_PATH_PREFIXES = ("/api/", "/case_logs", "/tenures", "/users/", "/case-data")
_api_blueprints: set[str] = set()


def api_blueprint(name: str, import_name: str, **options) -> Blueprint:
    """A blueprint whose every response, errors included, is JSON.

    API clients authenticate with bearer tokens and send no cookies, so CSRF does not apply.
    """
    blueprint = Blueprint(name, import_name, **options)
    _api_blueprints.add(name)
    csrf.exempt(blueprint)
    return blueprint


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


def validation_failed(errors: dict[str, list[str]], **extra):
    """Every 422: each invalid field's messages, the first MAX_REPORTED_ERRORS fields only (a
    body of many unknown fields would otherwise get back an answer many times its size), with
    `errorCount` when some were left out."""
    body = {**extra, "errors": dict(list(errors.items())[:MAX_REPORTED_ERRORS])}
    if len(errors) > MAX_REPORTED_ERRORS:
        body["errorCount"] = len(errors)
    response = jsonify(body)
    response.status_code = 422
    return response
