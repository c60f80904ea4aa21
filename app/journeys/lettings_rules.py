"""Cross-field rules of the lettings case log: the hard checks that refuse a save.

Each rule reads all the answers and yields Problems naming the fields concerned; the engine
shows the message on whichever of those fields the user is changing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from app.formkit.definition import Problem
from app.journeys import lettings_options as opts
from app.journeys.lettings_years import start_date_in_an_open_year

PERSONS = range(1, 9)
FIXED_TERM = re.compile(r"^[0-9]{1,2}$")


def persons(answers: Mapping[str, Any]) -> Iterator[int]:
    """The persons in the household: the lead tenant and up to 7 others."""
    others = answers.get("household_number_of_other_members")
    count = 1 + (others if isinstance(others, int) else 0)
    return iter(range(1, min(count, 8) + 1))


def _name(number: int) -> str:
    return "The lead tenant" if number == 1 else f"Person {number}"


def children_are_children(answers) -> Iterator[Problem]:
    """Under 16 goes with "Child under 16", both ways, and with the relationship "Child"."""
    for n in persons(answers):
        age = answers.get(f"person_{n}_age")
        status = answers.get(f"person_{n}_economic_status")
        relationship = answers.get(f"person_{n}_relationship")
        fields = (f"person_{n}_age", f"person_{n}_economic_status")
        if age is not None and age < 16 and status not in (None, opts.CHILD_UNDER_16):
            yield Problem(
                fields,
                f"{_name(n)} is under 16, so their working situation must be "
                f"‘{opts.CHILD_UNDER_16}’",
            )
        if age is not None and age >= 16 and status == opts.CHILD_UNDER_16:
            yield Problem(
                fields, f"{_name(n)} can only be ‘{opts.CHILD_UNDER_16}’ if they are under 16"
            )
        if n > 1 and age is not None and age < 16 and relationship not in (None, opts.CHILD):
            yield Problem(
                (f"person_{n}_age", f"person_{n}_relationship"),
                f"{_name(n)} is under 16, so their relationship to the lead tenant must be "
                f"‘{opts.CHILD}’",
            )


def one_partner_at_most(answers) -> Iterator[Problem]:
    partners = [
        f"person_{n}_relationship"
        for n in persons(answers)
        if answers.get(f"person_{n}_relationship") == opts.PARTNER
    ]
    if len(partners) > 1:
        yield Problem(
            tuple(partners), "Only one person in the household can be the lead tenant’s partner"
        )


def pregnancy_needs_a_possible_mother(answers) -> Iterator[Problem]:
    if answers.get("pregnancy") not in (opts.YES, opts.PREFER_NOT_TO_SAY):
        return
    people = list(persons(answers))
    known = [(answers.get(f"person_{n}_gender"), answers.get(f"person_{n}_age")) for n in people]
    # Only once everyone's gender and age are known can we say nobody could be pregnant.
    if any(gender is None or age is None for gender, age in known):
        return
    if not any(gender == opts.FEMALE and 16 <= age <= 50 for gender, age in known):
        fields = ("pregnancy",) + tuple(
            f"person_{n}_{part}" for n in people for part in ("gender", "age")
        )
        yield Problem(
            fields, "You must answer No as there are no female tenants aged 16-50 in the property"
        )


def reasonable_preference_needs_a_reason(answers) -> Iterator[Problem]:
    reasons = [key for key in answers if key.startswith("reasonable_preference_reason_")]
    answered_without_reason = reasons and not any(answers.get(key) for key in reasons)
    if answers.get("reasonable_preference") == opts.YES and answered_without_reason:
        # On the reasons only: their question files it under the seed's key,
        # `reasonable_preference_reason`, and the seed's 422 example shows no other.
        yield Problem(tuple(reasons), "If reasonable preference is Yes, a reason must be given")


def benefit_cap_unknown_when_the_reason_is(answers) -> Iterator[Problem]:
    """CORE's rule: an unknown reason for leaving means the benefit cap answer is unknown too.
    The message goes on the benefit cap answer, as CORE's did."""
    reason = answers.get("reason_for_leaving_last_settled_home")
    benefit_cap = answers.get("benefit_cap_spare_room_subsidy")
    if reason == opts.DO_NOT_KNOW and benefit_cap not in (None, opts.DO_NOT_KNOW):
        yield Problem(
            ("benefit_cap_spare_room_subsidy",),
            "Select ‘Do not know’ for the benefit cap and spare room subsidy if you do not know "
            "the main reason the household left their last settled home",
        )


