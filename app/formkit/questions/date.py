"""Dates: the GOV.UK day/month/year input on the web; dd/mm/yyyy or yyyy-mm-dd in JSON (a
midnight time such as "1951-02-11T00:00:00", as .NET clients send dates, is accepted too).

Stored as ISO yyyy-mm-dd. The JSON output format is chosen per question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from app.formkit.questions.base import Invalid, Question

# ASCII digits only: str.isdigit() and \d also accept characters such as "²" that int() rejects.
_DIGITS = re.compile(r"^[0-9]+$")
_ISO = re.compile(
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$"  # only midnight: a date, not a moment
)
_DMY = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")
PARTS = ("day", "month", "year")


def today() -> date:
    return date.today()


@dataclass(frozen=True, kw_only=True, eq=False)
class Date(Question):
    past: bool = False
    future: bool = False
    json_format: str = "iso"  # "iso" (yyyy-mm-dd) or "dmy" (dd/mm/yyyy)

    kind: ClassVar[str] = "date"
    json_expected: ClassVar[str] = "a date"
    default_messages: ClassVar = {
        "format": "{Noun} must be a real date",
        "incomplete": "{Noun} must include a {missing}",
        "past": "{Noun} must be in the past",
        "future": "{Noun} must be in the future",
    }

    def parse_form(self, formdata, name):
        parts = {part: formdata.get(f"{name}-{part}", "").strip() for part in PARTS}
        if not any(parts.values()):
            return {self.id: None}
        missing = [part for part in PARTS if not parts[part]]
        if missing:
            raise Invalid(self.message("incomplete", missing=" and ".join(missing)))
        if not all(_DIGITS.match(value) for value in parts.values()) or len(parts["year"]) != 4:
            raise Invalid(self.message("format"))
        return {self.id: self._build(int(parts["year"]), int(parts["month"]), int(parts["day"]))}

    def coerce_text(self, raw):
        if match := _ISO.match(raw):
            year, month, day = (int(g) for g in match.groups())
        elif match := _DMY.match(raw):
            day, month, year = (int(g) for g in match.groups())
        else:
            raise Invalid(self.message("format"))
        return self._build(year, month, day)

    def _build(self, year: int, month: int, day: int) -> str:
        try:
            value = date(year, month, day)
        except ValueError as error:
            raise Invalid(self.message("format")) from error
        return self.check(value.isoformat())

    def check(self, value):
        chosen = date.fromisoformat(value)
        if self.past and chosen >= today():
            raise Invalid(self.message("past"))
        if self.future and chosen <= today():
            raise Invalid(self.message("future"))
        return value

    def to_json(self, values):
        value = values.get(self.id)
        if value is None or self.json_format == "iso":
            return {self.id: value}
        chosen = date.fromisoformat(value)
        # strftime("%Y") does not pad years before 1000 on every platform.
        return {self.id: f"{chosen.day:02d}/{chosen.month:02d}/{chosen.year:04d}"}

    def display(self, values):
        value = values.get(self.id)
        if value is None:
            return ""
        chosen = date.fromisoformat(value)
        return f"{chosen.day} {chosen:%B %Y}"

    def form_value(self, values):
        value = values.get(self.id)
        if value is None:
            return {}
        chosen = date.fromisoformat(value)
        return {"day": chosen.day, "month": chosen.month, "year": chosen.year}

    def json_schema(self):
        return {
            self.id: {
                "type": ["string", "null"],
                "description": "A date as dd/mm/yyyy or yyyy-mm-dd",
                "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$",
            }
        }
