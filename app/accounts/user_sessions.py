"""Web sign-ins kept on the server (UserSession rows), so that they can be ended.

The session cookie carries a random secret; its hash names a row. A cookie counts only while
its row is live: not ended (by signing out, deactivation or a new password) and begun within
the absolute lifetime. The idle limit is the cookie's own, whose signed timestamp Flask
checks on every request.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import bindparam, delete, or_, select, update

from app.accounts.models import Organisation, User, UserSession
from app.accounts.secrets import hash_secret, new_secret
from app.db_types import utcnow
from app.extensions import db


def _config():
    return current_app.config["APP_CONFIG"]


def _began_after() -> datetime:
    """Sign-ins that began before this have run out, however busy they were."""
    return utcnow() - timedelta(hours=_config().session_absolute_lifetime_hours)


def begin(user: User) -> str:
    """Start a sign-in for a user who has just entered their password; return its secret,
    which is never stored. The user's finished sign-ins are cleared out on the way."""
    db.session.execute(
        delete(UserSession).where(
            UserSession.user_id == user.id,
            or_(UserSession.ended_at.is_not(None), UserSession.signed_in_at < _began_after()),
        )
    )
    secret = new_secret("session")
    now = utcnow()
    user.web_session = UserSession(
        user_id=user.id,
        secret_hash=hash_secret(secret),
        signed_in_at=now,
        last_authenticated_at=now,
    )
    user.session_secret = secret
    db.session.add(user.web_session)
    db.session.commit()
    return secret


# Built once: this runs on every page request, and building the statement each time cost
# more than running it (0.78 ms of CPU a lookup, 0.35 ms built once; see docs/performance.md).
# Only the values vary, and the row is still read on every request.
_SIGNED_IN_USER = (
    select(User, UserSession, Organisation.name)
    .join(UserSession, UserSession.user_id == User.id)
    .outerjoin(Organisation, Organisation.id == User.organisation_id)
    .where(
        UserSession.secret_hash == bindparam("secret_hash"),
        UserSession.ended_at.is_(None),
        UserSession.signed_in_at >= bindparam("began_after"),
        User.active,
    )
)


def signed_in_user(secret: str) -> User | None:
    """The active user whose live sign-in has this secret, in one query (this runs on every
    request), with `web_session`, `session_secret` and `organisation_name` set; else None."""
    found = db.session.execute(
        _SIGNED_IN_USER,
        {"secret_hash": hash_secret(secret), "began_after": _began_after()},
    ).first()
    if found is None:
        return None
    user, user_session, organisation_name = found
    user.web_session, user.session_secret = user_session, secret
    user.organisation_name = organisation_name
    return user


def end(user_session: UserSession | None) -> None:
    if user_session is None:
        return
    db.session.execute(
        update(UserSession)
        .where(UserSession.id == user_session.id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    db.session.commit()


def end_all(user: User, keep: UserSession | None = None) -> None:
    """End every web sign-in of the user, but `keep` (the one making the change). The caller
    commits, with the change that made this necessary."""
    query = update(UserSession).where(
        UserSession.user_id == user.id, UserSession.ended_at.is_(None)
    )
    if keep is not None:
        query = query.where(UserSession.id != keep.id)
    db.session.execute(query.values(ended_at=utcnow()))


def seconds_left(user: User) -> int:
    """How long the user's sign-in lasts without another request: the idle limit, or less
    where the absolute limit comes first."""
    ends_at = user.web_session.signed_in_at + timedelta(
        hours=_config().session_absolute_lifetime_hours
    )
    left = min(current_app.permanent_session_lifetime, ends_at - utcnow())
    return max(0, int(left.total_seconds()))


def needs_password(user: User) -> bool:
    """Whether the user must enter their password again before a sensitive action."""
    user_session = user.web_session
    if user_session is None:
        return True
    limit = timedelta(minutes=_config().reauthenticate_after_minutes)
    return utcnow() - user_session.last_authenticated_at > limit


def password_entered(user: User) -> None:
    user.web_session.last_authenticated_at = utcnow()
    db.session.commit()
