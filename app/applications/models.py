"""What an application is for, beside its answers (which live in its form record)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db_types import UTCDateTime
from app.extensions import db
from app.formkit.models import FormRecord
from app.listings.models import Listing, Property


class Application(db.Model):
    __tablename__ = "applications"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("form_records.id", ondelete="CASCADE"), primary_key=True
    )
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), index=True)
    property_id: Mapped[int | None] = mapped_column(ForeignKey("properties.id"), default=None)
    # A draft made when a provider un-submitted an application: the original, now unsubmitted.
    copied_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_records.id"), default=None, index=True
    )
    # Why the provider sent it back; kept on the original and shown with the copy.
    unsubmit_reason: Mapped[str | None] = mapped_column(Text, default=None)
    unsubmitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    unsubmitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)

    record: Mapped[FormRecord] = relationship(foreign_keys=[record_id], lazy="joined")
    listing: Mapped[Listing] = relationship(lazy="joined")
    chosen_property: Mapped[Property | None] = relationship(lazy="joined")
    copied_from: Mapped[FormRecord | None] = relationship(foreign_keys=[copied_from_id])
