"""Idempotency-Key (app/api/idempotency.py), through POST /case_logs: a resend with the same
key and body gets the first answer and creates nothing more; the key is checked, kept per
user, forgotten after an error, and expires."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.roles import Role
from app.api.idempotency import BAD_KEY, IN_PROGRESS, KEY_REUSED, IdempotencyKey
from app.api.openapi import document
from app.case_logs import api as case_logs
from app.extensions import db
from app.formkit.models import FormRecord
from tests.api.test_openapi import API_PATHS, conforms, openapi_path

KEY = "5f0c6a52-8a0e-4c7e-9d0b-3f1c2b7e9a10"


@pytest.fixture
def staff(as_user):
    return as_user(Role.DATA_PROVIDER)


def create(staff, answers=None, key=KEY):
    headers = {} if key is None else {"Idempotency-Key": key}
    return staff("POST", "/case_logs", answers or {"person_1_age": 30}, headers=headers)


def logs() -> int:
    return db.session.scalar(select(func.count()).select_from(FormRecord))


def keys() -> list[IdempotencyKey]:
    return db.session.scalars(select(IdempotencyKey).order_by(IdempotencyKey.id)).all()


def age(by: timedelta, **where) -> None:
    """Make the matching keys older."""
    for row in db.session.scalars(select(IdempotencyKey).filter_by(**where)):
        row.created_at -= by
    db.session.commit()


def test_the_same_key_and_body_gives_the_first_answer_again(staff):
    first = create(staff)
    again = create(staff)

    assert first.status_code == again.status_code == 201
    assert again.json == first.json
    assert (
        again.headers["Location"] == first.headers["Location"] == f"/case_logs/{first.json['id']}"
    )
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert logs() == 1
    conforms(again, "/case_logs", "post")


def test_without_a_key_every_request_creates(staff):
    create(staff, key=None)
    create(staff, key=None)

    assert logs() == 2
    assert keys() == []


def test_the_same_key_with_another_body_is_422(staff):
    create(staff)
    response = create(staff, {"person_1_age": 31})

    assert response.status_code == 422
    assert response.json == {"error": KEY_REUSED}
    assert logs() == 1
    conforms(response, "/case_logs", "post")


def test_keys_are_each_users_own(staff, as_user):
    colleague = as_user(Role.DATA_PROVIDER, org=staff.user.organisation)
    mine = create(staff)
    theirs = create(colleague)

    assert theirs.status_code == 201
    assert "Idempotent-Replayed" not in theirs.headers
    assert theirs.json["id"] != mine.json["id"]
    assert logs() == 2


@pytest.mark.parametrize(
    "key",
    ["", "x" * 256, "two words", "caf\u00e9", "tab\there"],
    ids=["empty", "too long", "space", "not ASCII", "control character"],
)
def test_a_bad_key_is_400_and_nothing_is_created(staff, key):
    response = create(staff, key=key)

    assert response.status_code == 400
    assert response.json == {"error": BAD_KEY}
    assert logs() == 0
    conforms(response, "/case_logs", "post")


def test_the_longest_key_is_taken(staff):
    assert create(staff, key="k" * 255).status_code == 201
    assert create(staff, key="k" * 255).headers["Idempotent-Replayed"] == "true"


def test_an_error_is_not_kept_so_the_key_can_be_sent_again(staff):
    refused = create(staff, {"person_1_age": 300})
    corrected = create(staff, {"person_1_age": 30})

    assert refused.status_code == 422
    assert corrected.status_code == 201
    assert "Idempotent-Replayed" not in corrected.headers
    assert logs() == 1


def test_a_request_that_crashes_releases_its_key(staff, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patched:
        patched.setattr(case_logs.store, "create_record", crash)
        assert create(staff).status_code == 500

    assert keys() == []
    assert create(staff).status_code == 201


def still_running(staff) -> None:
    """A request with KEY, as if its worker had not answered yet."""
    create(staff)
    for row in keys():
        row.response_status = row.response_body = row.response_headers = None
    db.session.commit()


def test_a_key_still_in_progress_is_409(staff):
    still_running(staff)

    response = create(staff)

    assert response.status_code == 409
    assert response.json == {"error": IN_PROGRESS}
    assert response.headers["Retry-After"] == "1"
    assert logs() == 1
    conforms(response, "/case_logs", "post")


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over(staff):
    still_running(staff)
    age(timedelta(minutes=3))

    response = create(staff)

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response.headers


def test_a_key_older_than_its_lifetime_is_ignored_and_removed(staff, as_user):
    create(staff)
    create(as_user(Role.DATA_PROVIDER), key="someone-elses")
    age(timedelta(hours=24, minutes=1))
    create(staff, key="a-new-key")

    reused = create(staff, {"person_1_age": 45})

    assert reused.status_code == 201
    assert "Idempotent-Replayed" not in reused.headers
    assert logs() == 4
    # The expired key of the other user went when a new key was claimed.
    assert [row.key for row in keys()] == ["a-new-key", KEY]


def test_the_lifetime_is_configurable(staff, app, monkeypatch):
    monkeypatch.setitem(app.config, "IDEMPOTENCY_KEY_LIFETIME", timedelta(hours=1))
    create(staff)
    age(timedelta(hours=2))

    assert create(staff, {"person_1_age": 45}).status_code == 201


def test_every_operation_that_takes_a_key_documents_it(app):
    paths = document()["paths"]
    taking, documented = set(), set()
    # (The test app adds an example journey's API, which the service's document leaves out.)
    for rule in app.url_map.iter_rules():
        if API_PATHS.match(rule.rule) and openapi_path(rule.rule) in paths:
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                op = paths[openapi_path(rule.rule)][method.lower()]
                names = {parameter["name"] for parameter in op.get("parameters", [])}
                if getattr(app.view_functions[rule.endpoint], "takes_idempotency_key", False):
                    taking.add((method, rule.rule))
                if "Idempotency-Key" in names:
                    documented.add((method, rule.rule))
                    assert {"409", "422"} <= set(op["responses"])

    assert (
        taking
        == documented
        == {
            ("POST", "/case_logs"),
            ("PUT", "/api/rest/portal/profile/assessment"),
            ("POST", "/api/rest/portal/profile/assessment"),
            ("POST", "/api/rest/portal/assessment"),
        }
    )
