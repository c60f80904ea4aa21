"""The applicant's pages: the application journey, started from a listing, and "Your
applications"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import (
    abort,
    flash,
    get_template_attribute,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from app.accounts.email_links import CLAIM_APPLICATION, UNKNOWN, LinkProblem
from app.accounts.link_problems import link_problem_page
from app.applications import claim as claim_link
from app.applications import emails, service
from app.applications.limits import signed_out_start, too_many_applications
from app.applications.models import Application
from app.db_ids import parse_id
from app.extensions import db
from app.formkit.access import OwnerOrSession
from app.formkit.models import SUBMITTED, UNSUBMITTED, FormRecord
from app.formkit.web import journey_blueprint

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


def draft_notice(record: FormRecord) -> Markup | None:
    """On every page of a draft: why a provider sent it back, on the copy they made; or that
    its listing has closed, so it can be read and changed but not submitted."""
    application = service.for_record(record.id)
    if application is None or record.is_locked:
        return None
    if application.copied_from_id is None:
        closed = service.closed_to_submission(application)
        if closed is None:
            return None
        return Markup(
            '<p class="govuk-notification-banner__heading">{}.</p>'
            '<p class="govuk-body">You can still read and change your answers.</p>'
        ).format(closed)
    # A macro's output is Markup, its values escaped.
    message = get_template_attribute("applications/_returned.html", "returned_message")
    return message(application, service.provider_name(application))


def closed_to_submission(record: FormRecord) -> str | None:
    application = service.for_record(record.id)
    return service.closed_to_submission(application) if application else None


applications = journey_blueprint(
    service.VERSIONS,
    OwnerOrSession(),
    name="applications",
    url_prefix="/applications",
    start=start_from_listing,
    notice=draft_notice,
    cannot_submit=closed_to_submission,
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


@applications.context_processor
def application_context():
    return {
        "application_status_labels": service.STATUS_LABELS,
        "application_for": service.for_record,
        "provider_name": service.provider_name,
        "emailed_to": lambda record: emails.recipient(record)[1],
    }


@applications.get("/")
def index():
    """Your applications: drafts to continue (returned ones first, with why), those sent,
    and those returned. The applicant's home page."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.sign_in", next=request.path))
    mine = db.session.scalars(
        select(Application)
        .join(FormRecord, FormRecord.id == Application.record_id)
        .where(FormRecord.journey == JOURNEY.id, FormRecord.owner_id == current_user.id)
        .order_by(FormRecord.updated_at.desc(), FormRecord.id.desc())
    ).all()
    drafts = [a for a in mine if not a.record.is_locked]
    returned_drafts = [a for a in drafts if a.copied_from_id is not None]
    return render_template(
        "applications/index.html",
        returned_drafts=returned_drafts,
        drafts=returned_drafts + [a for a in drafts if a.copied_from_id is None],
        submitted=[a for a in mine if a.record.status == SUBMITTED],
        returned=[a for a in mine if a.record.status == UNSUBMITTED],
        copy_of={a.copied_from_id: a for a in mine if a.copied_from_id is not None},
    )


@applications.route("/claim/<secret>", methods=["GET", "POST"])
def claim(secret: str):
    """The link in an email about an application sent while signed out: signed in with the
    address it was sent to, add the application to your account."""
    try:
        link = claim_link.check(secret)
        if claim_link.record_of(link) is None:  # the application is gone
            raise LinkProblem(UNKNOWN, link)
    except LinkProblem as problem:
        if problem.link is not None and _is_mine(problem.link):
            return redirect(url_for("applications.index"))
        return link_problem_page(CLAIM_APPLICATION, problem)
    if not current_user.is_authenticated:
        return render_template("applications/claim_sign_in.html", email=link.email)
    if current_user.email != link.email:
        return render_template("applications/claim_other_account.html", email=link.email), 403
    if claim_link.owned_by(link, current_user):
        return redirect(url_for("applications.index"))
    record = claim_link.record_of(link)
    if request.method == "GET":
        return render_template(
            "applications/claim.html", record=record, application=service.for_record(record.id)
        )
    try:
        claim_link.claim(link, current_user)
    except LinkProblem as problem:
        return link_problem_page(CLAIM_APPLICATION, problem)
    flash(f"Application {record.reference} has been added to your account.", "success")
    return redirect(url_for("applications.index"))


def _is_mine(link) -> bool:
    return current_user.is_authenticated and claim_link.owned_by(link, current_user)
