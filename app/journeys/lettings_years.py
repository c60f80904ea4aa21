"""Lettings collection years: 1 April to 31 March, by the tenancy start date.

A lettings log belongs to the collection year of its tenancy start date, or, until it has
one, to the current year. Its year chooses the version of the form it is read with: each
version of the lettings log is named after the first collection year it is for (`"2027/28"`),
and the first version also takes every year before it. Which years are open is configuration
(`LETTINGS_OPEN_YEARS`, or a crossover window with `LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL`, read in
app/config.py); with neither, every year is open. A log of a closed year can no longer be
changed, and no log may be dated in one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app, has_app_context

from app import clock
from app.formkit.definition import Journey, Problem
from app.formkit.versions import JourneyVersions, VersionError

START_DATE = "tenancy_start_date"
FIRST_MONTH = 4  # a year runs from 1 April
_LABEL = re.compile(r"^([0-9]{4})/([0-9]{2})$")


@dataclass(frozen=True, order=True)
class CollectionYear:
    """The collection year starting on 1 April of `start`: 2026/27 has start 2026."""

    start: int

    @classmethod
    def of(cls, day: date) -> CollectionYear:
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @classmethod
    def parse(cls, label: str) -> CollectionYear:
        """ "2026/27" as a year; ValueError for anything else."""
        match = _LABEL.match(label.strip())
        if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
            raise ValueError(f"A collection year is written like 2026/27, not {label!r}")
        return cls(int(match.group(1)))

    @property
    def label(self) -> str:
        return f"{self.start}/{(self.start + 1) % 100:02d}"

    @property
    def words(self) -> str:
        """ "2026 to 2027", as the service's messages name a year."""
        return f"{self.start} to {self.start + 1}"

    @property
    def first_day(self) -> date:
        return date(self.start, FIRST_MONTH, 1)

    @property
    def last_day(self) -> date:
        return date(self.start + 1, 3, 31)

    def previous(self) -> CollectionYear:
        return CollectionYear(self.start - 1)

    def __str__(self) -> str:
        return self.label


def current_year() -> CollectionYear:
    return CollectionYear.of(clock.uk_today())


def start_date(answers: Mapping[str, Any]) -> date | None:
    value = answers.get(START_DATE)
    return date.fromisoformat(value) if value else None


def year_of_log(answers: Mapping[str, Any]) -> CollectionYear:
    """A log's collection year: its tenancy start date's, or the current year's until it has
    one."""
    start = start_date(answers)
    return CollectionYear.of(start) if start else current_year()


# -- which years are open ---------------------------------------------------------------------


@dataclass(frozen=True)
class OpenYears:
    """The configuration: `years` open whatever the date; or, with `previous_open_until`
    (month, day), the current year, and the one before it until that day of the current year
    (the crossover window); with neither, every year."""

    years: tuple[CollectionYear, ...] = ()
    previous_open_until: tuple[int, int] | None = None

    @classmethod
    def from_settings(cls, open_years: str = "", previous_open_until: str = "") -> OpenYears:
        """From LETTINGS_OPEN_YEARS ("2026/27,2027/28") and LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL
        ("06-30": 30 June). A mistake stops the start, not a request later."""
        years = tuple(
            sorted({CollectionYear.parse(part) for part in open_years.split(",") if part.strip()})
        )
        until = None
        if previous_open_until.strip():
            match = re.fullmatch(r"([0-9]{2})-([0-9]{2})", previous_open_until.strip())
            try:
                month, day = int(match.group(1)), int(match.group(2))
                date(2024, month, day)  # a leap year: 02-29 is a day
            except (AttributeError, ValueError):
                raise ValueError(
                    "LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL must be a day of the year as MM-DD, such "
                    f"as 06-30, not {previous_open_until!r}"
                ) from None
            if month < FIRST_MONTH:
                raise ValueError(
                    "LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL must fall after 1 April (the crossover "
                    f"window runs from the start of the new year), not {previous_open_until!r}"
                )
            until = (month, day)
        if years and until:
            raise ValueError(
                "Set LETTINGS_OPEN_YEARS or LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL, not both"
            )
        return cls(years, until)

    @property
    def every_year(self) -> bool:
        return not self.years and self.previous_open_until is None

    def on(self, today: date) -> tuple[CollectionYear, ...] | None:
        """The years open on `today`, oldest first; None for every year."""
        if self.years:
            return self.years
        if self.previous_open_until is None:
            return None
        current = CollectionYear.of(today)
        month, day = self.previous_open_until
        if today <= date(current.start, month, day):
            return (current.previous(), current)
        return (current,)


