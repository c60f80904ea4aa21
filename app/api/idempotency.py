"""Idempotency keys: a client that did not get an answer can send a create again safely.

A request with an `Idempotency-Key` header runs once per key. Sent again with the same body, it
gets the first answer again (its status, body, Location and ETag) with `Idempotent-Replayed:
true`; with another body, a 422; while the first is still running, a 409. The key is claimed by
inserting a row unique on (scope, key) before the operation runs, so of two concurrent
requests the database lets exactly one through.

Only successful answers are kept. An error created nothing, so the same key may be sent again,
with the same body or a corrected one.

Keys belong to the signed-in user. A signed-out request has no identity to tell its sender
from a stranger who picked the same key, so its scope is the key and the request itself: a
resend is recognised, a stranger can neither block nor probe someone else's key, and a replay
goes only to a request carrying the whole original body.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import datetime
from functools import wraps

from flask import current_app, g, make_response, request
from flask.typing import ResponseReturnValue
from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint, delete, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from app.api.responses import error_response
from app.db_types import UTCDateTime, utcnow
from app.extensions import db

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
# Visible ASCII, no spaces: what a client puts in a header unchanged (a UUID, say).
KEY_PATTERN = "^[!-~]+$"
_KEY = re.compile(KEY_PATTERN)
BAD_KEY = (
    f"The {HEADER} header must be 1 to {MAX_KEY_LENGTH} visible ASCII characters, "
    "with no spaces, such as a UUID"
)
KEY_REUSED = (
    f"This {HEADER} was already used for a different request. Send a new key with a new request"
)
IN_PROGRESS = (
    f"A request with this {HEADER} is still being processed. Wait for its answer, or send it "
    "again in a moment"
)
# Headers of a kept answer worth giving back with it.
KEPT_HEADERS = ("Location", "ETag")
# A claim with no answer after this long lost its worker (gunicorn kills one after 30 s).
ABANDONED_AFTER_SECONDS = 120
# Expired keys removed per new key: enough to keep up, never a long delete.
CLEAN_UP_BATCH = 100

log = logging.getLogger(__name__)


class IdempotencyKey(db.Model):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # "user:<id>", or for a signed-out request "anonymous:<request_hash>".
    scope: Mapped[str] = mapped_column(String(80))
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH))
    # SHA-256 of the method, path and body.
    request_hash: Mapped[str] = mapped_column(String(64))
    # None while the first request is running.
    response_status: Mapped[int | None] = mapped_column(Integer, default=None)
    response_body: Mapped[str | None] = mapped_column(Text, default=None)
    response_headers: Mapped[dict | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


def valid_key(key: str) -> bool:
    return len(key) <= MAX_KEY_LENGTH and _KEY.fullmatch(key) is not None


def request_hash() -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def _scope(fingerprint: str) -> str:
    user = g.get("api_user")
    return f"user:{user.id}" if user is not None else f"anonymous:{fingerprint}"


def idempotent(view):
    """Run the view once per `Idempotency-Key` (when one is sent). Put it inside the decorator
    that authenticates, so that the key is the user's."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        if not valid_key(key):
            return error_response(400, BAD_KEY)
        claim = _claim(key, request_hash())
        if not isinstance(claim, int):
            return claim
        try:
            response = make_response(view(*args, **kwargs))
        except Exception:
            _release(claim)
            raise
        if 200 <= response.status_code < 300:
            _keep(claim, response)
        else:
            _release(claim)
        return response

    # Copied onto the decorators outside this one too, so that the OpenAPI test can find it.
    wrapped.takes_idempotency_key = True
    return wrapped


def _claim(key: str, fingerprint: str) -> int | ResponseReturnValue:
    """The id of the row claiming the key for this request, or the answer to give instead."""
    scope = _scope(fingerprint)
    for _ in range(3):
        row = IdempotencyKey(scope=scope, key=key, request_hash=fingerprint, created_at=utcnow())
        db.session.add(row)
        try:
            db.session.flush()
            claim = row.id  # read before the commit expires the row (reading it then would query)
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
        else:
            _clean_up_expired()
            return claim
        earlier = db.session.scalar(
            select(IdempotencyKey).where(IdempotencyKey.scope == scope, IdempotencyKey.key == key)
        )
        if earlier is None:  # removed meanwhile: claim it again
            continue
        if _expired(earlier):
            db.session.expunge(earlier)
            _remove(IdempotencyKey.id == earlier.id)
            db.session.commit()
            continue
        if earlier.request_hash != fingerprint:
            return error_response(422, KEY_REUSED)
        if earlier.response_status is None:
            return _in_progress()
        return _replay(earlier)
    return _in_progress()


def _in_progress():
    response = error_response(409, IN_PROGRESS)
    response.headers["Retry-After"] = "1"
    return response


def _expired(row: IdempotencyKey) -> bool:
    age = utcnow() - row.created_at
    if row.response_status is None:
        return age.total_seconds() > ABANDONED_AFTER_SECONDS
    return age > current_app.config["IDEMPOTENCY_KEY_LIFETIME"]


def _replay(row: IdempotencyKey):
    response = current_app.response_class(
        row.response_body, status=row.response_status, mimetype="application/json"
    )
    response.headers.update(row.response_headers or {})
    response.headers[REPLAYED_HEADER] = "true"
    return response


def _keep(claim: int, response) -> None:
    headers = response.headers
    try:
        db.session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.id == claim)
            .execution_options(synchronize_session=False)
            .values(
                response_status=response.status_code,
                response_body=response.get_data(as_text=True),
                response_headers={name: headers[name] for name in KEPT_HEADERS if name in headers},
            )
        )
        db.session.commit()
    except SQLAlchemyError:
        # The work is done and answered; a resend after the claim is abandoned runs again.
        db.session.rollback()
        log.warning("Could not keep the answer to an idempotent request", exc_info=True)


def _release(claim: int) -> None:
    """Forget the claim of a request that failed, so that it can be sent again."""
    try:
        db.session.rollback()
        _remove(IdempotencyKey.id == claim)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        log.warning("Could not release an idempotency key", exc_info=True)


def _remove(condition) -> None:
    db.session.execute(
        delete(IdempotencyKey).where(condition).execution_options(synchronize_session=False)
    )


def _clean_up_expired() -> None:
    """Remove a batch of expired keys. Rows another request is removing are skipped, not
    waited for."""
    cutoff = utcnow() - current_app.config["IDEMPOTENCY_KEY_LIFETIME"]
    expired = (
        select(IdempotencyKey.id)
        .where(IdempotencyKey.created_at < cutoff)
        .order_by(IdempotencyKey.created_at)
        .limit(CLEAN_UP_BATCH)
        .with_for_update(skip_locked=True)
    )
    try:
        _remove(IdempotencyKey.id.in_(expired))
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        log.warning("Could not remove expired idempotency keys", exc_info=True)
