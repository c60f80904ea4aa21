"""Conditions: what each one reads, when it holds, and how they combine."""

from collections import ChainMap

import pytest

from app.formkit.conditions import (
    ITEM_INDEX,
    AllOf,
    Answered,
    AnyOf,
    Compare,
    Contains,
    Equals,
    NotAnswered,
    OneOf,
    applies,
)

# -- Equals ----------------------------------------------------------------------------------


def test_equals_holds_only_for_the_same_value():
    condition = Equals("region", "north")

    assert condition.holds({"region": "north"})
    assert not condition.holds({"region": "south"})
    assert not condition.holds({"region": "North"})
    assert not condition.holds({})


def test_equals_a_boolean():
    condition = Equals("has_partner", True)

    assert condition.holds({"has_partner": True})
    assert not condition.holds({"has_partner": False})
    assert not condition.holds({"has_partner": None})


def test_equals_reads_only_its_own_field():
    assert Equals("a", 1).fields() == frozenset({"a"})
    assert not Equals("a", 1).holds({"b": 1})


# -- OneOf -----------------------------------------------------------------------------------


def test_one_of_holds_for_any_listed_value():
    condition = OneOf("region", ("north", "south"))

    assert condition.holds({"region": "north"})
    assert condition.holds({"region": "south"})
    assert not condition.holds({"region": "wales"})
    assert not condition.holds({})
    assert condition.fields() == frozenset({"region"})


def test_one_of_with_no_values_never_holds():
    assert not OneOf("region", ()).holds({"region": "north"})


# -- Contains --------------------------------------------------------------------------------


def test_contains_holds_when_the_list_includes_the_value():
    condition = Contains("access_needs", "hearing")

    assert condition.holds({"access_needs": ["wheelchair", "hearing"]})
    assert not condition.holds({"access_needs": ["wheelchair"]})
    assert not condition.holds({"access_needs": []})
    assert not condition.holds({})
    assert condition.fields() == frozenset({"access_needs"})


@pytest.mark.parametrize("answer", ["hearing loop", "hearing", ("hearing",), None, 1])
def test_contains_needs_a_list(answer):
    # A string containing the value, or a tuple, is not a checkbox answer.
    assert not Contains("access_needs", "hearing").holds({"access_needs": answer})


# -- NotAnswered / Answered ------------------------------------------------------------------


@pytest.mark.parametrize("scope", [{}, {"postcode": None}, {"postcode": ""}, {"postcode": []}])
def test_unanswered_values(scope):
    assert NotAnswered("postcode").holds(scope)
    assert not Answered("postcode").holds(scope)


@pytest.mark.parametrize("value", ["SW1A 1AA", 0, False, 0.0, ["x"], " "])
def test_answered_values_include_falsy_answers(value):
    # Zero and "No" are answers.
    assert Answered("postcode").holds({"postcode": value})
    assert not NotAnswered("postcode").holds({"postcode": value})


def test_answered_and_not_answered_read_their_field():
    assert Answered("x").fields() == frozenset({"x"})
    assert NotAnswered("x").fields() == frozenset({"x"})
    assert NotAnswered("x").holds({"y": "answered"})


# -- Compare ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "below", "equal", "above"),
    [
        ("<", True, False, False),
        ("<=", True, True, False),
        (">", False, False, True),
        (">=", False, True, True),
        ("==", False, True, False),
        ("!=", True, False, True),
    ],
)
def test_compare_every_operator(op, below, equal, above):
    condition = Compare("age", op, 60)

    assert condition.holds({"age": 59}) is below
    assert condition.holds({"age": 60}) is equal
    assert condition.holds({"age": 61}) is above


@pytest.mark.parametrize("op", ["<", "<=", ">", ">=", "==", "!="])
@pytest.mark.parametrize(
    "scope",
    [
        {},
        {"age": None},
        {"age": "60"},
        {"age": "59"},
        {"age": "abc"},
        {"age": True},
        {"age": False},
        {"age": [60]},
        {"age": {"value": 60}},
    ],
)
def test_compare_never_holds_for_unanswered_or_non_numeric_answers(op, scope):
    # Even "!=" fails: an answer that is not a number satisfies no comparison.
    assert not Compare("age", op, 1).holds(scope)


