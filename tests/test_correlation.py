"""Every response carries the request's correlation id, taken from the caller or made up."""

import uuid


def test_a_callers_correlation_id_is_echoed(client):
    response = client.get("/healthcheck", headers={"x-correlation-id": "req-42.a:b"})
    assert response.headers["x-correlation-id"] == "req-42.a:b"


def test_one_is_made_up_when_there_is_none_or_it_is_unsafe(client):
    for headers in (
        {},
        {"x-correlation-id": "bad id\twith spaces"},
        {"x-correlation-id": "x" * 101},
    ):
        given = client.get("/healthcheck", headers=headers).headers["x-correlation-id"]
        assert uuid.UUID(given)


def test_api_errors_carry_it_too(client):
    response = client.get("/tenures/x", headers={"x-correlation-id": "abc"})
    assert response.status_code == 401
    assert response.headers["x-correlation-id"] == "abc"
