"""GET /users/{username}/access/{crn}: exclusions, restrictions and their messages."""

import pytest

from tests.probation.conftest import on

USER = "casey.officer@example.com"
EXCLUDED = "You are excluded from this case."
RESTRICTED = "This case is restricted."
# The seed's order.
ACCESS_FIELDS = ("crn", "userExcluded", "userRestricted", "exclusionMessage", "restrictionMessage")


def _access(staff, username=USER, crn="X320741"):
    response = staff("GET", f"/users/{username}/access/{crn}")
    assert response.status_code == 200
    return response.json


def _exclusion(username=USER, end=None, message=EXCLUDED):
    exclusion = {"username": username, "message": message}
    return exclusion if end is None else {**exclusion, "endDate": end}


def _restriction(*allowed, end=None, message=RESTRICTED):
    restriction = {"allowedUsers": list(allowed), "message": message}
    return restriction if end is None else {**restriction, "endDate": end}


NEITHER = {"crn": "X320741", "userExcluded": False, "userRestricted": False}
EXCLUSION = {"userExcluded": True, "exclusionMessage": EXCLUDED}
RESTRICTION = {"userRestricted": True, "restrictionMessage": RESTRICTED}


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        ({}, NEITHER),
        ({"exclusions": [_exclusion()]}, {**NEITHER, **EXCLUSION}),
        ({"restriction": _restriction("someone.else@example.com")}, {**NEITHER, **RESTRICTION}),
        (
            {"exclusions": [_exclusion()], "restriction": _restriction()},
            {**NEITHER, **EXCLUSION, **RESTRICTION},
        ),
    ],
    ids=["neither", "excluded only", "restricted only", "both"],
)
def test_each_limit_and_its_message(staff, make_case, limits, expected):
    make_case(**limits)
    body = _access(staff)
    assert body == expected
    assert list(body) == [key for key in ACCESS_FIELDS if key in expected]


def test_an_exclusion_of_someone_else_does_not_exclude(staff, make_case):
    make_case(exclusions=[_exclusion("someone.else@example.com")])
    assert _access(staff)["userExcluded"] is False


def test_a_restriction_with_an_empty_allow_list_restricts_everyone(staff, make_case):
    make_case(restriction=_restriction())
    assert _access(staff)["userRestricted"] is True


def test_a_user_on_the_allow_list_is_not_restricted(staff, make_case):
    make_case(restriction=_restriction(USER))
    assert _access(staff) == NEITHER


@pytest.mark.parametrize(("days", "active"), [(-1, False), (0, True), (1, True)])
def test_an_exclusion_lasts_to_the_end_of_its_end_date(staff, make_case, days, active):
    make_case(exclusions=[_exclusion(end=on(days))])
    assert _access(staff)["userExcluded"] is active


@pytest.mark.parametrize(("days", "active"), [(-1, False), (0, True), (1, True)])
def test_a_restriction_lasts_to_the_end_of_its_end_date(staff, make_case, days, active):
    make_case(restriction=_restriction(end=on(days)))
    assert _access(staff)["userRestricted"] is active


def test_an_ended_exclusion_beside_an_active_one_still_excludes(staff, make_case):
    make_case(exclusions=[_exclusion(end=on(-30), message="old"), _exclusion(message="new")])
    assert _access(staff)["exclusionMessage"] == "new"


def test_an_unknown_crn_is_neither(staff, make_case):
    make_case(exclusions=[_exclusion()], restriction=_restriction())
    assert _access(staff, crn="X999999") == {
        "crn": "X999999",
        "userExcluded": False,
        "userRestricted": False,
    }


def test_usernames_match_ignoring_case(staff, make_case):
    make_case(
        exclusions=[_exclusion("Casey.Officer@Example.COM")],
        restriction=_restriction("CASEY.OFFICER@example.com"),
    )
    assert _access(staff, username="casey.OFFICER@example.com")["userExcluded"] is True
    assert _access(staff, username="casey.OFFICER@example.com")["userRestricted"] is False
    assert _access(staff, username="other@example.com")["userRestricted"] is True


def test_limits_without_messages_leave_the_messages_out(staff, make_case):
    make_case(exclusions=[_exclusion(message=None)], restriction=_restriction(message=None))
    body = _access(staff)
    assert body == {"crn": "X320741", "userExcluded": True, "userRestricted": True}
