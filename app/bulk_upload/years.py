"""A file's collection year: the one of its rows' tenancy start dates.

A file holds logs of one collection year, read with that year's form (its template and
specification). The year is the one its rows' tenancy start dates are in; rows without a
date take the year the user chose, or else the current year. A file with rows of two years
is refused, naming the rows of each, and so is one of a closed year.
"""

from __future__ import annotations

import re
from datetime import date

from app.bulk_upload.reading import FileRefused, Sheet
from app.journeys.lettings_years import (
    START_DATE,
    CollectionYear,
    current_year,
    is_open,
    open_years,
)

_DMY = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{2}|[0-9]{4})$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})")
# A message names this many rows of a year, then says how many more.
ROWS_NAMED = 5


def cell_date(text: str) -> date | None:
    """A start date cell as the rows give it (27/03/2024, 27/3/24, 2024-03-27); None for
    anything else, which the row's check reports."""
    try:
        if match := _DMY.match(text):
            day, month, year = (int(part) for part in match.groups())
            return date(year if year > 99 else 2000 + year, month, day)
        if match := _ISO.match(text):
            return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
    return None


def rows_by_year(sheet: Sheet) -> dict[CollectionYear, list[int]]:
    """The row numbers of each collection year the file's start dates are in."""
    lower = [name.strip().lower() for name in sheet.header]
    if START_DATE not in lower:
        return {}
    column = lower.index(START_DATE)
    years: dict[CollectionYear, list[int]] = {}
    for number, cells in sheet.rows():
        start = cell_date(cells[column]) if column < len(cells) else None
        if start is not None:
            years.setdefault(CollectionYear.of(start), []).append(number)
    return years


def _rows_text(rows: list[int]) -> str:
    named = ", ".join(str(n) for n in rows[:ROWS_NAMED])
    more = len(rows) - ROWS_NAMED
    word = "row" if len(rows) == 1 else "rows"
    return f"{word} {named}" + (f" and {more} more" if more > 0 else "")


def file_year(sheet: Sheet, chosen: CollectionYear | None = None) -> CollectionYear:
    """The collection year of the file's logs; FileRefused if its rows are of two or more
    years, of another year than the one chosen, or of a closed year."""
    found = rows_by_year(sheet)
    if len(found) > 1:
        parts = [f"{_rows_text(rows)} in {year.label}" for year, rows in sorted(found.items())]
        listed = ", ".join(parts[:-1]) + f" and {parts[-1]}"
        raise FileRefused(
            "The file has logs of more than one collection year: tenancy start dates in "
            f"{listed}. Upload the logs of each collection year in a file of their own"
        )
    year = next(iter(found), None)
    if year is not None and chosen is not None and year != chosen:
        raise FileRefused(
            f"The tenancy start dates in the file are in the {year.label} collection year, not "
            f"{chosen.label}. Choose {year.label}, or check the dates"
        )
    year = year or chosen or current_year()
    if not is_open(year):
        open_labels = " or ".join(y.label for y in open_years() or ())
        raise FileRefused(
            f"The logs in the file are for the {year.label} collection year, which has closed. "
            f"Upload logs of {open_labels}"
        )
    return year
