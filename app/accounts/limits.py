"""Rate limits, per client address, on creating accounts and on answers that say an account
already exists. Sign-in failures are throttled in `throttle.py`; these cover the other ways
in: registering (on the web and through the portal API, from one allowance), inviting, and
asking for a password reset link.

An "account exists" answer tells whether someone has an account, so only those answers count
against their limit, as only failed sign-ins count against sign-in's; once it is used up,
every such request is refused until the window passes.
"""

from __future__ import annotations

from flask import current_app, g

from app.accounts.service import AccountError, EmailTaken
from app.extensions import limiter
from app.too_many_requests import error_handler

TOO_MANY_ATTEMPTS = "There have been too many attempts to create an account. Try again later"


def _registration_limit() -> str:
    return current_app.config["REGISTRATION_LIMIT"]


def _account_exists_limit() -> str:
    return current_app.config["ACCOUNT_EXISTS_LIMIT"]


def _answered_account_exists(_response) -> bool:
    return g.get("answered_account_exists", False)


def note_refusal(error: AccountError) -> None:
    """Call with every AccountError a limited view answers: it counts those that said an
    account exists."""
    if isinstance(error, EmailTaken):
        g.answered_account_exists = True


registration = limiter.shared_limit(
    _registration_limit, scope="registration", methods=["POST"], error_message=TOO_MANY_ATTEMPTS
)
account_exists_answers = limiter.shared_limit(
    _account_exists_limit,
    scope="account-exists",
    methods=["POST"],
    deduct_when=_answered_account_exists,
    error_message=TOO_MANY_ATTEMPTS,
)


too_many_attempts = error_handler("Sorry, there have been too many attempts to create an account")


TOO_MANY_RESET_REQUESTS = "There have been too many requests to reset a password. Try again later"


def _password_reset_limit() -> str:
    return current_app.config["PASSWORD_RESET_LIMIT"]


# "Forgot your password?": every request counts, as each may send an email.
password_reset_requests = limiter.shared_limit(
    _password_reset_limit,
    scope="password-reset",
    methods=["POST"],
    error_message=TOO_MANY_RESET_REQUESTS,
)
too_many_reset_requests = error_handler(
    "Sorry, there have been too many requests to reset a password"
)
