"""Housing provider staff and shared-ownership applications: the list of those sent to their
organisation (search, status filter, CSV), a read-only view of each, and returning one to the
applicant (un-submit). Drafts are the applicant's own and never shown here."""

from __future__ import annotations

from math import ceil
from typing import ClassVar

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import contains_eager
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from app.accounts.forms import strip_whitespace
from app.accounts.models import Organisation, User
from app.accounts.roles import Role
from app.applications import service
from app.applications.models import Application
from app.case_logs.access import OrganisationAccess
from app.case_logs.web import answer, organisation_filter, staff_only
from app.csv_export import csv_download, streamed
from app.extensions import db
from app.formkit import outputs, record_versions
from app.formkit.models import SUBMITTED, UNSUBMITTED, FormRecord
from app.listings.forms import GovForm
from app.pagination import pagination_here, requested_page

JOURNEY = service.JOURNEY
PAGE_SIZE = 20
MAX_REASON = 1000
# What staff see: sent applications, never drafts.
STATUSES = {status: service.STATUS_LABELS[status] for status in (SUBMITTED, UNSUBMITTED)}
RECORD_COLUMNS = ("id", "reference", "status", "listingId", "submittedAt")

access = OrganisationAccess()
review = Blueprint("review", __name__, url_prefix="/manage-applications")
review.before_request(staff_only)


@review.context_processor
def status_labels():
    return {"application_status_labels": service.STATUS_LABELS}


class ReturnForm(GovForm):
    reason = StringField(
        "Why are you returning this application?",
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[
            DataRequired("Enter why you are returning this application"),
            Length(
                max=MAX_REASON,
                message=f"Why you are returning it must be {MAX_REASON:,} characters or fewer",
            ),
        ],
        description="The applicant will see this. Say what they need to change or add.",
    )
    submit = SubmitField("Return to applicant", widget=GovSubmitInput())

    field_params: ClassVar = {
        "reason": {
            "maxlength": MAX_REASON,
            "rows": 5,
            "label": {"isPageHeading": True, "classes": "govuk-label--l"},
        }
    }


# -- finding applications ----------------------------------------------------------------------


def applicant_name(answers) -> str:
    """The main applicant's name, from the answers."""
    return " ".join(part for part in (answers.get("firstName"), answers.get("lastName")) if part)


def _name_in_sql():
    return func.coalesce(answer("firstName"), "") + " " + func.coalesce(answer("lastName"), "")


def _visible() -> list:
    """The journey's records of the user's organisation (every organisation's, for support)."""
    return [FormRecord.journey == JOURNEY.id, access.visible(current_user)]


def _filters(args) -> list:
    wanted = [args["status"]] if args.get("status") in STATUSES else list(STATUSES)
    filters = [*_visible(), FormRecord.status.in_(wanted)]
    if current_user.role_enum is Role.SUPPORT:
        filters += organisation_filter(args)
    if search := " ".join(args.get("search", "").split()).lower():
        searched = (_name_in_sql(), answer("email"))
        found = [func.lower(column).contains(search, autoescape=True) for column in searched]
        if reference := _bare_reference(search):
            found.append(_bare_reference_in_sql().contains(reference, autoescape=True))
        filters.append(or_(*found))
    return filters


def _bare_reference(text: str) -> str:
    """A reference as people may type it, in any case, with or without its spaces and
    dashes: "so-abcd-efgh", "SO ABCD EFGH" and "ABCDEFGH" are all SO-ABCD-EFGH."""
    return "".join(character for character in text if character not in " -").upper()


def _bare_reference_in_sql():
    return func.replace(FormRecord.reference, "-", "")


def _applications(filters) -> Select:
    """Newest sent first."""
    return (
        select(Application)
        .join(Application.record)
        .options(contains_eager(Application.record))
        .where(*filters)
        .order_by(FormRecord.submitted_at.desc(), FormRecord.id.desc())
    )


def _sent_application(record_id: int) -> Application:
    """A sent application this user may see; a draft or another organisation's is 404."""
    application = db.session.scalar(
        _applications([*_visible(), FormRecord.status.in_(STATUSES), FormRecord.id == record_id])
    )
    if application is None:
        abort(404)
    return application


