"""Creating and changing tenures, each write checked against the version the writer read.

The version check and the write are one statement, `UPDATE ... WHERE version = :read`, so of
two writers holding the same version exactly one succeeds. The change's domain event is
written to the outbox in the same transaction.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, delete, insert, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from app.accounts.roles import Role
from app.db_types import utcnow
from app.extensions import db
from app.formkit.definition import Journey
from app.outbox.catalogue import (
    PERSON_ADDED_TO_TENURE,
    PERSON_REMOVED_FROM_TENURE,
    TENURE_CREATED,
    TENURE_UPDATED,
)
from app.outbox.events import record_event
from app.tenures.models import Tenure, TenureMemberName
from app.tenures.names import name_keys
from app.tenures.record import (
    MEMBERS,
    asset_postcode,
    member_journey_of,
    member_record,
    new_member_journey,
    read_member,
    read_tenure,
)

CREATED, UPDATED = TENURE_CREATED, TENURE_UPDATED
PERSON_ADDED, PERSON_REMOVED = PERSON_ADDED_TO_TENURE, PERSON_REMOVED_FROM_TENURE


class TenureExists(Exception):
    """A client-chosen id that is already taken, by a tenure of any organisation: ids are
    global. The answer says no more than that, so it never tells whose tenure holds it."""


class StaleVersion(Exception):
    """The tenure has changed since the version the writer read."""

    def __init__(self, current_version: int | None = None):
        super().__init__("The tenure has changed since it was read")
        self.current_version = current_version


class PersonNotFound(LookupError):
    pass


class MemberInvalid(ValueError):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("The household member has errors")
        self.errors = errors


# -- who sees what ---------------------------------------------------------------------------


def visible_to(user, organisation_column=Tenure.organisation_id) -> ColumnElement[bool]:
    """Staff see their organisation's tenures; support staff see every tenure. (The name index
    keeps each tenure's organisation in a column of its own.)"""
    if user.role_enum is Role.SUPPORT:
        return true()
    return organisation_column == user.organisation_id


def find(tenure_id: str, user) -> Tenure | None:
    return db.session.scalar(select(Tenure).where(Tenure.id == tenure_id, visible_to(user)))


# -- household members' versions -------------------------------------------------------------


def member_journey(tenure: Tenure, person_id: str) -> Journey:
    """The version of the household member journey a member is read with: its own."""
    return member_journey_of((tenure.member_definition_versions or {}).get(person_id))


def _member_versions(
    tenure: Tenure | None, record: Mapping[str, Any], added: Journey | None = None
) -> dict[str, str]:
    """Each member's version after a write: a member kept keeps its own (the first, for one
    added before versions), a new one takes `added`, the version its answers were read with."""
    new_version = (added or new_member_journey()).version
    existing = {m["id"] for m in tenure.data.get(MEMBERS, [])} if tenure is not None else set()
    return {
        member["id"]: member_journey(tenure, member["id"]).version
        if member["id"] in existing
        else new_version
        for member in record.get(MEMBERS, [])
    }


# -- writes ----------------------------------------------------------------------------------


