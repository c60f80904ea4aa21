"""Flask-Login wiring: loading the signed-in user and what happens when there is none.

The cookie holds the secret of a server-side sign-in (see user_sessions.py), not the user's
id, so a cookie copied before its sign-in ended is worthless afterwards."""

from flask import Flask, redirect, request, url_for
from flask_login import current_user

from app.accounts import user_sessions
from app.accounts.models import User
from app.api.responses import error_response, wants_json
from app.extensions import login_manager

# What login_user() stores in the cookie (the default is the user's id, via get_id).
login_manager.id_attribute = "get_session_secret"


@login_manager.user_loader
def load_user(secret: str) -> User | None:
    # Ended, run out, or its user deactivated: signed out at this request.
    return user_sessions.signed_in_user(secret)


@login_manager.unauthorized_handler
def unauthorised():
    if wants_json():
        return error_response(401, "Authentication required")
    return redirect(url_for("accounts.sign_in", next=request.full_path.rstrip("?")))


def load_for_pages() -> None:
    """A page shows who is signed in, and so do its error pages, which never query (see
    errors.py): so a page request loads its user before anything can fail, a 404 included.
    Pages load the user anyway; API requests and static files do not need them."""
    if request.endpoint != "static" and not wants_json():
        current_user._get_current_object()


def init_app(app: Flask) -> None:
    app.before_request(load_for_pages)
