"""The tenure record's rules, through app/tenures/record.py without HTTP."""

from datetime import date, timedelta

import pytest

from app.tenures.record import TenureInvalid, in_arrears, is_active, read_tenure, tenure_json
from app.tenures.tenure_types import PERSON_TENURE_TYPES, TENURE_TYPES, person_tenure_type


def _minimal(**changes):
    return {"startOfTenureDate": "2020-01-01", "tenureType": {"code": "SEC"}, **changes}


def _errors(payload, stored=None):
    with pytest.raises(TenureInvalid) as raised:
        read_tenure(payload, stored)
    return raised.value.errors


def test_there_are_the_27_real_tenure_type_codes():
    assert len(TENURE_TYPES) == 27
    assert TENURE_TYPES["INT"] == "Introductory"
    assert TENURE_TYPES["RSL"] == "Registered Social Landlord"


@pytest.mark.parametrize(
    ("code", "responsible", "expected"),
    [
        ("TGA", False, "Occupant"),
        ("SEC", False, "HouseholdMember"),
        ("FRE", False, "HouseholdMember"),
        ("FRE", True, "Freeholder"),
        ("FRS", True, "Freeholder"),
        ("LEA", True, "Leaseholder"),
        ("RSL", True, "Leaseholder"),
        ("SEC", True, "Tenant"),
        ("TGA", True, "Tenant"),
        ("INT", True, "Tenant"),
    ],
)
def test_person_tenure_type_follows_from_the_tenure_type_and_responsibility(
    code, responsible, expected
):
    assert person_tenure_type(code, responsible) == expected


def test_the_description_is_filled_in_from_the_code_whatever_the_client_says():
    record = read_tenure(_minimal(tenureType={"code": "lea", "description": "Secure"}))
    assert record["tenureType"] == {"code": "LEA", "description": "Leasehold (RTB)"}


def test_an_unknown_code_lists_the_real_ones():
    errors = _errors(_minimal(tenureType={"code": "XYZ"}))
    assert errors["tenureType.code"][0].startswith("The tenure type code must be one of ASY, COM")


def test_a_tenure_needs_a_type_and_a_start_date():
    errors = _errors({"paymentReference": "1"})
    assert errors == {
        "tenureType.code": ["Enter the tenure type code"],
        "startOfTenureDate": ["Enter the start of tenure date"],
    }


def test_the_end_date_may_equal_the_start_date_but_not_come_before_it():
    assert read_tenure(_minimal(endOfTenureDate="2020-01-01"))["endOfTenureDate"] == "2020-01-01"
    errors = _errors(_minimal(endOfTenureDate="2019-12-31"))
    assert errors == {
        "endOfTenureDate": [
            "The end of tenure date must be the same as or after the start of tenure date"
        ]
    }


def test_a_change_is_checked_against_the_stored_values():
    stored = read_tenure(_minimal(endOfTenureDate="2021-01-01"))
    errors = _errors({"startOfTenureDate": "2022-01-01"}, stored)
    assert list(errors) == ["startOfTenureDate"]


def test_charges_are_numbers_sent_as_numbers():
    errors = _errors(_minimal(charges={"rent": "100", "serviceCharge": True, "otherCharges": -1}))
    assert errors == {
        "charges.rent": ["The rent must be a number"],
        "charges.serviceCharge": ["The service charge must be a number"],
        "charges.otherCharges": ["The other charges must be 0 or more"],
    }
    # A balance in credit is negative.
    assert read_tenure(_minimal(charges={"currentBalance": -25.5}))["charges"] == {
        "currentBalance": -25.5
    }


def test_members_are_read_by_the_household_member_definition():
    errors = _errors(
        _minimal(householdMembers=[{"fullName": "", "type": "Person", "dateOfBirth": "2999-01-01"}])
    )
    assert errors == {"householdMembers.0.dateOfBirth": ["The date of birth must be in the past"]}
    errors = _errors(_minimal(householdMembers=[{"type": "Person"}]))
    assert errors == {
        "householdMembers.0.fullName": ["Enter the full name"],
        "householdMembers.0.dateOfBirth": ["Enter the date of birth"],
        "householdMembers.0.isResponsible": ["Select whether they are responsible for the tenure"],
    }


def test_an_organisation_has_no_date_of_birth():
    member = {"type": "Organisation", "fullName": "Acme Ltd", "isResponsible": True}
    assert read_tenure(_minimal(householdMembers=[member]))["householdMembers"][0]["type"] == (
        "Organisation"
    )
    errors = _errors(_minimal(householdMembers=[{**member, "dateOfBirth": "1990-01-01"}]))
    assert list(errors) == ["householdMembers.0.dateOfBirth"]


def test_unknown_fields_are_named():
    errors = _errors(_minimal(colour="red", charges={"tip": 1}))
    assert errors == {
        "colour": ["This field is not recognised"],
        "charges.tip": ["This field is not recognised"],
    }


def test_is_active_until_the_end_date_has_passed():
    today = date(2026, 6, 1)
    assert is_active({"endOfTenureDate": None}, today)
    assert is_active({"endOfTenureDate": "2026-06-01"}, today)
    assert not is_active({"endOfTenureDate": (today - timedelta(days=1)).isoformat()}, today)


@pytest.mark.parametrize(("balance", "expected"), [(0.01, True), (0, False), (-10, False)])
def test_in_arrears_when_the_balance_is_owed(balance, expected):
    assert in_arrears({"charges": {"currentBalance": balance}}) is expected
    assert in_arrears({}) is False


def test_every_field_is_in_the_output_with_the_responsible_member_first():
    record = read_tenure(
        _minimal(
            householdMembers=[
                {
                    "type": "Person",
                    "fullName": "Kid",
                    "isResponsible": False,
                    "dateOfBirth": "2015-01-01",
                },
                {
                    "type": "Person",
                    "fullName": "Lead",
                    "isResponsible": True,
                    "dateOfBirth": "1980-01-01",
                },
            ]
        )
    )
    body = tenure_json(record)
    assert [m["fullName"] for m in body["householdMembers"]] == ["Lead", "Kid"]
    assert body["charges"] is None and body["notices"] == [] and body["isActive"] is True


def test_the_documented_person_tenure_types_are_exactly_those_given():
    given = {
        person_tenure_type(code, responsible)
        for code in TENURE_TYPES
        for responsible in (True, False)
    }
    assert given == set(PERSON_TENURE_TYPES)
