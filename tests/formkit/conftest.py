"""Fixtures for driving the example journey through the engine and the web runner."""

import pytest

from app.accounts.tokens import create_token
from app.formkit import store
from app.formkit.validation import apply_payload
from tests.formkit.example_journey import COMPLETE_PAYLOAD, EXAMPLE
from tests.helpers import csrf_token_from, page


def answers_from(payload: dict, base: dict | None = None) -> dict:
    outcome = apply_payload(EXAMPLE, payload, base or {})
    assert outcome.ok, outcome.errors
    return outcome.answers


@pytest.fixture
def complete_answers():
    return answers_from(COMPLETE_PAYLOAD)


@pytest.fixture
def new_record(client):
    """Start a record as a signed-out user through the web; returns its id."""

    def start() -> int:
        token = csrf_token_from(client.get("/"))
        response = client.post("/example/new", data={"csrf_token": token})
        assert response.status_code == 302
        return int(response.headers["Location"].strip("/").split("/")[-1])

    return start


@pytest.fixture
def owned_record(app, make_user):
    """A record owned by a new user, holding the given answers."""

    def build(answers: dict | None = None, user=None):
        user = user or make_user()
        record = store.create_record(EXAMPLE, owner_id=user.id)
        if answers:
            store.save_answers(EXAMPLE, record, answers, record.version)
        return record, user

    return build


@pytest.fixture
def api(client, make_user):
    user = make_user()
    _, value = create_token(user)
    headers = {"Authorization": f"Bearer {value}"}

    def call(method, url, json=None, extra=None):
        return client.open(url, method=method, json=json, headers={**headers, **(extra or {})})

    call.user = user
    return call


def form_state(response) -> dict:
    soup = page(response)
    version = soup.select_one('input[name="_version"]')
    return {
        "csrf_token": csrf_token_from(response),
        "_version": version["value"] if version else "",
    }


def post_page(client, url: str, data: dict, **kwargs):
    """Load a page as a browser does, then send its form with `data`."""
    state = form_state(client.get(url))
    return client.post(url, data={**state, **data}, **kwargs)


def change_links(soup) -> dict[str, str]:
    """A page's Change links, by the row's key."""
    return {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__actions a"
        )["href"]
        for row in soup.select(".govuk-summary-list__row")
    }


def stacked_with_reveal(radios) -> list:
    """The children of a `.govuk-radios` whose first option reveals a question: stacked, not
    inline, with the reveal right under its option. The option, the reveal, the other option."""
    assert "govuk-radios--inline" not in radios["class"]
    children = [child for child in radios.find_all(recursive=False) if child.name]
    assert [child["class"][0] for child in children] == [
        "govuk-radios__item",
        "govuk-radios__conditional",
        "govuk-radios__item",
    ]
    return children
