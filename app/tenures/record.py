"""The tenure record: reading a client's JSON into it, checking its rules, and writing it out.

The record is the seed's request object. Each value is read by a form engine question, so a
bad date or number gets the same message here as on any page. Household members are read by
the household member definition, which the staff pages and the person API share. Errors are
keyed by dotted paths into the payload: `charges.rent`, `householdMembers.0.dateOfBirth`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from app.clock import uk_today
from app.formkit.definition import Journey
from app.formkit.questions import (
    Date,
    Invalid,
    Option,
    Question,
    Select,
    Text,
    UKPostcode,
    YesNo,
)
from app.formkit.questions.number import Number
from app.formkit.questions.text import postcode_in
from app.formkit.runner import missing_answers
from app.formkit.validation import UNKNOWN_FIELD, add_error, apply_payload, parse_json_fields
from app.journeys.tenure_household_member import HOUSEHOLD_MEMBER_VERSIONS
from app.tenures.tenure_types import TENURE_TYPES, person_tenure_type

# Ids name records in URLs: letters, digits and a few safe marks (GUIDs and base64 both fit).
_ID = re.compile(r"^[A-Za-z0-9._~=+-]{1,64}$")
ID_MESSAGE = "An id must be 1 to 64 letters, digits or the characters . _ ~ = + -"


class TenureInvalid(ValueError):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("The tenure has errors")
        self.errors = errors


class StrictNumber(Number):
    """A number that must be sent as a JSON number: a charge of "12.50" is a client's bug."""

    def coerce_text(self, raw):
        raise Invalid(self.message("number"))


def _text(id: str, noun: str, max_length: int = 100, **options) -> Text:
    return Text(
        id=id, label=noun.capitalize(), noun=f"the {noun}", max_length=max_length, **options
    )


def _date(id: str, noun: str, **options) -> Date:
    return Date(id=id, label=noun.capitalize(), noun=f"the {noun}", required=False, **options)


def _flag(id: str) -> YesNo:
    message = f"{id} must be true or false"
    return YesNo(id=id, label=id, required=False, messages={"choice": message, "type": message})


def _charge(id: str, noun: str, *, may_be_negative: bool = False) -> StrictNumber:
    return StrictNumber(
        id=id,
        label=noun.capitalize(),
        noun=f"the {noun}",
        required=False,
        whole=False,
        min=None if may_be_negative else 0,
    )


class Part:
    """A nested object of the record, such as `charges`: its fields and how each is read."""

    def __init__(self, *questions: Question, read_only: tuple[str, ...] = ()):
        self.questions = {q.id: q for q in questions}
        self.read_only = frozenset(read_only)

    def read(self, raw: Any, path: str, errors: dict) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            add_error(errors, path, "Give this as a JSON object")
            return None
        return parse_json_fields(self.questions, raw, path, errors, ignore=self.read_only)

    def output(self, values: Mapping[str, Any] | None) -> dict[str, Any] | None:
        if values is None:
            return None
        return {key: values.get(key) for key in (*self.questions, *sorted(self.read_only))}


SCALARS: dict[str, Question] = {
    q.id: q
    for q in (
        _text("paymentReference", "payment reference", 50),
        Date(
            id="startOfTenureDate",
            label="Start of tenure date",
            noun="the start of tenure date",
            messages={"required": "Enter the start of tenure date"},
        ),
        _date("endOfTenureDate", "end of tenure date"),
        _flag("isTenanted"),
        _date("successionDate", "succession date"),
        _date("evictionDate", "eviction date"),
        _date("potentialEndDate", "potential end date"),
        _flag("isMutualExchange"),
        _flag("informHousingBenefitsForChanges"),
        _flag("isSublet"),
        _date("subletEndDate", "sublet end date"),
    )
}

OBJECTS: dict[str, Part] = {
    "tenuredAsset": Part(
        _text("id", "asset id", 64, required=False),
        _text("type", "asset type", 50, required=False),
        _text("fullAddress", "full address", 500, required=False),
        Text(
            id="uprn",
            label="UPRN",
            noun="the UPRN",
            required=False,
            max_length=12,
            messages={"too_long": "The UPRN must be 12 digits or fewer"},
        ),
        UKPostcode(id="postcode", label="Postcode", noun="the postcode", required=False),
    ),
    "charges": Part(
        _charge("rent", "rent"),
        _charge("currentBalance", "current balance", may_be_negative=True),
        _text("billingFrequency", "billing frequency", 50, required=False),
        _charge("serviceCharge", "service charge"),
        _charge("otherCharges", "other charges"),
        _charge("combinedServiceCharges", "combined service charges"),
        _charge("combinedRentCharges", "combined rent charges"),
        _charge("tenancyInsuranceCharge", "tenancy insurance charge"),
        _charge("originalRentCharge", "original rent charge"),
        _charge("originalServiceCharge", "original service charge"),
    ),
    "tenureType": Part(
        Select(
            id="code",
            label="Tenure type",
            noun="the tenure type code",
            case_insensitive=True,
            options=tuple(Option(code, name) for code, name in TENURE_TYPES.items()),
            messages={
                "required": "Enter the tenure type code",
                "choice": "The tenure type code must be one of " + ", ".join(TENURE_TYPES),
                "type": "The tenure type code must be one of " + ", ".join(TENURE_TYPES),
            },
        ),
        # Filled in from the code: a description a client sends is ignored.
        read_only=("description",),
    ),
    "terminated": Part(
        _flag("isTerminated"),
        _text("reasonForTermination", "reason for termination", 500, required=False),
    ),
}

