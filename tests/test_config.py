"""Configuration comes from the environment, with safe defaults."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from app.config import Config, normalise_database_url
from app.extensions import db


def test_production_needs_a_secret_key():
    with pytest.raises(ValueError, match="SECRET_KEY"):
        Config.from_env({"APP_ENV": "production"})


def test_production_is_the_default_environment():
    config = Config.from_env({"SECRET_KEY": "x" * 32})
    assert config.environment == "production"
    assert config.flask_settings()["SESSION_COOKIE_SECURE"] is True


def test_unknown_environment_is_refused():
    with pytest.raises(ValueError, match="APP_ENV"):
        Config.from_env({"APP_ENV": "staging", "SECRET_KEY": "x"})


def test_default_database_is_sqlite_under_instance():
    config = Config.from_env({"APP_ENV": "development", "SECRET_KEY": "x"})
    assert config.database_url.startswith("sqlite:///")
    assert config.database_url.endswith("/instance/housing-forms.sqlite3")


def test_database_url_selects_the_database():
    config = Config.from_env({"SECRET_KEY": "x", "DATABASE_URL": "postgresql://u@db:5432/app"})
    uri = config.flask_settings()["SQLALCHEMY_DATABASE_URI"]
    assert uri == "postgresql+psycopg://u@db:5432/app"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/d", "postgresql+psycopg://u@h/d"),
        ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
        ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_urls_use_the_installed_driver(given, expected):
    assert normalise_database_url(given) == expected


def test_throttle_limits_can_be_set_from_the_environment():
    config = Config.from_env({"SECRET_KEY": "x", "SIGN_IN_MAX_FAILURES_PER_ACCOUNT": "3"})
    assert config.sign_in_max_failures_per_account == 3


def test_resend_protection_can_be_set_from_the_environment():
    config = Config.from_env(
        {
            "SECRET_KEY": "x",
            "IDEMPOTENCY_KEY_LIFETIME_HOURS": "48",
            "DUPLICATE_APPLICATION_WINDOW_MINUTES": "0",
        }
    )
    settings = config.flask_settings()
    assert settings["IDEMPOTENCY_KEY_LIFETIME"] == timedelta(hours=48)
    assert settings["DUPLICATE_APPLICATION_WINDOW"] == timedelta(0)
    assert Config().flask_settings()["DUPLICATE_APPLICATION_WINDOW"] == timedelta(minutes=5)


def test_session_limits_and_proxies_can_be_set_from_the_environment():
    defaults = Config.from_env({"SECRET_KEY": "x"})
    assert defaults.session_absolute_lifetime_hours == 24
    assert defaults.reauthenticate_after_minutes == 15
    assert defaults.trusted_proxy_count == 0
    config = Config.from_env(
        {
            "SECRET_KEY": "x",
            "SESSION_ABSOLUTE_LIFETIME_HOURS": "12",
            "REAUTHENTICATE_AFTER_MINUTES": "5",
            "TRUSTED_PROXY_COUNT": "2",
        }
    )
    assert config.session_absolute_lifetime_hours == 12
    assert config.reauthenticate_after_minutes == 5
    assert config.trusted_proxy_count == 2


def test_cookies_are_http_only_and_same_site():
    settings = Config(secret_key="x").flask_settings()
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_rate_limits_can_be_set_from_the_environment():
    config = Config.from_env(
        {
            "SECRET_KEY": "x",
            "REGISTRATION_LIMIT": "3 per day",
            "ACCOUNT_EXISTS_LIMIT": "2 per 10 minutes",
            "RATE_LIMIT_STORAGE_URL": "redis://127.0.0.1:6379/0",
            "RATE_LIMIT_KEY_PREFIX": "forms",
        }
    )
    settings = config.flask_settings()
    assert settings["REGISTRATION_LIMIT"] == "3 per day"
    assert settings["ACCOUNT_EXISTS_LIMIT"] == "2 per 10 minutes"
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert settings["RATELIMIT_KEY_PREFIX"] == "forms"


def test_a_rate_limit_that_is_not_one_stops_the_start():
    with pytest.raises(ValueError, match="REGISTRATION_LIMIT must be a rate limit"):
        Config.from_env({"SECRET_KEY": "x", "REGISTRATION_LIMIT": "ten a day"})


def test_request_size_and_database_timeouts_can_be_set_from_the_environment():
    config = Config.from_env(
        {
            "SECRET_KEY": "x",
            "DATABASE_URL": "postgresql://u@db:5432/app",
            "MAX_REQUEST_BYTES": "2048",
            "DATABASE_CONNECT_TIMEOUT_SECONDS": "3",
            "DATABASE_STATEMENT_TIMEOUT_SECONDS": "7",
            "DATABASE_POOL_TIMEOUT_SECONDS": "4",
        }
    )
    settings = config.flask_settings()
    assert settings["MAX_CONTENT_LENGTH"] == 2048
    assert settings["SQLALCHEMY_ENGINE_OPTIONS"] == {
        "pool_pre_ping": True,
        "pool_timeout": 4,
        "connect_args": {"connect_timeout": 3, "options": "-c statement_timeout=7000"},
    }


def test_the_defaults_end_a_hung_database_well_before_gunicorn_would():
    config = Config.from_env({"SECRET_KEY": "x", "DATABASE_URL": "postgresql://u@db/app"})
    assert config.flask_settings()["MAX_CONTENT_LENGTH"] == 1024 * 1024
    options = config.flask_settings()["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["connect_args"]["connect_timeout"] <= 5
    assert options["pool_timeout"] <= 5
    assert options["connect_args"]["options"] == "-c statement_timeout=20000"


def test_no_statement_timeout_sends_no_startup_option():
    config = Config.from_env(
        {
            "SECRET_KEY": "x",
            "DATABASE_URL": "postgresql://u@db/app",
            "DATABASE_STATEMENT_TIMEOUT_SECONDS": "0",
        }
    )
    connect_args = config.flask_settings()["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]
    assert connect_args == {"connect_timeout": 5}


def test_sqlite_waits_for_a_pooled_connection_no_longer_either():
    config = Config.from_env({"SECRET_KEY": "x", "DATABASE_URL": "sqlite:///x.db"})
    assert config.flask_settings()["SQLALCHEMY_ENGINE_OPTIONS"] == {"pool_timeout": 5}


def test_postgresql_applies_the_statement_timeout(app, database_url):
    if not database_url.startswith("postgres"):
        pytest.skip("PostgreSQL only: SQLite has no statement timeout")
    assert db.session.scalar(text("SHOW statement_timeout")) == "20s"


NOTIFY_KEY = "test_key-" + "1" * 36 + "-" + "2" * 36


def test_background_work_and_notify_can_be_set_from_the_environment(tmp_path):
    from app.emails.templates import EMAIL_TEMPLATES

    ids = {template.config_variable: f"id-{key}" for key, template in EMAIL_TEMPLATES.items()}
    config = Config.from_env(
        {
            "SECRET_KEY": "x",
            "BROKER_URL": "redis://127.0.0.1:6379/3",
            "CELERY_TASK_ALWAYS_EAGER": "true",
            "REQUEUE_PENDING_AFTER_MINUTES": "2",
            "JOB_RETRY_BACKOFF_SECONDS": "0.5",
            "NOTIFY_API_KEY": NOTIFY_KEY,
            "NOTIFY_BASE_URL": "http://127.0.0.1:9999",
            "NOTIFY_TIMEOUT_SECONDS": "3",
            "EMAIL_MAX_ATTEMPTS": "4",
            **ids,
        }
    )
    assert config.effective_broker_url == "redis://127.0.0.1:6379/3"
    assert config.celery_task_always_eager is True
    assert config.requeue_pending_after_minutes == 2
    assert config.job_retry_backoff_seconds == 0.5
    assert config.notify_api_key == NOTIFY_KEY
    assert config.notify_base_url == "http://127.0.0.1:9999"
    assert config.notify_timeout_seconds == 3
    assert config.email_max_attempts == 4
    assert config.notify_template_ids["password_reset"] == "id-password_reset"
    assert set(config.notify_template_ids) == set(EMAIL_TEMPLATES)


def test_the_defaults_need_no_broker_and_no_notify():
    config = Config.from_env({"SECRET_KEY": "x"})
    assert config.broker_url == ""
    assert config.effective_broker_url.startswith("embedded+sqlite:///")
    assert config.effective_broker_url.endswith("/instance/housing-forms-broker.sqlite3")
    assert config.celery_task_always_eager is False
    assert config.notify_api_key == ""
    assert config.notify_base_url == "https://api.notifications.service.gov.uk"


def test_the_embedded_broker_lives_beside_a_sqlite_database(tmp_path):
    config = Config(database_url=f"sqlite:///{tmp_path}/data.sqlite3")
    assert config.effective_broker_url == f"embedded+sqlite:///{tmp_path}/data-broker.sqlite3"
    postgres = Config(database_url="postgresql://u@h/d")
    assert postgres.effective_broker_url.endswith("/instance/broker.sqlite3")


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"NOTIFY_API_KEY": "too-short"}, "NOTIFY_API_KEY must be a whole"),
        ({"NOTIFY_API_KEY": NOTIFY_KEY}, "NOTIFY_TEMPLATE_PASSWORD_RESET"),
        ({"CELERY_TASK_ALWAYS_EAGER": "maybe"}, "CELERY_TASK_ALWAYS_EAGER must be"),
    ],
)
def test_a_notify_key_without_templates_or_a_wrong_value_stops_the_start(environ, message):
    with pytest.raises(ValueError, match=message):
        Config.from_env({"SECRET_KEY": "x", **environ})
