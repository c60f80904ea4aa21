"""The demo cases: in the import format, with an exclusion and a restriction on demo users."""

from sqlalchemy import func, select

from app.demo import DEMO_USERS
from app.extensions import db
from app.probation import service
from app.probation.demo import load_demo_cases
from app.probation.models import ProbationCase


def test_the_demo_cases_load_and_load_again(app):
    first = load_demo_cases()
    assert first.created >= 4
    again = load_demo_cases()
    assert (again.created, again.updated) == (0, first.created)
    assert db.session.scalar(select(func.count()).select_from(ProbationCase)) == first.created


def test_the_demo_limits_name_demo_users(app):
    load_demo_cases()
    users = {user.email for user in DEMO_USERS}
    assert {"coordinator@example.com", "provider@example.com", "support@example.com"} <= users
    excluded = service.access_for("Coordinator@example.com", "X487213")
    assert excluded.user_excluded and not excluded.user_restricted
    assert not service.access_for("provider@housing-association.example.com", "X487213").denied
    assert service.access_for("provider@example.com", "X615092").user_restricted
    assert not service.access_for("support@example.com", "X615092").denied
    assert not service.access_for("coordinator@housing-association.example.com", "X615092").denied


def test_demo_load_loads_the_cases(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert service.find_case("X320741").released_from_prison