def _columns(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record's promoted columns."""
    postcode = asset_postcode(record)
    end = record.get("endOfTenureDate")
    return {
        "data": record,
        "tenure_type_code": record["tenureType"]["code"],
        "start_of_tenure_date": date.fromisoformat(record["startOfTenureDate"]),
        "end_of_tenure_date": date.fromisoformat(end) if end else None,
        "postcode": postcode,
        "outward_code": postcode.split(" ")[0] if postcode else None,
    }


def _name_rows(tenure_id: str, organisation_id: int | None, record: Mapping[str, Any]) -> list:
    start = date.fromisoformat(record["startOfTenureDate"])
    rows = []
    for member in record.get(MEMBERS, []):
        first, last = name_keys(member.get("fullName") or "")
        rows.append(
            {
                "tenure_id": tenure_id,
                "person_id": member["id"],
                "organisation_id": organisation_id,
                "start_of_tenure_date": start,
                "first_name": first,
                "last_name": last,
            }
        )
    return rows


def _index_names(tenure: Tenure, record: Mapping[str, Any], replace: bool = True) -> None:
    if replace:
        db.session.execute(delete(TenureMemberName).where(TenureMemberName.tenure_id == tenure.id))
    if rows := _name_rows(tenure.id, tenure.organisation_id, record):
        db.session.execute(insert(TenureMemberName), rows)


def create(payload: Any, user) -> Tenure:
    """Raises TenureInvalid or TenureExists."""
    record = read_tenure(payload)
    tenure_id = record.get("id") or str(uuid.uuid4())
    record["id"] = tenure_id
    if db.session.get(Tenure, tenure_id) is not None:
        raise TenureExists(tenure_id)
    now = utcnow()
    tenure = Tenure(
        id=tenure_id,
        organisation_id=user.organisation_id,
        version=0,
        member_definition_versions=_member_versions(None, record),
        created_at=now,
        updated_at=now,
        **_columns(record),
    )
    db.session.add(tenure)
    try:
        db.session.flush()
    except IntegrityError as error:  # created by someone else since the check above
        db.session.rollback()
        raise TenureExists(tenure_id) from error
    _index_names(tenure, record, replace=False)
    _event(CREATED, tenure_id, user, {}, record)
    db.session.commit()
    return tenure


def _write(
    tenure: Tenure,
    record: dict[str, Any],
    version: int,
    names_changed: bool,
    added: Journey | None = None,
) -> None:
    """Store the record if the tenure is still at `version`; raise StaleVersion if not. The
    caller records the event and commits. `added` is the version a new member was read with."""
    if version != tenure.version:
        raise StaleVersion(tenure.version)
    now, columns = utcnow(), _columns(record)
    if names_changed:  # the members may have changed
        columns["member_definition_versions"] = _member_versions(tenure, record, added)
    written = db.session.execute(
        update(Tenure)
        .where(Tenure.id == tenure.id, Tenure.version == version)
        .values(version=Tenure.version + 1, updated_at=now, **columns)
        .execution_options(synchronize_session=False)
    )
    if written.rowcount != 1:
        db.session.rollback()
        raise StaleVersion()
    if names_changed:
        _index_names(tenure, record)
    # Keep the loaded object in step with the row, without reading it again.
    for key, value in {"version": version + 1, "updated_at": now, **columns}.items():
        set_committed_value(tenure, key, value)


def _event(event_type: str, tenure_id: str, user, old: dict, new: dict) -> None:
    record_event(
        event_type,
        entity_id=tenure_id,
        user=user,
        old_data=old,
        new_data=new,
    )


def _changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[dict, dict]:
    """The fields that differ, as they were and as they are."""
    keys = [key for key in {**old, **new} if old.get(key) != new.get(key)]
    return {k: old.get(k) for k in keys}, {k: new.get(k) for k in keys}


def update_tenure(tenure: Tenure, payload: Any, version: int, user) -> None:
    """Apply a PATCH. Raises TenureInvalid or StaleVersion."""
    old = copy.deepcopy(tenure.data)
    record = read_tenure(payload, old)
    old_changed, new_changed = _changed(old, record)
    if not new_changed:
        # Nothing changes, but a stale version is still refused.
        if version != tenure.version:
            raise StaleVersion(tenure.version)
        return
    # The name index holds the start date too, to give a search's page in order.
    names_changed = MEMBERS in new_changed or "startOfTenureDate" in new_changed
    _write(tenure, record, version, names_changed=names_changed)
    _event(UPDATED, tenure.id, user, old_changed, new_changed)
    db.session.commit()


def save_person(tenure: Tenure, person_id: str, payload: Any, version: int, user) -> bool:
    """Add the member, or change the fields given of an existing one. True if added.
    Raises MemberInvalid or StaleVersion."""
    old = copy.deepcopy(tenure.data)
    members = old.get(MEMBERS, [])
    stored = next((m for m in members if m["id"] == person_id), None)
    # A member is read with its own version; a new one with the version for new members.
    journey = new_member_journey() if stored is None else member_journey(tenure, person_id)
    answers, errors = read_member(payload, stored, journey=journey)
    if errors:
        raise MemberInvalid(errors)
    member = member_record(person_id, answers, old["tenureType"]["code"])
    if stored is None:
        new_members = [*members, member]
    else:
        new_members = [member if m["id"] == person_id else m for m in members]
    record = {**old, MEMBERS: new_members}
    _write(tenure, record, version, names_changed=True, added=journey)
    if stored is None:
        _event(PERSON_ADDED, tenure.id, user, {MEMBERS: members}, {MEMBERS: new_members})
    else:
        _event(UPDATED, tenure.id, user, {MEMBERS: members}, {MEMBERS: new_members})
    db.session.commit()
    return stored is None


def remove_person(tenure: Tenure, person_id: str, version: int | None, user) -> None:
    """Raises PersonNotFound or StaleVersion. Without a version, the version just read."""
    old = copy.deepcopy(tenure.data)
    members = old.get(MEMBERS, [])
    if not any(m["id"] == person_id for m in members):
        raise PersonNotFound(person_id)
    new_members = [m for m in members if m["id"] != person_id]
    record = {**old, MEMBERS: new_members}
    _write(tenure, record, tenure.version if version is None else version, names_changed=True)
    _event(PERSON_REMOVED, tenure.id, user, {MEMBERS: members}, {MEMBERS: new_members})
    db.session.commit()
