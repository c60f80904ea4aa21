"""Conditional requests: a record's version travels as its ETag, `"<version>"`.

`If-None-Match` saves a client re-reading what it has; `If-Match` makes a write fail rather
than overwrite a change the client has not seen. The tenure seed names that header `ifMatch`:
a header of that name is read as If-Match, by every API.
"""

from __future__ import annotations

from flask import request


def etag(version: int) -> str:
    return f'"{version}"'


def _tags(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


def none_match(version: int) -> bool:
    """True if the client's If-None-Match names this version: it already has it."""
    header = request.headers.get("If-None-Match")
    if header is None:
        return False
    tags = _tags(header)
    return "*" in tags or etag(version) in tags


def _if_match() -> str | None:
    header = request.headers.get("If-Match")
    return header if header is not None else request.headers.get("ifMatch")


def if_match_given() -> bool:
    return _if_match() is not None


def matched_version(current: int) -> int | None:
    """The version the client's If-Match says it read, if that is the current one: the write
    is then made on condition that it still is. None if the client's copy is stale."""
    tags = _tags(_if_match() or "")
    if "*" in tags or etag(current) in tags:
        return current
    return None
