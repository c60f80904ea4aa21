"""Error pages for people, JSON errors for API clients, and never a stack trace."""

import json
import logging
import time

import pytest
from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.accounts.models import Organisation
from app.accounts.roles import Role
from app.extensions import db
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


# -- the database: failed transactions, and a database that is gone ---------------------------


@pytest.fixture
def database_app(make_app):
    app = make_app()

    @app.get("/flush-fails")
    def flush_fails():
        """A failed statement, with the signed-in user not yet loaded: the session can do
        nothing more until it is rolled back."""
        db.session.add(Organisation(name=None, provider_type="x"))
        db.session.flush()

    @app.get("/flush-fails-then-404")
    def flush_fails_then_404():
        try:
            flush_fails()
        except IntegrityError:
            abort(404)

    @app.get("/api/flush-fails")
    def api_flush_fails():
        flush_fails()

    return app


def signed_in_client(app, user):
    client = app.test_client()
    sign_in(client, user)
    return client


def test_an_error_after_a_failed_statement_still_gets_its_page_and_log_line(
    database_app, make_user, caplog
):
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    client = signed_in_client(database_app, make_user(Role.DATA_PROVIDER))
    response = client.get("/flush-fails")
    assert response.status_code == 500
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    reference = soup.select_one("#error-reference strong").get_text()
    [line] = [r for r in caplog.records if r.getMessage() == "request" and r.status == 500]
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert error.reference == reference
    assert line.route == "/flush-fails"


def test_an_http_error_after_a_failed_statement_gets_its_page(database_app, make_user):
    client = signed_in_client(database_app, make_user(Role.DATA_PROVIDER))
    response = client.get("/flush-fails-then-404")
    assert response.status_code == 404
    assert page(response).h1.get_text(strip=True) == "Page not found"


def test_an_api_error_after_a_failed_statement_is_json(database_app):
    response = database_app.test_client().get("/api/flush-fails")
    assert response.status_code == 500
    assert len(response.json["reference"]) == 8


def test_a_signed_in_user_gets_the_unavailable_page_when_the_database_is_gone(
    client, make_user, make_app, unreachable_database_url, caplog
):
    """The error page used to load the user again, and fail again: Flask's bare page."""
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    sign_in(client, make_user(Role.DATA_PROVIDER))
    gone = make_app(database_url=unreachable_database_url).test_client()
    gone.set_cookie("session", client.get_cookie("session").value)

    response = gone.get("/logs/")
    assert response.status_code == 503
    soup = page(response)
    assert soup.title.get_text() == "Sorry, the service is unavailable – Housing forms – GOV.UK"
    assert soup.h1.get_text(strip=True) == "Sorry, the service is unavailable"
    reference = soup.select_one("#error-reference strong").get_text()
    # Signed in, but not known to this request: neither their links nor "Sign in".
    assert soup.select(".govuk-service-navigation__item") == []
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert error.reference == reference
    [line] = [r for r in caplog.records if r.getMessage() == "request" and r.route == "/logs/"]
    assert line.status == 503


def test_an_api_client_gets_503_json_when_the_database_is_gone(
    as_user, make_app, unreachable_database_url
):
    staff = as_user(Role.DATA_PROVIDER)
    gone = make_app(database_url=unreachable_database_url).test_client()
    response = gone.get("/case_logs", headers=staff.headers)
    assert response.status_code == 503
    assert response.json["error"] == "Sorry, the service is unavailable. Try again later"
    assert len(response.json["reference"]) == 8
    assert response.headers["Cache-Control"] == "no-store"


def test_a_signed_out_page_gets_the_unavailable_page_when_the_database_is_gone(
    make_app, unreachable_database_url
):
    gone = make_app(database_url=unreachable_database_url).test_client()
    response = gone.get("/sign-in")
    assert response.status_code == 200  # needs no database
    response = gone.post("/api/rest/portal/login", json={"email": "a@b.c", "password": "x"})
    assert response.status_code == 503


@pytest.fixture
def outage_app(make_app, take_database_down):
    app = make_app()

    @app.get("/database-goes-down")
    @login_required
    def database_goes_down():
        assert current_user.role  # loaded by this request
        db.session.commit()  # its connection goes back to the pool, which is then dropped
        take_database_down(db.engine)
        db.session.execute(text("SELECT 1"))

    return app


def test_a_user_loaded_before_the_database_went_down_keeps_their_layout(outage_app, make_user):
    client = signed_in_client(outage_app, make_user(Role.DATA_PROVIDER))
    response = client.get("/database-goes-down")
    assert response.status_code == 503
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "Sorry, the service is unavailable"
    links = [a.get_text(strip=True) for a in soup.select(".govuk-service-navigation__link")]
    assert "Lettings logs" in links and "Sign in" not in links


def test_a_hung_database_gives_the_unavailable_page_within_seconds(
    client, make_user, make_app, hung_database_url
):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    hung = make_app(database_url=hung_database_url, database_connect_timeout_seconds=2)
    browser = hung.test_client()
    browser.set_cookie("session", client.get_cookie("session").value)
    started = time.monotonic()
    response = browser.get("/logs/")
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert page(response).h1.get_text(strip=True) == "Sorry, the service is unavailable"


def test_an_error_page_that_cannot_render_is_still_an_answer(make_app, monkeypatch):
    app = make_app()

    @app.get("/boom")
    def boom():
        raise RuntimeError("first")

    def broken(*args, **kwargs):
        raise RuntimeError("the template failed too")

    monkeypatch.setattr("app.errors.render_template", broken)
    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service. Reference: " in response.get_data(
        as_text=True
    )


def test_a_signed_in_user_keeps_their_navigation_on_a_page_not_found(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    response = client.get("/no-such-page")
    assert response.status_code == 404
    links = [
        a.get_text(strip=True) for a in page(response).select(".govuk-service-navigation__link")
    ]
    assert "Lettings logs" in links and "Sign in" not in links
