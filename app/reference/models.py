"""Postcodes and their local authorities, loaded from the ONS Postcode Directory."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class Postcode(db.Model):
    __tablename__ = "postcodes"

    # Normalised: upper case with one space before the inward code, as ONSPD's `pcds`.
    postcode: Mapped[str] = mapped_column(String(8), primary_key=True)
    # The ONS code of the local authority district, for example E09000011.
    local_authority_code: Mapped[str] = mapped_column(String(9), index=True)
