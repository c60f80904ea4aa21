"""The lettings soft checks, as functions of the answers."""

import pytest

from app.journeys.lettings_soft_checks import (
    long_void_period,
    net_income_unusual,
    older_tenant_not_retired,
)

FULL_TIME = "Full-time - 30 hours or more"


@pytest.mark.parametrize(
    ("income", "frequency", "fires"),
    [
        (142, "Weekly", True),
        (143, "Weekly", False),
        (730, "Weekly", False),
        (731, "Weekly", True),
        (3200, "Monthly", True),
        (2800, "Monthly", False),
    ],
)
def test_net_income_outside_the_usual_range(income, frequency, fires):
    answers = {
        "person_1_economic_status": FULL_TIME,
        "net_income": income,
        "net_income_frequency": frequency,
    }
    assert (net_income_unusual(answers) is not None) is fires


def test_net_income_message_names_the_range():
    message = net_income_unusual(
        {"person_1_economic_status": FULL_TIME, "net_income": 100, "net_income_frequency": "Weekly"}
    )
    assert message == (
        "Net income of £100.00 a week is lower than we usually see for a lead tenant whose "
        "working situation is ‘Full-time - 30 hours or more’ (£143 to £730 a week)"
    )


def test_net_income_check_waits_for_its_answers():
    assert net_income_unusual({"net_income": 5}) is None


@pytest.mark.parametrize(
    ("age", "status", "fires"),
    [(67, "Jobseeker", True), (66, "Jobseeker", False), (80, "Retired", False), (67, None, False)],
)
def test_lead_tenant_over_66_and_not_retired(age, status, fires):
    answers = {"person_1_age": age, "person_1_economic_status": status}
    assert (older_tenant_not_retired(answers) is not None) is fires


@pytest.mark.parametrize(
    ("void", "fires"), [("2018-05-31", True), ("2018-06-01", False), ("2020-01-01", False)]
)
def test_void_date_more_than_two_years_before_the_tenancy(void, fires):
    answers = {"tenancy_start_date": "2020-06-01", "property_void_date": void}
    assert (long_void_period(answers) is not None) is fires
