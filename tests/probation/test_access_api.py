"""GET /users/{username}/access/{crn}: exclusions, restrictions and their messages, asked by
the partner system (a service token); who else may ask, and about whom."""

import pytest

from app.accounts.roles import Role
from tests.probation.conftest import on

USER = "casey.officer@example.com"
EXCLUDED = "You are excluded from this case."
RESTRICTED = "This case is restricted."
# The seed's order.
ACCESS_FIELDS = ("crn", "userExcluded", "userRestricted", "exclusionMessage", "restrictionMessage")


def _access(caller, username=USER, crn="X320741"):
    response = caller("GET", f"/users/{username}/access/{crn}")
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
def test_each_limit_and_its_message(partner, make_case, limits, expected):
    make_case(**limits)
    body = _access(partner)
    assert body == expected
    assert list(body) == [key for key in ACCESS_FIELDS if key in expected]


def test_an_exclusion_of_someone_else_does_not_exclude(partner, make_case):
    make_case(exclusions=[_exclusion("someone.else@example.com")])
    assert _access(partner)["userExcluded"] is False


def test_a_restriction_with_an_empty_allow_list_restricts_everyone(partner, make_case):
    make_case(restriction=_restriction())
    assert _access(partner)["userRestricted"] is True


def test_a_user_on_the_allow_list_is_not_restricted(partner, make_case):
    make_case(restriction=_restriction(USER))
    assert _access(partner) == NEITHER


@pytest.mark.parametrize(("days", "active"), [(-1, False), (0, True), (1, True)])
def test_an_exclusion_lasts_to_the_end_of_its_end_date(partner, make_case, days, active):
    make_case(exclusions=[_exclusion(end=on(days))])
    assert _access(partner)["userExcluded"] is active


@pytest.mark.parametrize(("days", "active"), [(-1, False), (0, True), (1, True)])
def test_a_restriction_lasts_to_the_end_of_its_end_date(partner, make_case, days, active):
    make_case(restriction=_restriction(end=on(days)))
    assert _access(partner)["userRestricted"] is active


def test_an_ended_exclusion_beside_an_active_one_still_excludes(partner, make_case):
    make_case(exclusions=[_exclusion(end=on(-30), message="old"), _exclusion(message="new")])
    assert _access(partner)["exclusionMessage"] == "new"


def test_an_unknown_crn_is_neither(partner, make_case):
    make_case(exclusions=[_exclusion()], restriction=_restriction())
    assert _access(partner, crn="X999999") == {
        "crn": "X999999",
        "userExcluded": False,
        "userRestricted": False,
    }


def test_usernames_match_ignoring_case(partner, make_case):
    make_case(
        exclusions=[_exclusion("Casey.Officer@Example.COM")],
        restriction=_restriction("CASEY.OFFICER@example.com"),
    )
    assert _access(partner, username="casey.OFFICER@example.com")["userExcluded"] is True
    assert _access(partner, username="casey.OFFICER@example.com")["userRestricted"] is False
    assert _access(partner, username="other@example.com")["userRestricted"] is True


def test_limits_without_messages_leave_the_messages_out(partner, make_case):
    make_case(exclusions=[_exclusion(message=None)], restriction=_restriction(message=None))
    body = _access(partner)
    assert body == {"crn": "X320741", "userExcluded": True, "userRestricted": True}


# -- who may ask about whom ---------------------------------------------------------------------

REFUSED = {"error": "You can only check your own access to a case"}


@pytest.mark.parametrize("role", [Role.DATA_PROVIDER, Role.DATA_COORDINATOR])
@pytest.mark.parametrize("crn", ["X320741", "X999999"])
def test_staff_may_not_ask_about_another_user(as_user, make_case, other_organisation, role, crn):
    make_case(exclusions=[_exclusion()], restriction=_restriction())
    for org in (None, other_organisation):
        response = as_user(role, org=org)("GET", f"/users/{USER}/access/{crn}")
        # The same answer for a limited case and for one we do not hold: no oracle.
        assert response.status_code == 403
        assert response.json == REFUSED


def test_a_user_may_ask_about_themselves_in_any_case(as_user, make_user, make_case):
    me = as_user(user=make_user(Role.DATA_PROVIDER, email=USER))
    make_case(exclusions=[_exclusion()], restriction=_restriction())
    body = _access(me, username="Casey.Officer@EXAMPLE.com")
    assert body == {**NEITHER, **EXCLUSION, **RESTRICTION}


def test_support_may_ask_about_anyone(as_user, make_case):
    make_case(exclusions=[_exclusion()])
    assert _access(as_user(Role.SUPPORT)) == {**NEITHER, **EXCLUSION}


def test_only_the_service_token_of_a_user_may_ask_about_others(as_user, partner, make_case):
    make_case(exclusions=[_exclusion()])
    personal = as_user(user=partner.user)
    assert personal("GET", f"/users/{USER}/access/X320741").json == REFUSED
    assert _access(partner) == {**NEITHER, **EXCLUSION}
