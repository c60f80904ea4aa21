"""Configuration, read from environment variables in this one place.

`Config.from_env()` is what `wsgi.py` uses; tests build their own `Config`.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = ROOT / "instance"

ENVIRONMENTS = ("development", "test", "production")


def normalise_database_url(url: str) -> str:
    """Point plain PostgreSQL URLs at the psycopg 3 driver that we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def default_database_url() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'housing-forms.sqlite3'}"


def embedded_broker_url(database_url: str) -> str:
    """With no BROKER_URL, the queue lives in a SQLite file (kombu's SQLAlchemy transport):
    beside a SQLite database, else under instance/. Still a real queue, read by a real worker
    process, and needing no server."""
    prefix = "sqlite:///"
    if database_url.startswith(prefix) and database_url not in (prefix, prefix + ":memory:"):
        database = Path(database_url[len(prefix) :])
        broker = database.with_name(f"{database.stem}-broker.sqlite3")
    else:
        broker = INSTANCE_DIR / "broker.sqlite3"
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    return f"embedded+sqlite:///{broker}"


NOTIFY_DEFAULT_BASE_URL = "https://api.notifications.service.gov.uk"


def _notify_api_key(value: str) -> str:
    """The key as Notify issues it: "name-<service id>-<secret>", each id 36 characters. A
    mistake stops the start, not every email later."""
    if value and (len(value) < 74 or value[-37] != "-" or value[-74] != "-"):
        raise ValueError(
            "NOTIFY_API_KEY must be a whole GOV.UK Notify API key: "
            "its name, the service id and the secret, joined by hyphens"
        )
    return value


def _development_secret_key() -> str:
    """A key kept under instance/ so that sign-ins survive a restart of `make run`."""
    key_file = INSTANCE_DIR / "dev-secret-key"
    if not key_file.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


# The Config fields that are rate limits, such as "10 per hour" (the `limits` notation).
RATE_LIMITS = (
    "portal_submissions_limit",
    "registration_limit",
    "account_exists_limit",
    "feedback_limit",
    "password_reset_limit",
)


def _rate_limit(name: str, value: str) -> str:
    """The value, if it is a rate limit: a mistake stops the start, not a request later."""
    from limits import parse_many

    try:
        parse_many(value)
    except ValueError as error:
        message = f"{name} must be a rate limit like '10 per hour', not {value!r}"
        raise ValueError(message) from error
    return value


def _flag(name: str, env) -> bool:
    value = env[name].strip().lower()
    if value not in ("1", "true", "yes", "0", "false", "no", ""):
        raise ValueError(f"{name} must be true or false, not {env[name]!r}")
    return value in ("1", "true", "yes")


def _notify_template_ids(env) -> dict[str, str]:
    from app.emails.templates import EMAIL_TEMPLATES

    return {
        key: env[template.config_variable]
        for key, template in EMAIL_TEMPLATES.items()
        if env.get(template.config_variable)
    }


def _missing_template_ids(config: Config) -> list[str]:
    from app.emails.templates import EMAIL_TEMPLATES

    return [
        template.config_variable
        for key, template in EMAIL_TEMPLATES.items()
        if key not in config.notify_template_ids
    ]


