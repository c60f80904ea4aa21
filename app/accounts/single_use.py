"""Single-use forms: a form whose success cannot be redirected to a page that shows it again
(the new API token's value is shown once and never stored) is made safe to send twice instead.

The form carries a key, signed for the signed-in user with a time. Using it records it, in the
same transaction as the work, as a finished row of `idempotency_keys` (unique on scope and key);
a form sent again finds its key used and does nothing. A key is refused once it is older than
those rows are kept (IDEMPOTENCY_KEY_LIFETIME), so no resend can outlive its record.
"""

from __future__ import annotations

import hashlib
import secrets

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from app.accounts.models import User
from app.api.idempotency import IdempotencyKey
from app.db_types import utcnow
from app.extensions import db


class FormExpired(ValueError):
    """The form's key is missing, forged, another user's, or too old to tell whether it was used."""


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"single-use-form:{purpose}")


def _scope(purpose: str, user: User) -> str:
    return f"form:{purpose}:{user.id}"


def new_key(purpose: str, user: User) -> str:
    """A key for one form shown to this user."""
    return _serializer(purpose).dumps({"user": user.id, "key": secrets.token_urlsafe(16)})


def read_key(purpose: str, user: User, signed: str | None) -> str:
    """The key a form sent back, or FormExpired."""
    max_age = current_app.config["IDEMPOTENCY_KEY_LIFETIME"].total_seconds()
    try:
        content = _serializer(purpose).loads(signed or "", max_age=max_age)
    except BadSignature as error:  # SignatureExpired is one
        raise FormExpired from error
    if not isinstance(content, dict) or content.get("user") != user.id:
        raise FormExpired
    return str(content.get("key"))


def was_used(purpose: str, user: User, key: str) -> bool:
    return (
        db.session.scalar(
            select(IdempotencyKey.id).where(
                IdempotencyKey.scope == _scope(purpose, user), IdempotencyKey.key == key
            )
        )
        is not None
    )


def mark_used(purpose: str, user: User, key: str) -> None:
    """Record the key as used, with the work the caller commits. Of two commits with the same
    key the database lets one through: the other raises IntegrityError."""
    db.session.add(
        IdempotencyKey(
            scope=_scope(purpose, user),
            key=key,
            # Never compared for a form (the signed key is the whole request); the API's
            # column needs a value.
            request_hash=hashlib.sha256(key.encode()).hexdigest(),
            # Finished, with nothing to replay: the answer was shown once.
            response_status=201,
            created_at=utcnow(),
        )
    )
