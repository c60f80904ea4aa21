"""Every read of case data leaves an audit row: who, which CRN, when, and what they got."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.roles import Role
from app.db_types import utcnow
from app.extensions import db
from app.probation.models import ProbationAccessAudit


def _audit():
    return db.session.scalars(select(ProbationAccessAudit).order_by(ProbationAccessAudit.id)).all()


def _outcomes():
    return [(row.crn, row.event_id, row.allowed, row.found) for row in _audit()]


def test_an_allowed_read_is_recorded_with_who_and_when(staff, make_case):
    make_case()
    before = utcnow()
    staff("GET", "/case-data/X320741/101")
    staff("GET", "/case-data/X320741/personal-details")
    first, second = _audit()
    assert (first.user_id, first.username) == (staff.user.id, staff.user.email)
    assert before - timedelta(seconds=1) <= first.read_at <= utcnow()
    assert _outcomes() == [("X320741", 101, True, True), ("X320741", None, True, True)]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/case-data/X999999/101", ("X999999", 101, True, False)),
        ("/case-data/X999999/personal-details", ("X999999", None, True, False)),
        ("/case-data/X320741/999", ("X320741", 999, True, False)),
    ],
)
def test_a_read_that_finds_nothing_is_recorded(staff, make_case, url, expected):
    make_case()
    staff("GET", url)
    assert _outcomes() == [expected]


@pytest.mark.parametrize("url", ["/case-data/X320741/101", "/case-data/X320741/personal-details"])
def test_a_refused_read_is_recorded_as_not_allowed(staff, make_case, url):
    make_case(exclusions=[{"username": staff.user.email}])
    assert staff("GET", url).status_code == 403
    [row] = _audit()
    assert (row.crn, row.allowed, row.found) == ("X320741", False, True)


def test_requests_refused_for_their_token_are_not_recorded(client, as_user, make_case):
    make_case()
    client.get("/case-data/X320741/101")
    client.get("/users/a@example.com/access/X320741")
    as_user(Role.APPLICANT)("GET", "/users/a@example.com/access/X320741")
    assert _audit() == []


def _checks():
    return [
        (row.username, row.checked_username, row.crn, row.allowed, row.found) for row in _audit()
    ]


def test_every_access_check_is_recorded_with_whom_it_asked_about(staff, partner, make_case):
    make_case()
    me = staff.user.email
    staff("GET", f"/users/{me.upper()}/access/X320741")
    staff("GET", "/users/a@example.com/access/X320741")
    partner("GET", "/users/A@Example.com/access/X999999")
    assert _checks() == [
        (me, me, "X320741", True, True),
        (me, "a@example.com", "X320741", False, True),
        (partner.user.email, "a@example.com", "X999999", True, False),
    ]
    assert {row.event_id for row in _audit()} == {None}


def test_reads_of_case_data_have_no_checked_user(staff, make_case):
    make_case()
    staff("GET", "/case-data/X320741/personal-details")
    assert [row.checked_username for row in _audit()] == [None]


def test_a_very_long_crn_is_recorded_cut_short(staff):
    staff("GET", "/case-data/" + "X" * 300 + "/personal-details")
    [row] = _audit()
    assert row.crn == "X" * 100
