"""Who may see a page: signed-in checks and role checks for web views."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from app.accounts.roles import Role


def roles_required(*roles: Role):
    """Only signed-in users with one of these roles; anyone else gets 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role_enum not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
