"""Error pages for people and JSON errors for API clients. Never a stack trace."""

from collections.abc import Callable

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.api.responses import error_response, wants_json
from app.extensions import db
from app.observability import error_reference, log, request_fields

PAGE_TEMPLATES = {
    403: "errors/403.html",
    404: "errors/404.html",
    429: "errors/429.html",
    500: "errors/500.html",
}

JSON_MESSAGES = {
    400: "The request could not be understood",
    401: "Authentication required",
    403: "You do not have permission to do this",
    404: "Not found",
    405: "Method not allowed",
    413: "The request is too large",
    415: "Send the request body as JSON",
    429: "Too many requests",
    500: "Something went wrong. Try again later",
}

# Form fields never written back into a page.
SECRET_FIELD_MARKERS = ("password", "csrf_token")


def resend_context(clean: Callable[[str], str] = str) -> dict:
    """What a page needs to send this request's form again, with a fresh CSRF token: every
    field but passwords and the old token (each name and value passed through `clean`), whether
    a password was dropped, and where to send it."""
    return {
        "fields": [
            (clean(name), clean(value))
            for name, value in request.form.items(multi=True)
            if not any(marker in name for marker in SECRET_FIELD_MARKERS)
        ],
        "password_dropped": any("password" in name for name in request.form),
        "action": request.full_path.rstrip("?"),
    }


def handle_csrf_error(error: CSRFError):
    if wants_json():
        return error_response(400, "The CSRF token is missing or has expired")
    if request.endpoint == "accounts.sign_out":
        # "Sign out" on a page left open past the token's hour: offer the button again, with a
        # fresh token, rather than a page about resending a form. Nobody is signed out yet.
        return render_template("accounts/sign_out.html"), 400
    # The answers are kept: the page posts them again with a fresh token.
    return render_template("errors/csrf.html", **resend_context()), 400


def handle_http_error(error: HTTPException):
    status = error.code or 500
    if wants_json():
        message = JSON_MESSAGES.get(status, error.name)
        response = error_response(status, message)
        if status == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response
    template = PAGE_TEMPLATES.get(status)
    if template is None:
        return render_template("errors/generic.html", error=error), status
    return render_template(template), status


def handle_unexpected_error(error: Exception):
    """Logged with its traceback under a reference the user is shown, so that support can
    find it when they quote it."""
    reference = error_reference()
    log.exception("Unhandled exception", extra={**request_fields(), "reference": reference})
    db.session.rollback()
    if wants_json():
        return error_response(500, JSON_MESSAGES[500], reference=reference)
    return render_template("errors/500.html", reference=reference), 500


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected_error)
