"""Error pages for people and JSON errors for API clients. Never a stack trace.

Error handlers never use the database: it may be why they run (down, hung, or the session's
transaction failed). Each handler first rolls back whatever the request left in the session,
and pages show the user only if this request already loaded them (kept as loaded, detached
from the session), or else the signed-out layout. When the database cannot be reached the
answer is 503 "Sorry, the service is unavailable", with a reference.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, g, render_template, request, session
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc as sqlalchemy_errors
from sqlalchemy import inspect
from werkzeug.exceptions import HTTPException

from app.api.responses import error_response, wants_json
from app.extensions import db, login_manager
from app.observability import error_reference, log, request_fields
from app.request_limits import JsonBodyRefused, too_large_message

PAGE_TEMPLATES = {
    403: "errors/403.html",
    404: "errors/404.html",
    413: "errors/413.html",
    429: "errors/429.html",
    500: "errors/500.html",
    503: "errors/503.html",
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
    503: "Sorry, the service is unavailable. Try again later",
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


def database_unreachable(error: BaseException) -> bool:
    """Whether the database could not be reached or did not answer in time, rather than
    refusing a statement: a connection refused or lost, a timeout, or no free connection."""
    if isinstance(error, sqlalchemy_errors.OperationalError | sqlalchemy_errors.TimeoutError):
        return True
    return isinstance(error, sqlalchemy_errors.DBAPIError) and error.connection_invalidated


def _keep_loaded_user_only() -> None:
    """Make `current_user` for the rest of this request the user already loaded, detached
    with the attributes the layout needs, or else nobody: never a query."""
    user = g.get("_login_user")
    # The user's sign-in row comes with them: the session timeout warning reads it.
    for loaded in (user, getattr(user, "web_session", None)):
        state = inspect(loaded, raiseerr=False)
        if state is None or state.detached or state.transient:
            continue  # not from the session: reading it cannot query
        if state.expired_attributes:
            # A failed flush may have expired what was loaded: reading it now would query.
            g._login_user = login_manager.anonymous_user()
            return
        db.session.expunge(loaded)
    if user is None or not getattr(user, "is_authenticated", False):
        g._login_user = login_manager.anonymous_user()


def forget_database_work() -> None:
    """Roll back the request's session, so that nothing after this sees a failed transaction,
    without anything later going to the database for the user."""
    _keep_loaded_user_only()
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - a dead connection may fail even to roll back
        log.warning("Could not roll back the session", extra=request_fields(), exc_info=True)


def error_page(template: str, status: int, **context):
    """The page, or if even that fails to render, a line of text: never Flask's bare page."""
    if "_user_id" in session and not getattr(g.get("_login_user"), "is_authenticated", False):
        # Signed in, but not loaded by this request: no links for them, nor signed-out ones.
        context.setdefault("navigation_items", [])
    try:
        return render_template(template, **context), status
    except Exception:  # noqa: BLE001 - the last resort of an error handler
        reference = context.get("reference") or error_reference()
        log.exception("Error page failed", extra={**request_fields(), "reference": reference})
        text = f"Sorry, there is a problem with the service. Reference: {reference}\n"
        return text, status, {"Content-Type": "text/plain; charset=utf-8"}


def handle_csrf_error(error: CSRFError):
    forget_database_work()
    if wants_json():
        return error_response(400, "The CSRF token is missing or has expired")
    if request.endpoint == "accounts.sign_out":
        # "Sign out" on a page left open past the token's hour: offer the button again, with a
        # fresh token, rather than a page about resending a form. Nobody is signed out yet.
        return error_page("accounts/sign_out.html", 400)
    # The answers are kept: the page posts them again with a fresh token.
    return error_page("errors/csrf.html", 400, **resend_context())


def _json_message(error: HTTPException, status: int) -> str:
    if isinstance(error, JsonBodyRefused):
        return error.description
    if status == 413:
        return too_large_message()
    return JSON_MESSAGES.get(status, error.name)


def handle_http_error(error: HTTPException):
    forget_database_work()
    status = error.code or 500
    if wants_json():
        response = error_response(status, _json_message(error, status))
        if status == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response
    template = PAGE_TEMPLATES.get(status)
    if template is None:
        return error_page("errors/generic.html", status, error=error)
    return error_page(template, status, limit=request.max_content_length)


def handle_unexpected_error(error: Exception):
    """Logged with its traceback under a reference the user is shown, so that support can
    find it when they quote it."""
    reference = error_reference()
    forget_database_work()
    status = 503 if database_unreachable(error) else 500
    message = "Database unavailable" if status == 503 else "Unhandled exception"
    log.exception(message, extra={**request_fields(), "reference": reference})
    if wants_json():
        return error_response(status, JSON_MESSAGES[status], reference=reference)
    return error_page(PAGE_TEMPLATES[status], status, reference=reference)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected_error)
