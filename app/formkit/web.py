"""The web runner: a blueprint any journey mounts for its task list, question pages, "add
another", check answers, submission and confirmation. Views stay thin: the runner, the
validation module and the store do the work."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.formkit import outputs, record_versions, runner, soft_checks, store
from app.formkit.access import Access
from app.formkit.definition import Journey, Page, Section, SoftCheck
from app.formkit.forms import PageForm, page_form, version_form
from app.formkit.models import LOCKED_BECAUSE, FormRecord
from app.formkit.pseudo_questions import add_another_page, declaration_page, remove_page
from app.formkit.questions import Invalid
from app.formkit.runner import SectionEnd, SectionStatus, Step
from app.formkit.validation import add_error, remove_item, save_page
from app.formkit.versions import JourneyVersions
from app.safe_redirect import safe_next_url

SAVE_FOR_LATER = "later"
# What a soft-check page's own URL may carry, and so what a Change link from it can return to.
INTERRUPTION_PARAMS = ("next", "page", "return_to")


@dataclass(frozen=True)
class ChangeReturn:
    """Where a Change link returns to once the change is saved. Before it does, the journey
    asks the questions the change brought in: those in `section`, or the whole record's."""

    url: str
    section: Section | None
    check: SoftCheck | None = None  # returning to this soft check's page
    onward: str | None = None  # where that page goes on to, if the check no longer applies


