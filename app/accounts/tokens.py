"""API tokens: created with their value shown once, stored hashed, revocable."""

from datetime import timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from app.accounts.models import ApiToken, User
from app.accounts.secrets import hash_secret, new_secret
from app.db_types import utcnow
from app.extensions import db

TOKEN_PREFIX = "hf"  # noqa: S105 (a label, not a secret)
# Recording every use would turn each API read into a write; a coarse "last used" will do.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def create_token(
    user: User,
    name: str = "API token",
    lifetime: timedelta | None = None,
    *,
    service: bool = False,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its value, which is never stored or shown again.
    With a `lifetime`, the token stops working after it. A `service` token is a partner
    system's (see ApiToken.is_service)."""
    value = new_secret(TOKEN_PREFIX)
    token = ApiToken(
        user=user,
        name=name,
        token_hash=hash_secret(value),
        token_prefix=value[:12],
        expires_at=utcnow() + lifetime if lifetime else None,
        is_service=service,
    )
    db.session.add(token)
    db.session.commit()
    return token, value


def revoke_token(user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens. Another user's token is treated as not found."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.is_revoked:
        return False
    token.revoked_at = utcnow()
    db.session.commit()
    return True


def revoke_all(user: User, sign_in_tokens_only: bool = False) -> None:
    """Revoke the user's live tokens: every one, or only the expiring sign-in tokens of the
    portal (integrations' tokens outlive a new password). The caller commits."""
    query = update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    if sign_in_tokens_only:
        query = query.where(ApiToken.expires_at.is_not(None))
    db.session.execute(query.values(revoked_at=utcnow()))


# The token and its user in one query, for every API request. Built once: building it on each
# request cost more than running it (0.59 ms of CPU a lookup, 0.30 ms built once; see
# docs/performance.md). It is still read from the database every time, so a revoked token
# stops at once.
_TOKEN_WITH_USER = (
    select(ApiToken)
    .options(joinedload(ApiToken.user))
    .where(ApiToken.token_hash == bindparam("token_hash"))
)


def live_token(value: str) -> ApiToken | None:
    """The live token (not revoked, not expired) with this value, of an active user, or None."""
    token = db.session.scalar(_TOKEN_WITH_USER, {"token_hash": hash_secret(value)})
    now = utcnow()
    if token is None or not token.is_live(now) or not token.user.active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        token.last_used_at = now
        db.session.commit()
    return token
