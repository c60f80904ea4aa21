"""A real application page costs at most five SQL queries, GET or POST, and no more for a
bigger application. The application is half-way through its route, as the page benchmark
(bench/question_page.py) measures it."""

import pytest
from werkzeug.datastructures import MultiDict

from app.accounts.roles import Role
from app.applications import service
from app.formkit import store
from bench import half_records
from tests.formkit.conftest import form_state
from tests.helpers import counted_queries, sign_in

BUDGET = 5


@pytest.fixture
def applicant(make_user):
    return make_user(Role.APPLICANT)


def application_with(listing, user, answers: dict):
    record = service.start(listing, None, owner_id=user.id).record
    store.save_answers(service.JOURNEY, record, dict(answers), record.version)
    return record


def writes(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT"))]


def test_a_half_way_application_page_stays_within_budget(
    client, listing, applicant, main_applicant
):
    half_way = half_records.application([main_applicant])
    record = application_with(listing, applicant, half_way.answers)
    sign_in(client, applicant)
    url = f"/applications/{record.id}/{half_way.page}"
    state = form_state(client.get(url))

    with counted_queries() as on_get:
        response = client.get(url)
    assert response.status_code == 200
    assert len(on_get) <= BUDGET, on_get
    assert not writes(on_get), on_get

    with counted_queries() as on_post:
        response = client.post(url, data=MultiDict([*state.items(), *half_way.form]))
    assert response.status_code == 302
    assert response.headers["Location"].rstrip("/") != url
    assert len(on_post) <= BUDGET, on_post
    assert len(writes(on_post)) == 1, on_post


def test_the_budget_does_not_grow_with_the_application(
    client, listing, applicant, main_applicant, joint_applicant
):
    """The same page with one answer, half the answers, and two whole applicants."""
    half_way = half_records.application([main_applicant])
    errors = half_records.Errors()
    payload = half_records.to_journey([main_applicant, joint_applicant], {}, errors)
    complete = half_records.valid_answers(service.JOURNEY, payload)
    assert not errors
    first_key = next(iter(half_way.answers))
    sign_in(client, applicant)
    counts = []
    for answers in ({first_key: half_way.answers[first_key]}, half_way.answers, complete):
        record = application_with(listing, applicant, answers)
        url = f"/applications/{record.id}/{half_way.page}"
        client.get(url)
        with counted_queries() as statements:
            assert client.get(url).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] == counts[2] <= BUDGET, counts
