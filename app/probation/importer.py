"""Loading probation cases from a JSON file (`flask probation import FILE`).

The file is a JSON array of cases in the API's own shape (see docs/probation-api.md). Every
case is checked before any is written, and all are written in one transaction, so a file with
a mistake changes nothing. Loading a file again is safe: a case already held, by its CRN, is
replaced by the file's version of it, never duplicated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from app.db_types import utcnow
from app.extensions import db
from app.probation.models import (
    ProbationAllowedUser,
    ProbationCase,
    ProbationEvent,
    ProbationExclusion,
    ProbationRestriction,
)
from app.probation.schema import CASE_FILE_ENTRY, parse_date, problems, record
from app.probation.service import find_case, normalise_username

CRN = re.compile(r"^[A-Z][0-9]{6}$")
# Fields kept in columns or tables of their own rather than in the case's record.
_NOT_IN_RECORD = ("crn", "events", "exclusions", "restriction")
# Enough to fix a file by; the rest usually repeat the same mistake.
MOST_PROBLEMS_SHOWN = 20
# Event ids looked up at a time: well inside every database's limit on parameters.
_LOOKUP_BATCH = 500


class CaseFileError(Exception):
    """The file cannot be loaded: the message says why, for the person loading it."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0

    def __str__(self) -> str:
        return f"Imported {self.created} new probation cases and updated {self.updated}."


def import_cases_file(path: str | Path) -> ImportResult:
    try:
        with open(path, encoding="utf-8-sig") as file:
            entries = json.load(file)
    except FileNotFoundError as error:
        raise CaseFileError(f"There is no file at {path}") from error
    except UnicodeDecodeError as error:
        raise CaseFileError(f"{path} is not a UTF-8 file") from error
    except json.JSONDecodeError as error:
        raise CaseFileError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from error
    except OSError as error:
        raise CaseFileError(f"{path} cannot be read: {error.strerror}") from error
    return import_cases(entries)


def import_cases(entries: Any) -> ImportResult:
    """Check every case, then write them all in one transaction. Raises CaseFileError."""
    if not isinstance(entries, list):
        raise CaseFileError("The file must hold a JSON array of probation cases")
    found = list(_problems(entries))
    if found:
        raise CaseFileError(_report(found))
    result = ImportResult()
    try:
        for entry in entries:
            _save(entry, result)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return result


def _report(found: list[str]) -> str:
    lines = found[:MOST_PROBLEMS_SHOWN]
    if len(found) > len(lines):
        lines.append(f"and {len(found) - len(lines)} more problems")
    return "Nothing was imported. Fix these problems and import the file again:\n" + "\n".join(
        f"  {line}" for line in lines
    )


def _label(number: int, entry: Any) -> str:
    crn = entry.get("crn") if isinstance(entry, dict) else None
    if isinstance(crn, str) and crn.strip():
        return f"Case {crn} (number {number} in the file)"
    return f"Case number {number} in the file"


def _problems(entries: list[Any]) -> Iterator[str]:
    crns: dict[str, int] = {}
    event_crns: dict[int, str] = {}
    for number, entry in enumerate(entries, 1):
        label = _label(number, entry)
        shape_problems = list(problems(entry, record(CASE_FILE_ENTRY)))
        for path, message in shape_problems:
            yield f"{label}: {path or 'the case'} {message}"
        if shape_problems:
            continue
        crn = entry["crn"]
        if not CRN.match(crn):
            yield f"{label}: crn must be a capital letter and 6 digits, such as X123456"
        elif crn in crns:
            yield f"{label}: crn is also the CRN of case number {crns[crn]} in the file"
        crns.setdefault(crn, number)
        for index, event in enumerate(entry.get("events") or []):
            event_id = event["eventId"]
            if event_id in event_crns:
                yield (
                    f"{label}: events.{index}.eventId {event_id} is also an event of case "
                    f"{event_crns[event_id]} in the file"
                )
            event_crns.setdefault(event_id, crn)
    for event_id, held_by, crn in _events_held_elsewhere(event_crns):
        yield f"Case {crn}: event {event_id} is already held as an event of case {held_by}"


def _events_held_elsewhere(event_crns: dict[int, str]) -> Iterator[tuple[int, str, str]]:
    ids = list(event_crns)
    for start in range(0, len(ids), _LOOKUP_BATCH):
        held = db.session.execute(
            select(ProbationEvent.event_id, ProbationCase.crn)
            .join(ProbationCase, ProbationCase.id == ProbationEvent.case_id)
            .where(ProbationEvent.event_id.in_(ids[start : start + _LOOKUP_BATCH]))
        )
        for event_id, held_by in held:
            if held_by != event_crns[event_id]:
                yield event_id, held_by, event_crns[event_id]


def _save(entry: dict[str, Any], result: ImportResult) -> None:
    now = utcnow()
    case = find_case(entry["crn"])
    if case is None:
        case = ProbationCase(crn=entry["crn"], created_at=now)
        db.session.add(case)
        result.created += 1
    else:
        _remove_own_rows(case.id)
        result.updated += 1
    case.forename = entry["name"]["forename"]
    case.surname = entry["name"]["surname"]
    case.date_of_birth = parse_date(entry["dateOfBirth"])
    case.gender = entry.get("gender")
    case.ethnicity = entry.get("ethnicity")
    case.data = {key: value for key, value in entry.items() if key not in _NOT_IN_RECORD}
    case.updated_at = now
    db.session.flush()
    _add_own_rows(case.id, entry)


def _remove_own_rows(case_id: int) -> None:
    restrictions = select(ProbationRestriction.id).where(ProbationRestriction.case_id == case_id)
    db.session.execute(
        delete(ProbationAllowedUser).where(ProbationAllowedUser.restriction_id.in_(restrictions))
    )
    for model in (ProbationRestriction, ProbationExclusion, ProbationEvent):
        db.session.execute(delete(model).where(model.case_id == case_id))


def _add_own_rows(case_id: int, entry: dict[str, Any]) -> None:
    db.session.add_all(
        ProbationEvent(
            event_id=event["eventId"],
            case_id=case_id,
            sentence=event.get("sentence"),
            custodial=bool(event.get("custodial")),
            release_date=parse_date(event.get("releaseDate")),
        )
        for event in entry.get("events") or []
    )
    db.session.add_all(
        ProbationExclusion(
            case_id=case_id,
            username=normalise_username(exclusion["username"]),
            end_date=parse_date(exclusion.get("endDate")),
            message=exclusion.get("message"),
        )
        for exclusion in entry.get("exclusions") or []
    )
    limit = entry.get("restriction")
    if limit is None:
        return
    restriction = ProbationRestriction(
        case_id=case_id, end_date=parse_date(limit.get("endDate")), message=limit.get("message")
    )
    db.session.add(restriction)
    db.session.flush()
    allowed = {normalise_username(username) for username in limit.get("allowedUsers") or []}
    db.session.add_all(
        ProbationAllowedUser(restriction_id=restriction.id, username=username)
        for username in sorted(allowed)
    )
