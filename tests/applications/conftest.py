"""Fixtures for applications: listings to apply for, whole applicants, and portal clients."""

from __future__ import annotations

import copy

import pytest

from app.reference.lists import local_authority_by_code
from tests.listings.conftest import (  # noqa: F401 (fixtures used by these tests)
    listing,
    make_development,
    make_listing,
    make_property,
)

GREENWICH = local_authority_by_code("E09000011")

# Every answer the seed requires of a main applicant who works, and none of the optional ones.
MAIN_APPLICANT = {
    "title": "Ms",
    "firstName": "Ada",
    "lastName": "Lovelace",
    "email": "ada@example.com",
    "phone": "020 7946 0000",
    "dateOfBirth": "1990-12-10",
    "maritalStatus": 1,
    "gender": 1,
    "homeAddressLine1": "Flat 2",
    "homeAddressLine2": "10 Thamesmead Road",
    "homePostcode": "SE2 6RT",
    "homeLocalAuthorityId": GREENWICH.id,
    "homeMoveInDate": "2019-06-01",
    "livingCircumstance": 1,
    "workingCircumstance": 1,
    "employerName": "Analytical Engines Ltd",
    "workAddressLine1": "1 Engine Yard",
    "workAddressLine2": "Greenwich",
    "workPostcode": "SE10 9NF",
    "workLocalAuthorityId": GREENWICH.id,
    "annualSalary": 32000,
    "savings": 15000,
    "deposit": 10000,
    "failedLoanOrCreditAgreement": False,
    "declaredBankrupt": False,
    "enteredIVA": False,
    "ownPets": False,
    "MODWorker": False,
}

# A joint applicant who lives with the main applicant and does not work.
JOINT_APPLICANT = {
    "title": "Mr",
    "firstName": "William",
    "lastName": "King",
    "email": "william@example.com",
    "phone": "020 7946 0001",
    "dateOfBirth": "1985-05-21",
    "maritalStatus": 2,
    "gender": 2,
    "relationshipToPrimary": 1,
    "addressSameAsMainApplicant": True,
    "homeMoveInDate": "2019-06-01",
    "livingCircumstance": 1,
    "workingCircumstance": 5,
    "annualSalary": 12000,
    "savings": 0,
    "deposit": 0,
    "failedLoanOrCreditAgreement": False,
    "declaredBankrupt": False,
    "enteredIVA": False,
    "ownPets": False,
    "MODWorker": False,
}


@pytest.fixture
def main_applicant() -> dict:
    return copy.deepcopy(MAIN_APPLICANT)


@pytest.fixture
def joint_applicant() -> dict:
    return copy.deepcopy(JOINT_APPLICANT)


@pytest.fixture
def portal(as_user):
    """A signed-in applicant's portal client: call(method, path, json)."""
    from app.accounts.roles import Role

    def build(user=None):
        return as_user(Role.APPLICANT, user=user, prefix="/api/rest/portal")

    return build


@pytest.fixture
def submit_application(portal, listing, main_applicant):  # noqa: F811
    """`submit(user)`: a whole application for the listing, submitted through the portal API
    by that applicant; the API's answer."""

    def submit(user):
        return portal(user)(
            "POST", "/profile/assessment", {"listingId": listing.id, "applicants": [main_applicant]}
        )

    return submit
