"""GET /healthcheck reports the app, the database and where rate limits are counted."""

import logging
import time

import pytest

from app.config import Config
from app.observability import LOGGER_NAME
from app.rate_limit_storage import MEMORY_IN_PRODUCTION, storage_kind, storage_warning
from tests.helpers import sign_in


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


def test_rate_limit_storage_is_reported(client):
    body = client.get("/healthcheck").json
    assert body["rateLimitStorage"] == "memory"
    assert "warnings" not in body  # memory:// is fine outside production


def test_production_with_limits_in_memory_warns_at_start_up_and_on_the_healthcheck(
    make_app, caplog
):
    caplog.set_level(logging.WARNING, logger=LOGGER_NAME)
    app = make_app(
        environment="production", rate_limit_storage_url="memory://", notify_api_key="set"
    )
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.getMessage() == MEMORY_IN_PRODUCTION

    response = app.test_client().get("/healthcheck")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["rateLimitStorage"] == "memory"
    assert response.json["warnings"] == [MEMORY_IN_PRODUCTION]


@pytest.mark.parametrize(
    ("environment", "url"),
    [("production", "redis://127.0.0.1:6379/0"), ("development", "memory://")],
)
def test_shared_storage_or_not_production_has_no_warning(environment, url):
    config = Config(environment=environment, rate_limit_storage_url=url)
    assert storage_warning(config) is None
    assert storage_kind(config) == url.partition(":")[0]


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


def test_the_health_check_needs_nothing_but_its_query(
    make_app, unreachable_database_url, client, make_user
):
    """A signed-in browser's session cookie does not make it load the user."""
    sign_in(client, make_user())
    gone = make_app(database_url=unreachable_database_url).test_client()
    gone.set_cookie("session", client.get_cookie("session").value)
    response = gone.get("/healthcheck")
    assert response.status_code == 503
    # The health check's own answer, not the error page of a failed attempt to load the user.
    assert response.json["database"] == "unavailable"


def test_background_work_is_reported(client):
    body = client.get("/healthcheck").json
    # The tests run tasks inline: there is no broker to ask.
    assert (body["broker"], body["brokerKind"]) == ("eager", "eager")
    assert body["oldestPendingJobSeconds"] is None


def test_the_oldest_pending_job_is_reported(app, client):
    from datetime import timedelta

    from app.db_types import utcnow
    from app.emails.models import PENDING, SENT, Email
    from app.extensions import db

    def email(status, seconds_ago):
        db.session.add(
            Email(
                id=f"{seconds_ago:032d}",
                template="password_reset",
                to_address="a@example.com",
                personalisation={"link": "x"},
                status=status,
                attempts=0,
                created_at=utcnow() - timedelta(seconds=seconds_ago),
            )
        )

    email(SENT, 900)
    email(PENDING, 90)
    email(PENDING, 30)
    db.session.commit()
    assert 89 <= client.get("/healthcheck").json["oldestPendingJobSeconds"] <= 92


@pytest.mark.parametrize(
    ("broker_url", "kind", "state"),
    [
        ("", "embedded", "ok"),
        ("redis://127.0.0.1:6379/11", "redis", "ok"),
        ("redis://127.0.0.1:1/11", "redis", "unavailable"),
    ],
)
def test_the_broker_is_asked(make_app, app, broker_url, kind, state):
    from app.extensions import db
    from app.jobs.broker import BROKER_UNAVAILABLE
    from app.jobs.celery_app import init_celery

    other = make_app(celery_task_always_eager=False, broker_url=broker_url)
    started = time.monotonic()
    try:
        response = other.test_client().get("/healthcheck")
    finally:
        init_celery(app)  # the one Celery app, configured for the tests again
    assert time.monotonic() - started < 5
    # Work waits in the database for a broker that is down: the service is still up.
    assert response.status_code == 200
    assert (response.json["broker"], response.json["brokerKind"]) == (state, kind)
    assert (BROKER_UNAVAILABLE in response.json.get("warnings", [])) == (state != "ok")
    assert "6379" not in response.get_data(as_text=True)  # never the broker's address
    with other.app_context():
        db.engine.dispose()


def test_production_without_a_notify_key_warns(make_app, caplog):
    from app.emails.notify import NO_KEY_IN_PRODUCTION

    caplog.set_level(logging.WARNING, logger=LOGGER_NAME)
    app = make_app(environment="production", rate_limit_storage_url="redis://127.0.0.1:6379/0")
    assert NO_KEY_IN_PRODUCTION in [r.getMessage() for r in caplog.records]
    response = app.test_client().get("/healthcheck")
    assert response.status_code == 200
    assert response.json["warnings"] == [NO_KEY_IN_PRODUCTION]
