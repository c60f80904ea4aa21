"""The portal's reference lists: the ids that applications send for marital status, local
authority, county, nationality and so on.

Ids are stable. Each list numbers from 1; an id is never renumbered or reused. A value that
stops being offered keeps its id (retire it in place); a new value takes the next free id.

The long lists live in CSV files under `data/` (id, code, name), read once at import:
- `local_authorities.csv`: every English local authority district, unitary authority,
  metropolitan district and London borough, with its ONS code (E06, E07, E08, E09);
- `counties.csv`: the English two-tier counties, with their ONS codes (E10);
- `nationalities.csv`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class ReferenceItem:
    id: int
    name: str
    code: str | None = None  # ONS code, for local authorities and counties only


def _items(*pairs: tuple[int, str]) -> tuple[ReferenceItem, ...]:
    return tuple(ReferenceItem(id=item_id, name=name) for item_id, name in pairs)


def _load(filename: str) -> tuple[ReferenceItem, ...]:
    with (DATA_DIR / filename).open(newline="", encoding="utf-8") as file:
        return tuple(
            ReferenceItem(id=int(row["id"]), name=row["name"], code=row.get("code") or None)
            for row in csv.DictReader(file)
        )


MARITAL_STATUSES = _items(
    (1, "Single"),
    (2, "Married"),
    (3, "In a civil partnership"),
    (4, "Living with a partner"),
    (5, "Separated"),
    (6, "Divorced"),
    (7, "Civil partnership dissolved"),
    (8, "Widowed"),
    (9, "Surviving civil partner"),
    (10, "Prefer not to say"),
)

# A joint applicant's relationship to the main applicant.
RELATIONSHIP_STATUSES = _items(
    (1, "Spouse"),
    (2, "Civil partner"),
    (3, "Partner"),
    (4, "Parent"),
    (5, "Child"),
    (6, "Sibling"),
    (7, "Other relative"),
    (8, "Friend"),
    (9, "Other"),
)

# Where the applicant lives now.
LIVING_CIRCUMSTANCES = _items(
    (1, "Renting from a private landlord"),
    (2, "Renting from a council"),
    (3, "Renting from a housing association"),
    (4, "Living with family or friends"),
    (5, "Own my home"),
    (6, "Shared ownership"),
    (7, "Tied accommodation (with my job)"),
    (8, "Armed forces accommodation"),
    (9, "Temporary accommodation"),
    (10, "Student accommodation"),
    (11, "Homeless"),
    (12, "Other"),
)

WORKING_CIRCUMSTANCES = _items(
    (1, "Employed full time"),
    (2, "Employed part time"),
    (3, "Self-employed"),
    (4, "Unemployed"),
    (5, "Retired"),
    (6, "Student"),
    (7, "Looking after the home or family"),
    (8, "Long-term sick or disabled"),
    (9, "Other"),
)
# The working circumstances that mean "working": only these ask for an employer and a work
# address.
WORKING_CIRCUMSTANCE_IDS: frozenset[int] = frozenset({1, 2, 3})

HOME_OWNERSHIP_STATUSES = _items(
    (1, "Never owned a home"),
    (2, "Previously owned a home"),
    (3, "Own a home and will sell it before buying"),
    (4, "Own a shared ownership home and will sell it before buying"),
    (5, "Own a home and will keep it"),
)

# The ONS 2021 census categories, in the census's order, and "Prefer not to say".
ETHNICITIES = _items(
    (1, "White: English, Welsh, Scottish, Northern Irish or British"),
    (2, "White: Irish"),
    (3, "White: Gypsy or Irish Traveller"),
    (4, "White: Roma"),
    (5, "White: Any other White background"),
    (6, "Mixed or multiple ethnic groups: White and Black Caribbean"),
    (7, "Mixed or multiple ethnic groups: White and Black African"),
    (8, "Mixed or multiple ethnic groups: White and Asian"),
    (9, "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background"),
    (10, "Asian or Asian British: Indian"),
    (11, "Asian or Asian British: Pakistani"),
    (12, "Asian or Asian British: Bangladeshi"),
    (13, "Asian or Asian British: Chinese"),
    (14, "Asian or Asian British: Any other Asian background"),
    (15, "Black, Black British, Caribbean or African: African"),
    (16, "Black, Black British, Caribbean or African: Caribbean"),
    (
        17,
        "Black, Black British, Caribbean or African: "
        "Any other Black, Black British or Caribbean background",
    ),
    (18, "Other ethnic group: Arab"),
    (19, "Other ethnic group: Any other ethnic group"),
    (20, "Prefer not to say"),
)

# The ONS 2021 census religions, and "Prefer not to say".
RELIGIONS = _items(
    (1, "No religion"),
    (2, "Christian"),
    (3, "Buddhist"),
    (4, "Hindu"),
    (5, "Jewish"),
    (6, "Muslim"),
    (7, "Sikh"),
    (8, "Any other religion"),
    (9, "Prefer not to say"),
)

# The ONS 2021 census sexual orientation categories.
SEXUALITIES = _items(
    (1, "Straight or heterosexual"),
    (2, "Gay or lesbian"),
    (3, "Bisexual"),
    (4, "Other sexual orientation"),
    (5, "Prefer not to say"),
)

GENDERS = _items(
    (1, "Female"),
    (2, "Male"),
    (3, "Non-binary"),
    (4, "Other"),
    (5, "Prefer not to say"),
)

# An applicant's relationship to a worker or board member of the housing association.
RELATIONSHIPS = _items(
    (1, "Employee"),
    (2, "Board member"),
    (3, "Family member of an employee"),
    (4, "Family member of a board member"),
    (5, "Close friend of an employee or board member"),
    (6, "Other"),
)

LOCAL_AUTHORITIES = _load("local_authorities.csv")
COUNTIES = _load("counties.csv")
NATIONALITIES = _load("nationalities.csv")

# Keyed by the name in the URL: GET /api/rest/portal/<name>.
REFERENCE_LISTS: dict[str, tuple[ReferenceItem, ...]] = {
    "marital-statuses": MARITAL_STATUSES,
    "relationship-statuses": RELATIONSHIP_STATUSES,
    "living-circumstances": LIVING_CIRCUMSTANCES,
    "working-circumstances": WORKING_CIRCUMSTANCES,
    "home-ownership-statuses": HOME_OWNERSHIP_STATUSES,
    "local-authorities": LOCAL_AUTHORITIES,
    "counties": COUNTIES,
    "nationalities": NATIONALITIES,
    "ethnicities": ETHNICITIES,
    "religions": RELIGIONS,
    "sexualities": SEXUALITIES,
    "genders": GENDERS,
    "relationships": RELATIONSHIPS,
}

_by_id = {name: {item.id: item for item in items} for name, items in REFERENCE_LISTS.items()}
_local_authorities_by_code = {item.code: item for item in LOCAL_AUTHORITIES}


def find(list_name: str, item_id: int) -> ReferenceItem | None:
    """The item with this id in the named list, or None (also for an unknown list)."""
    if isinstance(item_id, bool):  # True == 1 in Python, but it is not an id
        return None
    return _by_id.get(list_name, {}).get(item_id)


def local_authority_by_code(code: str) -> ReferenceItem | None:
    """The English local authority with this ONS code, for example E09000033."""
    return _local_authorities_by_code.get(code.strip().upper()) if code else None