class JourneyViews:
    def __init__(
        self,
        versions: JourneyVersions,
        access: Access,
        blueprint: Blueprint,
        start: Starter | None = None,
        notice: Callable[[FormRecord], str | None] | None = None,
        actions: Callable[[FormRecord], list[dict]] | None = None,
        cannot_submit: Callable[[FormRecord], str | None] | None = None,
    ):
        self.versions = versions
        self.access = access
        self.bp = blueprint
        self.start = start
        self.notice = notice
        self.actions = actions
        self.cannot_submit = cannot_submit

    # -- helpers ---------------------------------------------------------------------------
    @property
    def journey(self) -> Journey:
        """The definition this request's record is read with, its own version (`load` looks
        it up, once); before a record is loaded, the latest."""
        journey = g.get("formkit_journey")
        if journey is not None and journey.id == self.versions.id:
            return journey
        return self.versions.latest

    def read_only_because(self, record: FormRecord) -> str | None:
        """Why a record not submitted can no longer be changed (a closed collection year)."""
        return self.versions.read_only_because(record.answers)

    def url(self, endpoint: str, **values) -> str:
        return url_for(f"{self.bp.name}.{endpoint}", **values)

    def step_url(self, record: FormRecord, step: Step, **values) -> str:
        return self.url("step", record_id=record.id, key=step.key, **values)

    def load(self, record_id: int) -> FormRecord:
        """The record, if this user may see it: one query. Anyone else's reads as not found."""
        record = db.session.scalar(
            select(FormRecord).where(
                FormRecord.id == record_id,
                FormRecord.journey == self.journey.id,
                self.access.visible(current_user),
            )
        )
        if record is None:
            abort(404)
        g.formkit_record = record
        g.formkit_journey = record_versions.journey_of(self.versions, record)
        return record

    def is_read_only(self, record: FormRecord) -> bool:
        """Submitted, or closed to changes for another reason: its pages show it, unchanged."""
        return record.is_locked or self.read_only_because(record) is not None

    def editable(self, record_id: int) -> FormRecord | None:
        record = self.load(record_id)
        if self.is_read_only(record):
            return None
        return record

    def locked_redirect(self, record_id: int):
        record = g.formkit_record
        if not record.is_locked and self.read_only_because(record):
            # The view page shows the reason in its banner.
            return redirect(self.url("view", record_id=record_id))
        flash(
            f"This {self.journey.record_name} has been "
            f"{LOCKED_BECAUSE.get(record.status, 'submitted')} and can no longer be "
            "changed.",
            "important",
        )
        return redirect(self.url("view", record_id=record_id))

    def render(self, template: str, record: FormRecord, status: int = 200, **context):
        notice = None if record.is_locked else self.read_only_because(record)
        if notice is None and self.notice:
            notice = self.notice(record)
        return (
            render_template(
                template,
                journey=self.journey,
                record=record,
                views=self,
                notice=notice,
                **context,
            ),
            status,
        )

    def return_target(self, record: FormRecord) -> str | None:
        change = self.change_return(record)
        return change.url if change else None

    def change_return(self, record: FormRecord) -> ChangeReturn | None:
        """Where "Change" returns to: only a check-answers page or a soft-check page of this
        record."""
        value = request.args.get("return_to", "")
        if value == "check-answers":
            return ChangeReturn(self.url("check_answers", record_id=record.id), None)
        match = re.fullmatch(r"check-answers/([a-z0-9_-]+)", value)
        if match and match.group(1) in self.journey.section_by_id:
            section = self.journey.section_by_id[match.group(1)]
            url = self.url("check_section", record_id=record.id, section_id=section.id)
            return ChangeReturn(url, section)
        return self.check_return(record, value)

    def check_return(self, record: FormRecord, value: str) -> ChangeReturn | None:
        """A soft-check page's URL, as its Change links give it. The URL is rebuilt from the
        check and its known parameters, so nothing else passes through."""
        parts = urlsplit(value)
        prefix = re.escape(self.url("task_list", record_id=record.id))
        match = re.fullmatch(prefix + r"check/([A-Za-z0-9_-]+)", parts.path)
        check = self.journey.soft_check_by_id.get(match.group(1)) if match else None
        if check is None or parts.scheme or parts.netloc:
            return None
        params = {k: v for k, v in parse_qsl(parts.query) if k in INTERRUPTION_PARAMS}
        url = self.url("interruption", record_id=record.id, check_id=check.id, **params)
        onward = self.kept_destination(record, params.get("next", ""))
        # The walk stays in the changed page's section: `section` is filled in by next_url.
        return ChangeReturn(url, None, check, onward)

    def kept_destination(self, record: FormRecord, value: str | None = None) -> str:
        """Where an interruption goes on to: its `next`, but only a page of this record."""
        task_list = self.url("task_list", record_id=record.id)
        candidate = request.args.get("next") if value is None else value
        target = safe_next_url(candidate, task_list)
        # No dots, so no "..": the path cannot climb out of this record.
        if re.fullmatch(re.escape(task_list) + r"[A-Za-z0-9_/-]*", urlsplit(target).path):
            return target
        return task_list

    def after_save(self, record: FormRecord, before: dict, answers: dict, step: Step):
        """Where a successful save goes next: first through the page's unusual answers still
        to confirm, one interruption page each, then on. Each names the page that raised it,
        for its Back link."""
        change = self.change_return(record)
        destination = self.next_url(record, change, before, answers, step)
        for check, _ in reversed(self.to_confirm(answers, step)):
            if change and change.check and change.check.id == check.id:
                continue  # the change was made from this check's page, which comes next
            destination = self.url(
                "interruption",
                record_id=record.id,
                check_id=check.id,
                next=destination,
                page=step.key,
                return_to=request.args.get("return_to"),
            )
        return redirect(destination)

    def to_confirm(self, answers: dict, step: Step) -> list[tuple[SoftCheck, str]]:
        if step.page is None or step.group is not None:
            return []  # soft checks concern top-level questions only
        return soft_checks.unconfirmed(self.journey, answers, step.page.fields)

    def next_url(
        self,
        record: FormRecord,
        change: ChangeReturn | None,
        before: dict,
        answers: dict,
        step: Step,
    ) -> str:
        if change is not None:
            # First the questions the change brought in, each returning here in turn.
            section = step.section if change.check else change.section
            unanswered = runner.step_to_ask_after_change(
                self.journey, before, answers, step, section
            )
            if unanswered is not None:
                return self.step_url(record, unanswered, return_to=request.args["return_to"])
            if change.check and not soft_checks.still_to_confirm(change.check, answers):
                return change.onward  # nothing left to confirm: on, as a confirmation goes
            return change.url
        following = runner.next_step(self.journey, answers, step) or runner.after_section(
            self.journey, answers, step.section
        )
        if isinstance(following, Step):
            return self.step_url(record, following)
        if following is SectionEnd.SECTION_SUMMARY:
            return self.url("check_section", record_id=record.id, section_id=step.section.id)
        if following is SectionEnd.CHECK_ANSWERS:
            return self.url("check_answers", record_id=record.id)
        return self.url("task_list", record_id=record.id)

    def back_url(self, record: FormRecord, step: Step) -> str:
        target = self.return_target(record)
        if target:
            return target
        previous = runner.previous_step(self.journey, record.answers, step)
        if previous is None:
            return self.url("task_list", record_id=record.id)
        return self.step_url(record, previous)

    def save_later_redirect(self, record: FormRecord):
        if not current_user.is_authenticated:
            return redirect(self.url("save_for_later", record_id=record.id))
        flash("Your answers have been saved. You can come back and finish later.", "success")
        return redirect(self.url("task_list", record_id=record.id))

    # -- views -----------------------------------------------------------------------------
    def new(self):
        if not self.access.may_start(current_user):
            abort(403)
        owner = self.access.new_record_owner(current_user)
        if self.start is not None:
            record = self.start(request.form, owner)
        else:
            record = store.create_record(self.versions.for_answers({}), **owner)
        return redirect(self.url("task_list", record_id=record.id))

    def task_list(self, record_id: int):
        record = self.load(record_id)
        if self.is_read_only(record):
            return redirect(self.url("view", record_id=record_id))
        answers = record.answers
        tasks = []
        for section in self.journey.sections:
            if not runner.section_applies(section, answers):
                continue
            status = runner.section_status(self.journey, section, answers)
            tasks.append((section, status, self.section_href(record, section, status)))
        return self.render(
            "formkit/task_list.html",
            record,
            tasks=tasks,
            complete=self.is_complete(record),
            progress=runner.progress(self.journey, answers),
            actions=self.actions(record) if self.actions else [],
        )

    def section_href(self, record, section, status) -> str | None:
        if status is SectionStatus.CANNOT_START:
            return None
        if status is SectionStatus.COMPLETED:
            return self.url("check_section", record_id=record.id, section_id=section.id)
        for step in runner.section_steps(section, record.answers):
            if not runner.step_done(step, record.answers):
                return self.step_url(record, step)
        return self.url("check_section", record_id=record.id, section_id=section.id)

    def resume(self, record_id: int):
        record = self.load(record_id)
        if self.is_read_only(record):
            return redirect(self.url("view", record_id=record_id))
        step = None
        if record.resume_key:
            # Where they left to come back later, if that page still applies.
            step = runner.find_step(self.journey, record.answers, record.resume_key)
        step = step or runner.first_unanswered_step(self.journey, record.answers)
        if step is None:
            return redirect(self.url("check_answers", record_id=record_id))
        return redirect(self.step_url(record, step))

    def step(self, record_id: int, key: str):
        record = self.editable(record_id)
        if record is None:
            return self.locked_redirect(record_id)
        step = runner.find_step(self.journey, record.answers, key)
        if step is None:
            abort(404)
        if step.is_summary:
            return self.add_another(record, step)
        return self.question_page(record, step)

    def question_page(self, record: FormRecord, step: Step):
        scope = runner.step_scope(step, record.answers)
        form = page_form(step.page, scope, record.version)
        status = 200
        if request.method == "POST":
            later = request.form.get("action") == SAVE_FOR_LATER
            outcome = save_page(
                self.journey, step, request.form, record.answers, allow_missing=later
            )
            journey, outcome = record_versions.follow_version(
                self.versions, self.journey, record.answers, outcome
            )
            if outcome.ok:
                before = record.answers
                try:
                    store.save_answers(
                        journey,
                        record,
                        outcome.answers,
                        form.submitted_version() or 0,
                        resume_key=step.key if later else None,
                    )
                except store.RecordLocked:
                    return self.locked_redirect(record.id)
                except store.StaleVersion as stale:
                    form.version.data = str(stale.current_version)
                    return self.render_question(record, step, form, conflict=True, status=409)
                if journey is not self.journey:
                    # The change moved the record to another version: go on along its route.
                    g.formkit_journey = journey
                    step = runner.find_step(journey, outcome.answers, step.key) or step
                if later:
                    return self.save_later_redirect(record)
                return self.after_save(record, before, outcome.answers, step)
            form.set_errors(_on_page(step.page, outcome.errors))
        return self.render_question(record, step, form, status=status)

    def render_question(self, record, step, form, conflict=False, status=200):
        return self.render(
            "formkit/question.html",
            record,
            status,
            step=step,
            form=form,
            error_list=self.error_list(form, conflict),
            back_url=self.back_url(record, step),
            heading=step.page.heading,
        )

    def conflict_message(self) -> str:
        return (
            f"This {self.journey.record_name} was changed in another tab or by someone else "
            "since you opened this page, so your answers have not been saved. Check them and "
            "save again."
        )

    def error_list(self, form: PageForm, conflict: bool) -> list[dict]:
        error_list = form.error_list()
        if conflict:
            error_list.insert(0, {"text": self.conflict_message(), "href": "#main-content"})
        return error_list

    def interruption(self, record_id: int, check_id: str):
        """An unusual answer: the user confirms it, or changes it."""
        record = self.editable(record_id)
        if record is None:
            return self.locked_redirect(record_id)
        check = self.journey.soft_check_by_id.get(check_id)
        message = check.check(record.answers) if check else None
        destination = self.kept_destination(record)
        if message is None:
            if request.method == "POST":
                return redirect(destination)  # changed since it was shown: nothing to confirm
            abort(404)
        form = version_form(record.version)
        if request.method == "POST":
            answers = soft_checks.confirm(check, record.answers)
            try:
                store.save_answers(self.journey, record, answers, form.submitted_version() or 0)
            except store.RecordLocked:
                return self.locked_redirect(record.id)
            except store.StaleVersion as stale:
                form.version.data = str(stale.current_version)
                return self.render_interruption(record, check, message, form, conflict=True)
            return redirect(destination)
        return self.render_interruption(record, check, message, form)

    def render_interruption(self, record, check, message, form, conflict=False):
        return self.render(
            "formkit/interruption.html",
            record,
            409 if conflict else 200,
            check=check,
            message=message,
            rows=outputs.field_rows(self.journey, record.answers, check.fields),
            form=form,
            error_list=self.error_list(form, conflict),
            back_url=self.interruption_back_url(record),
            # Its Change links come back to this page, to confirm or change again.
            return_to=request.full_path.rstrip("?"),
            editable=True,
            heading=check.title,
        )

    def interruption_back_url(self, record: FormRecord) -> str:
        """Back to the page whose answer raised the check; from check answers, back there."""
        key = request.args.get("page")
        step = runner.find_step(self.journey, record.answers, key) if key else None
        if step is None:
            return self.kept_destination(record)
        change = self.change_return(record)
        return self.step_url(record, step, return_to=request.args["return_to"] if change else None)

    def add_another(self, record: FormRecord, step: Step):
        group = step.group
        group_items = runner.items(runner.container(record.answers, step.parents), group)
        count = len(group_items)
        page = add_another_page(group)
        form = page_form(page, {}, record.version)
        status = 200
        if request.method == "POST":
            question = page.questions[0]
            wanted, error = _single_answer(page)
            if count >= group.max_count:
                wanted, error = False, None
            if wanted is False and count < group.min_count:
                error = f"You must add at least {group.count_of(group.min_count)}"
            if error is None and wanted:
                first = runner.first_item_step(
                    step.section, group, record.answers, count, step.parents
                )
                return redirect(self.step_url(record, first))
            if error is None:
                before = answers = record.answers
                if group.id not in runner.container(answers, step.parents):
                    # Record the answer "no more to add", so the group counts as answered.
                    answers = runner.with_items(answers, step.parents, group, [])
                    try:
                        store.save_answers(
                            self.journey, record, answers, form.submitted_version() or 0
                        )
                    except store.StaleVersion:
                        flash(self.conflict_message(), "important")
                        return redirect(self.step_url(record, step))
                    except store.RecordLocked:
                        return self.locked_redirect(record.id)
                return self.after_save(record, before, answers, step)
            form.set_errors({question.id: [error]})
            status = 200
        item_list = [
            (
                group.item_label(item, index),
                index,
                runner.first_item_step(
                    step.section, group, record.answers, index, step.parents
                ).key,
            )
            for index, item in enumerate(group_items)
        ]
        return self.render(
            "formkit/add_another.html",
            record,
            status,
            step=step,
            group=group,
            form=form,
            error_list=form.error_list(),
            item_list=item_list,
            can_add=count < group.max_count,
            back_url=self.back_url(record, step),
            heading=group.heading,
            caption=self.item_caption(record, step),
        )

    def item_caption(self, record: FormRecord, step: Step) -> str:
        """Whose list a group inside an item is: the outer item's name ("Sam Jones"); else
        the section's title."""
        if not step.parents:
            return step.section.title
        group, index = step.parents[-1]
        outer_items = runner.items(runner.container(record.answers, step.parents[:-1]), group)
        item = outer_items[index] if index < len(outer_items) else {}
        return group.item_label(item, index)

    def remove(self, record_id: int, item_key: str):
        """Remove an item, addressed by its path: `group/1`, or `outer/0/group/1` inside an
        outer item."""
        record = self.editable(record_id)
        if record is None:
            return self.locked_redirect(record_id)
        summary_key, _, index_text = item_key.rpartition("/")
        summary = runner.find_summary(self.journey, record.answers, summary_key)
        if summary is None or not re.fullmatch(r"[0-9]{1,4}", index_text):
            abort(404)
        group, index = summary.group, int(index_text)
        group_items = runner.items(runner.container(record.answers, summary.parents), group)
        if index >= len(group_items):
            abort(404)
        summary_url = self.step_url(record, summary)
        page = remove_page(group)
        form = page_form(page, {}, record.version)
        if request.method == "POST":
            confirmed, error = _single_answer(page)
            if error:
                form.set_errors({page.questions[0].id: [error]})
            if confirmed is False:
                return redirect(summary_url)
            if confirmed:
                answers = remove_item(self.journey, group, index, record.answers, summary.parents)
                try:
                    store.save_answers(self.journey, record, answers, form.submitted_version() or 0)
                except store.RecordLocked:
                    return self.locked_redirect(record.id)
                except store.StaleVersion:
                    flash(self.conflict_message(), "important")
                    return redirect(summary_url)
                flash(f"The {group.item_name} has been removed.", "success")
                return redirect(summary_url)
        return self.render(
            "formkit/one_question.html",
            record,
            200,
            group=group,
            caption=group.item_label(group_items[index], index),
            form=form,
            error_list=form.error_list(),
            back_url=summary_url,
            heading=page.questions[0].label,
        )

    def check_answers(self, record_id: int, section_id: str | None = None):
        record = self.load(record_id)
        if self.is_read_only(record):
            return redirect(self.url("view", record_id=record_id))
        section = None
        if section_id is not None:
            section = self.journey.section_by_id.get(section_id)
            if section is None or not runner.section_applies(section, record.answers):
                abort(404)
        if section is None and self.is_complete(record):
            refusal = self.submit_refusal(record)
            if refusal:
                return self.render_check_answers(record, None, refusal=refusal)
            return self.render_check_answers(record, None, self.declaration_form(record))
        return self.render_check_answers(record, section)

    def submit_refusal(self, record: FormRecord) -> str | None:
        """Why a complete record cannot be submitted now, if the journey's hook says so."""
        return self.cannot_submit(record) if self.cannot_submit else None

    def is_complete(self, record: FormRecord) -> bool:
        return runner.record_status(self.journey, record.answers) is runner.RecordStatus.COMPLETED

    def declaration_form(self, record: FormRecord) -> PageForm:
        return page_form(declaration_page(self.journey), {}, record.version)

    def render_check_answers(
        self, record, section, declaration=None, conflict=False, refusal=None, refused=False
    ):
        """A record's or a section's answers. A complete record's ends with the declaration
        and the submit button, as the GOV.UK check answers pattern does; or, if it cannot be
        submitted now, with why (`refusal`), an error once a submission was `refused`."""
        return_to = f"check-answers/{section.id}" if section else "check-answers"
        fields = section.fields if section else None
        if declaration:
            error_list = self.error_list(declaration, conflict)
        else:
            error_list = [{"text": refusal, "href": "#cannot-submit"}] if refused else []
        return self.render(
            "formkit/check_answers.html",
            record,
            409 if conflict or refused else 200,
            summaries=outputs.check_answers(self.journey, record.answers, section),
            to_confirm=soft_checks.unconfirmed(self.journey, record.answers, fields),
            section=section,
            return_to=return_to,
            editable=True,
            declaration=declaration,
            refusal=refusal,
            error_list=error_list,
            incomplete=[]
            if section or declaration or refusal
            else self.incomplete_sections(record),
        )

    def incomplete_sections(self, record: FormRecord) -> list[Section]:
        return [
            section
            for section in self.journey.sections
            if runner.section_applies(section, record.answers)
            and runner.section_status(self.journey, section, record.answers)
            is not SectionStatus.COMPLETED
        ]

    def view(self, record_id: int):
        record = self.load(record_id)
        return self.render(
            "formkit/check_answers.html",
            record,
            summaries=outputs.check_answers(self.journey, record.answers),
            section=None,
            return_to=None,
            editable=False,
        )

    def submit(self, record_id: int):
        """The declaration and submission. A complete record shows its check answers page,
        which ends with them; an incomplete one says which sections are left."""
        record = self.load(record_id)
        if record.is_locked:
            # Submitting again (a double click, a refresh) is not an error.
            return redirect(self.url("confirmation", record_id=record_id), code=303)
        if self.read_only_because(record):
            return self.locked_redirect(record_id)
        if not self.is_complete(record):
            return self.render(
                "formkit/submit.html",
                record,
                incomplete=self.incomplete_sections(record),
                heading=f"Submit your {self.journey.record_name}",
            )
        refusal = self.submit_refusal(record)
        if refusal:
            return self.render_check_answers(
                record, None, refusal=refusal, refused=request.method == "POST"
            )
        page = declaration_page(self.journey)
        form = self.declaration_form(record)
        conflict = False
        if request.method == "POST":
            confirmed, message = _single_answer(page)
            if confirmed:
                try:
                    store.lock_for_submission(self.journey, record, form.submitted_version() or 0)
                except store.StaleVersion as stale:
                    form.version.data = str(stale.current_version)
                    conflict = True
                except store.NotComplete:
                    abort(409)
                else:
                    return redirect(self.url("confirmation", record_id=record_id), code=303)
            else:
                form.set_errors({page.questions[0].id: [message]})
        return self.render_check_answers(record, None, form, conflict=conflict)

    def confirmation(self, record_id: int):
        record = self.load(record_id)
        if not record.is_locked:
            return redirect(self.url("task_list", record_id=record_id))
        return self.render("formkit/confirmation.html", record)

    def save_for_later(self, record_id: int):
        record = self.load(record_id)
        return self.render("formkit/save_for_later.html", record)


