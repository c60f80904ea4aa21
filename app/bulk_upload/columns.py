"""The file's columns, from the definition: which headers are known, the template, the
specification page, and how a cell's text becomes the value a JSON payload would send.

A cell takes the API's value; a choice may also be given by its label in any letter case, and
a date as dd/mm/yyyy, d/m/yy or yyyy-mm-dd. Anything else is passed on as it is, so the engine
refuses it with the same message as the API.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from app.case_logs.export import RECORD_COLUMNS, TIME_COLUMNS
from app.formkit.conditions import (
    AllOf,
    Answered,
    AnyOf,
    Compare,
    Condition,
    Contains,
    Equals,
    NotAnswered,
    OneOf,
)
from app.formkit.definition import Journey
from app.formkit.questions import Checkboxes, Date, Number, Question, YesNo
from app.formkit.questions.choice import Choice
from app.journeys.lettings_log import LETTINGS_LOG, LETTINGS_LOG_VERSIONS
from app.journeys.lettings_years import CollectionYear

JOURNEY: Journey = LETTINGS_LOG
# A file's logs are of one collection year, and read with its version of the form.
VERSIONS = LETTINGS_LOG_VERSIONS
# Columns of the CSV download that are not answers: a downloaded file uploads as it is.
IGNORED_COLUMNS = (*RECORD_COLUMNS, *TIME_COLUMNS)
LIST_SEPARATOR = ";"
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_SHORT_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{2})$")


def journey_for(year: CollectionYear | str | None) -> Journey:
    """The form a file of this collection year is read with (the first, for None)."""
    if year is None:
        return JOURNEY
    if isinstance(year, str):
        year = CollectionYear.parse(year)
    return VERSIONS.journey_for_year(year)


def answer_columns(journey: Journey = JOURNEY) -> list[str]:
    """The template's header: every answer field, in the definition's order."""
    if journey.groups:
        raise NotImplementedError("bulk upload reads journeys without repeating groups")
    return [f for question in journey.top_level_questions for f in question.fields()]


@cache
def _known_columns(version: str) -> dict[str, str]:
    journey = VERSIONS.get(version)
    names = [*answer_columns(journey), *(d.id for d in journey.derived), *IGNORED_COLUMNS]
    # An export of all years has every year's columns: the file uploads back as it is, and a
    # value in a column its year's form does not ask is refused on its row.
    names += [f for other in VERSIONS for f in answer_columns(other)]
    return {name.lower(): name for name in names}


def known_columns(journey: Journey = JOURNEY) -> dict[str, str]:
    """Every header a file of this form may have, by its lower-case form: the answers, derived
    values (checked as the API checks them), the download's own columns (ignored) and the
    other years' answers (refused on a row that gives one)."""
    return _known_columns(journey.version)


def match_header(header: list[str], journey: Journey = JOURNEY) -> list[str | None]:
    """The field each column holds, by its header in any letter case; None for a column the
    service ignores. Unknown, blank and repeated headers refuse the file, naming them all."""
    from app.bulk_upload.reading import FileRefused, column_letter

    while header and header[-1] == "":
        header = header[:-1]
    known = known_columns(journey)
    unknown = [name for name in header if name and name.lower() not in known]
    if unknown:
        names = ", ".join(f"‘{name}’" for name in unknown)
        plural = "columns" if len(unknown) > 1 else "a column"
        raise FileRefused(
            f"The file has {plural} we do not recognise: {names}. Use the column names of the "
            "template"
        )
    blank = [column_letter(i) for i, name in enumerate(header) if not name]
    if blank:
        raise FileRefused(
            f"Column {', '.join(blank)} has no name in the header row. Name it as in the "
            "template, or delete it"
        )
    fields = [known[name.lower()] for name in header]
    repeated = sorted({f for f in fields if fields.count(f) > 1})
    if repeated:
        raise FileRefused(f"The file has more than one column named {', '.join(repeated)}")
    return [None if f in IGNORED_COLUMNS else f for f in fields]


def template_csv(journey: Journey = JOURNEY) -> str:
    return ",".join(answer_columns(journey)) + "\r\n"


# -- cells -----------------------------------------------------------------------------------


def _option_value(question: Choice, text: str) -> Any:
    folded = text.casefold()
    for option in question.options:
        if option.form_value.casefold() == folded or option.label.casefold() == folded:
            return option.value
    return text


def _two_digit_year(short: int) -> int:
    """yy as a year: 20yy, unless that is more than a year ahead of today, then 19yy."""
    year = 2000 + short
    return year if year <= date.today().year + 1 else year - 100


def _as_given(text: str) -> Any:
    return text


def _converter(journey: Journey, field_id: str) -> Callable[[str], Any]:
    """How a column's cell text becomes a payload value, chosen once per column."""
    derived = journey.derived_by_id.get(field_id)
    if derived is not None and derived.json_type == "number":
        # Compared with the worked-out value, as the API compares a number sent for it.
        return lambda text: float(text) if _NUMBER.match(text) else text
    question: Question | None = journey.question_for_field.get(field_id)
    if isinstance(question, Checkboxes):
        if question.as_booleans:
            return _as_given  # "true", "false", "yes", "no": the engine reads them
        return lambda text: [
            _option_value(question, part.strip())
            for part in text.split(LIST_SEPARATOR)
            if part.strip()
        ]
    if isinstance(question, YesNo):
        return _as_given
    if isinstance(question, Choice):
        return lambda text: _option_value(question, text)
    if isinstance(question, Date):
        return _date_text
    return _as_given


