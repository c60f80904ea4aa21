"""GOV.UK Frontend macro parameters for each question type."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.formkit.definition import Page
from app.formkit.questions import Question
from app.formkit.questions.date import PARTS


def anchor(question: Question) -> str:
    """The id of the first input of a question: where an error summary link points."""
    return f"{question.id}-day" if question.kind == "date" else question.id


def _label(question: Question, heading: bool, fieldset: bool) -> dict:
    if fieldset:
        classes = "govuk-fieldset__legend--l" if heading else "govuk-fieldset__legend--m"
        return {"legend": {"text": question.label, "isPageHeading": heading, "classes": classes}}
    return {
        "text": question.label,
        "isPageHeading": heading,
        "classes": "govuk-label--l" if heading else "",
    }


def _items(question, shown, render_child: Callable[[str], str]) -> list[dict]:
    chosen = shown if isinstance(shown, list) else [shown]
    items: list[dict] = []
    for option in question.options:
        if not option.offered and option.form_value not in chosen:
            continue
        if option.divider_before:
            items.append({"divider": option.divider_before})
        item = {
            "value": option.form_value,
            "text": option.label,
            "checked": option.form_value in chosen,
        }
        if option.hint:
            item["hint"] = {"text": option.hint}
        if option.exclusive:
            item["behaviour"] = "exclusive"
        if option.reveals:
            item["conditional"] = {"html": "".join(render_child(c) for c in option.reveals)}
        items.append(item)
    return items


def _inline(question: Question) -> bool:
    """Side by side, as asked, unless an option reveals questions: GOV.UK Frontend shows a
    reveal under its own option, so inline radios would put it between "Yes" and "No"."""
    options = getattr(question, "options", ())
    return getattr(question, "inline", False) and not any(o.reveals for o in options)


def macro_params(
    question: Question,
    page: Page,
    shown: Any,
    error: str | None,
    render_child: Callable[[str], str],
) -> tuple[str, dict]:
    """(GOV.UK component, its params) for one question, such as ("date-input", {…}). `shown`
    is what the inputs display."""
    heading = page.single and question is page.visible_questions[0]
    common: dict[str, Any] = {"hint": {"text": question.hint} if question.hint else None}
    if error:
        common["errorMessage"] = {"text": error}
    kind = question.kind

    if kind in ("radios", "yes_no", "checkboxes"):
        classes = "govuk-radios--inline" if _inline(question) else ""
        return ("checkboxes" if kind == "checkboxes" else "radios"), {
            **common,
            "name": question.id,
            "idPrefix": question.id,
            "classes": classes,
            "fieldset": _label(question, heading, fieldset=True),
            "items": _items(question, shown, render_child),
        }
    if kind == "date":
        parts = shown if isinstance(shown, Mapping) else {}
        widths = {"day": "2", "month": "2", "year": "4"}
        return "date-input", {
            **common,
            "id": question.id,
            "namePrefix": question.id,
            "fieldset": _label(question, heading, fieldset=True),
            "items": [
                {
                    "name": part,
                    "value": parts.get(part, ""),
                    "classes": f"govuk-input--width-{widths[part]}"
                    + (" govuk-input--error" if error else ""),
                }
                for part in PARTS
            ],
        }
    if kind == "select":
        return "select", {
            **common,
            "id": question.id,
            "name": question.id,
            "label": _label(question, heading, fieldset=False),
            "value": shown,
            "items": [{"value": "", "text": "Select an option"}]
            + [
                {"value": o.form_value, "text": o.label}
                for o in question.options
                if o.offered or o.form_value == shown
            ],
        }
    if kind == "textarea":
        return "character-count", {
            **common,
            "id": question.id,
            "name": question.id,
            "rows": question.rows,
            "maxlength": question.max_length,
            "label": _label(question, heading, fieldset=False),
            "value": shown,
        }
    params = {
        **common,
        "id": question.id,
        "name": question.id,
        "label": _label(question, heading, fieldset=False),
        "value": shown,
        "autocomplete": getattr(question, "autocomplete", None),
    }
    width = getattr(question, "width", None)
    if width:
        params["classes"] = (
            f"govuk-input--width-{width}" if width.isdigit() else f"govuk-!-width-{width}"
        )
    if kind == "number":
        params["inputmode"] = "numeric" if question.whole else "decimal"
        params["spellcheck"] = False
        if question.prefix:
            params["prefix"] = {"text": question.prefix}
        if question.suffix:
            params["suffix"] = {"text": question.suffix}
    elif kind == "email":
        params.update(type="email", spellcheck=False)
    elif kind == "phone":
        params["type"] = "tel"
    elif kind == "postcode":
        params["spellcheck"] = False
    return "input", params
