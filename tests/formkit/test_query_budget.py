"""A question page costs a small, constant number of SQL queries, however big the record."""

import pytest

from tests.formkit.conftest import answers_from, form_state
from tests.formkit.example_journey import COMPLETE_PAYLOAD
from tests.helpers import counted_queries, sign_in

BUDGET = 5


@pytest.fixture
def big_record(owned_record):
    members = [{"member_name": f"M{n}", "member_age": n} for n in range(3)]
    answers = answers_from({**COMPLETE_PAYLOAD, "members": members, "notes": "x" * 200})
    return owned_record(answers)


# "rent" with an unusual value: the redirect to an interruption page costs nothing extra.
@pytest.mark.parametrize("key", ["age", "contact", "members/2/details", "members", "rent"])
def test_question_page_get_and_post_stay_within_budget(client, big_record, key):
    record, user = big_record
    sign_in(client, user)
    url = f"/example/{record.id}/{key}"
    state = form_state(client.get(url))

    with counted_queries() as on_get:
        assert client.get(url).status_code == 200
    assert len(on_get) <= BUDGET, on_get
    assert not any(s.lstrip().upper().startswith(("UPDATE", "INSERT")) for s in on_get)

    data = {
        "age": {"age": "50"},
        "contact": {"contact_method": "none"},
        "members/2/details": {"member_name": "New name", "member_age": "9"},
        "members": {"add_another": "no"},
        "rent": {"rent": "1500"},
    }[key]
    with counted_queries() as on_post:
        response = client.post(url, data={**state, **data})
    assert response.status_code == 302
    assert key != "rent" or "/check/rent_high?" in response.headers["Location"]
    assert len(on_post) <= BUDGET, on_post
    # The record is read once; a save must not read it back.
    assert sum("FROM form_records" in s for s in on_post) == 1, on_post


def test_the_budget_does_not_grow_with_the_record(client, owned_record):
    small, user = owned_record(answers_from({"full_name": "A"}))
    sign_in(client, user)
    small_url = f"/example/{small.id}/age"
    with counted_queries() as small_queries:
        client.get(small_url)
    members = [{"member_name": f"M{n}", "member_age": n} for n in range(3)]
    big, _ = owned_record(answers_from({**COMPLETE_PAYLOAD, "members": members}), user=user)
    big_url = f"/example/{big.id}/age"
    with counted_queries() as big_queries:
        client.get(big_url)
    assert len(small_queries) == len(big_queries)
