"""Finding cases and deciding who may see them: the rules behind the API, and the interface
other parts of the service (such as the lettings pre-fill) use.

Access (limited access offenders, "LAO"): a user is excluded from a case by an active
exclusion naming them, and restricted from it by an active restriction whose allow-list does
not name them. Exclusions, restrictions, contacts and circumstances are active from their
start date up to and including their end date, on the UK date of the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, or_, select

from app.accounts.roles import Role
from app.accounts.service import normalise_email
from app.clock import uk_today
from app.extensions import db
from app.probation.models import (
    ProbationAccessAudit,
    ProbationAllowedUser,
    ProbationCase,
    ProbationEvent,
    ProbationExclusion,
    ProbationRestriction,
)

# The audit keeps what was asked for, cut to fit, however long a path a client sends.
_AUDITED_CRN_LENGTH = 100
_AUDITED_USERNAME_LENGTH = 255


@dataclass(frozen=True)
class CaseAccess:
    crn: str
    user_excluded: bool = False
    user_restricted: bool = False
    # Each is given only with its limit: a user who is not excluded is not told why others are.
    exclusion_message: str | None = None
    restriction_message: str | None = None

    @property
    def denied(self) -> bool:
        return self.user_excluded or self.user_restricted


def normalise_username(username: str) -> str:
    """Usernames are users' email addresses, matched ignoring case."""
    return normalise_email(username)


def is_active(start: date | None, end: date | None, today: date) -> bool:
    return (start is None or start <= today) and (end is None or end >= today)


def _not_ended(end_date, today: date) -> ColumnElement[bool]:
    return or_(end_date.is_(None), end_date >= today)


def find_case(crn: str) -> ProbationCase | None:
    return db.session.scalar(select(ProbationCase).where(ProbationCase.crn == crn))


def find_event(case: ProbationCase, event_id: int) -> ProbationEvent | None:
    """The case's event with this id; None for an event of another case."""
    return db.session.scalar(
        select(ProbationEvent).where(
            ProbationEvent.event_id == event_id, ProbationEvent.case_id == case.id
        )
    )


def may_check_others(user, token) -> bool:
    """Whether this caller may ask about another user's access: support staff, and the
    partner system's service token, may; anyone else only about themselves, because the
    answer tells which cases have limits and why."""
    return user.role_enum is Role.SUPPORT or token.is_service


def check_access(
    asker, username: str, crn: str, *, may_check_others: bool, today: date | None = None
) -> CaseAccess:
    """What limits the case puts on the user named `username`, asked by `asker`. The check is
    audited, whether answered or refused; a refusal raises PermissionError, the same whether
    the case is held or limited or not."""
    checked = normalise_username(username)
    allowed = may_check_others or checked == normalise_username(asker.email)
    case_id = _case_id(crn)
    record_access(asker, crn, allowed, found=case_id is not None, checked_username=checked)
    if not allowed:
        raise PermissionError(crn)
    return _access(case_id, crn, checked, today or uk_today())


def access_for(user_email: str, crn: str, today: date | None = None) -> CaseAccess:
    """What limits the case with this CRN puts on this user: none, for a CRN we do not hold."""
    return _access(_case_id(crn), crn, normalise_username(user_email), today or uk_today())


def access_to(case: ProbationCase, user_email: str, today: date | None = None) -> CaseAccess:
    return _access(case.id, case.crn, normalise_username(user_email), today or uk_today())


def _case_id(crn: str) -> int | None:
    return db.session.scalar(select(ProbationCase.id).where(ProbationCase.crn == crn))


def _access(case_id: int | None, crn: str, username: str, today: date) -> CaseAccess:
    if case_id is None:  # a CRN we do not hold: no limits
        return CaseAccess(crn)
    exclusion = db.session.execute(
        select(ProbationExclusion.message)
        .where(
            ProbationExclusion.case_id == case_id,
            ProbationExclusion.username == username,
            _not_ended(ProbationExclusion.end_date, today),
        )
        .order_by(ProbationExclusion.id)
        .limit(1)
    ).first()
    restriction = db.session.execute(
        select(ProbationRestriction.id, ProbationRestriction.message).where(
            ProbationRestriction.case_id == case_id,
            _not_ended(ProbationRestriction.end_date, today),
        )
    ).first()
    restricted = restriction is not None and not _allowed(restriction.id, username)
    return CaseAccess(
        crn=crn,
        user_excluded=exclusion is not None,
        user_restricted=restricted,
        exclusion_message=exclusion.message if exclusion is not None else None,
        restriction_message=restriction.message if restricted else None,
    )


def _allowed(restriction_id: int, username: str) -> bool:
    on_list = select(ProbationAllowedUser.username).where(
        ProbationAllowedUser.restriction_id == restriction_id,
        ProbationAllowedUser.username == username,
    )
    return db.session.scalar(on_list) is not None


def open_case(user, crn: str, event_id: int | None = None) -> ProbationCase:
    """The case, if this user may read it. A refusal or a missing case is audited here and
    raises PermissionError or LookupError; the caller audits the read it then makes."""
    case = find_case(crn)
    if case is None:
        record_access(user, crn, allowed=True, found=False, event_id=event_id)
        raise LookupError(crn)
    if access_to(case, user.email).denied:
        record_access(user, crn, allowed=False, event_id=event_id)
        raise PermissionError(crn)
    return case


def record_access(
    user,
    crn: str,
    allowed: bool,
    *,
    found: bool = True,
    event_id: int | None = None,
    checked_username: str | None = None,
) -> ProbationAccessAudit:
    """Write the audit row for one read of case data, or for one access check (of the user
    named `checked_username`), and commit it."""
    if checked_username is not None:
        checked_username = checked_username[:_AUDITED_USERNAME_LENGTH]
    entry = ProbationAccessAudit(
        user_id=user.id,
        username=user.email,
        crn=crn[:_AUDITED_CRN_LENGTH],
        event_id=event_id,
        checked_username=checked_username,
        allowed=allowed,
        found=found,
    )
    db.session.add(entry)
    db.session.commit()
    return entry
