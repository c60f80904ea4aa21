"""Every model, imported in one place so that Alembic sees the whole schema."""

from app.accounts.models import ApiToken, Organisation, SignInAttempt, User
from app.formkit.models import FormRecord
from app.reference.models import Postcode

__all__ = ["ApiToken", "FormRecord", "Organisation", "Postcode", "SignInAttempt", "User"]