def _date(answers, key) -> date | None:
    value = answers.get(key)
    return date.fromisoformat(value) if value else None


def void_date_at_most_years_before(years: int):
    """The rule on the dates before the tenancy: repairs and the void date come before it, and
    the void date at most `years` years before it (a later year's form may tighten this)."""

    def dates_before_the_tenancy(answers) -> Iterator[Problem]:
        start = _date(answers, "tenancy_start_date")
        if start is None:
            return
        repairs = _date(answers, "property_major_repairs_date")
        if repairs is not None and repairs >= start:
            yield Problem(
                ("property_major_repairs_date", "tenancy_start_date"),
                "The major repairs date must be before the tenancy start date",
            )
        void = _date(answers, "property_void_date")
        if void is not None and void >= start:
            yield Problem(
                ("property_void_date", "tenancy_start_date"),
                "The void date must be before the tenancy start date",
            )
        elif void is not None and void < _years_before(start, years):
            yield Problem(
                ("property_void_date", "tenancy_start_date"),
                f"The void date must be no more than {years} years before the tenancy start date",
            )

    return dates_before_the_tenancy


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February, in a year without one
        return day.replace(year=day.year - years, day=28)


dates_before_the_tenancy = void_date_at_most_years_before(10)


def fixed_term_is_no_or_years(answers) -> Iterator[Problem]:
    # The seed's pattern rejects its own example ("No"): read it as "No" or 2 to 99 years.
    value = answers.get("fixed_term_tenancy")
    if value is None or value == opts.NO:
        return
    if not FIXED_TERM.match(value) or not 2 <= int(value) <= 99:
        yield Problem(
            ("fixed_term_tenancy",),
            "Enter No, or the length of the fixed term in years, from 2 to 99",
        )


def fixed_term_only_for_a_fixed_term_tenancy(answers) -> Iterator[Problem]:
    """CORE's rule: a fixed-term length is given only for a fixed-term tenancy type."""
    length, tenancy_type = answers.get("fixed_term_tenancy"), answers.get("tenancy_type")
    if length in (None, opts.NO) or tenancy_type is None:
        return
    if not tenancy_type.casefold().startswith(opts.FIXED_TERM_TYPE_PREFIX):
        yield Problem(
            ("fixed_term_tenancy", "tenancy_type"),
            "Enter No for the fixed-term length if the tenancy type is not fixed term",
        )


def universal_credit_and_work(answers) -> Iterator[Problem]:
    """CORE's rule: not all income from benefits if the lead tenant or their partner works."""
    if answers.get("net_income_uc_proportion") != "All":
        return
    for n in persons(answers):
        status = answers.get(f"person_{n}_economic_status")
        relationship = answers.get(f"person_{n}_relationship")
        if status in opts.IN_WORK and (n == 1 or relationship == opts.PARTNER):
            yield Problem(
                (
                    "net_income_uc_proportion",
                    f"person_{n}_economic_status",
                    f"person_{n}_relationship",
                ),
                "Income cannot be all from Universal Credit, state pensions or benefits "
                "if the lead tenant or their partner works part time or full time",
            )


def weekly_net_income(answers) -> float | None:
    income, frequency = answers.get("net_income"), answers.get("net_income_frequency")
    if income is None or frequency not in opts.WEEKS_PER:
        return None
    return income / opts.WEEKS_PER[frequency]


def net_income_within_hard_limits(answers) -> Iterator[Problem]:
    weekly = weekly_net_income(answers)
    status = answers.get("person_1_economic_status")
    if weekly is None or status not in opts.NET_INCOME_RANGES:
        return
    _, _, low, high = opts.NET_INCOME_RANGES[status]
    if not low <= weekly <= high:
        yield Problem(
            ("net_income", "net_income_frequency", "person_1_economic_status"),
            f"Net income must be between £{low} and £{high} a week when the lead tenant’s "
            f"working situation is ‘{status}’",
        )


def total_charge(answers) -> float | None:
    charges = ("basic_rent", "service_charge", "personal_service_charge", "support_charge")
    values = [answers.get(charge) for charge in charges]
    if any(value is None for value in values):
        return None
    return round(sum(values), 2)


RULES = (
    start_date_in_an_open_year,
    children_are_children,
    one_partner_at_most,
    pregnancy_needs_a_possible_mother,
    reasonable_preference_needs_a_reason,
    benefit_cap_unknown_when_the_reason_is,
    dates_before_the_tenancy,
    fixed_term_is_no_or_years,
    fixed_term_only_for_a_fixed_term_tenancy,
    universal_credit_and_work,
    net_income_within_hard_limits,
)
