"""Nothing that can hold personal data is kept in a cache: every API answer, error or not,
carries `Cache-Control: no-store`, as do pages and CSV exports. Only the assets under /assets
say how long they may be kept."""

from __future__ import annotations

import pytest

from app.accounts.roles import Role
from tests.api.operations import Records, ids, operations
from tests.helpers import sign_in
from tests.listings.conftest import (  # noqa: F401 (fixtures the records are made with)
    listing,
    make_development,
    make_listing,
    make_property,
)
from tests.probation.conftest import full_case, make_case  # noqa: F401 (fixtures, as above)


@pytest.fixture
def records(request, as_user) -> Records:
    return Records(request, as_user)


@pytest.mark.parametrize("operation", operations(), ids=ids)
def test_every_api_answer_says_no_store(records, operation):
    caller = records.caller(operation.caller)
    body = {} if operation.body_schema is not None else None
    response = caller(operation.method, operation.url(records.values(operation)), json=body)
    assert response.status_code < 500
    assert response.headers["Cache-Control"] == "no-store", response.status_code


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/api/me"),  # refused: no token
        ("GET", "/case_logs/1"),
        ("POST", "/api/rest/portal/login"),
        ("GET", "/api/no-such-thing"),
    ],
)
def test_api_errors_say_no_store_too(client, method, url):
    response = client.open(url, method=method, json={"email": "a@b.c", "password": "x"})
    assert 400 <= response.status_code < 500
    assert response.headers["Cache-Control"] == "no-store"


def test_csv_exports_say_no_store(client, make_user):
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    for url in ("/logs/download.csv", "/manage-applications/download.csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == "text/csv"
        assert response.headers["Cache-Control"] == "no-store", url


def test_assets_keep_their_own_caching(client):
    response = client.get("/assets/app/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers["Cache-Control"]
    assert "max-age" in response.headers["Cache-Control"]
