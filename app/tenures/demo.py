"""Demo tenures for the demo council: several tenure types, one in arrears, one that has
ended, with notices and legacy references. Made through the service, as the API makes them.

Safe to run again: each has a fixed id, and a tenure that already exists is left as it is.
"""

from __future__ import annotations

from app.extensions import db
from app.tenures import service
from app.tenures.models import Tenure


def _person(person_id, name, born, responsible=False):
    return {
        "id": person_id,
        "type": "Person",
        "fullName": name,
        "dateOfBirth": born,
        "isResponsible": responsible,
    }


def _asset(address, postcode, uprn, kind="Dwelling"):
    return {"type": kind, "fullAddress": address, "postcode": postcode, "uprn": uprn}


def _charges(rent, service_charge, balance):
    return {
        "rent": rent,
        "serviceCharge": service_charge,
        "currentBalance": balance,
        "billingFrequency": "Weekly",
    }


DEMO_TENURES = (
    {
        "id": "demo-tenure-secure",
        "paymentReference": "228004511",
        "tenureType": {"code": "SEC"},
        "startOfTenureDate": "2009-06-15",
        "householdMembers": [
            _person("demo-person-amina", "Amina Yusuf", "1978-02-03", responsible=True),
            _person("demo-person-idris", "Idris Yusuf", "2006-09-21"),
            _person("demo-person-hawa", "Hawa Yusuf", "2011-01-30"),
        ],
        "tenuredAsset": _asset(
            "Flat 12, Nightingale House, 31 Mare Street, London", "E8 4RT", "100021012345", "Block"
        ),
        "charges": _charges(118.45, 21.10, 0),
        "isTenanted": True,
        "legacyReferences": [{"name": "u_saff_tenancy", "value": "0045112"}],
    },
    {
        "id": "demo-tenure-arrears",
        "paymentReference": "228007730",
        "tenureType": {"code": "INT"},
        "startOfTenureDate": "2025-03-03",
        "householdMembers": [
            _person("demo-person-jake", "Jake Brennan", "1996-11-12", responsible=True),
            _person("demo-person-chloe", "Chloe Brennan", "1998-04-07"),
        ],
        "tenuredAsset": _asset("14 Wilton Way, London", "E8 3ED", "100021098765"),
        "charges": _charges(132.80, 0, 412.60),
        "isTenanted": True,
        "notices": [
            {
                "type": "Notice of seeking possession",
                "servedDate": "2026-01-12",
                "expiryDate": "2026-02-09",
                "effectiveDate": "2026-02-09",
            }
        ],
        "legacyReferences": [{"name": "u_saff_tenancy", "value": "0077304"}],
    },
    {
        "id": "demo-tenure-leasehold",
        "paymentReference": "LH0003318",
        "tenureType": {"code": "LEA"},
        "startOfTenureDate": "2002-10-01",
        "householdMembers": [
            _person("demo-person-margaret", "Mrs Margaret O'Neill", "1951-02-11", responsible=True),
        ],
        "tenuredAsset": _asset(
            "Flat 3, Aspen Court, 8 Dalston Lane, London", "E8 3AZ", "100021033318", "Block"
        ),
        "charges": {
            "serviceCharge": 96.25,
            "currentBalance": -45.00,
            "billingFrequency": "Monthly",
        },
        "legacyReferences": [
            {"name": "u_saff_tenancy", "value": "0033180"},
            {"name": "uh_tag_ref", "value": "LH/3318"},
        ],
    },
    {
        "id": "demo-tenure-garage",
        "paymentReference": "GA0000912",
        "tenureType": {"code": "TGA"},
        "startOfTenureDate": "2019-05-20",
        "householdMembers": [
            _person("demo-person-amina-garage", "Amina Yusuf", "1978-02-03", responsible=True),
        ],
        "tenuredAsset": _asset(
            "Garage 9, Nightingale Estate, London", "E8 4RT", "10008234567", "Garage"
        ),
        "charges": _charges(11.50, 0, 0),
    },
    {
        "id": "demo-tenure-ended",
        "paymentReference": "228001207",
        "tenureType": {"code": "SEC"},
        "startOfTenureDate": "1994-08-08",
        "endOfTenureDate": "2023-11-30",
        "householdMembers": [
            _person("demo-person-winston", "Winston Clarke", "1939-07-14", responsible=True),
        ],
        "tenuredAsset": _asset("27 Sandringham Road, London", "E8 2LR", "100021012070"),
        "charges": _charges(104.20, 0, 0),
        "isTenanted": False,
        "terminated": {"isTerminated": True, "reasonForTermination": "Death of the tenant"},
        "notices": [
            {
                "type": "Notice to quit",
                "servedDate": "2023-10-30",
                "expiryDate": "2023-11-27",
                "endDate": "2023-11-30",
                "effectiveDate": "2023-11-27",
            }
        ],
        "legacyReferences": [{"name": "u_saff_tenancy", "value": "0012070"}],
    },
)


def load_demo_tenures(owner) -> None:
    """Create the demo tenures that are missing, for the owner's organisation."""
    if owner is None or owner.organisation_id is None:
        return
    for payload in DEMO_TENURES:
        if db.session.get(Tenure, payload["id"]) is None:
            service.create(payload, owner)