LISTS: dict[str, Part] = {
    "notices": Part(
        _text("type", "notice type", 100, required=False),
        _date("servedDate", "served date"),
        _date("expiryDate", "expiry date"),
        _date("endDate", "end date"),
        _date("effectiveDate", "effective date"),
    ),
    "legacyReferences": Part(
        _text("name", "legacy reference name", 100, required=False),
        _text("value", "legacy reference value", 100, required=False),
    ),
}

MEMBERS = "householdMembers"
# Sent back by clients that PATCH what they read; worked out here, so ignored when sent.
READ_ONLY = frozenset({"isActive", "inArrears"})
FIELD_ORDER = (
    "id",
    "paymentReference",
    MEMBERS,
    "tenuredAsset",
    "charges",
    "startOfTenureDate",
    "endOfTenureDate",
    "tenureType",
    "isTenanted",
    "terminated",
    "successionDate",
    "evictionDate",
    "potentialEndDate",
    "notices",
    "legacyReferences",
    "isMutualExchange",
    "informHousingBenefitsForChanges",
    "isSublet",
    "subletEndDate",
)
END_BEFORE_START = "The end of tenure date must be the same as or after the start of tenure date"
MEMBERS_BY_PERSON = "Change household members with PATCH or DELETE /tenures/{id}/person/{personId}"
UPRN_DIGITS = "The UPRN must be a number of up to 12 digits"


def valid_id(value: Any) -> bool:
    return isinstance(value, str) and bool(_ID.match(value))


# -- household members -----------------------------------------------------------------------


def new_member_journey() -> Journey:
    """The version of the household member journey a new member is read with."""
    return HOUSEHOLD_MEMBER_VERSIONS.for_answers({})


def member_journey_of(version: str | None) -> Journey:
    """The household member journey of a member's version (the first, for None)."""
    return HOUSEHOLD_MEMBER_VERSIONS.get(version)


def member_answers(journey: Journey, member: Mapping[str, Any]) -> dict[str, Any]:
    """A stored member's answers to the questions of its version of the journey."""
    return {key: member[key] for key in journey.all_field_ids() if key in member}


def read_member(
    payload: Any, stored: Mapping[str, Any] | None, path: str = "", journey: Journey | None = None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A member's answers after this payload: a new member must be complete, a stored one
    changes only where the payload says. `journey` is the member's version (a new member's
    when None). `id` and `personTenureType` are not answers."""
    journey = journey or new_member_journey()
    if isinstance(payload, dict):
        payload = {k: v for k, v in payload.items() if k not in ("id", "personTenureType")}
    outcome = apply_payload(journey, payload, member_answers(journey, stored or {}))
    errors = {f"{path}{key}": messages for key, messages in outcome.errors.items()}
    if not errors:
        for key, messages in missing_answers(journey, outcome.answers).items():
            errors[f"{path}{key}"] = messages
    return outcome.answers, errors


def member_record(person_id: str, answers: Mapping[str, Any], tenure_type_code: str) -> dict:
    return {
        "id": person_id,
        "type": answers.get("type"),
        "fullName": answers.get("fullName"),
        "isResponsible": answers.get("isResponsible"),
        "dateOfBirth": answers.get("dateOfBirth"),
        "personTenureType": person_tenure_type(
            tenure_type_code, bool(answers.get("isResponsible"))
        ),
    }


def _read_members(raw: Any, errors: dict) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        add_error(errors, MEMBERS, "Give the household members as a list")
        return []
    members, seen = [], set()
    for index, item in enumerate(raw):
        path = f"{MEMBERS}.{index}."
        person_id = item.get("id") if isinstance(item, dict) else None
        if person_id is None:
            person_id = str(uuid.uuid4())
        elif not valid_id(person_id):
            add_error(errors, f"{path}id", ID_MESSAGE)
        elif person_id in seen:
            add_error(errors, f"{path}id", "Each household member must have a different id")
        else:
            seen.add(person_id)
        if not isinstance(item, dict):
            add_error(errors, path.rstrip("."), "Each household member must be a JSON object")
            continue
        answers, member_errors = read_member(item, None, path)
        errors.update(member_errors)
        members.append({"id": person_id, **answers})
    return members


# -- the record ------------------------------------------------------------------------------


def read_tenure(payload: Any, stored: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The record a create (no `stored`) or a PATCH (over `stored`) makes of this payload, with
    its derived values filled in. Raises TenureInvalid."""
    if not isinstance(payload, dict):
        raise TenureInvalid({"": ["The request body must be a JSON object"]})
    errors: dict[str, list[str]] = {}
    record = dict(stored or {})
    for key, raw in payload.items():
        if key in READ_ONLY:
            continue
        if key == "id":
            _read_id(raw, stored, errors)
            if stored is None and raw is not None:
                record["id"] = raw
        elif key == MEMBERS:
            if stored is not None:
                add_error(errors, MEMBERS, MEMBERS_BY_PERSON)
            else:
                record[MEMBERS] = _read_members(raw, errors)
        elif key in SCALARS:
            try:
                record[key] = SCALARS[key].parse_json_field(key, raw)
            except Invalid as invalid:
                add_error(errors, key, invalid.message)
        elif key in OBJECTS:
            record[key] = _read_object(key, raw, record.get(key), errors)
        elif key in LISTS:
            record[key] = _read_list(key, raw, errors)
        else:
            add_error(errors, key, UNKNOWN_FIELD)
    _check(record, payload, errors)
    if errors:
        raise TenureInvalid(errors)
    return _with_derived_values(record)


