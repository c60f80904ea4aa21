"""WTForms form classes for pages, built from the definition.

WTForms carries the CSRF token and the page version and renders each question with GOV.UK
macros. The answers themselves are checked by the engine (validation.py), which the JSON API
shares, so the messages are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField

from app.db_ids import parse_id
from app.formkit.definition import Page
from app.formkit.questions import Question
from app.formkit.questions.date import PARTS
from app.formkit.widgets import anchor, macro_params
from app.templating import govuk_macro


class QuestionField(Field):
    """One question: its inputs are named by the question id (dates add -day/-month/-year)."""

    def __init__(self, question: Question, page: Page, **kwargs):
        super().__init__(label=question.label, **kwargs)
        self.question = question
        self.page = page
        self.stored: Mapping[str, Any] = {}

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors = []
        self.formdata = formdata
        self.data = None

    def shown(self) -> Any:
        """What the inputs display: what was just sent, or else the stored answer."""
        if self.formdata is None:
            question, stored = self.question, self.stored
            # Not once the question has been seen: an optional answer left blank stays blank.
            seen = any(field_id in stored for field_id in question.fields())
            if question.prefill is not None and not seen:
                suggested = question.prefill(stored)
                if suggested is not None:
                    return question.form_value({question.id: suggested})
            return question.form_value(stored)
        if self.question.kind == "date":
            return {part: self.formdata.get(f"{self.name}-{part}", "") for part in PARTS}
        if self.question.kind == "checkboxes":
            return self.formdata.getlist(self.name)
        return self.formdata.get(self.name, "")

    def __call__(self, **kwargs):
        siblings = {field.question.id: field for field in self._form.question_fields()}
        component, params = macro_params(
            self.question,
            self.page,
            self.shown(),
            self.errors[0] if self.errors else None,
            render_child=lambda question_id: str(siblings[question_id]()),
        )
        # The component's macro called straight, with its params alone: Flask's context
        # processors (navigation, cookies) need not run again per question, nor a template
        # import its macros each time. The macro autoescapes every value.
        return govuk_macro(component)(params)


class PageForm(FlaskForm):
    version = HiddenField(name="_version")

    def question_fields(self) -> list[QuestionField]:
        return [field for field in self if isinstance(field, QuestionField)]

    def top_level_fields(self) -> list[QuestionField]:
        """Fields not revealed inside another question's option."""
        return [f for f in self.question_fields() if f.question.id not in f.page.revealed_by]

    def set_stored(self, values: Mapping[str, Any]) -> None:
        for field in self.question_fields():
            field.stored = values

    def set_errors(self, errors: Mapping[str, list[str]]) -> None:
        for field in self.question_fields():
            field.errors = list(errors.get(field.question.id, []))

    def error_list(self) -> list[dict]:
        """For govukErrorSummary: each message once, linking to the first field it is on (a
        rule broken by two answers shows on both, but is one thing to put right)."""
        listed: dict[str, dict] = {}
        for field in self.question_fields():
            if field.errors and field.errors[0] not in listed:
                listed[field.errors[0]] = {
                    "text": field.errors[0],
                    "href": f"#{anchor(field.question)}",
                }
        return list(listed.values())

    def submitted_version(self) -> int | None:
        value = str(self.version.data or "")
        # A version is 0 or more, in a 32-bit column: anything else (a number too large to
        # bind, or "²", a digit to isdigit() but not to int()) is no version.
        return 0 if value == "0" else parse_id(value)


# Pages are compared by identity and live as long as their journey, so each gets one class.
_classes: dict[Page, type[PageForm]] = {}


def form_class(page: Page) -> type[PageForm]:
    if page not in _classes:
        # Attribute names are neutral so no question id can shadow a Form attribute.
        attrs = {
            f"question_{n}": QuestionField(question=q, page=page, name=q.id)
            for n, q in enumerate(page.questions)
        }
        _classes[page] = type("PageForm", (PageForm,), attrs)
    return _classes[page]


def page_form(page: Page, stored: Mapping[str, Any], version: int) -> PageForm:
    form = form_class(page)()
    form.set_stored(stored)
    return _with_version(form, version)


def version_form(version: int) -> PageForm:
    """A form with no questions, only the CSRF token and the version: to confirm something."""
    return _with_version(PageForm(), version)


def _with_version(form: PageForm, version: int) -> PageForm:
    # A page shows the version it was opened at. A post keeps the version it was sent with:
    # filling in the current one there would let a post that sent none overwrite anything.
    if form.version.data in (None, "") and not form.is_submitted():
        form.version.data = str(version)
    return form
