"""The account page's "Create token" form, which is single-use (see single_use.py): the new
token's value is shown once, in the answer to the form, and never stored, so the answer cannot
be a redirect; a form sent again (a reload, Back then Forward) makes no second token."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from app.accounts import single_use, tokens
from app.accounts.models import ApiToken, User
from app.extensions import db

PURPOSE = "api-token"


class TokenAlreadyCreated(Exception):
    """The form that asked for this token was sent before, and made it then."""


def new_form_key(user: User) -> str:
    return single_use.new_key(PURPOSE, user)


def form_key(user: User, signed: str | None) -> str:
    """The key of the form sent back, or single_use.FormExpired."""
    return single_use.read_key(PURPOSE, user, signed)


def already_created(user: User, key: str) -> bool:
    return single_use.was_used(PURPOSE, user, key)


def create_token(user: User, name: str, key: str) -> tuple[ApiToken, str]:
    """The token and its value, made once for the form with this key; the same form sent
    again raises TokenAlreadyCreated and creates nothing. The database decides, so the view
    asks `already_created` first only to answer a resend before asking for a password."""
    single_use.mark_used(PURPOSE, user, key)
    try:
        return tokens.create_token(user, name)  # commits the key with the token
    except IntegrityError as error:  # the same form, sent twice at once
        db.session.rollback()
        raise TokenAlreadyCreated from error
