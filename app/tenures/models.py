"""A tenure is stored whole, as the seed's record, with the fields it is searched and sorted by
promoted to indexed columns. Its household members' names are indexed in a table of their own.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db_types import UTCDateTime, utcnow
from app.extensions import db
from app.formkit.models import AnswersType

# Search keys compare byte by byte on both databases, so a prefix is a range an ordinary
# index can answer: "smi" <= key < "smj". (PostgreSQL's default collation would not order
# them by code point; SQLite's BINARY already does.)
SearchKey = String(100).with_variant(String(100, collation="C"), "postgresql")


class Tenure(db.Model):
    __tablename__ = "tenures"
    __table_args__ = (
        # The default order of a list: newest tenures first. A postcode search reads its
        # page and count from one range of its index too, in that order.
        Index("ix_tenures_organisation_start", "organisation_id", "start_of_tenure_date", "id"),
        Index("ix_tenures_postcode", "postcode", "organisation_id", "start_of_tenure_date", "id"),
        Index(
            "ix_tenures_outward_code",
            "outward_code",
            "organisation_id",
            "start_of_tenure_date",
            "id",
        ),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    # The ETag. Raised by one on every write, in the same UPDATE that checks it.
    version: Mapped[int] = mapped_column(Integer, default=0)
    tenure_type_code: Mapped[str] = mapped_column(String(3))
    start_of_tenure_date: Mapped[date] = mapped_column(Date)
    end_of_tenure_date: Mapped[date | None] = mapped_column(Date, default=None)
    # The asset's postcode, normalised ("E8 1DY"), and its outward code ("E8").
    postcode: Mapped[str | None] = mapped_column(String(8), default=None)
    outward_code: Mapped[str | None] = mapped_column(String(4), default=None)
    data: Mapped[dict[str, Any]] = mapped_column(AnswersType)
    # The version of the household member journey each member is read with, by person id
    # (formkit/versions.py), kept beside the seed's record rather than in it. A member with
    # none was added before versions, on the first.
    member_definition_versions: Mapped[dict[str, str] | None] = mapped_column(
        AnswersType, default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TenureMemberName(db.Model):
    """A household member's first and last names, folded for searching. Rewritten from the
    tenure's record on every write to it.

    The tenure's organisation and start date are copied here so that a name search is one
    range of one index, which gives the count and the page, newest first, without visiting a
    tenure that is not on the page."""

    __tablename__ = "tenure_member_names"
    __table_args__ = (
        Index(
            "ix_tenure_member_names_organisation_last",
            "organisation_id",
            "last_name",
            "first_name",
            "start_of_tenure_date",
            "tenure_id",
        ),
        Index(
            "ix_tenure_member_names_organisation_first",
            "organisation_id",
            "first_name",
            "start_of_tenure_date",
            "tenure_id",
        ),
        # Support staff search every organisation.
        Index("ix_tenure_member_names_last", "last_name", "first_name"),
        Index("ix_tenure_member_names_first", "first_name"),
    )

    tenure_id: Mapped[str] = mapped_column(
        ForeignKey("tenures.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(Integer)
    start_of_tenure_date: Mapped[date] = mapped_column(Date)
    first_name: Mapped[str] = mapped_column(SearchKey)
    last_name: Mapped[str] = mapped_column(SearchKey)
