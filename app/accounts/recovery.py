"""Forgotten and changed passwords.

Asking for a reset link answers the same whether or not an account has the address, so it
tells nobody who has one; requests are limited per client address (limits.py) and the links
sent per account. A link works once, for an hour. A new password ends every other sign-in
and the portal's sign-in tokens, and the old password stops working; integrations' API
tokens are kept (the user is told they still have them)."""

from __future__ import annotations

from datetime import timedelta

from app.accounts import confirmation, email_links, service, throttle
from app.accounts.email_links import PASSWORD_RESET
from app.accounts.models import ApiToken, EmailLink, User
from app.accounts.notices import email_user, link_to
from app.db_types import utcnow
from app.extensions import db

# Reset links sent to one account in an hour, whoever asks: more only fill their inbox.
MAX_LINKS_PER_HOUR = 3
CURRENT_PASSWORD_MESSAGE = "Enter your current password"  # noqa: S105 (a message)
CURRENT_PASSWORD_WRONG_MESSAGE = "Your current password is not correct"  # noqa: S105


def ask_for_reset(email: str) -> None:
    """Email a reset link if an active account has this address; otherwise do nothing. The
    person asking is told the same either way."""
    user = service.find_user_by_email(email)
    if user is None or not user.active:
        return
    since = utcnow() - timedelta(hours=1)
    if email_links.issued_since(PASSWORD_RESET, user, since) >= MAX_LINKS_PER_HOUR:
        return
    secret = email_links.issue(PASSWORD_RESET, user.email, user=user)
    email_user(user, "password_reset", link=link_to("recovery.reset_password", secret=secret))
    db.session.commit()


def reset_password(link: EmailLink, password: str) -> User:
    """Use a reset link to set a new password (AccountError if it is not acceptable)."""
    user = link.user
    service.set_new_password(user, password)  # checks the password before the link is used
    email_links.use(link)
    # The link came to the address, which shows it is theirs; and they may sign in at once.
    confirmation.mark_confirmed(user)
    throttle.unlock(user.email)
    _tell_password_changed(user)
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str, ip_address: str) -> None:
    """ "Change your password" on "Your account": the current password first (counted as a
    sign-in attempt, so a stolen session cannot guess at it). This sign-in goes on; every
    other one ends."""
    if not current:
        raise service.AccountError(CURRENT_PASSWORD_MESSAGE, "current_password")
    try:
        service.confirm_password(user, current, ip_address)
    except service.SignInThrottled as error:
        raise service.SignInThrottled(error.message, "current_password") from error
    except service.AccountError as error:
        raise service.AccountError(CURRENT_PASSWORD_WRONG_MESSAGE, "current_password") from error
    service.set_new_password(user, new, keep_session=user.web_session)
    _tell_password_changed(user)
    db.session.commit()


def _tell_password_changed(user: User) -> None:
    email_user(user, "password_changed", link=link_to("recovery.forgot_password"))


def kept_api_tokens(user: User) -> list[ApiToken]:
    """The integrations' tokens a new password left working."""
    now = utcnow()
    return [t for t in user.api_tokens if t.expires_at is None and t.is_live(now)]
