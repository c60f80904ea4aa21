"""`flask probation import FILE`: cases in the API's shape, checked whole before any is
written, and loaded again as an update rather than a duplicate."""

import json

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.probation import service
from app.probation.models import (
    ProbationAllowedUser,
    ProbationCase,
    ProbationEvent,
    ProbationExclusion,
    ProbationRestriction,
)
from tests.probation.conftest import SENTENCE


def _run(app, path):
    return app.test_cli_runner().invoke(args=["probation", "import", str(path)])


def _file(tmp_path, content, name="cases.json"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _counts() -> tuple[int, ...]:
    models = (
        ProbationCase,
        ProbationEvent,
        ProbationExclusion,
        ProbationRestriction,
        ProbationAllowedUser,
    )
    return tuple(_count(model) for model in models)


def _limited(case: dict) -> dict:
    return {
        **case,
        "exclusions": [{"username": "A@example.com", "message": "Excluded"}],
        "restriction": {"allowedUsers": ["b@example.com", "B@Example.com"], "message": "Kept"},
    }


def test_import_creates_the_cases_with_their_columns(app, tmp_path, full_case):
    second = {**full_case, "crn": "X487213", "events": [{"eventId": 202}]}
    result = _run(app, _file(tmp_path, [_limited(full_case), second]))
    assert result.exit_code == 0, result.output
    assert "Imported 2 new probation cases and updated 0." in result.output
    case = service.find_case("X320741")
    assert (case.forename, case.surname, case.date_of_birth.isoformat()) == (
        "Daniel",
        "Whitfield",
        "1989-03-14",
    )
    assert "events" not in case.data and "exclusions" not in case.data
    # One allowed user: the same address twice in different cases.
    assert _counts() == (2, 2, 1, 1, 1)


def test_importing_again_updates_rather_than_duplicates(app, tmp_path, full_case):
    path = _file(tmp_path, [_limited(full_case)])
    assert _run(app, path).exit_code == 0
    counts = _counts()
    result = _run(app, path)
    assert result.exit_code == 0
    assert "Imported 0 new probation cases and updated 1." in result.output
    assert _counts() == counts
    changed = {
        **full_case,
        "name": {"forename": "Dan", "surname": "Whitfield"},
        "events": [{"eventId": 101, "sentence": SENTENCE}, {"eventId": 102}],
    }
    assert _run(app, _file(tmp_path, [changed], "changed.json")).exit_code == 0
    case = service.find_case("X320741")
    assert case.forename == "Dan"
    assert [event.event_id for event in case.events] == [101, 102]
    # Limits the file no longer gives are gone.
    assert _counts() == (1, 2, 0, 0, 0)


def _problems(app, tmp_path, content) -> str:
    result = _run(app, _file(tmp_path, content))
    assert result.exit_code == 1
    assert _counts() == (0, 0, 0, 0, 0)
    return result.output


def test_invalid_fields_are_named_by_case_and_path_and_nothing_is_imported(
    app, tmp_path, full_case
):
    good = {**full_case, "crn": "X100001", "events": [{"eventId": 5}]}
    bad = {
        **full_case,
        "name": {"forename": "Daniel"},
        "dateOfBirth": "14/03/1989",
        "language": {"requiresInterpreter": "no", "primaryLanguage": "English"},
        "personalContacts": [{**full_case["personalContacts"][0], "startDate": None}],
        "favouriteColour": "blue",
    }
    output = _problems(app, tmp_path, [good, bad, "not a case"])
    assert "Nothing was imported" in output
    for line in (
        "Case X320741 (number 2 in the file): name.surname is required",
        "Case X320741 (number 2 in the file): dateOfBirth must be a date in the form yyyy-mm-dd",
        "Case X320741 (number 2 in the file): language.requiresInterpreter must be true or false",
        "Case X320741 (number 2 in the file): personalContacts.0.startDate is required",
        "Case X320741 (number 2 in the file): favouriteColour is not a field of this record",
        "Case number 3 in the file: the case must be an object",
    ):
        assert line in output


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"crn": "x12"}, "crn must be a capital letter and 6 digits, such as X123456"),
        ({"crn": None}, "Case number 1 in the file: crn is required"),
        ({"events": [{"eventId": 0}]}, "events.0.eventId must be a whole number above 0"),
        ({"events": [{"eventId": True}]}, "events.0.eventId must be a whole number above 0"),
        ({"exclusions": [{"username": " "}]}, "exclusions.0.username is required"),
        ({"name": {"forename": "D" * 101, "surname": "W"}}, "must be 100 characters or fewer"),
        ({"aliases": {"name": "Danny"}}, "aliases must be a list"),
    ],
)
def test_each_rule_of_the_file(app, tmp_path, full_case, changes, message):
    assert message in _problems(app, tmp_path, [{**full_case, **changes}])


def test_a_crn_or_event_given_twice_is_refused(app, tmp_path, full_case):
    twin = {**full_case, "crn": "X487213"}
    output = _problems(app, tmp_path, [full_case, full_case, twin])
    assert "crn is also the CRN of case number 1 in the file" in output
    assert "events.0.eventId 101 is also an event of case X320741 in the file" in output


def test_an_event_held_by_another_case_is_refused(app, tmp_path, full_case):
    assert _run(app, _file(tmp_path, [full_case])).exit_code == 0
    result = _run(app, _file(tmp_path, [{**full_case, "crn": "X487213"}], "other.json"))
    assert result.exit_code == 1
    assert "Case X487213: event 101 is already held as an event of case X320741" in result.output


def test_many_problems_are_cut_short(app, tmp_path, full_case):
    output = _problems(app, tmp_path, [{**full_case, "crn": 1}] * 30)
    assert "and 10 more problems" in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"crn": "X320741"}', "The file must hold a JSON array of probation cases"),
        ("[{", "is not valid JSON: Expecting property name enclosed in double quotes at line 1"),
    ],
)
def test_a_file_that_is_not_a_json_array(app, tmp_path, content, message):
    assert message in _problems(app, tmp_path, content)


def test_a_missing_file(app, tmp_path):
    result = _run(app, tmp_path / "nowhere.json")
    assert result.exit_code == 1
    assert "There is no file at" in result.output
