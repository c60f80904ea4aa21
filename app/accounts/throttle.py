"""Sign-in throttling per account and per IP address.

Failed attempts are kept in the database, so the limits hold across processes. The same
answer is given whether or not the account exists, so throttling reveals no accounts.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from app.accounts.models import SignInAttempt
from app.db_types import utcnow
from app.extensions import db

THROTTLED_MESSAGE = "You have tried to sign in too many times. Wait 15 minutes, then try again."


def _window():
    config = current_app.config["APP_CONFIG"]
    return timedelta(minutes=config.sign_in_window_minutes)


def _failures_since(column, value, since) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(SignInAttempt)
        .where(column == value, SignInAttempt.attempted_at >= since, ~SignInAttempt.succeeded)
    )


def is_throttled(email: str, ip_address: str) -> bool:
    config = current_app.config["APP_CONFIG"]
    since = utcnow() - _window()
    return (
        _failures_since(SignInAttempt.email, email, since)
        >= config.sign_in_max_failures_per_account
        or _failures_since(SignInAttempt.ip_address, ip_address, since)
        >= config.sign_in_max_failures_per_ip
    )


def record_attempt(email: str, ip_address: str, succeeded: bool) -> None:
    db.session.add(SignInAttempt(email=email, ip_address=ip_address, succeeded=succeeded))
    if succeeded:
        # A successful sign-in clears the account's earlier failures.
        db.session.execute(
            delete(SignInAttempt).where(SignInAttempt.email == email, ~SignInAttempt.succeeded)
        )
    # Old rows are no longer needed to decide anything.
    db.session.execute(
        delete(SignInAttempt).where(SignInAttempt.attempted_at < utcnow() - 2 * _window())
    )
    db.session.commit()
