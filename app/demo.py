"""Demo data for trying the service: one organisation of each type and a user of each role."""

from dataclasses import dataclass

from app.accounts import service
from app.accounts.roles import ProviderType, Role
from app.extensions import db

# Documented in the README. Demo data is for local use only.
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105

DEMO_ORGANISATIONS = {
    "Demo Borough Council": ProviderType.LOCAL_AUTHORITY,
    "Demo Housing Association": ProviderType.PRIVATE_REGISTERED_PROVIDER,
}


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: Role
    organisation: str | None


DEMO_USERS = (
    DemoUser("applicant@example.com", "Alex Applicant", Role.APPLICANT, None),
    DemoUser("provider@example.com", "Priya Provider", Role.DATA_PROVIDER, "Demo Borough Council"),
    DemoUser(
        "coordinator@example.com",
        "Chris Coordinator",
        Role.DATA_COORDINATOR,
        "Demo Borough Council",
    ),
    DemoUser(
        "provider@housing-association.example.com",
        "Hana Provider",
        Role.DATA_PROVIDER,
        "Demo Housing Association",
    ),
    DemoUser(
        "coordinator@housing-association.example.com",
        "Harry Coordinator",
        Role.DATA_COORDINATOR,
        "Demo Housing Association",
    ),
    DemoUser("support@example.com", "Sam Support", Role.SUPPORT, None),
)


def load_demo_data() -> None:
    """Create whatever demo rows are missing; existing rows are left as they are."""
    organisations = {
        name: service.find_or_create_organisation(name, kind)
        for name, kind in DEMO_ORGANISATIONS.items()
    }
    db.session.commit()
    for demo in DEMO_USERS:
        if service.find_user_by_email(demo.email) is None:
            service.create_user(
                demo.email,
                demo.name,
                demo.role,
                DEMO_PASSWORD,
                organisations.get(demo.organisation) if demo.organisation else None,
            )
