"""Password hashing with Argon2id."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when no account matches, so that a sign-in for an unknown email takes
# as long as one for a known email and timing does not reveal which accounts exist.
_UNKNOWN_ACCOUNT_HASH = _hasher.hash("no account has this password")

MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password. With no hash (no such account), spend the same time and say no."""
    try:
        matched = _hasher.verify(password_hash or _UNKNOWN_ACCOUNT_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return matched and password_hash is not None


def password_problem(password: str) -> str | None:
    """The message to show for a password we will not accept, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Password must be {MIN_PASSWORD_LENGTH} characters or more"
    if len(password) > 256:
        return "Password must be 256 characters or fewer"
    return None
