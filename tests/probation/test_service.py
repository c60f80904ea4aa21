"""The domain interface other parts of the service use: find_case, access_for, record_access."""

from datetime import date

from app.probation import service
from app.probation.service import CaseAccess
from tests.probation.conftest import on


def test_find_case_gives_what_a_lettings_log_can_be_filled_from(make_case):
    make_case()
    case = service.find_case("X320741")
    assert case.date_of_birth == date(1989, 3, 14)
    assert case.gender == "Male"
    assert case.ethnicity.startswith("White")
    assert case.disabilities[0]["condition"]["description"] == "Dyslexia"
    assert case.latest_release_date == date(2025, 9, 2)
    assert case.released_from_prison is True
    assert service.find_case("X999999") is None


def test_release_comes_only_from_custodial_events_already_released(make_case):
    make_case(
        events=[
            {"eventId": 1, "custodial": True, "releaseDate": on(30)},
            {"eventId": 2, "custodial": False, "releaseDate": on(-30)},
            {"eventId": 3, "custodial": True},
        ]
    )
    case = service.find_case("X320741")
    assert case.latest_release_date is None
    assert case.released_from_prison is False


def test_a_case_without_disabilities_has_an_empty_list(make_case):
    make_case(disabilities=None)
    assert service.find_case("X320741").disabilities == []


def test_an_access_is_denied_when_the_user_is_excluded_or_restricted():
    assert not CaseAccess("X1").denied
    assert CaseAccess("X1", user_excluded=True).denied
    assert CaseAccess("X1", user_restricted=True).denied


def test_access_for_checks_on_the_date_given(make_case):
    make_case(exclusions=[{"username": "a@example.com", "endDate": "2026-01-31"}])
    assert service.access_for("a@example.com", "X320741", today=date(2026, 1, 31)).user_excluded
    assert not service.access_for("a@example.com", "X320741", today=date(2026, 2, 1)).denied


def test_record_access_writes_one_row(staff):
    entry = service.record_access(staff.user, "X320741", allowed=False, event_id=3)
    assert entry.id is not None and entry.read_at is not None
    assert (entry.user_id, entry.username, entry.crn, entry.event_id) == (
        staff.user.id,
        staff.user.email,
        "X320741",
        3,
    )
    assert (entry.allowed, entry.found) == (False, True)