# -- the list and its CSV ------------------------------------------------------------------------


@review.get("/")
def index():
    filters = _filters(request.args)
    total = db.session.scalar(
        select(func.count()).select_from(Application).join(Application.record).where(*filters)
    )
    pages = max(1, ceil(total / PAGE_SIZE))
    page = requested_page(pages)
    found = db.session.scalars(
        _applications(filters).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    organisations = []
    if current_user.role_enum is Role.SUPPORT:
        organisations = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()

    return render_template(
        "applications/review/index.html",
        applications=found,
        total=total,
        pagination=pagination_here(page, pages),
        statuses=STATUSES,
        organisations=organisations,
        args=request.args,
        download_url=url_for("review.download", **request.args.to_dict()),
        applicant_name=applicant_name,
    )


def answer_columns() -> list[str]:
    """Every version's answer columns: an export of applications of any version has them all."""
    return record_versions.csv_columns(service.VERSIONS)


def csv_header(columns: list[str] | None = None) -> list[str]:
    return [*RECORD_COLUMNS, *(columns or answer_columns())]


def csv_row(application: Application, columns: list[str] | None = None) -> list:
    record = application.record
    submitted_at = record.submitted_at.isoformat() if record.submitted_at else ""
    answers = record_versions.csv_row(
        service.journey_of(record), record.answers, columns or answer_columns()
    )
    return [
        record.id,
        record.reference,
        record.status,
        application.listing_id,
        submitted_at,
        *answers,
    ]


@review.get("/download.csv")
def download():
    """The filtered applications as CSV, streamed in batches."""
    columns = answer_columns()
    applications = streamed(_applications(_filters(request.args)))
    rows = (csv_row(application, columns) for application in applications)
    return csv_download("shared-ownership-applications.csv", csv_header(columns), rows)


# -- one application -----------------------------------------------------------------------------


def _may_return(application: Application) -> bool:
    """Only a submitted application someone can pick up again: one with an account or a
    signed-out session behind it (an API submission made signed out has neither)."""
    record = application.record
    return record.status == SUBMITTED and bool(record.owner_id or record.session_key_hash)


@review.get("/<id:record_id>")
def show(record_id: int):
    application = _sent_application(record_id)
    record = application.record
    copy = service.returned_copy(record.id) if record.status == UNSUBMITTED else None
    returned_by = (
        db.session.get(User, application.unsubmitted_by_id)
        if application.unsubmitted_by_id
        else None
    )
    return render_template(
        "applications/review/show.html",
        application=application,
        record=record,
        applicant=applicant_name(record.answers),
        returned_by=returned_by,
        copy=copy,
        copy_is_sent=copy is not None and copy.record.status in STATUSES,
        may_return=_may_return(application),
        show_organisation=current_user.role_enum is Role.SUPPORT,
        summaries=outputs.check_answers(service.journey_of(record), record.answers),
        # For the check-answers rows: read-only, no Change links.
        editable=False,
        section=None,
    )


def _already_returned(application: Application):
    flash(
        f"Application {application.record.reference} has already been returned to the "
        "applicant. It cannot be returned again.",
        "important",
    )
    return redirect(url_for("review.show", record_id=application.record_id))


@review.route("/<id:record_id>/return", methods=["GET", "POST"])
def return_to_applicant(record_id: int):
    """Un-submit: ask why, then send a draft copy back to the applicant."""
    application = _sent_application(record_id)
    reference = application.record.reference
    if application.record.status != SUBMITTED:
        return _already_returned(application)
    if not _may_return(application):
        flash(
            f"Application {reference} was sent without an account, so it cannot be returned "
            "online. Contact the applicant instead.",
            "important",
        )
        return redirect(url_for("review.show", record_id=record_id))
    form = ReturnForm()
    if form.validate_on_submit():
        try:
            service.unsubmit(application, current_user, form.reason.data)
        except service.AlreadyUnsubmitted:
            return _already_returned(_sent_application(record_id))
        flash(f"Application {reference} returned to the applicant", "success")
        return redirect(url_for("review.show", record_id=record_id))
    return render_template(
        "applications/review/return.html",
        form=form,
        application=application,
        record=application.record,
    )
