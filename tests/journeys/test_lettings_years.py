"""Lettings collection years: the boundaries, the crossover window and the versions they
choose, with the clock fixed."""

from datetime import date

import pytest

from app.config import Config
from app.formkit.validation import apply_payload
from app.journeys.lettings_log import LETTINGS_LOG, LETTINGS_LOG_2027, LETTINGS_LOG_VERSIONS
from app.journeys.lettings_years import CollectionYear, closed_because, year_of_log


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2027, 3, 31), "2026/27"),
        (date(2027, 4, 1), "2027/28"),
        (date(2019, 3, 12), "2018/19"),
        (date(2099, 12, 31), "2099/00"),
    ],
)
def test_a_year_runs_from_1_april_to_31_march(day, label):
    year = CollectionYear.of(day)

    assert year.label == label
    assert year.first_day <= day <= year.last_day
    assert CollectionYear.parse(label) == year


def test_a_year_is_written_like_2026_27():
    assert CollectionYear(2026).words == "2026 to 2027"
    for wrong in ("2026", "2026/28", "26/27", "2026-27"):
        with pytest.raises(ValueError, match="written like 2026/27"):
            CollectionYear.parse(wrong)


def test_the_tenancy_start_date_chooses_the_version_at_the_boundary():
    on_31_march = {"tenancy_start_date": "2027-03-31"}
    on_1_april = {"tenancy_start_date": "2027-04-01"}

    assert LETTINGS_LOG_VERSIONS.for_answers(on_31_march) is LETTINGS_LOG
    assert LETTINGS_LOG_VERSIONS.for_answers(on_1_april) is LETTINGS_LOG_2027
    # The seed's own example (2019) and every later year take their year's form.
    assert LETTINGS_LOG_VERSIONS.for_answers({"tenancy_start_date": "2019-03-12"}) is LETTINGS_LOG
    assert LETTINGS_LOG_VERSIONS.for_answers({"tenancy_start_date": "2031-06-01"}) is (
        LETTINGS_LOG_2027
    )


def test_a_log_without_a_start_date_takes_the_current_year(today):
    today(date(2027, 3, 31))
    assert year_of_log({}).label == "2026/27"
    assert LETTINGS_LOG_VERSIONS.for_answers({}) is LETTINGS_LOG

    today(date(2027, 4, 1))
    assert year_of_log({}).label == "2027/28"
    assert LETTINGS_LOG_VERSIONS.for_answers({}) is LETTINGS_LOG_2027


def test_2027_28_is_declared_as_changes_to_the_form_before():
    assert "renewal" not in LETTINGS_LOG.question_by_id
    assert LETTINGS_LOG_2027.question_by_id["renewal"].required
    training = "In government training into work, such as New Deal"
    labels = {
        o.value: o.label
        for o in LETTINGS_LOG_2027.question_by_id["person_4_economic_status"].options
    }
    assert labels[training] == "In government training into work"
    # The stored value is the same, so a 2026/27 answer still reads in 2027/28.
    before = {
        o.value: o.label for o in LETTINGS_LOG.question_by_id["person_4_economic_status"].options
    }
    assert before[training] == training
    # The void date rule is tightened: 6 years before the start is too early from 2027/28.
    dates = {"tenancy_start_date": "01/05/2027", "property_void_date": "01/05/2021"}
    assert apply_payload(LETTINGS_LOG, dates, {}).ok
    refused = apply_payload(LETTINGS_LOG_2027, dates, {})
    assert refused.errors["property_void_date"] == [
        "The void date must be no more than 5 years before the tenancy start date"
    ]


def test_with_no_configuration_every_year_is_open(app, today):
    today(date(2027, 6, 1))

    assert closed_because({"tenancy_start_date": "2019-03-12"}) is None
    assert apply_payload(LETTINGS_LOG, {"tenancy_start_date": "12/03/2019"}, {}).ok


@pytest.mark.parametrize(
    ("day", "open_labels"),
    [
        (date(2027, 3, 31), ["2026/27"]),  # the last day of a year: no crossover yet
        (date(2027, 4, 1), ["2026/27", "2027/28"]),  # the window opens with the new year
        (date(2027, 6, 30), ["2026/27", "2027/28"]),  # its last day
        (date(2027, 7, 1), ["2027/28"]),  # closed
    ],
)
def test_the_crossover_window_opens_on_1_april_and_closes_after_its_last_day(
    app, configure_open_years, today, day, open_labels
):
    configure_open_years(previous_open_until="06-30")
    today(day)

    for label in ("2025/26", "2026/27", "2027/28", "2028/29"):
        year = CollectionYear.parse(label)
        start = {"tenancy_start_date": year.first_day.isoformat()}
        if label in open_labels:
            assert closed_because(start) is None, label
        else:
            assert closed_because(start) == (
                f"This log is for the {year.words} collection year, which has closed, so it can "
                "no longer be changed"
            )


def test_a_date_in_a_closed_year_is_refused_naming_the_open_ones(app, configure_open_years, today):
    configure_open_years(previous_open_until="06-30")
    today(date(2027, 7, 1))
    refused = apply_payload(LETTINGS_LOG_2027, {"tenancy_start_date": "31/03/2027"}, {})
    assert refused.errors == {
        "tenancy_start_date": ["Enter a date within the 2027 to 2028 collection year"]
    }

    today(date(2027, 6, 30))
    refused = apply_payload(LETTINGS_LOG, {"tenancy_start_date": "12/03/2019"}, {})
    assert refused.errors == {
        "tenancy_start_date": [
            "Enter a date within the 2026 to 2027 or 2027 to 2028 collection years"
        ]
    }
    assert apply_payload(LETTINGS_LOG, {"tenancy_start_date": "01/04/2026"}, {}).ok


def test_open_years_can_be_listed(app, configure_open_years, today):
    configure_open_years(open_years="2027/28, 2026/27")
    today(date(2030, 1, 1))

    assert closed_because({"tenancy_start_date": "2026-04-01"}) is None
    assert closed_because({"tenancy_start_date": "2028-04-01"}) is not None
    # A log with no start date takes the current year, which is not open.
    assert closed_because({}) is not None


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"LETTINGS_OPEN_YEARS": "2026"}, "written like 2026/27"),
        ({"LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL": "30 June"}, "as MM-DD, such as 06-30"),
        ({"LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL": "02-30"}, "as MM-DD"),
        ({"LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL": "03-01"}, "must fall after 1 April"),
        (
            {"LETTINGS_OPEN_YEARS": "2026/27", "LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL": "06-30"},
            "not both",
        ),
    ],
)
def test_a_mistake_in_the_open_years_stops_the_start(environ, message):
    with pytest.raises(ValueError, match=message):
        Config.from_env({"APP_ENV": "development", "SECRET_KEY": "x", **environ})


def test_the_open_years_are_read_from_the_environment():
    config = Config.from_env(
        {"APP_ENV": "development", "SECRET_KEY": "x", "LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL": "06-30"}
    )
    assert config.lettings_years().on(date(2027, 5, 1)) == (
        CollectionYear(2026),
        CollectionYear(2027),
    )
    assert (
        Config.from_env({"APP_ENV": "development", "SECRET_KEY": "x"}).lettings_years().every_year
    )
