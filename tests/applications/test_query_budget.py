"""A real application page costs at most five SQL queries, GET or POST, and no more for a
bigger application. The application is half-way through its route, as the page benchmark
(bench/question_page.py) measures it."""

import pytest

from app.accounts.roles import Role
from app.applications import service
from app.formkit import store
from bench import half_records
from tests.helpers import (
    QUERY_BUDGET,
    assert_page_within_query_budget,
    counted_queries,
    sign_in,
)


@pytest.fixture
def applicant(make_user):
    return make_user(Role.APPLICANT)


def application_with(listing, user, answers: dict):
    record = service.start(listing, None, owner_id=user.id).record
    store.save_answers(service.JOURNEY, record, dict(answers), record.version)
    return record


def test_a_half_way_application_page_stays_within_budget(
    client, listing, applicant, main_applicant
):
    half_way = half_records.application([main_applicant])
    record = application_with(listing, applicant, half_way.answers)
    sign_in(client, applicant)
    url = f"/applications/{record.id}/{half_way.page}"
    assert_page_within_query_budget(client, url, half_way.form)


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
    assert counts[0] == counts[1] == counts[2] <= QUERY_BUDGET, counts
