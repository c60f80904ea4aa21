"""The reference lists: stable ids, and the real English local authorities and counties."""

import re
from collections import Counter

import pytest

from app.reference.lists import (
    COUNTIES,
    ETHNICITIES,
    LOCAL_AUTHORITIES,
    REFERENCE_LISTS,
    WORKING_CIRCUMSTANCE_IDS,
    WORKING_CIRCUMSTANCES,
    ReferenceItem,
    find,
    local_authority_by_code,
)

LIST_NAMES = (
    "marital-statuses",
    "relationship-statuses",
    "living-circumstances",
    "working-circumstances",
    "home-ownership-statuses",
    "local-authorities",
    "counties",
    "nationalities",
    "ethnicities",
    "religions",
    "sexualities",
    "genders",
    "relationships",
)


def test_there_is_a_list_for_each_name_in_the_issue():
    assert sorted(REFERENCE_LISTS) == sorted(LIST_NAMES)


@pytest.mark.parametrize("name", LIST_NAMES)
def test_ids_number_from_one_without_gaps_and_names_are_unique(name):
    items = REFERENCE_LISTS[name]
    assert [item.id for item in items] == list(range(1, len(items) + 1))
    assert all(isinstance(item.id, int) and item.name.strip() == item.name for item in items)
    assert len({item.name for item in items}) == len(items)


@pytest.mark.parametrize(
    ("name", "item_id", "expected"),
    [
        # Ids are never renumbered: these pin a few, so that re-sorting a list fails here.
        ("marital-statuses", 1, "Single"),
        ("relationship-statuses", 1, "Spouse"),
        ("working-circumstances", 3, "Self-employed"),
        ("local-authorities", 1, "Adur"),
        ("local-authorities", 281, "Westminster"),
        ("counties", 7, "Hampshire"),
        ("nationalities", 28, "British"),
        ("ethnicities", 1, "White: English, Welsh, Scottish, Northern Irish or British"),
        ("religions", 9, "Prefer not to say"),
        ("genders", 5, "Prefer not to say"),
        ("relationships", 1, "Employee"),
    ],
)
def test_find_gives_the_item_with_that_id(name, item_id, expected):
    assert find(name, item_id).name == expected


def test_find_gives_none_for_an_unknown_id_or_list():
    assert find("genders", 999) is None
    assert find("genders", 0) is None
    assert find("genders", True) is None
    assert find("no-such-list", 1) is None


def test_every_english_local_authority_with_its_ons_code():
    codes = [item.code for item in LOCAL_AUTHORITIES]
    assert len(LOCAL_AUTHORITIES) == 296
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"E0[6789]\d{6}", code) for code in codes)
    # Unitary authorities, non-metropolitan districts, metropolitan districts, London boroughs
    # (with the City of London), as at April 2023 and since.
    assert Counter(code[:3] for code in codes) == {"E06": 63, "E07": 164, "E08": 36, "E09": 33}


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("E09000033", "Westminster"),
        ("E08000025", "Birmingham"),
        ("E06000001", "Hartlepool"),
        ("E07000223", "Adur"),
        ("E09000001", "City of London"),
        ("E06000053", "Isles of Scilly"),
        ("E06000065", "North Yorkshire"),
        ("E06000064", "Westmorland and Furness"),
        ("E08000038", "Barnsley"),
    ],
)
def test_known_local_authorities(code, name):
    assert local_authority_by_code(code).name == name


@pytest.mark.parametrize("code", ["E07000163", "E07000026", "E07000150", "E08000016"])
def test_abolished_or_recoded_authorities_are_not_offered(code):
    assert local_authority_by_code(code) is None


def test_local_authority_by_code_ignores_case_and_spaces_and_refuses_other_codes():
    assert local_authority_by_code(" e09000033 ").name == "Westminster"
    assert local_authority_by_code("S12000036") is None
    assert local_authority_by_code("") is None


def test_the_english_two_tier_counties():
    codes = [item.code for item in COUNTIES]
    assert len(COUNTIES) == 21
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"E10\d{6}", code) for code in codes)
    assert {item.code: item.name for item in COUNTIES}["E10000014"] == "Hampshire"


def test_only_the_two_lists_from_ons_carry_codes():
    for name, items in REFERENCE_LISTS.items():
        has_codes = name in ("local-authorities", "counties")
        assert all((item.code is not None) == has_codes for item in items), name


def test_working_means_employed_or_self_employed():
    working = {item.name for item in WORKING_CIRCUMSTANCES if item.id in WORKING_CIRCUMSTANCE_IDS}
    assert working == {"Employed full time", "Employed part time", "Self-employed"}
    assert isinstance(WORKING_CIRCUMSTANCE_IDS, frozenset)


def test_ethnicities_are_the_census_19_and_prefer_not_to_say():
    assert len(ETHNICITIES) == 20
    assert ETHNICITIES[-1] == ReferenceItem(20, "Prefer not to say")


@pytest.mark.parametrize("name", ["religions", "genders", "sexualities", "ethnicities"])
def test_personal_questions_can_be_declined(name):
    assert "Prefer not to say" in {item.name for item in REFERENCE_LISTS[name]}
