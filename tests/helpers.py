"""Helpers for tests that drive pages the way a browser does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from bs4 import BeautifulSoup
from sqlalchemy import event
from werkzeug.datastructures import MultiDict

PASSWORD = "correct horse battery staple"


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def csrf_token_from(response) -> str:
    field = page(response).find("input", attrs={"name": "csrf_token"})
    assert field is not None, "the page has no form with a CSRF token"
    return field["value"]


def submit_form(client, url: str, data: dict, **kwargs):
    """Load the page at `url` as a browser would, then post its form with `data`."""
    token = csrf_token_from(client.get(url))
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


def error_summary(soup: BeautifulSoup) -> list[str]:
    summary = soup.select_one(".govuk-error-summary")
    return [] if summary is None else [a.get_text(strip=True) for a in summary.select("li a")]


def field_error(soup: BeautifulSoup, field_id: str) -> str | None:
    message = soup.select_one(f"#{field_id}-error")
    if message is None:
        return None
    return re.sub(r"^Error:\s*", "", message.get_text(strip=True))


def sign_in(client, user, password: str = PASSWORD):
    response = submit_form(client, "/sign-in", {"email": user.email, "password": password})
    assert response.status_code == 302, "sign-in failed"
    return response


def sign_out(client):
    """Sign out as the header's button does: a POST with a CSRF token from a page."""
    token = csrf_token_from(client.get("/sign-out", follow_redirects=True))
    return client.post("/sign-out", data={"csrf_token": token})


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """The SQL statements sent to the database inside the block."""
    from app.extensions import db

    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


QUERY_BUDGET = 5  # SQL statements a question page may send, GET or POST, whatever the record


def writes(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT"))]


def assert_page_within_query_budget(client, url: str, form: list) -> None:
    """A question page, shown and then saved with `form`, each within QUERY_BUDGET statements:
    the GET writes nothing and the POST writes once (the save; the record is not read back)."""
    from tests.formkit.conftest import form_state

    state = form_state(client.get(url))
    with counted_queries() as on_get:
        response = client.get(url)
    assert response.status_code == 200
    assert len(on_get) <= QUERY_BUDGET, on_get
    assert not writes(on_get), on_get

    with counted_queries() as on_post:
        response = client.post(url, data=MultiDict([*state.items(), *form]))
    assert response.status_code == 302
    assert response.headers["Location"].rstrip("/") != url
    assert len(on_post) <= QUERY_BUDGET, on_post
    assert len(writes(on_post)) == 1, on_post
