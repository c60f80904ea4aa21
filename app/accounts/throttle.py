"""Sign-in throttling per account and per IP address.

Attempts are kept in the database, so the limits hold across processes. The same answer is
given whether or not the account exists, so throttling reveals no accounts.

Counting and recording are one step that concurrent requests cannot slip between: each
attempt is recorded (as a failure until it succeeds) and committed before anything is
counted, and the count includes it. Of attempts made at once, the last to count sees every
other that counted before it, so no more than the limit are ever let through to a password
check.
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


def _over_the_limit(email: str, ip_address: str) -> bool:
    config = current_app.config["APP_CONFIG"]
    since = utcnow() - _window()
    return (
        _failures_since(SignInAttempt.email, email, since) > config.sign_in_max_failures_per_account
        or _failures_since(SignInAttempt.ip_address, ip_address, since)
        > config.sign_in_max_failures_per_ip
    )


def start_attempt(email: str, ip_address: str) -> SignInAttempt | None:
    """Record an attempt and return it, or None if it is one too many and must not be
    evaluated. A refused attempt is not kept, so refusals do not extend the wait."""
    attempt = SignInAttempt(email=email, ip_address=ip_address, succeeded=False)
    db.session.add(attempt)
    db.session.commit()
    if not _over_the_limit(email, ip_address):
        return attempt
    db.session.execute(delete(SignInAttempt).where(SignInAttempt.id == attempt.id))
    db.session.commit()
    return None


def finish_attempt(attempt: SignInAttempt, succeeded: bool) -> None:
    if succeeded:
        attempt.succeeded = True
        # A successful sign-in clears the account's earlier failures.
        db.session.execute(
            delete(SignInAttempt).where(
                SignInAttempt.email == attempt.email,
                ~SignInAttempt.succeeded,
                SignInAttempt.id != attempt.id,
            )
        )
    # Old rows are no longer needed to decide anything.
    db.session.execute(
        delete(SignInAttempt).where(SignInAttempt.attempted_at < utcnow() - 2 * _window())
    )
    db.session.commit()
