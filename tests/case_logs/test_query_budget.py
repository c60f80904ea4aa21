"""A real lettings log page costs at most five SQL queries, GET or POST, and no more for a
bigger log. The log is the seed's example half-way through its route, as the page benchmark
(bench/question_page.py) measures it."""

import pytest
from werkzeug.datastructures import MultiDict

from app.formkit import store
from app.journeys.lettings_log import LETTINGS_LOG
from bench import half_records
from tests.formkit.conftest import form_state
from tests.helpers import counted_queries, sign_in

BUDGET = 5


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


def writes(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT"))]


def test_a_half_way_log_page_stays_within_budget(client, provider, half_way):
    record = log_with(provider, half_way.answers)
    sign_in(client, provider)
    url = f"/logs/{record.id}/{half_way.page}"
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
    assert len(writes(on_post)) == 1, on_post  # the save; the record is not read back


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
    assert counts[0] == counts[1] == counts[2] <= BUDGET, counts
