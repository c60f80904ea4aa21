"""Every model, imported in one place so that Alembic sees the whole schema."""

from app.accounts.models import ApiToken, Organisation, SignInAttempt, User

__all__ = ["ApiToken", "Organisation", "SignInAttempt", "User"]
