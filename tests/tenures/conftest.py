"""Tenure fixtures: a staff API client, and tenures made through the API as a client would."""

from __future__ import annotations

import copy

import pytest

from app.accounts.roles import Role

# The seed's request object, with real values where it has "string".
SEED_TENURE = {
    "paymentReference": "228001234",
    "householdMembers": [
        {
            "id": "TWVoZGlLaW1ha2hlCg==",
            "type": "person",
            "fullName": "Mehdi Kimakhe",
            "isResponsible": True,
            "dateOfBirth": "1951-02-11T00:00:00",
            "personTenureType": "Tenant",
        }
    ],
    "tenuredAsset": {
        "id": "0a7b5b2c-1d7e-4c57-9d0a-2f4a8d9c1e11",
        "type": "Block",
        "fullAddress": "Flat 3, 12 Mare Street, London",
        "uprn": "100021045678",
        "postcode": "E8 1DY",
    },
    "charges": {
        "rent": 0,
        "currentBalance": 0,
        "billingFrequency": "Weekly",
        "serviceCharge": 0,
        "otherCharges": 0,
        "combinedServiceCharges": 0,
        "combinedRentCharges": 0,
        "tenancyInsuranceCharge": 0,
        "originalRentCharge": 0,
        "originalServiceCharge": 0,
    },
    "startOfTenureDate": "2018-04-01",
    "endOfTenureDate": None,
    "tenureType": {"code": "INT", "description": "Introductory"},
    "isTenanted": True,
    "terminated": {"isTerminated": False, "reasonForTermination": ""},
    "successionDate": None,
    "evictionDate": None,
    "potentialEndDate": None,
    "notices": [
        {
            "type": "Notice to quit",
            "servedDate": "2021-03-29",
            "expiryDate": "2021-04-26",
            "endDate": None,
            "effectiveDate": "2021-04-26",
        }
    ],
    "legacyReferences": [{"name": "u_saff_tenancy", "value": "123456"}],
    "isMutualExchange": False,
    "informHousingBenefitsForChanges": False,
    "isSublet": False,
    "subletEndDate": None,
}


@pytest.fixture
def seed_tenure():
    return copy.deepcopy(SEED_TENURE)


@pytest.fixture
def staff(as_user):
    return as_user(Role.DATA_PROVIDER)


@pytest.fixture
def make_tenure(staff, seed_tenure):
    """Create a tenure through the API: the seed's, with any fields changed."""

    def create(api=staff, **changes):
        response = api("POST", "/tenures", {**copy.deepcopy(seed_tenure), **changes})
        assert response.status_code == 201, response.json
        return response.json

    return create


def person(name="Ann Other", responsible=False, born="1990-05-17", **changes):
    return {
        "type": "Person",
        "fullName": name,
        "isResponsible": responsible,
        "dateOfBirth": born,
        **changes,
    }
