"""Searching tenures by household members' names and by the asset's postcode.

Every search is answered from an index: a name prefix is a range over the folded name keys,
and a postcode is an equality on the full postcode or on its outward code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select

from app.extensions import db
from app.formkit.questions.text import normalise_postcode
from app.tenures.models import Tenure, TenureMemberName
from app.tenures.names import fold, prefix_range
from app.tenures.service import visible_to

DEFAULT_LIMIT, MAX_LIMIT = 20, 100
_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


class BadSearch(ValueError):
    """A parameter that cannot be searched by; the message says why."""


@dataclass(frozen=True)
class Search:
    firstname: str = ""
    lastname: str = ""
    postcode: str = ""
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.firstname or self.lastname or self.postcode)


@dataclass(frozen=True)
class Results:
    tenures: list[Tenure]
    total: int


def _count(name: str, raw: str | None, default: int, low: int, high: int | None) -> int:
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < low or (high and int(raw) > high):
        bound = f"between {low} and {high}" if high else f"{low} or more"
        raise BadSearch(f"{name} must be a whole number {bound}")
    return int(raw)


def _name(name: str, raw: str | None) -> str:
    folded = fold(raw or "")
    if len(folded) > 100 or any(c.isspace() for c in folded):
        raise BadSearch(f"{name} must be one name of 100 characters or fewer")
    return folded


def _postcode(raw: str | None) -> str:
    """A full postcode ("E8 1DY") or an outward code ("E8"), normalised."""
    text = re.sub(r"\s+", "", raw or "").upper()
    if not text:
        return ""
    if _OUTWARD_CODE.match(text):
        return text
    full = normalise_postcode(text)
    if full is None:
        raise BadSearch(
            "postcode must be a full postcode, such as E8 1DY, or an outward code, such as E8"
        )
    return full


def parse(args) -> Search:
    """The search a query string asks for. Raises BadSearch."""
    return Search(
        firstname=_name("firstname", args.get("firstname")),
        lastname=_name("lastname", args.get("lastname")),
        postcode=_postcode(args.get("postcode")),
        limit=_count("limit", args.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT),
        offset=_count("offset", args.get("offset"), 0, 0, None),
    )


def _conditions(search: Search, user) -> list[ColumnElement[bool]]:
    conditions = [visible_to(user)]
    if search.postcode:
        column = Tenure.postcode if " " in search.postcode else Tenure.outward_code
        conditions.append(column == search.postcode)
    name_conditions = []
    for column, prefix in (
        (TenureMemberName.first_name, search.firstname),
        (TenureMemberName.last_name, search.lastname),
    ):
        if prefix:
            low, high = prefix_range(prefix)
            name_conditions += [column >= low, column < high]
    if name_conditions:
        # One member must match both names; a tenure with several matches is listed once.
        members = select(TenureMemberName.tenure_id).where(*name_conditions)
        conditions.append(Tenure.id.in_(members))
    return conditions


def search_tenures(search: Search, user) -> Results:
    """One page of the tenures that match, newest first, and how many match in all."""
    conditions = _conditions(search, user)
    total = db.session.scalar(select(func.count()).select_from(Tenure).where(*conditions))
    tenures = db.session.scalars(
        select(Tenure)
        .where(*conditions)
        .order_by(Tenure.start_of_tenure_date.desc(), Tenure.id.desc())
        .limit(search.limit)
        .offset(search.offset)
    )
    return Results(list(tenures), total or 0)
