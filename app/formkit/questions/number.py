"""Whole and decimal numbers, with bounds and an optional prefix (£) or suffix (unit)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from app.formkit.questions.base import Invalid, Question

_PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
# Beyond any amount or count a form asks for, and safe to store and export as JSON.
LARGEST = Decimal(10) ** 15


@dataclass(frozen=True, kw_only=True, eq=False)
class Number(Question):
    whole: bool = True
    decimals: int = 2
    min: float | None = None
    max: float | None = None
    # An exclusive lower bound: "must be greater than 0".
    above: float | None = None
    prefix: str | None = None
    suffix: str | None = None
    width: str = "5"

    kind: ClassVar[str] = "number"
    json_expected: ClassVar[str] = "a number"
    default_messages: ClassVar = {
        "number": "{Noun} must be a number",
        "whole": "{Noun} must be a whole number",
        "decimals": "{Noun} must have {decimals} decimal places or fewer",
        "range": "{Noun} must be between {min} and {max}",
        "min": "{Noun} must be {min} or more",
        "max": "{Noun} must be {max} or less",
        "above": "{Noun} must be more than {above}",
        "too_large": "{Noun} is too large",
    }

    def coerce_text(self, raw):
        cleaned = raw.replace(",", "").replace(" ", "")
        if self.prefix:
            cleaned = cleaned.removeprefix(self.prefix)
        # Plain notation only: Decimal would also take "1e1000000" (costly to expand),
        # "1_000" and "Infinity", none of which a person means.
        if not _PLAIN_NUMBER.match(cleaned):
            raise Invalid(self.message("number"))
        return self.check(Decimal(cleaned))

    def coerce_native(self, raw):
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise Invalid(self.message("number"))
        try:
            number = Decimal(str(raw))
        except InvalidOperation as error:
            raise Invalid(self.message("number")) from error
        if not number.is_finite():
            raise Invalid(self.message("number"))
        return self.check(number)

    def check(self, number):
        number = Decimal(str(number))
        if abs(number) > LARGEST:
            raise Invalid(self.message("too_large"))
        if self.whole and number != number.to_integral_value():
            raise Invalid(self.message("whole"))
        if not self.whole and -number.as_tuple().exponent > self.decimals:
            raise Invalid(self.message("decimals", decimals=self.decimals))
        if self.above is not None and number <= Decimal(str(self.above)):
            raise Invalid(self.message("above", above=_plain(self.above)))
        low, high = self.min, self.max
        if (low is not None and number < Decimal(str(low))) or (
            high is not None and number > Decimal(str(high))
        ):
            if low is not None and high is not None:
                raise Invalid(self.message("range", min=_plain(low), max=_plain(high)))
            if low is not None:
                raise Invalid(self.message("min", min=_plain(low)))
            raise Invalid(self.message("max", max=_plain(high)))
        return int(number) if self.whole else float(number)

    def display(self, values):
        value = values.get(self.id)
        if value is None:
            return ""
        text = f"{value:,}" if self.whole else f"{value:,.{self.decimals}f}"
        return f"{self.prefix or ''}{text}{' ' + self.suffix if self.suffix else ''}"

    def json_schema(self):
        schema = {"type": ["integer" if self.whole else "number", "null"]}
        if self.min is not None:
            schema["minimum"] = self.min
        if self.max is not None:
            schema["maximum"] = self.max
        if self.above is not None:
            schema["exclusiveMinimum"] = self.above
        return {self.id: schema}


def _plain(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else str(bound)
