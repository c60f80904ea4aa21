"""GET /healthcheck reports the app and the database."""

import time


def test_healthy(client, database_url):
    response = client.get("/healthcheck")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["app"] == "ok"
    assert response.json["database"] == "ok"
    expected_engine = "postgresql" if database_url.startswith("postgres") else "sqlite"
    assert response.json["databaseEngine"] == expected_engine


def test_database_unreachable(make_app, tmp_path):
    app = make_app(database_url=f"sqlite:///{tmp_path}/missing-directory/db.sqlite3")
    response = app.test_client().get("/healthcheck")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["database"] == "unavailable"


def test_a_database_that_never_answers_is_unavailable_within_seconds(make_app, hung_database_url):
    """It used to wait about 30 s, until gunicorn killed the worker."""
    app = make_app(database_url=hung_database_url, database_connect_timeout_seconds=2)
    started = time.monotonic()
    response = app.test_client().get("/healthcheck")
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_database_that_refuses_connections_is_unavailable(make_app, unreachable_database_url):
    started = time.monotonic()
    response = make_app(database_url=unreachable_database_url).test_client().get("/healthcheck")
    assert time.monotonic() - started < 5
    assert response.status_code == 503


def test_the_health_check_needs_nothing_but_its_query(make_app, unreachable_database_url, client):
    """A signed-in browser's session cookie does not make it load the user."""
    gone = make_app(database_url=unreachable_database_url).test_client()
    gone.set_cookie("session", "not even a signed cookie")
    assert gone.get("/healthcheck").status_code == 503
