"""Roles and organisation types, with the exact values the CLI and database use."""

from enum import StrEnum


class Role(StrEnum):
    APPLICANT = "applicant"
    DATA_PROVIDER = "data_provider"
    DATA_COORDINATOR = "data_coordinator"
    SUPPORT = "support"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def is_staff(self) -> bool:
        return self is not Role.APPLICANT

    @property
    def needs_organisation(self) -> bool:
        return self in (Role.DATA_PROVIDER, Role.DATA_COORDINATOR)


ROLE_LABELS = {
    Role.APPLICANT: "Applicant",
    Role.DATA_PROVIDER: "Data provider",
    Role.DATA_COORDINATOR: "Data coordinator",
    Role.SUPPORT: "Support",
}

# The roles a data coordinator may give to the users of their own organisation.
ORGANISATION_ROLES = (Role.DATA_PROVIDER, Role.DATA_COORDINATOR)


class ProviderType(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    PRIVATE_REGISTERED_PROVIDER = "private_registered_provider"

    @property
    def label(self) -> str:
        return {
            ProviderType.LOCAL_AUTHORITY: "Local authority",
            ProviderType.PRIVATE_REGISTERED_PROVIDER: "Private registered provider",
        }[self]
