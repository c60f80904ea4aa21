"""Starting, finding and un-submitting applications. Views and the portal API call these."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from flask import g
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.applications import emails
from app.applications.models import Application
from app.db_types import utcnow
from app.extensions import db
from app.formkit import record_versions, store
from app.formkit.definition import Journey
from app.formkit.models import SUBMITTED, UNSUBMITTED, FormRecord
from app.formkit.references import new_reference
from app.formkit.runner import record_status
from app.journeys.shared_ownership_application import (
    OFFERED_PLOTS,
    SHARED_OWNERSHIP_APPLICATION_VERSIONS,
)
from app.listings.models import OPEN, Listing, Property
from app.listings.service import open_listing
from app.templating import govuk_date

# Every version of the application journey: each application is read with its own.
VERSIONS = SHARED_OWNERSHIP_APPLICATION_VERSIONS
# What every version shares: its id, its reference prefix and its record's name.
JOURNEY = VERSIONS.latest
DRAFT = "draft"
# Each status's one name on every page, the applicant's and staff's alike. The API keeps the
# seed's values: a provider "un-submits", and the applicant and staff see it "Returned".
STATUS_LABELS = {DRAFT: "Draft", SUBMITTED: "Submitted", UNSUBMITTED: "Returned"}


class CannotStart(ValueError):
    """The listing or property named cannot take this application. The message says why."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class AlreadyUnsubmitted(Exception):  # noqa: N818
    """Only a submitted application can be sent back, and only once."""


def portal_status(record: FormRecord) -> str:
    """draft, submitted or unsubmitted: the engine's not started, in progress and completed
    are all drafts to an applicant."""
    return record.status if record.status in (SUBMITTED, UNSUBMITTED) else DRAFT


def choose_listing(listing_id: Any, property_id: Any = None) -> tuple[Listing, Property | None]:
    """The open listing and (optionally) one of its properties, or CannotStart."""
    if isinstance(listing_id, bool) or not isinstance(listing_id, int):
        raise CannotStart("listingId", "Give the id of a listing, as a number")
    listing = open_listing(listing_id)
    if listing is None:
        raise CannotStart("listingId", f"Listing {listing_id} does not exist or is closed")
    if property_id is None:
        offered = listing.offered_properties
        # A listing of one property is an application for it.
        return listing, offered[0] if listing.property_id is not None else None
    if isinstance(property_id, bool) or not isinstance(property_id, int):
        raise CannotStart("propertyId", "Give the id of a property, as a number")
    chosen = next((p for p in listing.offered_properties if p.id == property_id), None)
    if chosen is None:
        raise CannotStart("propertyId", f"Property {property_id} is not part of this listing")
    return listing, chosen


def closed_to_submission(application: Application) -> str | None:
    """Why this draft cannot be submitted, if its listing has stopped taking applications (the
    provider closed it, or its closing date has passed); None if it can be. The draft itself
    stays readable and editable: the provider may reopen the listing or extend its date.

    A draft copy that a provider sent back is never refused: the original was submitted in
    time, and the provider asked for it again."""
    listing = application.listing
    if application.copied_from_id is not None or listing.accepts_applications:
        return None
    if listing.status == OPEN:  # so the closing date has passed
        when = f"closed on {govuk_date(listing.closing_date)}"
    else:
        when = "have closed"
    return f"Applications for {listing.title} {when}, so this application cannot be submitted"


def offer_plots_of(listing: Listing) -> None:
    """For this request, preferred plots must be plots of this listing."""
    g.setdefault(OFFERED_PLOTS, tuple(p.plot_number for p in listing.offered_properties))


def journey_of(record: FormRecord | None = None) -> Journey:
    """The version of the journey an application is read with; a new one's, for None."""
    if record is None:
        return VERSIONS.for_answers({})
    return record_versions.journey_of(VERSIONS, record)


def start(listing: Listing, chosen: Property | None, **owner: Any) -> Application:
    """A new draft for a listing. `owner` sets owner_id or session_key_hash."""
    record = store.create_record(
        journey_of(), organisation_id=listing.development.organisation_id, **owner
    )
    application = Application(
        record_id=record.id, listing_id=listing.id, property_id=chosen.id if chosen else None
    )
    db.session.add(application)
    db.session.commit()
    return application


def recent_duplicate(
    listing_id: int,
    property_id: int | None,
    answers: dict[str, Any],
    owner_id: int | None,
    window: timedelta,
) -> Application | None:
    """An application with exactly these answers, for the same listing and property, that the
    same applicant submitted within `window`: a resend rather than a new application. Signed
    out (no owner), the answers hold the applicant's email address, so equal answers are the
    same applicant's."""
    if window <= timedelta(0):
        return None
    recent = (
        select(Application)
        .join(FormRecord, FormRecord.id == Application.record_id)
        .where(
            FormRecord.journey == JOURNEY.id,
            FormRecord.status == SUBMITTED,
            FormRecord.submitted_at >= utcnow() - window,
            FormRecord.owner_id.is_(None) if owner_id is None else FormRecord.owner_id == owner_id,
            Application.listing_id == listing_id,
            Application.property_id.is_not_distinct_from(property_id),
        )
        .order_by(FormRecord.submitted_at.desc())
    )
    # As the database gives them back: JSON has no tuples, and numbers may change type.
    stored = json.loads(json.dumps(answers))
    return next((a for a in db.session.scalars(recent) if a.record.answers == stored), None)


def for_record(record_id: int) -> Application | None:
    return db.session.get(Application, record_id)


def unsubmit(application: Application, actor, reason: str) -> Application:
    """Send a submitted application back: the original becomes unsubmitted, kept as it was,
    and a new draft copy with a new id goes to the applicant with the reason. One
    transaction, guarded so that two providers cannot both send it back."""
    original = application.record
    now = utcnow()
    for _ in range(5):
        changed = db.session.execute(
            update(FormRecord)
            .where(FormRecord.id == original.id, FormRecord.status == SUBMITTED)
            .values(status=UNSUBMITTED, updated_at=now, version=FormRecord.version + 1)
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:
            db.session.rollback()
            raise AlreadyUnsubmitted
        db.session.execute(
            update(Application)
            .where(Application.record_id == original.id)
            .values(unsubmit_reason=reason, unsubmitted_at=now, unsubmitted_by_id=actor.id)
            .execution_options(synchronize_session=False)
        )
        # The copy is read with the original's version, as the original was.
        journey = journey_of(original)
        copy = FormRecord(
            journey=journey.id,
            reference=new_reference(journey.reference_prefix),
            status=record_status(journey, original.answers).value,
            answers=dict(original.answers),
            definition_version=journey.version,
            version=1,
            owner_id=original.owner_id,
            organisation_id=original.organisation_id,
            session_key_hash=original.session_key_hash,
        )
        db.session.add(copy)
        try:
            db.session.flush()
            draft = Application(
                record_id=copy.id,
                listing_id=application.listing_id,
                property_id=application.property_id,
                copied_from_id=original.id,
                unsubmit_reason=reason,
            )
            db.session.add(draft)
            emails.tell_returned(application, copy, reason)
            db.session.commit()
        except IntegrityError:  # a reference collision: start again, nothing was kept
            db.session.rollback()
            continue
        db.session.expire_all()
        return draft
    raise RuntimeError("Could not find an unused reference")


def provider_name(application: Application) -> str:
    """The housing provider the application is made to."""
    return application.listing.development.organisation.name


def returned_copy(record_id: int) -> Application | None:
    """The draft made when this application was sent back, if it was."""
    return db.session.scalar(select(Application).where(Application.copied_from_id == record_id))
