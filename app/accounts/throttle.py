"""Sign-in throttling per account and per IP address.

Attempts are kept in the database, so the limits hold across processes. The same answer is
given whether or not the account exists, so throttling reveals no accounts.

Counting and recording are one step that concurrent requests cannot slip between: an
attempt is recorded (as a failure until it succeeds) and counted in one transaction that
holds the account's and the address's locks, so attempts made at once take turns. Exactly
the first ones up to the limit are let through to a password check: never more, and never
none. On SQLite the insert itself takes the database's single write lock; on PostgreSQL the
transaction takes advisory locks on the account and the address.
"""

from datetime import datetime, timedelta

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


def _take_turns(email: str, ip_address: str | None = None) -> None:
    if db.session.get_bind().dialect.name != "postgresql":
        return
    keys = [f"sign-in:email:{email}"] + ([f"sign-in:ip:{ip_address}"] if ip_address else [])
    # Always in the same order, so two attempts can never wait on each other.
    for key in sorted(keys):
        db.session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))


def take_turns_for_account(email: str) -> None:
    """Hold the account's lock (on PostgreSQL) for the rest of the current transaction, so
    that work decided from its attempts (one unlock email per lock) is done once."""
    _take_turns(email)


def is_locked(email: str) -> bool:
    """Whether the account has used up its failures: the next attempt will be refused until
    the window passes or the account is unlocked."""
    config = current_app.config["APP_CONFIG"]
    since = utcnow() - _window()
    return (
        _failures_since(SignInAttempt.email, email, since)
        >= config.sign_in_max_failures_per_account
    )


def locked_since() -> datetime:
    """The start of the window an account's failures are counted in."""
    return utcnow() - _window()


def unlock(email: str) -> None:
    """Forget the account's failures, so it can sign in at once. The caller commits."""
    db.session.execute(
        delete(SignInAttempt).where(SignInAttempt.email == email, ~SignInAttempt.succeeded)
    )


def start_attempt(email: str, ip_address: str) -> SignInAttempt | None:
    """Record an attempt and return it, or None if it is one too many and must not be
    evaluated. A refused attempt is not kept, so refusals do not extend the wait."""
    # A fresh transaction, so that on SQLite the insert is what takes the write lock.
    db.session.commit()
    _take_turns(email, ip_address)
    attempt = SignInAttempt(email=email, ip_address=ip_address, succeeded=False)
    db.session.add(attempt)
    db.session.flush()
    if _over_the_limit(email, ip_address):
        db.session.rollback()
        return None
    db.session.commit()
    return attempt


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