@dataclass
class Config:
    environment: str = "production"
    secret_key: str = ""
    database_url: str = field(default_factory=default_database_url)
    service_name: str = "Housing forms"
    # Sign-in throttling: failures allowed in the window before sign-in is refused.
    sign_in_window_minutes: int = 15
    sign_in_max_failures_per_account: int = 5
    sign_in_max_failures_per_ip: int = 20
    # A sign-in ends after this long idle (the cookie's lifetime, renewed by each request)...
    session_lifetime_minutes: int = 60 * 8
    # ...and, however busy, this long after it began (checked against its row on the server).
    session_absolute_lifetime_hours: int = 24
    # Sensitive actions (creating an API token) ask for the password again once it was last
    # entered longer ago than this.
    reauthenticate_after_minutes: int = 15
    # How many proxies in front of the app set X-Forwarded-For and X-Forwarded-Proto. With 0,
    # those headers are ignored: a client could write anything in them.
    trusted_proxy_count: int = 0
    # Signed-in pages warn this long before an idle session expires ("Stay signed in").
    session_timeout_warning_seconds: int = 120
    invitation_lifetime_days: int = 7
    # A postcodes.io-compatible service for postcodes not in our table; empty means none.
    postcodes_io_url: str = ""
    # Where rate-limit counters live: memory:// for one process; redis://… to share them
    # between processes and servers, which production needs.
    rate_limit_storage_url: str = "memory://"
    # Put before every rate-limit key, so that services or test runs can share one Redis.
    rate_limit_key_prefix: str = ""
    # Signed-out application submissions allowed per client address.
    portal_submissions_limit: str = "10 per hour"
    # Attempts to register (web and portal API together) allowed per client address.
    registration_limit: str = "10 per hour"
    # Answers that an account already exists allowed per client address: each tells whether
    # someone has an account, so they are limited as failed sign-ins are.
    account_exists_limit: str = "5 per 15 minutes"
    # Feedback sent per client address: enough for anyone, too few to fill the table.
    feedback_limit: str = "10 per hour"
    # Requests for a password reset link allowed per client address (each answers the same,
    # account or not; the links sent to one account are capped as well).
    password_reset_limit: str = "5 per 15 minutes"  # noqa: S105 (a rate limit)
    # How long a portal access token works.
    portal_token_lifetime_minutes: int = 60
    # How long an Idempotency-Key's answer is kept for a resend (app/api/idempotency.py).
    idempotency_key_lifetime_hours: int = 24
    # An application identical to one the same applicant submitted this recently is refused.
    duplicate_application_window_minutes: int = 5
    # The largest request body read, in bytes. A view that needs more says so with
    # @request_limits.body_limit(...), so that this one can stay tight.
    max_request_bytes: int = 1024 * 1024
    # A database that accepts connections but never answers must not hang every request until
    # gunicorn kills the worker (30 s): these end the wait, and the request answers 503.
    database_connect_timeout_seconds: int = 5
    # PostgreSQL cancels a statement that runs longer (0: no limit). Under gunicorn's 30 s.
    database_statement_timeout_seconds: int = 20
    # How long a request waits for a free pooled connection.
    database_pool_timeout_seconds: int = 5
    # The RabbitMQ that domain events are published to (amqp://user:password@host:5672/vhost).
    # Empty: events wait in the outbox, and the relay says so once in its log.
    events_broker_url: str = ""
    # The durable topic exchange events are published to.
    events_exchange: str = "housing-forms.events"
    # Published events are kept this long (for support, and a partner's replay), then deleted.
    events_retention_days: int = 7
    # Events claimed, published and marked in one transaction.
    events_relay_batch_size: int = 200
    # Background work (app/jobs/): the Celery broker. Empty means the embedded one, a SQLite
    # file beside the database (see embedded_broker_url).
    broker_url: str = ""
    # Run tasks inline instead of queueing them (the test suite's default).
    celery_task_always_eager: bool = False
    # Bulk uploads' files: empty keeps them in the database; a folder (shared by every web
    # server and worker) keeps them there instead.
    bulk_upload_folder: str = ""
    # A row still pending this long after it was last tried is queued again by the sweep.
    requeue_pending_after_minutes: int = 5
    # A failed attempt is retried after this many seconds, doubled at each retry (to 10 minutes).
    job_retry_backoff_seconds: float = 5
    # GOV.UK Notify. With no key, emails are printed to the worker's log and listed on
    # /development/emails in development.
    notify_api_key: str = ""
    notify_base_url: str = NOTIFY_DEFAULT_BASE_URL
    notify_timeout_seconds: int = 10
    # Template key (app/emails/templates.py) -> Notify template id.
    notify_template_ids: dict[str, str] = field(default_factory=dict)
    # After this many attempts an email that still cannot be sent is marked failed, for support.
    email_max_attempts: int = 20
    # Lettings collection years open to new logs and changes (app/journeys/lettings_years.py):
    # "2026/27,2027/28"; or, with lettings_previous_year_open_until ("06-30"), the current year
    # and, until that day, the one before (the crossover window). Neither: every year is open.
    lettings_open_years: str = ""
    lettings_previous_year_open_until: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Config:
        env = os.environ if environ is None else environ
        environment = env.get("APP_ENV", "production")
        if environment not in ENVIRONMENTS:
            raise ValueError(
                f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}"
            )
        secret_key = env.get("SECRET_KEY", "")
        if not secret_key:
            if environment == "production":
                raise ValueError("SECRET_KEY must be set when APP_ENV is production")
            secret_key = _development_secret_key()
        config = cls(
            environment=environment,
            secret_key=secret_key,
            database_url=env.get("DATABASE_URL") or default_database_url(),
            postcodes_io_url=env.get("POSTCODES_IO_URL", ""),
            rate_limit_storage_url=env.get("RATE_LIMIT_STORAGE_URL", "memory://"),
            rate_limit_key_prefix=env.get("RATE_LIMIT_KEY_PREFIX", ""),
            events_broker_url=env.get("EVENTS_BROKER_URL", ""),
            events_exchange=env.get("EVENTS_EXCHANGE") or "housing-forms.events",
            broker_url=env.get("BROKER_URL", ""),
            bulk_upload_folder=env.get("BULK_UPLOAD_FOLDER", ""),
            notify_api_key=_notify_api_key(env.get("NOTIFY_API_KEY", "")),
            notify_base_url=env.get("NOTIFY_BASE_URL") or NOTIFY_DEFAULT_BASE_URL,
            notify_template_ids=_notify_template_ids(env),
            lettings_open_years=env.get("LETTINGS_OPEN_YEARS", ""),
            lettings_previous_year_open_until=env.get("LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL", ""),
        )
        config.lettings_years()  # a mistake stops the start
        if "SERVICE_NAME" in env:
            config.service_name = env["SERVICE_NAME"]
        for name in (
            "sign_in_window_minutes",
            "sign_in_max_failures_per_account",
            "sign_in_max_failures_per_ip",
            "session_lifetime_minutes",
            "session_timeout_warning_seconds",
            "idempotency_key_lifetime_hours",
            "duplicate_application_window_minutes",
            "session_absolute_lifetime_hours",
            "reauthenticate_after_minutes",
            "trusted_proxy_count",
            "max_request_bytes",
            "database_connect_timeout_seconds",
            "database_statement_timeout_seconds",
            "database_pool_timeout_seconds",
            "events_retention_days",
            "events_relay_batch_size",
            "requeue_pending_after_minutes",
            "notify_timeout_seconds",
            "email_max_attempts",
        ):
            if name.upper() in env:
                setattr(config, name, int(env[name.upper()]))
        for name in RATE_LIMITS:
            if name.upper() in env:
                setattr(config, name, _rate_limit(name.upper(), env[name.upper()]))
        if "CELERY_TASK_ALWAYS_EAGER" in env:
            config.celery_task_always_eager = _flag("CELERY_TASK_ALWAYS_EAGER", env)
        if "JOB_RETRY_BACKOFF_SECONDS" in env:
            config.job_retry_backoff_seconds = float(env["JOB_RETRY_BACKOFF_SECONDS"])
        if config.notify_api_key and (missing := _missing_template_ids(config)):
            raise ValueError(f"With NOTIFY_API_KEY set, {', '.join(missing)} must be set too")
        return config

    def lettings_years(self):
        """The open lettings collection years, as configured (lettings_years.OpenYears)."""
        from app.journeys.lettings_years import OpenYears

        return OpenYears.from_settings(
            self.lettings_open_years, self.lettings_previous_year_open_until
        )

    @property
    def effective_broker_url(self) -> str:
        return self.broker_url or embedded_broker_url(self.database_url)

    @property
    def is_development(self) -> bool:
        return self.environment == "development"

    def engine_options(self) -> dict:
        """SQLAlchemy's engine options: timeouts, so that a database that hangs cannot hang
        every request with it."""
        if self.database_url.startswith("sqlite"):
            in_memory = self.database_url in ("sqlite://", "sqlite:///:memory:")
            # An in-memory database has one connection, not a pool to wait for.
            return {} if in_memory else {"pool_timeout": self.database_pool_timeout_seconds}
        options = {
            # Check pooled connections before use where they can go stale: over a network.
            "pool_pre_ping": True,
            "pool_timeout": self.database_pool_timeout_seconds,
        }
        if normalise_database_url(self.database_url).startswith("postgresql+psycopg://"):
            connect = {"connect_timeout": self.database_connect_timeout_seconds}
            if self.database_statement_timeout_seconds > 0:
                # A startup option (PgBouncer in transaction mode refuses them: there, 0).
                milliseconds = self.database_statement_timeout_seconds * 1000
                connect["options"] = f"-c statement_timeout={milliseconds}"
            options["connect_args"] = connect
        return options

    def flask_settings(self) -> dict:
        """The Flask and extension settings that follow from this config."""
        from datetime import timedelta

        return {
            "SECRET_KEY": self.secret_key,
            "SQLALCHEMY_DATABASE_URI": normalise_database_url(self.database_url),
            "SQLALCHEMY_ENGINE_OPTIONS": self.engine_options(),
            "MAX_CONTENT_LENGTH": self.max_request_bytes,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_SECURE": self.environment == "production",
            "REMEMBER_COOKIE_HTTPONLY": True,
            "REMEMBER_COOKIE_SAMESITE": "Lax",
            "REMEMBER_COOKIE_SECURE": self.environment == "production",
            "PERMANENT_SESSION_LIFETIME": timedelta(minutes=self.session_lifetime_minutes),
            "SESSION_TIMEOUT_WARNING_SECONDS": self.session_timeout_warning_seconds,
            "WTF_CSRF_TIME_LIMIT": 60 * 60,
            "TESTING": self.environment == "test",
            "SERVICE_NAME": self.service_name,
            "POSTCODES_IO_URL": self.postcodes_io_url.rstrip("/"),
            "RATELIMIT_STORAGE_URI": self.rate_limit_storage_url,
            "RATELIMIT_KEY_PREFIX": self.rate_limit_key_prefix,
            "RATELIMIT_HEADERS_ENABLED": True,
            # If the shared storage cannot be reached, count in this process's memory (and
            # log it) rather than fail the request: a limit per process beats a 500.
            "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
            "RATELIMIT_SWALLOW_ERRORS": True,
            "PORTAL_SUBMISSIONS_LIMIT": self.portal_submissions_limit,
            "REGISTRATION_LIMIT": self.registration_limit,
            "ACCOUNT_EXISTS_LIMIT": self.account_exists_limit,
            "FEEDBACK_LIMIT": self.feedback_limit,
            "PASSWORD_RESET_LIMIT": self.password_reset_limit,
            "PORTAL_TOKEN_LIFETIME": timedelta(minutes=self.portal_token_lifetime_minutes),
            "IDEMPOTENCY_KEY_LIFETIME": timedelta(hours=self.idempotency_key_lifetime_hours),
            "DUPLICATE_APPLICATION_WINDOW": timedelta(
                minutes=self.duplicate_application_window_minutes
            ),
            "LETTINGS_OPEN_YEARS": self.lettings_years(),
            "APP_CONFIG": self,
            **self.extra,
        }
