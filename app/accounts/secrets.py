"""Random bearer secrets (API tokens, invitation links) and how we store them: hashed."""

import hashlib
import secrets


def new_secret(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
