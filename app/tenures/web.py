"""Staff pages for tenures: search, one tenure, and adding or removing a household member.

The member page is the household member definition's, which the person API shares, so a bad
value reads the same on both. Each change is written against the tenure's version (its ETag)
when the page was opened, so two people changing one household cannot overwrite each other.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from math import ceil

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.case_logs.web import staff_only
from app.formkit.forms import PageForm, page_form, version_form
from app.formkit.runner import Step
from app.formkit.validation import save_page
from app.pagination import pagination_here, requested_page
from app.tenures import search, service
from app.tenures.models import Tenure
from app.tenures.record import MEMBERS, OBJECTS, new_member_journey, tenure_json

PAGE_SIZE = 20
# Far beyond any real list, yet small enough that its offset is a valid number on any database.
MAX_PAGE = 100_000
SEARCH_FIELDS = {"firstname": "First name", "lastname": "Last name", "postcode": "Postcode"}
CHANGED = (
    "This tenure was changed by someone else since you opened this page. "
    "Check the tenure and try again."
)


def new_member_step() -> Step:
    """The page that adds a member, from the version of the journey a new member takes."""
    section = new_member_journey().sections[0]
    return Step(section, section.pages[0])


ADD_PAGE, REMOVE_PAGE = "tenures/add_member.html", "tenures/remove_member.html"

tenures = Blueprint("tenures", __name__, url_prefix="/manage-tenures")
tenures.before_request(staff_only)


def money(value: float | int | None) -> str:
    """£1,234.50, or -£12.00 for a negative amount. Charges are in pounds and pence."""
    if value is None:
        return ""
    return f"{'-' if value < 0 else ''}£{abs(value):,.2f}"


def tenure_title(record) -> str:
    """How staff recognise a tenure: its address, or else its payment reference or id."""
    address = (record.get("tenuredAsset") or {}).get("fullAddress")
    return address or f"Tenure {record.get('paymentReference') or record['id']}"


# The amounts charged, labelled as the record's own definition labels them. The balance is
# shown on its own, with whether it is owed or in credit.
CHARGE_LABELS = {
    key: question.label
    for key, question in OBJECTS["charges"].questions.items()
    if question.kind == "number" and key != "currentBalance"
}


@tenures.context_processor
def helpers():
    return {"money": money, "tenure_title": tenure_title, "charge_labels": CHARGE_LABELS}


def _tenure(tenure_id: str) -> Tenure:
    """The tenure, if this user may see it; another organisation's reads as not found."""
    tenure = service.find(tenure_id, current_user)
    if tenure is None:
        abort(404)
    return tenure


def _member(tenure: Tenure, person_id: str) -> dict | None:
    return next((m for m in tenure.data.get(MEMBERS, []) if m["id"] == person_id), None)


def _submitted_version(form: PageForm) -> int:
    """The version the page was opened at; a post without one is stale."""
    sent = form.submitted_version()
    return -1 if sent is None else sent


def _changed_error(anchor: str) -> list[dict]:
    return [{"text": CHANGED, "href": f"#{anchor}"}]


# -- search ----------------------------------------------------------------------------------


def _search_errors(args) -> dict[str, str]:
    """Each bad field's message, naming it as the page labels it."""
    errors = {}
    for name, label in SEARCH_FIELDS.items():
        try:
            search.parse({name: args.get(name)})
        except search.BadSearch as bad:
            errors[name] = f"{label} {bad.problem}"
    return errors


@tenures.get("/")
def index():
    """Every tenure the user may see, newest first, narrowed by name or postcode."""
    args = {name: request.args.get(name, "") for name in SEARCH_FIELDS}
    try:
        wanted = search.parse(args)
    except search.BadSearch:
        errors = _search_errors(args)
        return render_template(
            "tenures/index.html",
            search_fields=SEARCH_FIELDS,
            args=args,
            errors=errors,
            error_list=[{"text": text, "href": f"#{name}"} for name, text in errors.items()],
        )
    page = requested_page(MAX_PAGE)
    results = search.search_tenures(
        replace(wanted, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE), current_user
    )
    pages = max(1, ceil(results.total / PAGE_SIZE))
    if page > pages:  # a link from before some tenures went: show the last page instead
        page = pages
        results = search.search_tenures(
            replace(wanted, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE), current_user
        )

    return render_template(
        "tenures/index.html",
        search_fields=SEARCH_FIELDS,
        args=args,
        errors={},
        searched=not wanted.is_empty,
        total=results.total,
        # As the API shows them: every field present, with isActive and inArrears worked out.
        records=[tenure_json(tenure.data) for tenure in results.tenures],
        pagination=pagination_here(page, pages),
    )


# -- one tenure ------------------------------------------------------------------------------


@tenures.get("/<tenure_id>")
def show(tenure_id: str):
    tenure = _tenure(tenure_id)
    return render_template("tenures/show.html", tenure=tenure, record=tenure_json(tenure.data))


def _form_page(template: str, tenure: Tenure, form: PageForm, error_list, status=200, **context):
    return render_template(
        template,
        tenure=tenure,
        record=tenure_json(tenure.data),
        form=form,
        error_list=error_list,
        **context,
    ), status


@tenures.route("/<tenure_id>/household-members/new", methods=["GET", "POST"])
def add_member(tenure_id: str):
    tenure = _tenure(tenure_id)
    step = new_member_step()
    form = page_form(step.page, {}, tenure.version)
    if request.method == "POST":
        outcome = save_page(new_member_journey(), step, request.form, {})
        errors = outcome.errors
        if outcome.ok:
            try:
                service.save_person(
                    tenure,
                    str(uuid.uuid4()),
                    outcome.answers,
                    _submitted_version(form),
                    current_user,
                )
            except service.MemberInvalid as invalid:
                errors = invalid.errors
            except service.StaleVersion:
                # The typed answers stay in the form; the version moves on, so that saving
                # again, once they have checked the household shown, is their decision.
                tenure = _tenure(tenure_id)
                form.version.data = str(tenure.version)
                return _form_page(ADD_PAGE, tenure, form, _changed_error("household"), 409)
            else:
                flash(f"{outcome.answers['fullName']} has been added to this tenure", "success")
                return redirect(url_for(".show", tenure_id=tenure_id))
        form.set_errors(errors)
    return _form_page(ADD_PAGE, tenure, form, form.error_list())


@tenures.route("/<tenure_id>/household-members/<person_id>/remove", methods=["GET", "POST"])
def remove_member(tenure_id: str, person_id: str):
    tenure = _tenure(tenure_id)
    member = _member(tenure, person_id)
    if member is None:
        if request.method == "GET":
            abort(404)
        return _already_removed(tenure_id)
    form = version_form(tenure.version)
    if request.method == "POST":
        try:
            service.remove_person(tenure, person_id, _submitted_version(form), current_user)
        except service.StaleVersion:
            tenure = _tenure(tenure_id)
            member = _member(tenure, person_id)
            if member is None:
                return _already_removed(tenure_id)
            form.version.data = str(tenure.version)
            return _form_page(
                REMOVE_PAGE, tenure, form, _changed_error("member"), 409, member=member
            )
        flash(f"{member['fullName']} has been removed from this tenure", "success")
        return redirect(url_for(".show", tenure_id=tenure_id))
    return _form_page(REMOVE_PAGE, tenure, form, [], member=member)


def _already_removed(tenure_id: str):
    flash(
        "That household member is no longer on this tenure. Someone else may have removed them.",
        "important",
    )
    return redirect(url_for(".show", tenure_id=tenure_id))
