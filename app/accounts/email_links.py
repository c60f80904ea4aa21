"""Links we email: each carries a random secret (secrets.py, as invitations and API tokens
do) whose hash alone is stored, in `email_links`. A link works once, until it expires, and
only while the address it was sent to is still the account's.

A bad link is told apart as unknown (never made, or altered), expired, or used, so that the
page it opens can say which, with a way to ask for a new one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from app.accounts.models import EmailLink, User
from app.accounts.secrets import hash_secret, new_secret
from app.db_types import utcnow
from app.extensions import db

PASSWORD_RESET = "password_reset"  # noqa: S105 (a purpose, not a password)
EMAIL_CONFIRMATION = "email_confirmation"
EMAIL_CHANGE = "email_change"
UNLOCK = "unlock"
CLAIM_APPLICATION = "claim_application"

LIFETIMES = {
    PASSWORD_RESET: timedelta(hours=1),
    EMAIL_CONFIRMATION: timedelta(days=7),
    EMAIL_CHANGE: timedelta(hours=24),
    # Waiting unlocks an account too, after the sign-in window; a day covers it however set.
    UNLOCK: timedelta(hours=24),
    CLAIM_APPLICATION: timedelta(days=90),
}
# The label at the start of the secret, so that a link says what it is for when read aloud.
_PREFIXES = {
    PASSWORD_RESET: "reset",
    EMAIL_CONFIRMATION: "confirm",
    EMAIL_CHANGE: "change",
    UNLOCK: "unlock",
    CLAIM_APPLICATION: "claim",
}
# Used and expired links are kept this long, so that opening one still says what happened.
KEPT_FOR = timedelta(days=30)

UNKNOWN, EXPIRED, USED = "unknown", "expired", "used"


class LinkProblem(Exception):  # noqa: N818
    """The link cannot be used: `kind` is UNKNOWN, EXPIRED or USED. `link` is the stored
    link, if there is one."""

    def __init__(self, kind: str, link: EmailLink | None = None):
        super().__init__(kind)
        self.kind = kind
        self.link = link


def issue(
    purpose: str,
    email: str,
    user: User | None = None,
    record_id: int | None = None,
    replace: bool = False,
) -> str:
    """A new link's secret, for the URL; it is never stored. With `replace`, the user's
    unused links for the same purpose stop working. The caller commits, with the email."""
    now = utcnow()
    # Tidy as we go: no job is needed to clear out links long dead.
    db.session.execute(delete(EmailLink).where(EmailLink.expires_at < now - KEPT_FOR))
    if replace and user is not None:
        close_others(purpose, user, keep=None)
    secret = new_secret(_PREFIXES[purpose])
    db.session.add(
        EmailLink(
            purpose=purpose,
            token_hash=hash_secret(secret),
            email=email,
            user_id=user.id if user is not None else None,
            record_id=record_id,
            created_at=now,
            expires_at=now + LIFETIMES[purpose],
        )
    )
    db.session.flush()
    return secret


def check(purpose: str, secret: str) -> EmailLink:
    """The link with this secret, if it can still be used; else LinkProblem. Uses nothing."""
    link = db.session.scalar(
        select(EmailLink).where(
            EmailLink.token_hash == hash_secret(secret), EmailLink.purpose == purpose
        )
    )
    if link is None:
        raise LinkProblem(UNKNOWN)
    if link.user_id is not None and (link.user is None or not link.user.active):
        raise LinkProblem(UNKNOWN, link)
    if link.used_at is not None:
        raise LinkProblem(USED, link)
    if link.expires_at <= utcnow() or _address_changed(link):
        raise LinkProblem(EXPIRED, link)
    return link


def _address_changed(link: EmailLink) -> bool:
    """A link sent to an address the account no longer has (a change of address is the
    exception: it is sent to the new one)."""
    return link.user is not None and link.purpose != EMAIL_CHANGE and link.email != link.user.email


def use(link: EmailLink) -> None:
    """Mark the link used, or raise LinkProblem(USED) if another request used it first. The
    user's other unused links for the same purpose stop working too. The caller commits,
    with whatever the link does."""
    now = utcnow()
    changed = db.session.execute(
        update(EmailLink)
        .where(EmailLink.id == link.id, EmailLink.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        db.session.rollback()
        raise LinkProblem(USED, link)
    link.used_at = now
    if link.user is not None:
        close_others(link.purpose, link.user, keep=link.id)


def close_others(purpose: str, user: User, keep: int | None) -> None:
    query = update(EmailLink).where(
        EmailLink.user_id == user.id, EmailLink.purpose == purpose, EmailLink.used_at.is_(None)
    )
    if keep is not None:
        query = query.where(EmailLink.id != keep)
    db.session.execute(query.values(used_at=utcnow()).execution_options(synchronize_session=False))


def issued_since(purpose: str, user: User, since: datetime) -> int:
    """How many links for this purpose the user was sent since then."""
    return db.session.scalar(
        select(func.count())
        .select_from(EmailLink)
        .where(
            EmailLink.user_id == user.id,
            EmailLink.purpose == purpose,
            EmailLink.created_at >= since,
        )
    )
