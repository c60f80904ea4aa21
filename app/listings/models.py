"""Developments, their properties, and the listings that advertise them.

A development belongs to a housing provider (an organisation). A listing advertises either
one property of a development or the whole development, and takes applications while it is
open and its closing date has not passed (UK time).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
)
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.accounts.models import Organisation
from app.db_types import UTCDateTime, utcnow
from app.extensions import db

PROPERTY_TYPES = ("House", "Flat", "Maisonette", "Bungalow")
MIN_SHARE, MAX_SHARE = 10, 75

OPEN, CLOSED = "open", "closed"
LISTING_STATUSES = (OPEN, CLOSED)


def _quoted(values) -> str:
    return ", ".join(f"'{value}'" for value in values)


class Development(db.Model):
    __tablename__ = "developments"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    address_line_1: Mapped[str] = mapped_column(String(255))
    address_line_2: Mapped[str | None] = mapped_column(String(255), default=None)
    town: Mapped[str] = mapped_column(String(255))
    postcode: Mapped[str] = mapped_column(String(8))
    # The id of the local authority in app.reference.lists' "local-authorities" list.
    local_authority_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    properties: Mapped[list[Property]] = relationship(
        back_populates="development", order_by="(Property.plot_number, Property.id)"
    )
    listings: Mapped[list[Listing]] = relationship(
        back_populates="development", order_by="Listing.id.desc()"
    )

    @property
    def address_lines(self) -> list[str]:
        lines = (self.address_line_1, self.address_line_2, self.town, self.postcode)
        return [line for line in lines if line]


class Property(db.Model):
    __tablename__ = "properties"
    __table_args__ = (
        UniqueConstraint("development_id", "plot_number", name="uq_properties_plot_number"),
        CheckConstraint("bedrooms >= 1", name="bedrooms"),
        CheckConstraint(f"property_type IN ({_quoted(PROPERTY_TYPES)})", name="property_type"),
        CheckConstraint("full_market_value > 0", name="full_market_value"),
        CheckConstraint(f"minimum_share BETWEEN {MIN_SHARE} AND {MAX_SHARE}", name="minimum_share"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    development_id: Mapped[int] = mapped_column(ForeignKey("developments.id"), index=True)
    plot_number: Mapped[str] = mapped_column(String(20))
    bedrooms: Mapped[int] = mapped_column(Integer)
    property_type: Mapped[str] = mapped_column(String(20))
    # Whole pounds.
    full_market_value: Mapped[int] = mapped_column(Integer)
    # The smallest share, in per cent, that a buyer may take.
    minimum_share: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    development: Mapped[Development] = relationship(back_populates="properties")

    @property
    def minimum_share_cost(self) -> Decimal:
        """What the minimum share costs, in pounds (to the penny)."""
        return Decimal(self.full_market_value) * self.minimum_share / 100


class Listing(db.Model):
    __tablename__ = "listings"
    __table_args__ = (
        CheckConstraint(f"status IN ({_quoted(LISTING_STATUSES)})", name="status"),
        Index("ix_listings_status_closing_date", "status", "closing_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    development_id: Mapped[int] = mapped_column(ForeignKey("developments.id"), index=True)
    # None when the listing advertises the whole development.
    property_id: Mapped[int | None] = mapped_column(
        ForeignKey("properties.id"), index=True, default=None
    )
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=OPEN)
    # The last day on which applications are taken.
    closing_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    development: Mapped[Development] = relationship(back_populates="listings")

    @hybrid_method
    def accepts_applications_on(self, day: date) -> bool:
        return self.status == OPEN and self.closing_date >= day

    @accepts_applications_on.inplace.expression
    @classmethod
    def _accepts_applications_on(cls, day: date):
        return and_(cls.status == OPEN, cls.closing_date >= day)

    @property
    def accepts_applications(self) -> bool:
        """Open, and the closing date is today or later."""
        return self.accepts_applications_on(clock.uk_today())

    @property
    def offered_properties(self) -> list[Property]:
        """The properties an applicant may choose from: this one, or the whole development's."""
        if self.property is not None:
            return [self.property]
        return list(self.development.properties)

    # Last in the class body: from here on, `property` names this relationship, not the builtin.
    property: Mapped[Property | None] = relationship()
