"""Confirming an applicant's email address: a link sent when they register, and again when
they ask from "Your account". Until they use it, their address is sent only this link and
password resets (notices.py). Confirming is not needed to save or submit an application."""

from __future__ import annotations

from datetime import timedelta

from app.accounts import email_links
from app.accounts.email_links import EMAIL_CONFIRMATION
from app.accounts.models import EmailLink, User
from app.accounts.notices import email_user, link_to
from app.db_types import utcnow
from app.extensions import db

# Links a user may ask for in an hour: enough for a lost email or two, too few to pester.
MAX_PER_HOUR = 5


class TooManyLinks(Exception):  # noqa: N818
    """The user has been sent MAX_PER_HOUR links in the last hour."""


def send_link(user: User) -> None:
    """Email the user a link to confirm their address. The caller commits."""
    secret = email_links.issue(EMAIL_CONFIRMATION, user.email, user=user)
    email_user(
        user, "email_confirmation", link=link_to("account_settings.confirm_email", secret=secret)
    )


def send_link_again(user: User) -> None:
    """ "Send the link again" on "Your account"; TooManyLinks when asked too often."""
    since = utcnow() - timedelta(hours=1)
    if email_links.issued_since(EMAIL_CONFIRMATION, user, since) >= MAX_PER_HOUR:
        raise TooManyLinks
    send_link(user)
    db.session.commit()


def confirm(link: EmailLink) -> User:
    """Use the link: the user's address is confirmed."""
    email_links.use(link)
    mark_confirmed(link.user)
    db.session.commit()
    return link.user


def mark_confirmed(user: User) -> None:
    """The user has shown the address is theirs (by any link sent to it). The caller commits."""
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
