"""Who may start and see a journey's records. Each journey chooses a policy."""

from __future__ import annotations

from typing import Any, Protocol

from flask import session
from sqlalchemy import ColumnElement, false

from app.accounts.secrets import hash_secret, new_secret
from app.formkit.models import FormRecord

# The session holds a secret; the database holds only its hash.
DRAFTS_SESSION_KEY = "formkit_drafts_secret"


def session_secret(create: bool = False) -> str | None:
    secret = session.get(DRAFTS_SESSION_KEY)
    if secret is None and create:
        secret = session[DRAFTS_SESSION_KEY] = new_secret("drafts")
    return secret


class Access(Protocol):
    """`user` is the signed-in user, Flask-Login's anonymous user, or an API token's user."""

    def may_start(self, user) -> bool: ...

    def new_record_owner(self, user) -> dict[str, Any]: ...

    def visible(self, user) -> ColumnElement[bool]: ...


class OwnerOrSession:
    """Records belong to the signed-in user who started them, or to a signed-out user's
    session until they sign in or create an account."""

    def __init__(self, allow_signed_out: bool = True):
        self.allow_signed_out = allow_signed_out

    def may_start(self, user) -> bool:
        return self.allow_signed_out or user.is_authenticated

    def new_record_owner(self, user) -> dict[str, Any]:
        if user.is_authenticated:
            return {"owner_id": user.id}
        return {"session_key_hash": hash_secret(session_secret(create=True))}

    def visible(self, user) -> ColumnElement[bool]:
        if user.is_authenticated:
            return FormRecord.owner_id == user.id
        secret = session_secret()
        if secret is None or not self.allow_signed_out:
            return false()
        return (FormRecord.session_key_hash == hash_secret(secret)) & FormRecord.owner_id.is_(None)
