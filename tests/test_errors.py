"""Error pages for people, JSON errors for API clients, and never a stack trace."""

import json
import logging

import pytest
from flask import abort

from app.accounts.roles import Role
from app.observability import LOGGER_NAME, JsonFormatter
from tests.helpers import page, sign_in


def test_not_found_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    soup = page(response)
    assert soup.title.get_text() == "Page not found – Housing forms – GOV.UK"
    assert soup.h1.get_text(strip=True) == "Page not found"


def test_forbidden_page(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    response = client.get("/manage-users/")
    assert response.status_code == 403
    assert page(response).h1.get_text(strip=True) == "You do not have permission to view this page"


def test_api_not_found_is_json(client):
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.is_json
    assert response.json == {"error": "Not found"}


def test_api_wrong_method_is_json_with_allow_header(client):
    response = client.post("/api/me")
    assert response.status_code == 405
    assert response.json == {"error": "Method not allowed"}
    assert "GET" in response.headers["Allow"]


def test_json_clients_get_json_errors_anywhere(client):
    response = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json == {"error": "Not found"}


@pytest.fixture
def failing_app(make_app):
    app = make_app()

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    @app.get("/api/boom")
    def api_boom():
        raise RuntimeError("secret internal detail")

    @app.get("/teapot")
    def teapot():
        abort(418)

    return app


def test_unexpected_error_shows_the_service_problem_page(failing_app, caplog):
    response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in body
    assert "secret internal detail" not in body
    assert "Traceback" not in body
    assert "secret internal detail" in caplog.text  # but it is logged for us


def test_the_error_is_logged_with_its_traceback_under_the_reference_shown(failing_app, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    response = failing_app.test_client().get("/boom")
    reference = page(response).select_one("#error-reference strong").get_text()
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    line = json.loads(JsonFormatter().format(error))
    assert line["reference"] == reference
    assert line["route"] == "/boom"
    assert "RuntimeError: secret internal detail" in line["traceback"]


def test_unexpected_api_error_is_json(failing_app):
    response = failing_app.test_client().get("/api/boom")
    assert response.status_code == 500
    assert response.json["error"] == "Something went wrong. Try again later"
    assert len(response.json["reference"]) == 8


def test_other_http_errors_get_a_generic_govuk_page(failing_app):
    response = failing_app.test_client().get("/teapot")
    assert response.status_code == 418
    assert "Sorry, there is a problem" in page(response).h1.get_text()
