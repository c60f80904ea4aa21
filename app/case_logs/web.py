"""Staff pages: the logs list (their home page) and the lettings log journey itself."""

from __future__ import annotations

import re
from math import ceil

from flask import (
    Blueprint,
    abort,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import false, func, or_, select

from app.accounts.models import Organisation
from app.accounts.roles import Role
from app.case_logs import collection_years, export, probation_prefill
from app.case_logs.access import OrganisationAccess, is_staff
from app.db_ids import parse_id
from app.extensions import db
from app.formkit.models import FormRecord
from app.formkit.references import ALPHABET as REFERENCE_ALPHABET
from app.formkit.web import journey_blueprint
from app.journeys.lettings_log import LETTINGS_LOG_VERSIONS
from app.journeys.lettings_years import CollectionYear
from app.pagination import pagination_here, requested_page

PAGE_SIZE = 20
STATUSES = {
    "in_progress": ("In progress", ("not_started", "in_progress")),
    "completed": ("Completed", ("completed",)),
    "submitted": ("Submitted", ("submitted",)),
}
SEARCHED_FIELDS = ("tenant_code", "property_reference", "property_postcode")
# The list's search and filters: with any of them, an empty list means "no logs match".
FILTERS = ("search", "status", "year", "created_by", "organisation")
# Half a reference ("ABCD" of LL-ABCD-EFGH) is the least a search matches references with.
MIN_REFERENCE_SEARCH = 4

access = OrganisationAccess()


def _probation_action(record: FormRecord) -> list[dict]:
    href = url_for("lettings.probation_record", record_id=record.id)
    return [{"text": "Fill in answers from the lead tenant’s probation record", "href": href}]


lettings = journey_blueprint(
    LETTINGS_LOG_VERSIONS, access, name="lettings", url_prefix="/logs", actions=_probation_action
)
probation_prefill.register(lettings)
logs = Blueprint("logs", __name__, url_prefix="/logs")


def staff_only():
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.sign_in", next=request.full_path.rstrip("?")))
    if not is_staff(current_user):
        abort(403)
    return None


lettings.before_request(staff_only)
logs.before_request(staff_only)


def answer(field_id: str):
    """An answer as text, in SQL that works on SQLite and PostgreSQL alike."""
    return FormRecord.answers[field_id].as_string()


def _filters(args) -> list:
    filters = [FormRecord.journey == LETTINGS_LOG_VERSIONS.id, access.visible(current_user)]
    if args.get("status") in STATUSES:
        filters.append(FormRecord.status.in_(STATUSES[args["status"]][1]))
    if (year := _year(args)) is not None:
        filters.append(collection_years.in_year(year))
    if args.get("created_by") == "me":
        filters.append(FormRecord.owner_id == current_user.id)
    if current_user.role_enum is Role.SUPPORT:
        filters += organisation_filter(args)
    if search := args.get("search", "").strip():
        filters.append(search_filter(search))
    return filters


def _year(args) -> CollectionYear | None:
    """The collection year filter; like the other filters, a value that is not one is
    ignored."""
    try:
        return collection_years.requested_year(args)
    except collection_years.NotAYear:
        return None


def search_filter(search: str):
    """Logs whose tenant code, property reference or postcode contains the search; whose
    reference does, however it is typed ("LL-ABCD-EFGH", "abcd efgh", "ABCD"); or, for a
    number ("7", "Log 7"), whose id it is, as CORE finds a log by its id."""
    pattern = f"%{search.lower()}%"
    matches = [func.lower(answer(field)).like(pattern) for field in SEARCHED_FIELDS]
    if reference := _reference_characters(search):
        stored = func.replace(FormRecord.reference, "-", "")
        matches.append(stored.like(f"%{reference}%"))
    if (number := re.fullmatch(r"(?:log\s*)?#?\s*([0-9]+)", search, re.IGNORECASE)) and (
        record_id := parse_id(number.group(1))
    ):
        matches.append(FormRecord.id == record_id)
    return or_(*matches)


def _reference_characters(search: str) -> str | None:
    """The search as references are stored, in capitals without the prefix and hyphens, if it
    could be four or more characters of one: shorter, it would match logs at random."""
    characters = re.sub(r"[^A-Z0-9]", "", search.upper())
    prefix = re.sub(r"[^A-Z0-9]", "", LETTINGS_LOG_VERSIONS.latest.reference_prefix.upper())
    if characters.startswith(prefix):
        characters = characters[len(prefix) :]
    if len(characters) < MIN_REFERENCE_SEARCH or set(characters) - set(REFERENCE_ALPHABET):
        return None
    return characters


def organisation_filter(args) -> list:
    """Support staff's choice of one organisation's records (`?organisation=<id>`). A number
    that is no organisation's id, too large or not in ASCII digits, finds nothing."""
    raw = args.get("organisation", "")
    if not raw.isdigit():
        return []
    organisation_id = parse_id(raw)
    return [FormRecord.organisation_id == organisation_id if organisation_id else false()]


def _ordered(filters):
    return (
        select(FormRecord)
        .where(*filters)
        .order_by(FormRecord.updated_at.desc(), FormRecord.id.desc())
    )


@logs.get("/download.csv")
def download():
    """The filtered logs as CSV, streamed."""
    columns = collection_years.answer_columns(_year(request.args))
    return export.download(_ordered(_filters(request.args)), columns)


@logs.get("/")
def index():
    filters = _filters(request.args)
    total = db.session.scalar(select(func.count()).select_from(FormRecord).where(*filters))
    pages = max(1, ceil(total / PAGE_SIZE))
    page = requested_page(pages)
    records = db.session.scalars(
        _ordered(filters).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    organisations = []
    if current_user.role_enum is Role.SUPPORT:
        organisations = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()

    return render_template(
        "case_logs/index.html",
        records=records,
        total=total,
        pagination=pagination_here(page, pages),
        statuses=STATUSES,
        year_options=collection_years.year_options(_year(request.args)),
        organisations=organisations,
        args=request.args,
        filtered=any(request.args.get(name, "").strip() for name in FILTERS),
        download_url=url_for("logs.download", **request.args.to_dict()),
        may_create=access.may_start(current_user),
    )
