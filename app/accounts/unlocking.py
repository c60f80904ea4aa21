"""Unlocking an account from an emailed link, at once, rather than by waiting for the sign-in
window to pass (throttle.py). The link is sent when the account locks, once a lock: never
again until the window has passed, however often the account is tried."""

from __future__ import annotations

from app.accounts import email_links, throttle
from app.accounts.email_links import UNLOCK
from app.accounts.models import EmailLink, User
from app.accounts.notices import email_user, link_to
from app.extensions import db


def may_be_sent(user: User | None) -> bool:
    """Not to no account, a deactivated one, one without a password yet, or an address not
    confirmed (which is sent nothing but its own link and resets)."""
    return (
        user is not None and user.active and user.password_hash is not None and user.email_confirmed
    )


def send_link_once(user: User | None) -> None:
    """Email an unlock link to a locked account's user, unless one was sent in this window
    (or it may not be sent one)."""
    if not may_be_sent(user):
        return
    # A transaction of its own holding the account's turn, so that of two failures at once
    # only one sends a link; on SQLite the link's insert is what takes the write lock.
    db.session.commit()
    throttle.take_turns_for_account(user.email)
    secret = email_links.issue(UNLOCK, user.email, user=user, replace=True)
    if email_links.issued_since(UNLOCK, user, throttle.locked_since()) > 1:
        db.session.rollback()
        return
    email_user(user, "account_locked", link=link_to("recovery.unlock", secret=secret))
    db.session.commit()


def unlock(link: EmailLink) -> User:
    """Use the link: the account may sign in at once."""
    email_links.use(link)
    throttle.unlock(link.user.email)
    db.session.commit()
    return link.user
