"""Asserting on the emails a feature asked for: the rows, whether or not they were sent."""

from __future__ import annotations

from sqlalchemy import select

from app.emails.models import Email
from app.extensions import db


def emails_to(address: str) -> list[Email]:
    """Every email to this address, newest last, as the database has them now."""
    return list(
        db.session.scalars(
            select(Email)
            .where(Email.to_address == address)
            .order_by(Email.created_at, Email.id)
            .execution_options(populate_existing=True)
        )
    )


def link_in(email: Email) -> str:
    """The link the email carries (its personalisation's `link`)."""
    return email.personalisation["link"]