def open_years() -> tuple[CollectionYear, ...] | None:
    """The years open today, oldest first; None when every year is."""
    settings = current_app.config.get("LETTINGS_OPEN_YEARS") if has_app_context() else None
    if settings is None:
        return None
    return settings.on(clock.uk_today())


def is_open(year: CollectionYear) -> bool:
    years = open_years()
    return years is None or year in years


def within_open_years() -> str:
    """ "Enter a date within the 2026 to 2027 collection year" (or "the 2026 to 2027 or 2027
    to 2028 collection years"), as the service asks for a date in an open year."""
    years = open_years() or ()
    if len(years) == 1:
        return f"Enter a date within the {years[0].words} collection year"
    names = ", ".join(year.words for year in years[:-1]) + f" or {years[-1].words}"
    return f"Enter a date within the {names} collection years"


def start_date_in_an_open_year(answers: Mapping[str, Any]) -> Iterator[Problem]:
    """The rule: a log is dated within a collection year still open."""
    start = start_date(answers)
    if start is not None and not is_open(CollectionYear.of(start)):
        yield Problem((START_DATE,), within_open_years())


def closed_because(answers: Mapping[str, Any]) -> str | None:
    """Why a log of a closed year can no longer be changed, or None."""
    year = year_of_log(answers)
    if is_open(year):
        return None
    return (
        f"This log is for the {year.words} collection year, which has closed, so it can no "
        "longer be changed"
    )


# -- the versions of the form, one for each year from which it changed ------------------------


def first_year_of(journey: Journey) -> CollectionYear:
    try:
        return CollectionYear.parse(journey.version)
    except ValueError as error:
        raise VersionError(
            f"{journey.id}: a version of a form chosen by collection year is named after the "
            f"first year it is for, such as 2027/28, not {journey.version!r}"
        ) from error


class VersionsByYear(JourneyVersions):
    """A journey's versions, each named after the first collection year it is for, oldest
    first; the first version also takes every year before it."""

    def __init__(self, versions: Iterable[Journey]):
        versions = tuple(versions)
        firsts = [first_year_of(journey) for journey in versions]
        if firsts != sorted(set(firsts)):
            raise VersionError("Versions by collection year are declared oldest first, once each")
        self._firsts = tuple(zip(firsts, versions, strict=True))
        super().__init__(versions, choose=self.version_for, read_only_because=closed_because)

    def journey_for_year(self, year: CollectionYear) -> Journey:
        chosen = self._firsts[0][1]
        for first, journey in self._firsts:
            if first <= year:
                chosen = journey
        return chosen

    def version_for(self, answers: Mapping[str, Any]) -> str:
        return self.journey_for_year(year_of_log(answers)).version

    def shipped_years(self) -> tuple[CollectionYear, ...]:
        """The first year of each version: the years a user picks a form from."""
        return tuple(first for first, _ in self._firsts)

    def years_offered(self) -> tuple[CollectionYear, ...]:
        """The years a user may choose (a bulk upload's): those open, or, when every year is,
        the first year of each version and the current year."""
        years = open_years()
        if years is not None:
            return years
        return tuple(sorted({*self.shipped_years(), current_year()}))


def years_listed(versions: VersionsByYear) -> list[dict[str, Any]]:
    """The years a client may ask about (each version's first year, the current year and any
    open one), oldest first: dates, whether open, and the version of the form they use."""
    listed = sorted({*versions.shipped_years(), current_year(), *(open_years() or ())})
    return [
        {
            "year": year.label,
            "starts_on": year.first_day.isoformat(),
            "ends_on": year.last_day.isoformat(),
            "open": is_open(year),
            "form": versions.journey_for_year(year).version,
        }
        for year in listed
    ]
