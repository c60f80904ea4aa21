"""Flask-Login wiring: loading the signed-in user and what happens when there is none."""

from flask import redirect, request, url_for

from app.accounts.models import User
from app.api.responses import error_response, wants_json
from app.extensions import db, login_manager


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    try:
        user = db.session.get(User, int(user_id))
    except ValueError:
        return None
    # A user deactivated while signed in is signed out at their next request.
    return user if user is not None and user.active else None


@login_manager.unauthorized_handler
def unauthorised():
    if wants_json():
        return error_response(401, "Authentication required")
    return redirect(url_for("accounts.sign_in", next=request.full_path.rstrip("?")))
