"""Changing the email address of an account. The new address must be confirmed by a link
sent to it; until then the account keeps its old one. The old address is told as soon as the
change is asked for, so that its owner can get help before it happens if they did not ask."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from app.accounts import email_links, service
from app.accounts.email_links import EMAIL_CHANGE
from app.accounts.models import EmailLink, User
from app.accounts.notices import email_user, link_to
from app.db_types import utcnow
from app.emails.outbox import send_email
from app.extensions import db

NEW_EMAIL_MISSING_MESSAGE = "Enter your new email address"
SAME_EMAIL_MESSAGE = "This is already your email address. Enter a different one"
EMAIL_IN_USE_MESSAGE = "Another account already has this email address"
PASSWORD_MISSING_MESSAGE = "Enter your password"  # noqa: S105 (a message)


class EmailInUse(service.EmailTaken):
    """Another account has the new address (an answer counted as one that tells)."""

    def __init__(self):
        super().__init__(EMAIL_IN_USE_MESSAGE)


def ask_to_change(user: User, new_email: str, password: str, ip_address: str) -> str:
    """Send a link to confirm `new_email` to that address; the address, normalised. The
    password is asked for first: the address is how the account is recovered."""
    if not new_email:
        raise service.AccountError(NEW_EMAIL_MISSING_MESSAGE, "email")
    if problem := service.email_problem(new_email):
        raise service.AccountError(problem, "email")
    new_email = service.normalise_email(new_email)
    if not password:
        raise service.AccountError(PASSWORD_MISSING_MESSAGE, "password")
    service.confirm_password(user, password, ip_address)
    if new_email == user.email:
        raise service.AccountError(SAME_EMAIL_MESSAGE, "email")
    if service.find_user_by_email(new_email) is not None:
        raise EmailInUse()
    # Only the latest address asked for can be confirmed.
    secret = email_links.issue(EMAIL_CHANGE, new_email, user=user, replace=True)
    # To the new address, which is not the account's yet: the link is what confirms it.
    send_email(
        new_email,
        "email_change_confirmation",
        {"link": link_to("account_settings.change_email_confirmed", secret=secret)},
    )
    # (Only if confirmed: an unconfirmed address is sent nothing but its own link and resets.)
    email_user(user, "email_changed_notice", link=link_to("feedback.give"))
    db.session.commit()
    return new_email


def confirm_change(link: EmailLink) -> tuple[User, str]:
    """Use the link: the account's address becomes the new one, confirmed. Returns the user
    and their old address; EmailInUse if another account took the address meanwhile."""
    user = link.user
    old_email = user.email
    email_links.use(link)
    user.email = link.email
    user.email_confirmed_at = utcnow()
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise EmailInUse() from error
    db.session.commit()
    return user, old_email
