"""Finding and exporting logs by collection year: the `?year=2027/28` filter of the logs list,
its CSV download and the API's list, and the columns of an export."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import ColumnElement, and_, or_

from app.case_logs import export
from app.formkit import outputs
from app.formkit.models import FormRecord
from app.journeys.lettings_log import LETTINGS_LOG_VERSIONS
from app.journeys.lettings_years import START_DATE, CollectionYear, current_year


class NotAYear(ValueError):
    """A year filter that is not a collection year."""


def requested_year(args: Mapping[str, str], name: str = "year") -> CollectionYear | None:
    """The year asked for (`?year=2027/28`), None for all years; NotAYear for another text."""
    label = args.get(name, "").strip()
    if not label:
        return None
    try:
        return CollectionYear.parse(label)
    except ValueError as problem:
        raise NotAYear(f"{name}: {problem}") from None


def in_year(year: CollectionYear) -> ColumnElement[bool]:
    """Logs of `year`: their tenancy start date in it, or, for the current year, none yet.
    Stored dates are ISO text, so they compare as dates on SQLite and PostgreSQL alike."""
    start = FormRecord.answers[START_DATE].as_string()
    dated = and_(start >= year.first_day.isoformat(), start <= year.last_day.isoformat())
    if year == current_year():
        return or_(dated, start.is_(None))
    return dated


def answer_columns(year: CollectionYear | None) -> tuple[str, ...]:
    """An export's answer columns: those of its year's form; for all years, every form's."""
    if year is None:
        return export.ALL_ANSWER_COLUMNS
    return tuple(outputs.csv_columns(LETTINGS_LOG_VERSIONS.journey_for_year(year)))


def year_options(selected: CollectionYear | None) -> list[dict]:
    """The logs page's year filter: all years, then each year offered."""
    years = sorted({*LETTINGS_LOG_VERSIONS.years_offered(), *([selected] if selected else [])})
    return [{"value": "", "text": "All years", "selected": selected is None}] + [
        {"value": year.label, "text": year.label, "selected": year == selected}
        for year in reversed(years)
    ]
