"""Soft checks of the lettings case log: unusual but possible answers, which staff confirm.

Each returns a message when it fires, or None.
"""

from __future__ import annotations

from datetime import date

from app.formkit.definition import SoftCheck
from app.journeys import lettings_options as opts
from app.journeys.lettings_rules import weekly_net_income

RETIREMENT_AGE = 66
VOID_YEARS = 2


def net_income_unusual(answers) -> str | None:
    weekly = weekly_net_income(answers)
    status = answers.get("person_1_economic_status")
    if weekly is None or status not in opts.NET_INCOME_RANGES:
        return None
    low, high, _, _ = opts.NET_INCOME_RANGES[status]
    if low <= weekly <= high:
        return None
    side = "lower" if weekly < low else "higher"
    return (
        f"Net income of £{weekly:,.2f} a week is {side} than we usually see for a lead tenant "
        f"whose working situation is ‘{status}’ (£{low} to £{high} a week)"
    )


def older_tenant_not_retired(answers) -> str | None:
    age = answers.get("person_1_age")
    status = answers.get("person_1_economic_status")
    if age is None or status is None or age <= RETIREMENT_AGE or status == opts.RETIRED:
        return None
    return f"The lead tenant is {age} but their working situation is not ‘Retired’"


def long_void_period(answers) -> str | None:
    start, void = answers.get("tenancy_start_date"), answers.get("property_void_date")
    if not start or not void:
        return None
    start, void = date.fromisoformat(start), date.fromisoformat(void)
    if void >= start.replace(year=start.year - VOID_YEARS):
        return None
    return "The void date is more than 2 years before the tenancy start date"


SOFT_CHECKS = (
    SoftCheck(
        id="net_income_value_check",
        fields=("net_income", "net_income_frequency", "person_1_economic_status"),
        check=net_income_unusual,
        summary="a net income that is unusually high or low for the lead tenant’s working "
        "situation",
    ),
    SoftCheck(
        id="retirement_value_check",
        fields=("person_1_age", "person_1_economic_status"),
        check=older_tenant_not_retired,
        summary="a lead tenant over retirement age whose working situation is not ‘Retired’",
    ),
    SoftCheck(
        id="void_date_value_check",
        fields=("property_void_date", "tenancy_start_date"),
        check=long_void_period,
        summary="a void date more than 2 years before the tenancy start date",
    ),
)
