"""A real lettings log page costs at most five SQL queries, GET or POST, and no more for a
bigger log. The log is the seed's example half-way through its route, as the page benchmark
(bench/question_page.py) measures it."""

import pytest

from app.formkit import store
from app.journeys.lettings_log import LETTINGS_LOG
from bench import half_records
from tests.helpers import (
    QUERY_BUDGET,
    assert_page_within_query_budget,
    counted_queries,
    sign_in,
)


@pytest.fixture
def half_way(valid_example):
    return half_records.lettings_log(valid_example)


@pytest.fixture
def provider(make_user):
    from app.accounts.roles import Role

    return make_user(Role.DATA_PROVIDER)


def log_with(user, answers: dict):
    return store.create_record(
        LETTINGS_LOG, dict(answers), owner_id=user.id, organisation_id=user.organisation_id
    )


def test_a_half_way_log_page_stays_within_budget(client, provider, half_way):
    record = log_with(provider, half_way.answers)
    sign_in(client, provider)
    url = f"/logs/{record.id}/{half_way.page}"
    assert_page_within_query_budget(client, url, half_way.form)


def test_the_budget_does_not_grow_with_the_log(client, provider, half_way, valid_example):
    """The same page of a log with one answer, half its answers and every answer."""
    complete = half_records.valid_answers(
        LETTINGS_LOG, {**valid_example, **half_records.OFFERED_INSTEAD}
    )
    first_key = next(iter(half_way.answers))
    sign_in(client, provider)
    counts = []
    for answers in ({first_key: half_way.answers[first_key]}, half_way.answers, complete):
        record = log_with(provider, answers)
        url = f"/logs/{record.id}/{half_way.page}"
        client.get(url)  # the same warm state for each: nothing cached for one log only
        with counted_queries() as statements:
            assert client.get(url).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] == counts[2] <= QUERY_BUDGET, counts
