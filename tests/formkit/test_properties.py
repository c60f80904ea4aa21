"""Properties of applying JSON payloads, over any JSON-like input.

`apply_payload` must answer every payload with an Outcome: the new answers, or errors keyed by
field with messages for people. It must never raise anything else, never store a bad value and
never change the answers it was given.
"""

import copy
import math
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.formkit import outputs
from app.formkit.runner import clear_inapplicable
from app.formkit.validation import NOT_APPLICABLE, Outcome, PayloadNotObject, apply_payload
from tests.formkit.example_journey import COMPLETE_PAYLOAD, EXAMPLE

SETTINGS = settings(max_examples=300, deadline=None, database=None)
# For properties of accepted outcomes. Each valid value is valid on its own, not with the
# others (a partner's name without a partner), so most payloads are refused and filtered out.
ACCEPTED_ONLY = settings(SETTINGS, suppress_health_check=[HealthCheck.filter_too_much])

FIELD_IDS = EXAMPLE.all_field_ids()
GROUP_IDS = set(EXAMPLE.group_by_id)
ITEM_FIELDS = [f for g in EXAMPLE.groups for q in g.questions for f in q.fields()]

# -- strategies ------------------------------------------------------------------------------

HUGE_INTS = [2**53 + 1, 2**63, -(2**63) - 1, 10**30, 10**400, -(10**400)]
HUGE_FLOATS = [1e308, -1e308, 1.7976931348623157e308, 5e-324, -0.0]

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(HUGE_INTS),
    # Python's json module reads NaN and Infinity too, so they can arrive.
    st.floats(),
    st.sampled_from(HUGE_FLOATS),
    st.text(max_size=20),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(ITEM_FIELDS) | st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=8,
)


def _dates(low: date, high: date):
    return st.dates(min_value=low, max_value=high).flatmap(
        lambda d: st.sampled_from([d.isoformat(), d.strftime("%d/%m/%Y")])
    )


# Values likely to be accepted, so that many payloads succeed and the successful path is tested.
_member = st.fixed_dictionaries(
    {},
    optional={
        "member_name": st.text(min_size=1, max_size=12),
        "member_age": st.integers(-5, 130),
        "member_relationship": st.sampled_from(["child", "other", "cousin"]),
    },
)
PLAUSIBLE = {
    "full_name": st.text(max_size=55) | st.integers(),
    "age": st.integers(10, 130) | st.integers(10, 130).map(str),
    "move_in_date": _dates(date(1900, 1, 1), date(2100, 1, 1)),
    "contact_method": st.sampled_from(["email", "phone", "none", "post"]),
    "contact_email": st.sampled_from(["ada@example.com", "x@", "b@example.org"]),
    "contact_phone": st.sampled_from(["07700 900 982", "+44 808 157 0192", "12345"]),
    "postcode": st.sampled_from(["sw1a1aa", "M1 1AE", "nope"]),
    "no_postcode_reason": st.text(max_size=20),
    "region": st.sampled_from(["north", "south", "wales", "mars"]),
    "region_detail": st.text(max_size=20),
    "has_partner": st.sampled_from([True, False, "yes", "no", "maybe"]),
    "partner_name": st.text(max_size=20),
    "partner_care": st.booleans(),
    "rent": st.decimals(-1, 6000, places=2).map(str) | st.floats(-1, 6000),
    "service_charge": st.decimals(-1, 10**9, places=2).map(str) | st.integers(-1, 10**6),
    "access_needs": st.lists(
        st.sampled_from(["wheelchair", "step_free", "hearing", "none"]), max_size=3
    ),
    "support_benefits": st.booleans(),
    "support_debt": st.booleans(),
    "support_none": st.booleans(),
    "notes": st.text(max_size=30),
    "members": st.lists(_member, max_size=4),
    "savings": st.integers(-10, 10**12),
    "deposit": st.integers(-10, 10**6),
    "total_charge": st.floats(0, 200) | st.sampled_from([130.5, *HUGE_INTS]),
    "household_size": st.integers(1, 5) | st.sampled_from(HUGE_INTS),
}
plausible_payloads = st.fixed_dictionaries(
    {},
    optional={field_id: PLAUSIBLE.get(field_id, json_values) | st.none() for field_id in FIELD_IDS},
)
_valid_member = st.fixed_dictionaries(
    {"member_name": st.text(min_size=1, max_size=12), "member_age": st.integers(0, 120)},
    optional={"member_relationship": st.sampled_from(["child", "other"])},
)
# Values that are always accepted, for the properties of successful outcomes.
VALID = {
    "full_name": st.text(max_size=50),
    "age": st.integers(16, 120),
    "move_in_date": _dates(date(1900, 1, 1), date(2020, 1, 1)),
    "contact_method": st.sampled_from(["email", "phone", "none"]),
    "contact_email": st.just("ada@example.com"),
    "contact_phone": st.just("07700 900 982"),
    "postcode": st.sampled_from(["sw1a1aa", "M1 1AE", None]),
    "no_postcode_reason": st.text(min_size=1, max_size=20),
    "region": st.sampled_from(["north", "south", "wales"]),
    "region_detail": st.text(min_size=1, max_size=20),
    "has_partner": st.booleans(),
    "partner_name": st.text(min_size=1, max_size=20),
    "partner_care": st.booleans(),
    "rent": st.decimals(0, 5000, places=2).map(str),
    "service_charge": st.decimals(0, 10**6, places=2).map(float) | st.none(),
    "access_needs": st.sampled_from([["none"], ["wheelchair"], ["hearing", "step_free"]]),
    "notes": st.text(max_size=30) | st.none(),
    "members": st.lists(_valid_member, max_size=3),
    "savings": st.integers(10**6, 10**7),
    # More than 0, and at most the savings in the existing record, so the deposit rule holds.
    "deposit": st.integers(1, 5000),
}
valid_payloads = st.fixed_dictionaries({}, optional=VALID)
random_payloads = st.dictionaries(
    st.sampled_from(FIELD_IDS) | st.text(max_size=10), json_values, max_size=6
)
# Accepted answers with derived values that may or may not match, so the derived check runs.
_derived_values = st.fixed_dictionaries(
    {},
    optional={
        derived.id: json_scalars | st.sampled_from([130.5, 2, *HUGE_INTS])
        for derived in EXAMPLE.derived
    },
)
checked_payloads = st.builds(
    lambda valid, given: {**valid, **given}, valid_payloads, _derived_values
)
payloads = st.one_of(random_payloads, plausible_payloads, checked_payloads)
not_objects = json_values.filter(lambda value: not isinstance(value, dict))


