"""The applicant's pages: the application journey, started from a listing, and "Your
applications"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app.applications import service
from app.applications.limits import signed_out_start, too_many_applications
from app.applications.models import Application
from app.db_ids import parse_id
from app.extensions import db
from app.formkit.access import OwnerOrSession
from app.formkit.models import SUBMITTED, UNSUBMITTED, FormRecord
from app.formkit.web import journey_blueprint
from app.templating import quoted_sentence

JOURNEY = service.JOURNEY


def start_from_listing(form: Mapping[str, str], owner: dict[str, Any]) -> FormRecord:
    """ "Apply" on a listing page: a new draft for that listing."""
    listing_id = parse_id(form.get("listing_id"))
    if listing_id is None:
        abort(404)
    try:
        listing, chosen = service.choose_listing(listing_id)
    except service.CannotStart:
        flash("This listing is closed to new applications.", "important")
        abort(redirect(url_for("listings.show", listing_id=listing_id)))
    return service.start(listing, chosen, **owner).record


def returned_notice(record: FormRecord) -> str | None:
    """Why a provider sent an application back, on the draft copy they made."""
    application = service.for_record(record.id)
    if application is None or application.copied_from_id is None or record.is_locked:
        return None
    provider = application.listing.development.organisation.name
    return (
        f"{provider} returned your application for you to change. They said: "
        f"{quoted_sentence(application.unsubmit_reason)} Check your answers, then submit it again."
    )


applications = journey_blueprint(
    JOURNEY,
    OwnerOrSession(),
    name="applications",
    url_prefix="/applications",
    start=start_from_listing,
    notice=returned_notice,
)
signed_out_start(applications)
applications.register_error_handler(429, too_many_applications)


@applications.before_request
def offer_the_listings_plots():
    """On an application's pages, preferred plots must be plots of its listing."""
    record_id = (request.view_args or {}).get("record_id")
    application = service.for_record(record_id) if record_id is not None else None
    if application is not None:
        service.offer_plots_of(application.listing)


@applications.get("/")
def index():
    """Your applications: drafts to continue, and those sent."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.sign_in", next=request.path))
    mine = db.session.scalars(
        select(Application)
        .join(FormRecord, FormRecord.id == Application.record_id)
        .where(FormRecord.journey == JOURNEY.id, FormRecord.owner_id == current_user.id)
        .order_by(FormRecord.updated_at.desc(), FormRecord.id.desc())
    ).all()
    sent = [a for a in mine if a.record.status in (SUBMITTED, UNSUBMITTED)]
    return render_template(
        "applications/index.html",
        drafts=[a for a in mine if a not in sent],
        sent=sent,
    )
