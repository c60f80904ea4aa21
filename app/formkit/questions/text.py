"""Free-text questions: text, textarea, email, UK phone number and UK postcode."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from email_validator import EmailNotValidError, validate_email

from app.formkit.questions.base import Invalid, Question


@dataclass(frozen=True, kw_only=True, eq=False)
class Text(Question):
    max_length: int = 255
    autocomplete: str | None = None
    width: str | None = None  # a GOV.UK width class suffix, for example "20" or "two-thirds"

    kind: ClassVar[str] = "text"
    default_messages: ClassVar = {"too_long": "{Noun} must be {max_length} characters or fewer"}

    def coerce_native(self, raw):
        # A number sent for a text answer (a reference such as 1234) is read as its text.
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return self.coerce_text(str(raw))
        return super().coerce_native(raw)

    def check(self, value):
        if len(value) > self.max_length:
            raise Invalid(self.message("too_long", max_length=self.max_length))
        return value

    def json_schema(self):
        return {self.id: {"type": ["string", "null"], "maxLength": self.max_length}}


@dataclass(frozen=True, kw_only=True, eq=False)
class Textarea(Text):
    max_length: int = 1200
    rows: int = 5

    kind: ClassVar[str] = "textarea"


@dataclass(frozen=True, kw_only=True, eq=False)
class Email(Text):
    autocomplete: str | None = "email"
    kind: ClassVar[str] = "email"
    default_messages: ClassVar = {
        **Text.default_messages,
        "format": "Enter an email address in the correct format, like name@example.com",
    }

    def check(self, value):
        value = super().check(value)
        try:
            validate_email(value, check_deliverability=False)
        except EmailNotValidError as error:
            raise Invalid(self.message("format")) from error
        return value

    def json_schema(self):
        return {self.id: {**super().json_schema()[self.id], "format": "email"}}


_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
# UK numbers: 10 or 11 digits starting 0, or the same after +44 / 44 without the 0.
_UK_PHONE = re.compile(r"^(?:0\d{9,10}|(?:\+?44)\d{9,10})$")


@dataclass(frozen=True, kw_only=True, eq=False)
class UKPhone(Text):
    max_length: int = 20
    autocomplete: str | None = "tel"
    width: str | None = "20"
    kind: ClassVar[str] = "phone"
    default_messages: ClassVar = {
        **Text.default_messages,
        "format": "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192",
    }

    def check(self, value):
        value = super().check(value)
        if not _UK_PHONE.match(_PHONE_SEPARATORS.sub("", value)):
            raise Invalid(self.message("format"))
        return value


# The UK postcode format: outward code (area, district) and inward code (sector, unit).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def normalise_postcode(value: str) -> str | None:
    """ "sw1a1aa" -> "SW1A 1AA"; None if it is not a postcode."""
    match = _POSTCODE.match(re.sub(r"\s+", "", value).upper())
    return f"{match.group(1)} {match.group(2)}" if match else None


# A postcode among other words: not part of a longer word on either side.
_POSTCODE_IN_TEXT = re.compile(
    r"(?<![A-Z0-9])([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})(?![A-Z0-9])", re.IGNORECASE
)


def postcode_in(text: str) -> str | None:
    """The last postcode written in a text such as an address ("1 Mare St, London e8 1dy"),
    normalised ("E8 1DY"); None if there is none. An address ends with its postcode."""
    matches = _POSTCODE_IN_TEXT.findall(text)
    return normalise_postcode("".join(matches[-1])) if matches else None


@dataclass(frozen=True, kw_only=True, eq=False)
class UKPostcode(Text):
    max_length: int = 8
    autocomplete: str | None = "postal-code"
    width: str | None = "10"
    kind: ClassVar[str] = "postcode"
    default_messages: ClassVar = {
        "format": "Enter a postcode in the correct format, for example AA1 1AA",
    }

    def check(self, value):
        postcode = normalise_postcode(value)
        if postcode is None:
            raise Invalid(self.message("format"))
        return postcode


@dataclass(frozen=True, kw_only=True, eq=False)
class TextList(Text):
    """A few short answers, such as plot numbers: typed on a page separated by commas, sent in
    JSON as an array of strings (numbers are read as their text)."""

    max_length: int = 50
    max_items: int = 20
    width: str | None = "20"

    json_expected: ClassVar[str] = "a list of text"
    default_messages: ClassVar = {
        "too_long": "Each of {noun} must be {max_length} characters or fewer",
        "too_many": "Give {max_items} or fewer of {noun}",
    }

    def is_answered(self, values):
        return bool(values.get(self.id))

    def coerce_text(self, raw):
        return self.check([part.strip() for part in raw.split(",")])

    def coerce_native(self, raw):
        if not isinstance(raw, list) or not all(
            isinstance(part, str | int) and not isinstance(part, bool) for part in raw
        ):
            raise Invalid(self.message("type", expected=self.json_expected))
        return self.check([str(part).strip() for part in raw])

    def check(self, value):
        parts = list(dict.fromkeys(part for part in value if part))  # in the order given, once
        if len(parts) > self.max_items:
            raise Invalid(self.message("too_many", max_items=self.max_items))
        if any(len(part) > self.max_length for part in parts):
            raise Invalid(self.message("too_long", max_length=self.max_length))
        return parts or None

    def display(self, values):
        return ", ".join(values.get(self.id) or [])

    def form_value(self, values):
        return self.display(values)

    def json_schema(self):
        item = {"type": "string", "maxLength": self.max_length}
        return {self.id: {"type": ["array", "null"], "items": item, "maxItems": self.max_items}}