def _finite(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


@pytest.fixture(scope="module")
def existing():
    """A finished record's answers. Module-scoped: Hypothesis shares it across examples, and
    the tests check it is never changed."""
    outcome = apply_payload(EXAMPLE, COMPLETE_PAYLOAD, {})
    assert outcome.ok, outcome.errors
    return outcome.answers


def _check_outcome(outcome, payload, before):
    assert isinstance(outcome, Outcome)
    assert isinstance(outcome.errors, dict)
    assert outcome.ok is (not outcome.errors)
    if outcome.ok:
        assert isinstance(outcome.answers, dict)
        return
    # Nothing is stored when anything is wrong.
    assert outcome.answers == before
    for key, messages in outcome.errors.items():
        assert isinstance(key, str)
        assert isinstance(messages, list)
        assert messages
        assert all(isinstance(m, str) and m for m in messages)
        assert len(messages) == len(set(messages))
        # Each error names a field that was sent, or an item of a group that was sent.
        group = re.match(r"^(\w+)\[\d+\](\.|$)", key)
        assert key in payload or (group and group.group(1) in payload), key


# -- properties ------------------------------------------------------------------------------


@SETTINGS
@given(payload=payloads)
def test_any_object_payload_gives_an_outcome(existing, payload):
    snapshot = copy.deepcopy(existing)

    for before in ({}, existing):
        outcome = apply_payload(EXAMPLE, payload, before)
        _check_outcome(outcome, payload, before)

    assert existing == snapshot


@SETTINGS
@given(payload=not_objects)
def test_a_payload_that_is_not_an_object_is_refused(existing, payload):
    for before in ({}, existing):
        with pytest.raises(PayloadNotObject):
            apply_payload(EXAMPLE, payload, before)


@ACCEPTED_ONLY
@given(payload=st.one_of(valid_payloads, payloads))
def test_successful_outcomes_are_already_cleared(existing, payload):
    outcome = apply_payload(EXAMPLE, payload, existing)
    assume(outcome.ok)

    cleared = clear_inapplicable(EXAMPLE, outcome.answers)

    assert cleared == outcome.answers
    assert clear_inapplicable(EXAMPLE, cleared) == cleared


@ACCEPTED_ONLY
@given(payload=st.one_of(valid_payloads, payloads))
def test_the_json_output_of_an_outcome_applies_back_to_the_same_answers(existing, payload):
    outcome = apply_payload(EXAMPLE, payload, existing)
    assume(outcome.ok)
    assert _finite(outcome.answers)  # nothing JSON cannot carry is ever stored
    exported = outputs.to_json(EXAMPLE, outcome.answers)
    sent = {key: value for key, value in exported.items() if value is not None}

    again = apply_payload(EXAMPLE, sent, {})

    assert again.ok, again.errors
    assert outputs.to_json(EXAMPLE, again.answers) == exported


@SETTINGS
@given(payload=valid_payloads)
def test_valid_values_are_accepted_on_any_record(existing, payload):
    for before in ({}, existing):
        outcome = apply_payload(EXAMPLE, payload, before)
        if not outcome.ok:
            # A valid value can still be sent for a question that does not apply here.
            assert all(m == [NOT_APPLICABLE] for m in outcome.errors.values()), outcome.errors
            continue
        for key, value in payload.items():
            if key in outcome.answers and isinstance(value, bool | int):
                assert outcome.answers[key] == value


def test_the_strategies_reach_successful_outcomes(existing):
    # Guards the properties above against strategies that only ever produce errors.
    @settings(max_examples=100, deadline=None, database=None)
    @given(payload=plausible_payloads)
    def count(payload):
        results.append(apply_payload(EXAMPLE, payload, existing).ok)

    results: list[bool] = []
    count()
    assert any(results)
    assert not all(results)


# -- a case the random payloads rarely reach --------------------------------------------------


@pytest.mark.parametrize("value", [10**400, -(10**400)], ids=["positive", "negative"])
def test_a_huge_derived_value_gets_a_message(existing, value):
    outcome = apply_payload(EXAMPLE, {"total_charge": value}, existing)

    assert outcome.errors == {
        "total_charge": ["Total charge must be £130.5, the sum of the charges"]
    }