def _date_text(text: str) -> str:
    if match := _SHORT_DATE.match(text):
        day, month, short = (int(part) for part in match.groups())
        return f"{day:02d}/{month:02d}/{_two_digit_year(short):04d}"
    return text


@cache
def _version_converter(version: str, field_id: str) -> Callable[[str], Any]:
    return _converter(VERSIONS.get(version), field_id)


def converter(field_id: str, journey: Journey = JOURNEY) -> Callable[[str], Any]:
    return _version_converter(journey.version, field_id)


def cell_value(field_id: str, text: str, journey: Journey = JOURNEY) -> Any:
    """The value a JSON payload would send for this cell's text (already trimmed, not empty)."""
    return converter(field_id, journey)(text)


def row_payload(
    columns: list[str | None], cells: list[str], journey: Journey = JOURNEY
) -> dict[str, Any]:
    """A row as a POST /case_logs payload: each answer column's non-empty cell. `columns` are
    the file's headers as field ids, None for a column that is ignored."""
    return {
        field_id: converter(field_id, journey)(text)
        for field_id, text in zip(columns, cells, strict=False)
        if field_id is not None and text != ""
    }


# -- the specification -----------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    question: str
    required: str
    values: list[str]
    format: str


def describe(condition: Condition | None) -> str:
    """A condition in words, naming fields by their column names."""
    if condition is None:
        return ""
    if isinstance(condition, Equals):
        return f"{condition.field} is {_shown(condition.value)}"
    if isinstance(condition, OneOf):
        return f"{condition.field} is one of " + ", ".join(_shown(v) for v in condition.values)
    if isinstance(condition, Contains):
        return f"{condition.field} includes {_shown(condition.value)}"
    if isinstance(condition, Answered):
        return f"{condition.field} is given"
    if isinstance(condition, NotAnswered):
        return f"{condition.field} is blank"
    if isinstance(condition, Compare):
        return f"{condition.field} {condition.op} {_shown(condition.value)}"
    if isinstance(condition, AllOf | AnyOf):
        joiner = " and " if isinstance(condition, AllOf) else " or "
        return joiner.join(f"({describe(c)})" for c in condition.conditions)
    return "other answers call for it"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"‘{value}’" if isinstance(value, str) else str(value)


def _format(question: Question, field_id: str) -> str:
    if isinstance(question, Checkboxes):
        if question.as_booleans:
            return "true or false (yes or no)"
        return f"One or more of the values, separated by “{LIST_SEPARATOR}”"
    if isinstance(question, YesNo):
        return "yes or no"
    if isinstance(question, Choice):
        return "One of the values (or its label, in any letter case)"
    if isinstance(question, Date):
        return "A date: dd/mm/yyyy, d/m/yy (read as 20yy) or yyyy-mm-dd"
    if isinstance(question, Number):
        bounds = []
        if question.min is not None:
            bounds.append(f"at least {_shown(question.min)}")
        if question.above is not None:
            bounds.append(f"more than {_shown(question.above)}")
        if question.max is not None:
            bounds.append(f"at most {_shown(question.max)}")
        kind = (
            "A whole number"
            if question.whole
            else f"A number, up to {question.decimals} decimal places"
        )
        return kind + (f", {' and '.join(bounds)}" if bounds else "")
    max_length = getattr(question, "max_length", None)
    return f"Text, up to {max_length} characters" if max_length else "Text"


def _values(question: Question, field_id: str) -> list[str]:
    if isinstance(question, Checkboxes) and question.as_booleans:
        option = next(o for o in question.options if o.field == field_id)
        return [f"true if ‘{option.label}’ applies"]
    if isinstance(question, YesNo):
        return []
    if isinstance(question, Choice):
        return [
            option.form_value
            if option.label == option.form_value
            else f"{option.form_value} ({option.label})"
            for option in question.options
        ]
    return []


def specification(journey: Journey = JOURNEY) -> list[ColumnSpec]:
    """Each column: its question, whether and when it is required, its values and format."""
    specs = []
    page_for_field = journey.page_for_field
    sections = {f: s for s in journey.sections for f in s.fields}
    for field_id in answer_columns(journey):
        question = journey.question_for_field[field_id]
        page = page_for_field[field_id]
        conditions = [
            describe(c)
            for c in (sections[field_id].when, page.when, question.when)
            if c is not None
        ]
        if field_id in page.revealed_by or question.id in page.revealed_by:
            parent, value = page.revealed_by[question.id]
            conditions.append(f"{parent.id} is {_shown(value)}")
        if not question.required:
            required = "Optional"
        elif conditions:
            required = "Required when " + " and ".join(conditions)
        else:
            required = "Required"
        specs.append(
            ColumnSpec(
                name=field_id,
                question=question.label,
                required=required,
                values=_values(question, field_id),
                format=_format(question, field_id),
            )
        )
    return specs
