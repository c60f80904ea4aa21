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


DEMO_LOGS = (
    {
        "tenant_code": "DEMO-001",
        "person_1_age": 34,
        "person_1_gender": "Female",
        "household_number_of_other_members": 1,
        "property_postcode": "SE2 6RT",
    },
    {
        "tenant_code": "DEMO-002",
        "person_1_age": 71,
        "person_1_economic_status": "Retired",
        "household_number_of_other_members": 0,
        "property_reference": "P-4471",
    },
    {
        "tenant_code": "DEMO-003",
        "tenancy_start_date": "01/04/2026",
        "basic_rent": 120,
        "service_charge": 15,
        "personal_service_charge": 0,
        "support_charge": 0,
    },
    {
        # A tenancy of the 2027/28 collection year, read with that year's form.
        "tenant_code": "DEMO-004",
        "tenancy_start_date": "12/04/2027",
        "renewal": False,
        "person_1_age": 45,
    },
)


def load_demo_logs(owner) -> None:
    """A few lettings logs in progress for the demo council, unless it has some already."""
    from sqlalchemy import select

    from app.formkit import store
    from app.formkit.api import new_record_answers
    from app.formkit.models import FormRecord
    from app.journeys.lettings_log import LETTINGS_LOG_VERSIONS

    exists = db.session.scalar(
        select(FormRecord.id).where(
            FormRecord.journey == LETTINGS_LOG_VERSIONS.id,
            FormRecord.organisation_id == owner.organisation_id,
        )
    )
    if exists:
        return
    for payload in DEMO_LOGS:
        # Each log is read with the version its answers call for (its collection year).
        journey, outcome = new_record_answers(LETTINGS_LOG_VERSIONS, payload)
        store.create_record(
            journey, outcome.answers, owner_id=owner.id, organisation_id=owner.organisation_id
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
    provider = service.find_user_by_email("provider@example.com")
    load_demo_logs(provider)

    from app.listings.demo import load_demo_listings
    from app.reference import load_sample_postcodes
    from app.tenures.demo import load_demo_tenures

    load_sample_postcodes()
    load_demo_listings()
    load_demo_tenures(provider)
    from app.probation.demo import load_demo_cases

    load_demo_cases()