def _on_page(page: Page, errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Errors filed under the page's questions. A move to another version files its errors by
    field, perhaps one not on this page: each goes under its field's question, or else the
    page's first, so that none goes unseen."""
    question_ids = {question.id for question in page.questions}
    owner = {f: question.id for question in page.questions for f in question.fields()}
    filed: dict[str, list[str]] = {}
    for key, messages in errors.items():
        target = key if key in question_ids else owner.get(key, page.questions[0].id)
        for message in messages:
            add_error(filed, target, message)
    return filed


def _single_answer(page: Page) -> tuple[object, str | None]:
    """The answer to a one-question engine page (add another, remove, declaration) and the
    message to show if there is none or it is invalid."""
    question = page.questions[0]
    try:
        values = question.parse_form(request.form, question.id)
    except Invalid as invalid:
        return None, invalid.message
    if not question.is_answered(values):
        return None, question.message("required")
    return values[question.fields()[0]], None


# Starts a record from the "new" form's data and the owner the access policy gives: for records
# that are about something, such as an application for a listing. It may abort.
Starter = Callable[[Mapping[str, str], dict[str, Any]], FormRecord]


def journey_blueprint(
    versions: JourneyVersions,
    access: Access,
    name: str,
    url_prefix: str,
    start: Starter | None = None,
    notice: Callable[[FormRecord], str | None] | None = None,
    actions: Callable[[FormRecord], list[dict]] | None = None,
    cannot_submit: Callable[[FormRecord], str | None] | None = None,
) -> Blueprint:
    """Mount a journey's pages at `url_prefix`. Each record is read with the version of the
    journey in `versions` it keeps (its definition_version). `start` replaces the plain start
    of a record;
    `notice` gives a message (text, or Markup) shown in a banner on every page of a record
    that can still be changed, if any;
    `actions` gives links ({"text", "href"}) offered on its task list, such as a pre-fill;
    `cannot_submit` gives why a complete record cannot be submitted now (a rule of the domain,
    such as a closed listing), shown in place of the submit button, or None."""
    if not isinstance(versions, JourneyVersions):
        raise TypeError(f"Mount {name} with its versions: JourneyVersions([journey])")
    blueprint = Blueprint(name, __name__, url_prefix=url_prefix)
    views = JourneyViews(
        versions,
        access,
        blueprint,
        start=start,
        notice=notice,
        actions=actions,
        cannot_submit=cannot_submit,
    )
    rules = [
        ("/new", "new", views.new, ["POST"]),
        ("/<id:record_id>/", "task_list", views.task_list, ["GET"]),
        ("/<id:record_id>/continue", "resume", views.resume, ["GET"]),
        ("/<id:record_id>/check-answers", "check_answers", views.check_answers, ["GET"]),
        (
            "/<id:record_id>/check-answers/<section_id>",
            "check_section",
            views.check_answers,
            ["GET"],
        ),
        ("/<id:record_id>/submit", "submit", views.submit, ["GET", "POST"]),
        ("/<id:record_id>/confirmation", "confirmation", views.confirmation, ["GET"]),
        ("/<id:record_id>/view", "view", views.view, ["GET"]),
        (
            "/<id:record_id>/check/<check_id>",
            "interruption",
            views.interruption,
            ["GET", "POST"],
        ),
        ("/<id:record_id>/save-for-later", "save_for_later", views.save_for_later, ["GET"]),
        ("/<id:record_id>/<path:item_key>/remove", "remove", views.remove, ["GET", "POST"]),
        ("/<id:record_id>/<path:key>", "step", views.step, ["GET", "POST"]),
    ]
    for rule, endpoint, view, methods in rules:
        blueprint.add_url_rule(rule, endpoint, view, methods=methods)
    blueprint.journey_views = views
    return blueprint
