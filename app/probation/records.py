"""A stored case written out as the seed's CaseDetails and PersonalDetails."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.probation.models import ProbationCase, ProbationEvent
from app.probation.schema import CASE_DETAILS, PERSONAL_DETAILS, parse_date, record, shaped
from app.probation.service import is_active

_DATED_LISTS = ("personalCircumstances", "personalContacts")


def _active(entries: list[dict[str, Any]] | None, today: date) -> list[dict[str, Any]]:
    return [
        entry
        for entry in entries or []
        if is_active(parse_date(entry.get("startDate")), parse_date(entry.get("endDate")), today)
    ]


def _current(case: ProbationCase, today: date) -> dict[str, Any]:
    """The case's fields, with only the contacts and circumstances active today."""
    fields = {**case.data, "crn": case.crn}
    for key in _DATED_LISTS:
        fields[key] = _active(fields.get(key), today)
    return fields


def case_details(case: ProbationCase, event: ProbationEvent, today: date) -> dict[str, Any]:
    return shaped({**_current(case, today), "sentence": event.sentence}, record(CASE_DETAILS))


def personal_details(case: ProbationCase, today: date) -> dict[str, Any]:
    return shaped(_current(case, today), record(PERSONAL_DETAILS))