def _read_id(raw: Any, stored: Mapping[str, Any] | None, errors: dict) -> None:
    if stored is not None:
        if raw != stored.get("id"):
            add_error(errors, "id", "The id of a tenure cannot be changed")
    elif raw is not None and not valid_id(raw):
        add_error(errors, "id", ID_MESSAGE)


def _read_object(key: str, raw: Any, stored: Any, errors: dict) -> dict | None:
    """Only the fields given change; null removes the whole object."""
    if raw is None:
        return None
    values = OBJECTS[key].read(raw, key, errors)
    if values is None:
        return stored
    return {**(stored or {}), **values}


def _read_list(key: str, raw: Any, errors: dict) -> list[dict]:
    """A list is replaced whole; null empties it."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        add_error(errors, key, "Give this as a list")
        return []
    read = [LISTS[key].read(item, f"{key}.{index}", errors) for index, item in enumerate(raw)]
    return [item for item in read if item is not None]


def _check(record: dict, payload: Mapping[str, Any], errors: dict) -> None:
    """Rules across fields, over the stored values and the new ones alike."""
    if not (record.get("tenureType") or {}).get("code"):
        code = OBJECTS["tenureType"].questions["code"]
        add_error(errors, "tenureType.code", code.message("required"))
    if record.get("startOfTenureDate") is None and "startOfTenureDate" not in errors:
        add_error(errors, "startOfTenureDate", SCALARS["startOfTenureDate"].message("required"))
    uprn = (record.get("tenuredAsset") or {}).get("uprn")
    if uprn is not None and not uprn.isdigit():
        add_error(errors, "tenuredAsset.uprn", UPRN_DIGITS)
    start, end = record.get("startOfTenureDate"), record.get("endOfTenureDate")
    if start and end and end < start:
        # Told against the date the client sent: the other may be the stored one.
        sent_start_only = "startOfTenureDate" in payload and "endOfTenureDate" not in payload
        add_error(
            errors, "startOfTenureDate" if sent_start_only else "endOfTenureDate", END_BEFORE_START
        )


def _with_derived_values(record: dict) -> dict:
    code = record["tenureType"]["code"]
    record["tenureType"] = {"code": code, "description": TENURE_TYPES[code]}
    record[MEMBERS] = [
        member_record(member["id"], member, code) for member in record.get(MEMBERS, [])
    ]
    return record


def asset_postcode(record: Mapping[str, Any]) -> str | None:
    """The postcode the tenure is searched by: the asset's `postcode` field, or else the one
    written in its `fullAddress`, as the seed's request object gives the address only there."""
    asset = record.get("tenuredAsset") or {}
    return asset.get("postcode") or postcode_in(asset.get("fullAddress") or "")


# -- output ----------------------------------------------------------------------------------


def is_active(record: Mapping[str, Any], today: date | None = None) -> bool:
    end = record.get("endOfTenureDate")
    return end is None or date.fromisoformat(end) >= (today or uk_today())


def in_arrears(record: Mapping[str, Any]) -> bool:
    balance = (record.get("charges") or {}).get("currentBalance")
    return balance is not None and balance > 0


def tenure_json(record: Mapping[str, Any]) -> dict[str, Any]:
    """The whole record, every field present, with the values worked out from it."""
    body: dict[str, Any] = {}
    for key in FIELD_ORDER:
        if key in OBJECTS:
            body[key] = OBJECTS[key].output(record.get(key))
        elif key in LISTS:
            body[key] = [LISTS[key].output(item) for item in record.get(key) or []]
        elif key == MEMBERS:
            body[key] = responsible_first(record.get(MEMBERS) or [])
        else:
            body[key] = record.get(key)
    body["isActive"] = is_active(record)
    body["inArrears"] = in_arrears(record)
    return body


def responsible_first(members: list[dict]) -> list[dict]:
    return sorted(members, key=lambda member: not member.get("isResponsible"))