def test_compare_with_floats():
    assert Compare("rent", ">", 100).holds({"rent": 100.01})
    assert not Compare("rent", ">", 100).holds({"rent": 100.0})
    assert Compare("rent", "<=", 99.5).holds({"rent": 99.5})


def test_compare_rejects_an_unknown_operator():
    with pytest.raises(ValueError, match="Unknown comparison '=>'"):
        Compare("age", "=>", 1)


def test_compare_reads_its_field():
    assert Compare("age", ">=", 60).fields() == frozenset({"age"})


def test_compare_on_the_item_index():
    first_only = Compare(ITEM_INDEX, "==", 0)
    record = {"age": 30}

    assert first_only.holds(ChainMap({ITEM_INDEX: 0}, {"member_name": "A"}, record))
    assert not first_only.holds(ChainMap({ITEM_INDEX: 1}, {"member_name": "B"}, record))
    assert not first_only.holds(record)


# -- AllOf / AnyOf and the operators ---------------------------------------------------------

PARTNER = Equals("has_partner", True)
OLDER = Compare("age", ">=", 60)


@pytest.mark.parametrize(
    ("scope", "both", "either"),
    [
        ({"has_partner": True, "age": 60}, True, True),
        ({"has_partner": True, "age": 59}, False, True),
        ({"has_partner": False, "age": 70}, False, True),
        ({"has_partner": False, "age": 20}, False, False),
        ({}, False, False),
    ],
)
def test_all_of_and_any_of(scope, both, either):
    assert AllOf((PARTNER, OLDER)).holds(scope) is both
    assert AnyOf((PARTNER, OLDER)).holds(scope) is either
    assert (PARTNER & OLDER).holds(scope) is both
    assert (PARTNER | OLDER).holds(scope) is either


def test_the_operators_build_all_of_and_any_of():
    both, either = PARTNER & OLDER, PARTNER | OLDER

    assert isinstance(both, AllOf)
    assert both.conditions == (PARTNER, OLDER)
    assert isinstance(either, AnyOf)
    assert either.conditions == (PARTNER, OLDER)


def test_empty_combinations():
    assert AllOf(()).holds({})
    assert not AnyOf(()).holds({})
    assert AllOf(()).fields() == frozenset()
    assert AnyOf(()).fields() == frozenset()


def test_nested_combinations():
    condition = (PARTNER & OLDER) | Equals("region", "wales")

    assert condition.holds({"region": "wales"})
    assert condition.holds({"has_partner": True, "age": 61, "region": "north"})
    assert not condition.holds({"has_partner": True, "age": 30, "region": "north"})

    chained = PARTNER & OLDER & Answered("postcode")
    assert chained.holds({"has_partner": True, "age": 60, "postcode": "SW1A 1AA"})
    assert not chained.holds({"has_partner": True, "age": 60})


def test_combined_fields_are_the_union():
    condition = (PARTNER & OLDER) | (Contains("needs", "x") & NotAnswered("age"))

    assert condition.fields() == frozenset({"has_partner", "age", "needs"})


def test_conditions_compare_by_value():
    assert Equals("a", 1) == Equals("a", 1)
    assert Equals("a", 1) != Equals("a", 2)
    assert hash(OneOf("a", (1, 2))) == hash(OneOf("a", (1, 2)))


def test_the_base_condition_is_abstract():
    from app.formkit.conditions import Condition

    with pytest.raises(NotImplementedError):
        Condition().holds({})
    with pytest.raises(NotImplementedError):
        Condition().fields()


# -- applies ---------------------------------------------------------------------------------


def test_no_condition_always_applies():
    assert applies(None, {})
    assert applies(None, {"anything": "at all"})


def test_applies_uses_the_condition():
    assert applies(Equals("a", 1), {"a": 1})
    assert not applies(Equals("a", 1), {"a": 2})
    assert not applies(Equals("a", 1), {})
