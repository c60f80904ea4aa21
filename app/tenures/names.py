"""Names folded for searching: case, accents and titles do not matter, so "zoe" finds
"Mrs Zoë O'Brien" by her first name and "o'b" by her last."""

from __future__ import annotations

import unicodedata

TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "lady", "lord"}
)
MAX_KEY = 100


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.casefold().strip()[:MAX_KEY]


def name_keys(full_name: str) -> tuple[str, str]:
    """The folded first and last names of a full name, its title left out."""
    words = [word for word in fold(full_name).split() if word]
    if len(words) > 1 and words[0].rstrip(".") in TITLES:
        words = words[1:]
    if not words:
        return "", ""
    return words[0], words[-1]


def prefix_range(prefix: str) -> tuple[str, str]:
    """Bounds of the keys that start with `prefix`: low <= key < high, in code point order."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)
