"""Probation fixtures: a case with every field of the seed, imported as the command imports it,
a staff API client, and the partner system's client (a service token)."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from app.accounts.roles import Role
from app.clock import uk_today
from app.probation.importer import import_cases

CODE = {"code": "A", "description": "Accommodation"}
NAME = {"forename": "Daniel", "middleName": "James", "surname": "Whitfield"}
ADDRESS = {
    "buildingName": "Ridgeway House",
    "addressNumber": "14",
    "streetName": "Harehills Lane",
    "district": "Harehills",
    "town": "Leeds",
    "county": "West Yorkshire",
    "postcode": "LS8 5QA",
}
SENTENCE = {
    "startDate": "2024-04-12",
    "mainOffence": {
        "category": {"code": "030", "description": "Burglary in a dwelling"},
        "subCategory": {"code": "03001", "description": "Burglary in a dwelling - domestic"},
    },
}


def on(days: int) -> str:
    """The date `days` from today (UK), as the file gives it."""
    return (uk_today() + timedelta(days=days)).isoformat()


def circumstance(notes: str, start: str = "2020-01-01", end: str | None = None) -> dict:
    entry = {"type": CODE, "subType": CODE, "notes": notes, "evidenced": True, "startDate": start}
    return entry if end is None else {**entry, "endDate": end}


def contact(surname: str, start: str = "2020-01-01", end: str | None = None) -> dict:
    entry = {
        "relationship": "Mother",
        "relationshipType": {"code": "FM", "description": "Family member"},
        "name": {"forename": "Carol", "middleName": "Ann", "surname": surname},
        "telephoneNumber": "0113 496 0193",
        "mobileNumber": "07700 900877",
        "address": ADDRESS,
        "startDate": start,
    }
    return entry if end is None else {**entry, "endDate": end}


FULL_CASE = {
    "crn": "X320741",
    "name": NAME,
    "dateOfBirth": "1989-03-14",
    "gender": "Male",
    "genderIdentity": "Same as sex registered at birth",
    "croNumber": "112233/09K",
    "pncNumber": "2009/0345612T",
    "aliases": [{"name": NAME, "dateOfBirth": "1989-03-15"}],
    "emailAddress": "daniel.whitfield@example.com",
    "phoneNumbers": [{"type": "MOBILE", "number": "07700 900412"}],
    "mainAddress": ADDRESS,
    "ethnicity": "White: British/English/Welsh/Scottish/Northern Irish",
    "disabilities": [
        {
            "type": {"code": "LD", "description": "Learning Difficulties"},
            "condition": {"code": "DY", "description": "Dyslexia"},
            "notes": "Prefers information read aloud.",
        }
    ],
    "provisions": [{"type": CODE, "category": CODE, "notes": "Easy read letters."}],
    "language": {"requiresInterpreter": False, "primaryLanguage": "English"},
    "personalCircumstances": [circumstance("Approved premises")],
    "personalContacts": [contact("Whitfield")],
    "mappaRegistration": {"startDate": "2024-10-01", "level": CODE, "category": CODE},
    "registerFlags": [{"code": "ALSH", "description": "Risk to Staff", "riskColour": "Amber"}],
    "events": [
        {"eventId": 101, "sentence": SENTENCE, "custodial": True, "releaseDate": "2025-09-02"}
    ],
}


@pytest.fixture
def full_case() -> dict:
    return copy.deepcopy(FULL_CASE)


@pytest.fixture
def make_case(app, full_case):
    """Import a case: the full one, with any fields changed (None removes a field)."""

    def create(**changes):
        entry = {**full_case, **changes}
        import_cases([{key: value for key, value in entry.items() if value is not None}])
        return entry

    return create


@pytest.fixture
def staff(as_user):
    return as_user(Role.DATA_PROVIDER)


@pytest.fixture
def partner(as_user):
    """The partner system: a staff user's service token, which may check anyone's access."""
    return as_user(Role.DATA_PROVIDER, service=True)
