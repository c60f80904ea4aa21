"""Every model, imported in one place so that Alembic sees the whole schema."""

from app.accounts.models import ApiToken, Organisation, SignInAttempt, User, UserSession
from app.api.idempotency import IdempotencyKey
from app.applications.models import Application
from app.emails.models import Email
from app.feedback.models import Feedback
from app.formkit.models import FormRecord
from app.listings.models import Development, Listing, Property
from app.outbox.models import OutboxEvent
from app.probation.models import (
    ProbationAccessAudit,
    ProbationAllowedUser,
    ProbationCase,
    ProbationEvent,
    ProbationExclusion,
    ProbationRestriction,
)
from app.reference.models import Postcode
from app.tenures.models import Tenure, TenureMemberName

__all__ = [
    "ApiToken",
    "Application",
    "Development",
    "Email",
    "Feedback",
    "FormRecord",
    "IdempotencyKey",
    "Listing",
    "Organisation",
    "OutboxEvent",
    "Postcode",
    "ProbationAccessAudit",
    "ProbationAllowedUser",
    "ProbationCase",
    "ProbationEvent",
    "ProbationExclusion",
    "ProbationRestriction",
    "Property",
    "SignInAttempt",
    "Tenure",
    "TenureMemberName",
    "User",
    "UserSession",
]
