"""Searching tenures by household members' names and by the asset's postcode.

Every search is answered from an index: a name prefix is one range of the organisation's
folded name keys, which hold each tenure's start date to order by, and a postcode is an
equality on the full postcode or on its outward code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, select

from app.extensions import db
from app.formkit.questions.text import normalise_postcode
from app.pagination import parse_whole_number
from app.tenures.models import Tenure, TenureMemberName
from app.tenures.names import MAX_KEY, fold, prefix_range
from app.tenures.service import visible_to

DEFAULT_LIMIT, MAX_LIMIT = 20, 100
# Beyond this an offset is more than a database query can skip.
MAX_OFFSET = 2**31 - 1
_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


class BadSearch(ValueError):
    """A parameter that cannot be searched by: `field` names it, `problem` says why."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field} {problem}")
        self.field = field
        self.problem = problem


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


def _count(name: str, raw: str | None, default: int, low: int, high: int) -> int:
    if raw is None or raw == "":
        return default
    number = parse_whole_number(raw, low, high)
    if number is None:
        raise BadSearch(name, f"must be a whole number between {low} and {high}")
    return number


def _name(name: str, raw: str | None) -> str:
    folded = fold(raw or "")
    if len(raw or "") > MAX_KEY or any(c.isspace() for c in folded):
        raise BadSearch(name, f"must be one name of {MAX_KEY} characters or fewer")
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
            "postcode", "must be a full postcode, such as E8 1DY, or an outward code, such as E8"
        )
    return full


def parse(args) -> Search:
    """The search a query string asks for. Raises BadSearch."""
    return Search(
        firstname=_name("firstname", args.get("firstname")),
        lastname=_name("lastname", args.get("lastname")),
        postcode=_postcode(args.get("postcode")),
        limit=_count("limit", args.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT),
        offset=_count("offset", args.get("offset"), 0, 0, MAX_OFFSET),
    )


def _postcode_condition(search: Search) -> ColumnElement[bool]:
    column = Tenure.postcode if " " in search.postcode else Tenure.outward_code
    return column == search.postcode


def _name_matches(search: Search, user) -> Select:
    """(start date, tenure id) of each tenure with a member of those names, once each. One
    range of a names index answers it, with the start date to order by beside the id."""
    conditions = [visible_to(user, TenureMemberName.organisation_id)]
    for column, prefix in (
        (TenureMemberName.first_name, search.firstname),
        (TenureMemberName.last_name, search.lastname),
    ):
        if prefix:
            low, high = prefix_range(prefix)
            conditions += [column >= low, column < high]
    if search.postcode:
        at_postcode = select(Tenure.id).where(_postcode_condition(search))
        conditions.append(TenureMemberName.tenure_id.in_(at_postcode))
    return (
        select(TenureMemberName.start_of_tenure_date, TenureMemberName.tenure_id)
        .where(*conditions)
        .distinct()
    )


def _tenure_conditions(search: Search, user) -> list[ColumnElement[bool]]:
    conditions = [visible_to(user)]
    if search.postcode:
        conditions.append(_postcode_condition(search))
    return conditions


def _by_name(search: Search) -> bool:
    return bool(search.firstname or search.lastname)


def count_query(search: Search, user) -> Select:
    """How many tenures match, in all."""
    if _by_name(search):
        return select(func.count()).select_from(_name_matches(search, user).subquery())
    return select(func.count()).select_from(Tenure).where(*_tenure_conditions(search, user))


def page_query(search: Search, user) -> Select:
    """The ids of one page of the tenures that match, newest first, each with the number
    that match in all: one pass over the matches gives both."""
    total = func.count().over().label("total")
    if _by_name(search):
        matches = _name_matches(search, user).subquery()
        query = select(matches.c.tenure_id, total).order_by(
            matches.c.start_of_tenure_date.desc(), matches.c.tenure_id.desc()
        )
    else:
        query = (
            select(Tenure.id, total)
            .where(*_tenure_conditions(search, user))
            .order_by(Tenure.start_of_tenure_date.desc(), Tenure.id.desc())
        )
    return query.limit(search.limit).offset(search.offset)


def search_tenures(search: Search, user) -> Results:
    """One page of the tenures that match, newest first, and how many match in all."""
    rows = db.session.execute(page_query(search, user)).all()
    # Past the last page, the page cannot say how many there are.
    total = rows[0].total if rows else db.session.scalar(count_query(search, user)) or 0
    ids = [row[0] for row in rows]
    found = {t.id: t for t in db.session.scalars(select(Tenure).where(Tenure.id.in_(ids)))}
    return Results([found[i] for i in ids if i in found], total)
