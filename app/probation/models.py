"""A probation case is stored as the person's record in the seed's shape, with its CRN, names
and date of birth promoted to columns. Events, exclusions and the restriction have tables of
their own, because they are looked up by event id and by username.

Usernames are users' email addresses, stored lower-cased so that an ordinary index answers
the case-insensitive match.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import uk_today
from app.db_types import UTCDateTime, utcnow
from app.extensions import db
from app.formkit.models import AnswersType


class ProbationCase(db.Model):
    __tablename__ = "probation_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    crn: Mapped[str] = mapped_column(String(7), unique=True)
    forename: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(100), default=None)
    ethnicity: Mapped[str | None] = mapped_column(String(100), default=None)
    # The import file's entry without its events and access limits: the CaseDetails fields,
    # with the start and end dates of personal contacts and circumstances.
    data: Mapped[dict[str, Any]] = mapped_column(AnswersType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    # Read-only: the importer replaces a case's rows with statements of its own.
    events: Mapped[list[ProbationEvent]] = relationship(
        order_by="ProbationEvent.event_id", viewonly=True
    )

    @property
    def disabilities(self) -> list[dict[str, Any]]:
        return list(self.data.get("disabilities") or [])

    @property
    def latest_release_date(self) -> date | None:
        """When the person was last released from a custodial sentence, if they have been."""
        today = uk_today()
        released = [
            event.release_date
            for event in self.events
            if event.custodial and event.release_date is not None and event.release_date <= today
        ]
        return max(released, default=None)

    @property
    def released_from_prison(self) -> bool:
        return self.latest_release_date is not None


class ProbationEvent(db.Model):
    """An event (a conviction and its sentence). Event ids are unique across all cases."""

    __tablename__ = "probation_events"

    event_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("probation_cases.id", ondelete="CASCADE"), index=True
    )
    sentence: Mapped[dict[str, Any] | None] = mapped_column(AnswersType, default=None)
    custodial: Mapped[bool] = mapped_column(Boolean, default=False)
    release_date: Mapped[date | None] = mapped_column(Date, default=None)


class ProbationExclusion(db.Model):
    """One user kept out of one case, until the end date if it has one."""

    __tablename__ = "probation_exclusions"
    __table_args__ = (Index("ix_probation_exclusions_case_username", "case_id", "username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("probation_cases.id", ondelete="CASCADE"))
    username: Mapped[str] = mapped_column(String(255))
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    message: Mapped[str | None] = mapped_column(Text, default=None)


class ProbationRestriction(db.Model):
    """A case only the users on its allow-list may see, until the end date if it has one."""

    __tablename__ = "probation_restrictions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("probation_cases.id", ondelete="CASCADE"), unique=True
    )
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    message: Mapped[str | None] = mapped_column(Text, default=None)


class ProbationAllowedUser(db.Model):
    __tablename__ = "probation_allowed_users"

    restriction_id: Mapped[int] = mapped_column(
        ForeignKey("probation_restrictions.id", ondelete="CASCADE"), primary_key=True
    )
    username: Mapped[str] = mapped_column(String(255), primary_key=True)


class ProbationAccessAudit(db.Model):
    """One read of a case's data, or one access check, through the API: who, which case,
    when, and what they got.

    Kept by CRN rather than by case, so a read of a CRN we do not hold is recorded too.
    """

    __tablename__ = "probation_access_audit"
    __table_args__ = (Index("ix_probation_access_audit_crn_read_at", "crn", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    username: Mapped[str] = mapped_column(String(255))
    crn: Mapped[str] = mapped_column(String(100))
    # Empty for a read of the personal details.
    event_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    # For an access check (`/users/{username}/access/{crn}`), the user it asked about; empty
    # for a read of case data.
    checked_username: Mapped[str | None] = mapped_column(String(255), default=None)
    # False when an exclusion or restriction refused the read, or when the caller was not
    # allowed to check another user's access.
    allowed: Mapped[bool] = mapped_column(Boolean)
    # False when there is no such case, or no such event of it.
    found: Mapped[bool] = mapped_column(Boolean)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
