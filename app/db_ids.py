"""Database ids as they arrive from outside: in a URL, a form field or a JSON body.

Integer ids are 32-bit in the database (Delius's probation event ids are 64-bit): a larger
number names no row, and PostgreSQL refuses to compare with it (SQLite cannot even bind it),
so it must be refused before a query. The URL converter does that for every route, so a view
never sees an id no row could have: `<id:record_id>`, or `<id(bits=64):event_id>`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from flask import Flask
from werkzeug.routing import BaseConverter, IntegerConverter

MAX_ID = 2**31 - 1
MAX_BIG_ID = 2**63 - 1
_MAXIMUMS = {32: MAX_ID, 64: MAX_BIG_ID}


@cache
def _numbers_up_to(maximum: int) -> str:
    """A regular expression for the whole numbers 1 to `maximum` in ASCII digits, without
    leading zeros. (Python's \\d and int() also take "１" or "٣".) The URL converter needs the
    range in its pattern: werkzeug answers a value its converter refuses after matching with
    405 rather than 404 when the path has rules for other methods."""
    digits = str(maximum)
    length = len(digits)
    shorter = [f"[1-9][0-9]{{0,{length - 2}}}"] if length > 1 else []
    same_length = []
    for position, digit in enumerate(digits):
        lowest = 1 if position == 0 else 0
        if int(digit) > lowest:
            below = f"[{lowest}-{int(digit) - 1}]" if int(digit) - 1 > lowest else str(lowest)
            rest = length - position - 1
            same_length.append(digits[:position] + below + (f"[0-9]{{{rest}}}" if rest else ""))
    return "|".join([*shorter, *same_length, digits])


@cache
def _id_pattern(maximum: int) -> re.Pattern:
    return re.compile(_numbers_up_to(maximum))


def parse_id(text: str | None, maximum: int = MAX_ID) -> int | None:
    """The id written in this text (a form field, a query parameter), or None."""
    if text is None or not _id_pattern(maximum).fullmatch(text):
        return None
    return int(text)


def is_id(value: Any, maximum: int = MAX_ID) -> bool:
    """Whether a decoded JSON value is an id a row could have."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= maximum


class DatabaseIdConverter(BaseConverter):
    """`<id:name>`: 1 to 2³¹−1 in ASCII digits; anything else matches no route (404)."""

    weight = 50  # as werkzeug's int: a number segment is more specific than any text

    def __init__(self, map, bits: int = 32):
        super().__init__(map)
        self.maximum = _MAXIMUMS[bits]
        self.regex = f"(?:{_numbers_up_to(self.maximum)})"

    def to_python(self, value: str) -> int:
        return int(value)  # the pattern admits only ids

    def to_url(self, value: Any) -> str:
        return str(int(value))


class AsciiIntegerConverter(IntegerConverter):
    """werkzeug's `<int:…>` without its Unicode digits, for numbers that are not ids (a
    position in a list). Any `<int:…>` in this app is this one."""

    regex = r"[0-9]+"


def init_app(app: Flask) -> None:
    """Before any blueprint is registered: rules find their converters as they are added."""
    app.url_map.converters["id"] = DatabaseIdConverter
    app.url_map.converters["int"] = AsciiIntegerConverter
