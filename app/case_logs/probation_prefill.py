"""Filling in a lettings log's lead tenant from their probation record.

Access to the case is checked first and every read is audited. A user the case is excluded
or restricted from is told only that they do not have permission, and the log carries on
without it. Otherwise the answers the case gives that the log does not have yet are filled
in, marked as from the probation record until the user changes them.
"""

from __future__ import annotations

from flask import flash, redirect, request
from flask_login import current_user

from app.formkit import record_versions, store
from app.formkit.forms import page_form
from app.formkit.provenance import with_source
from app.formkit.runner import Step
from app.formkit.validation import apply_payload, save_page
from app.journeys.lettings_log import LETTINGS_LOG_VERSIONS
from app.journeys.probation_lookup import LOOKUP_PAGE, PROBATION_LOOKUP
from app.probation import prefill, service

NO_PERMISSION = "You do not have permission to access this record"
NOT_FOUND = "There is no probation record with the CRN {crn}"
LOOKUP_STEP = Step(PROBATION_LOOKUP.sections[0], LOOKUP_PAGE)


def fill_in(record, crn: str, version: int) -> list[str]:
    """Fill in the log from the case, if the user may read it. The fields filled in; raises
    LookupError for an unknown CRN, PermissionError when refused, store.StaleVersion."""
    case = service.open_case(current_user, crn)
    service.record_access(current_user, crn, allowed=True)
    suggested = prefill.lettings_answers(case, record.answers)
    # What the log already holds is the user's: only gaps are filled.
    wanted = {k: v for k, v in suggested.items() if record.answers.get(k) is None}
    journey = record_versions.journey_of(LETTINGS_LOG_VERSIONS, record)
    outcome = apply_payload(journey, wanted, record.answers)
    if not outcome.ok:  # keep what the log's rules accept; the user answers the rest
        wanted = {k: v for k, v in wanted.items() if k not in outcome.errors}
        outcome = apply_payload(journey, wanted, record.answers)
    journey, outcome = record_versions.follow_version(
        LETTINGS_LOG_VERSIONS, journey, record.answers, outcome
    )
    if not outcome.ok or not wanted:
        return []
    answers = with_source(journey, outcome.answers, wanted, prefill.SOURCE)
    store.save_answers(journey, record, answers, version)
    return list(wanted)


def register(lettings) -> None:
    """Add the probation record page to the lettings journey's blueprint."""
    views = lettings.journey_views

    @lettings.route("/<id:record_id>/probation-record", methods=["GET", "POST"])
    def probation_record(record_id: int):
        record = views.editable(record_id)
        if record is None:
            return views.locked_redirect(record_id)
        form = page_form(LOOKUP_PAGE, {}, record.version)
        task_list = views.url("task_list", record_id=record_id)
        conflict, status = False, 200
        if request.method == "POST":
            outcome = save_page(PROBATION_LOOKUP, LOOKUP_STEP, request.form, {})
            if outcome.ok and not outcome.answers["known_to_probation"]:
                return redirect(task_list)
            errors = outcome.errors
            if outcome.ok:
                crn = outcome.answers["crn"]
                try:
                    filled = fill_in(record, crn, form.submitted_version() or 0)
                except LookupError:
                    errors = {"crn": [NOT_FOUND.format(crn=crn)]}
                except PermissionError:
                    flash(NO_PERMISSION, "important")
                    return redirect(task_list)
                except store.RecordLocked:
                    return views.locked_redirect(record_id)
                except store.StaleVersion as stale:
                    form.version.data = str(stale.current_version)
                    conflict, status = True, 409
                else:
                    flash(_filled_message(len(filled)), "success")
                    return redirect(task_list)
            form.set_errors(errors)
        return views.render(
            "formkit/one_question.html",
            record,
            status,
            caption=f"Lettings log {record.reference}",
            form=form,
            error_list=views.error_list(form, conflict),
            back_url=task_list,
            heading=LOOKUP_PAGE.questions[0].label,
        )


def _filled_message(count: int) -> str:
    if count == 0:
        return "The probation record has nothing to add to the answers this log already has."
    answers = "answer" if count == 1 else "answers"
    return (
        f"{count} {answers} filled in from the probation record. Check them with the tenant: "
        "they are marked “From probation record” on check answers."
    )
