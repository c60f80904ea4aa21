"""The seed's shapes (`probation-case-data-api.md`), declared once.

An import is checked against them, and responses are written from them, so every field the
seed names is in every response (null, or [] for a list, when the case has no value) and no
field it does not name ever is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.db_ids import MAX_BIG_ID, is_id

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Field:
    kind: str  # text, flag, date, whole, object or list
    required: bool = False
    max_length: int | None = None
    fields: Mapping[str, Field] | None = None  # an object's
    item: Field | None = None  # each of a list's


def text(required: bool = False, max_length: int | None = None) -> Field:
    return Field("text", required, max_length)


def flag(required: bool = False) -> Field:
    return Field("flag", required)


def day(required: bool = False) -> Field:
    return Field("date", required)


def whole(required: bool = False) -> Field:
    return Field("whole", required)


def record(fields: Mapping[str, Field], required: bool = False) -> Field:
    return Field("object", required, fields=fields)


def many(item: Field | Mapping[str, Field], required: bool = False) -> Field:
    return Field("list", required, item=item if isinstance(item, Field) else record(item))


CODE = {"code": text(True), "description": text(True)}
# Names and the person's gender and ethnicity are also stored as columns of this length.
NAME = {
    "forename": text(True, 100),
    "middleName": text(max_length=100),
    "surname": text(True, 100),
}
ADDRESS = {
    key: text()
    for key in (
        "buildingName",
        "addressNumber",
        "streetName",
        "district",
        "town",
        "county",
        "postcode",
    )
}
PERSONAL_CIRCUMSTANCE = {
    "type": record(CODE, True),
    "subType": record(CODE),
    "notes": text(),
    "evidenced": flag(True),
}
PERSONAL_CONTACT = {
    "relationship": text(True),
    "relationshipType": record(CODE, True),
    "name": record(NAME, True),
    "telephoneNumber": text(),
    "mobileNumber": text(),
    "address": record(ADDRESS),
}
SENTENCE = {
    "startDate": day(True),
    "mainOffence": record(
        {"category": record(CODE, True), "subCategory": record(CODE, True)}, True
    ),
}
CASE_DETAILS = {
    "crn": text(True),
    "name": record(NAME, True),
    "dateOfBirth": day(True),
    "gender": text(max_length=100),
    "genderIdentity": text(),
    "croNumber": text(),
    "pncNumber": text(),
    "aliases": many({"name": record(NAME, True), "dateOfBirth": day(True)}),
    "emailAddress": text(),
    "phoneNumbers": many({"type": text(True), "number": text(True)}),
    "mainAddress": record(ADDRESS),
    "ethnicity": text(max_length=100),
    "disabilities": many({"type": record(CODE, True), "condition": record(CODE), "notes": text()}),
    "provisions": many({"type": record(CODE, True), "category": record(CODE), "notes": text()}),
    "language": record({"requiresInterpreter": flag(True), "primaryLanguage": text(True)}),
    "personalCircumstances": many(PERSONAL_CIRCUMSTANCE),
    "personalContacts": many(PERSONAL_CONTACT),
    "mappaRegistration": record(
        {"startDate": day(True), "level": record(CODE, True), "category": record(CODE, True)}
    ),
    "registerFlags": many({"code": text(True), "description": text(True), "riskColour": text()}),
    "sentence": record(SENTENCE),
}
PERSONAL_DETAILS = {
    "crn": text(True),
    "personalCircumstances": many(PERSONAL_CIRCUMSTANCE, True),
    "personalContacts": many(PERSONAL_CONTACT, True),
}

# -- the import file: CaseDetails, with what the API works out or keeps to itself ------------

# Contacts and circumstances carry their dates, so that only the active ones are returned.
DATED = {"startDate": day(True), "endDate": day()}
USERNAME = text(True, 255)
CASE_FILE_ENTRY = {
    **{key: field for key, field in CASE_DETAILS.items() if key != "sentence"},
    "personalCircumstances": many({**PERSONAL_CIRCUMSTANCE, **DATED}),
    "personalContacts": many({**PERSONAL_CONTACT, **DATED}),
    # The seed has no custody fields; these two say whether a sentence was served in prison.
    "events": many(
        {
            "eventId": whole(True),
            "sentence": record(SENTENCE),
            "custodial": flag(),
            "releaseDate": day(),
        }
    ),
    "exclusions": many({"username": USERNAME, "endDate": day(), "message": text()}),
    "restriction": record({"allowedUsers": many(USERNAME), "endDate": day(), "message": text()}),
}


def problems(value: Any, field: Field, path: str = "") -> Iterator[tuple[str, str]]:
    """Each (path, message) by which `value` does not fit `field`."""
    if value is None or (field.required and isinstance(value, str) and not value.strip()):
        if field.required:
            yield path, "is required"
        return
    if field.kind == "object":
        yield from _object_problems(value, field.fields or {}, path)
    elif field.kind == "list":
        if not isinstance(value, list):
            yield path, "must be a list"
            return
        for index, item in enumerate(value):
            yield from problems(item, field.item, _join(path, str(index)))
    elif (message := _scalar_problem(value, field)) is not None:
        yield path, message


def _object_problems(value: Any, fields: Mapping[str, Field], path: str):
    if not isinstance(value, dict):
        yield path, "must be an object"
        return
    for key in value:
        if key not in fields:
            yield _join(path, key), "is not a field of this record"
    for key, field in fields.items():
        yield from problems(value.get(key), field, _join(path, key))


def _scalar_problem(value: Any, field: Field) -> str | None:
    if field.kind == "flag":
        return None if isinstance(value, bool) else "must be true or false"
    if field.kind == "whole":
        # The seed's one whole number is an event id, and Delius's are 64-bit.
        return None if is_id(value, MAX_BIG_ID) else "must be a whole number above 0"
    if not isinstance(value, str):
        return "must be a string"
    if field.kind == "date":
        return None if parse_date(value) else "must be a date in the form yyyy-mm-dd"
    if field.max_length is not None and len(value) > field.max_length:
        return f"must be {field.max_length} characters or fewer"
    return None


def parse_date(value: str | None) -> date | None:
    """The date in a checked `yyyy-mm-dd` value, or None when it is empty or not a date."""
    if not value or not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def shaped(value: Any, field: Field) -> Any:
    """`value` with exactly the fields of `field`: missing ones null (lists empty)."""
    if field.kind == "object":
        if value is None:
            return None
        return {key: shaped(value.get(key), sub) for key, sub in (field.fields or {}).items()}
    if field.kind == "list":
        return [shaped(item, field.item) for item in value or []]
    return value
