"""Shared fixtures. The schema is built by running the migrations, on SQLite by default or
on the database in TEST_DATABASE_URL (PostgreSQL in CI)."""

from __future__ import annotations

import contextvars
import json
import os
from itertools import count
from pathlib import Path

import flask_migrate
import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import MetaData, text

from app import clock, create_app
from app.accounts import service
from app.accounts.roles import ProviderType, Role
from app.accounts.tokens import create_token
from app.config import Config
from app.extensions import db, limiter
from app.formkit.access import OwnerOrSession
from app.formkit.api import journey_api_blueprint
from app.formkit.web import journey_blueprint
from app.journeys.lettings_years import OpenYears
from tests.formkit.example_journey import (
    EXAMPLE_BY_MOVE_IN,
    EXAMPLE_TWO_VERSIONS,
    EXAMPLE_VERSIONS,
)
from tests.helpers import PASSWORD

# Fixtures for databases that are gone or hang, and a local fake of GOV.UK Notify.
pytest_plugins = ("tests.outages", "tests.fake_notify")

_emails = count(1)


def _database_url(tmp_path_factory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('database') / 'test.sqlite3'}"
    )


def _drop_everything() -> None:
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    else:
        existing = MetaData()
        existing.reflect(db.engine)
        existing.drop_all(db.engine)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return _database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def make_app(database_url):
    """Build an app on the test database, with any Config fields changed."""

    def build(**changes):
        config = Config(environment="test", secret_key="test-secret-key", database_url=database_url)
        # Tasks run inline, when the transaction that asked for them commits.
        config.celery_task_always_eager = True
        for name, value in changes.items():
            setattr(config, name, value)
        return create_app(config)

    return build


class IsolatedClient(FlaskClient):
    """A test client whose every request gets its own app context and database session, as
    in production, rather than sharing the test's.

    What the test has set up is committed first, so the request sees it; afterwards the
    test's objects are expired, so the test sees what the request wrote.
    """

    def open(self, *args, **kwargs):
        # Following a redirect re-enters here inside the request's own empty context.
        test_context = has_app_context()
        if test_context:
            db.session.commit()
        # Read streamed bodies inside the request's context too, as a WSGI server would.
        kwargs.setdefault("buffered", True)
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if test_context:
            db.session.expire_all()
        return response


@pytest.fixture(scope="session")
def _migrated_app(make_app):
    app = make_app()
    app.test_client_class = IsolatedClient
    # The engine's tests drive this test-only journey through the web runner.
    # The same journey with version 2 deployed (/example-v2), and with versions chosen by an
    # answer (/example-by-move-in): the same records, read through each.
    for versions, name, path in (
        (EXAMPLE_VERSIONS, "example", "example"),
        (EXAMPLE_TWO_VERSIONS, "example_v2", "example-v2"),
        (EXAMPLE_BY_MOVE_IN, "example_by_move_in", "example-by-move-in"),
    ):
        app.register_blueprint(
            journey_blueprint(versions, OwnerOrSession(), name=name, url_prefix=f"/{path}")
        )
        app.register_blueprint(
            journey_api_blueprint(
                versions,
                OwnerOrSession(),
                name=f"{name}_api",
                url_prefix=f"/api/{path}",
                not_found="Application {id} not found",
            )
        )
    with app.app_context():
        _drop_everything()
        flask_migrate.upgrade()
    return app


@pytest.fixture
def app(_migrated_app):
    """The app, inside an app context, with no rate limit used yet; every table is emptied
    after the test."""
    limiter.reset()
    with _migrated_app.app_context():
        yield _migrated_app
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def organisation(app):
    org = service.find_or_create_organisation("Test Borough Council", ProviderType.LOCAL_AUTHORITY)
    db.session.commit()
    return org


@pytest.fixture
def other_organisation(app):
    org = service.find_or_create_organisation(
        "Other Housing Association", ProviderType.PRIVATE_REGISTERED_PROVIDER
    )
    db.session.commit()
    return org


@pytest.fixture
def make_user(app, organisation):
    def build(role: Role = Role.APPLICANT, org=None, email=None, password=PASSWORD, name=None):
        if org is None and role.needs_organisation:
            org = organisation
        return service.create_user(
            email or f"user{next(_emails)}@example.com",
            name or f"{role.label} {next(_emails)}",
            role,
            password,
            org,
        )

    return build


@pytest.fixture
def as_user(client, make_user):
    """An API client for a new user of this role (or for `user`): `call(method, url,
    json=None, **kwargs)` sends their bearer token and accepts JSON; `prefix` goes before
    every url. With `service`, the token is a partner system's service token."""

    def build(role=Role.DATA_PROVIDER, org=None, user=None, prefix="", service=False):
        user = user or make_user(role, org=org)
        _, token = create_token(user, service=service)
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

        def call(method, url, json=None, **kwargs):
            extra = kwargs.pop("headers", {})
            return client.open(
                f"{prefix}{url}", method=method, json=json, headers={**headers, **extra}, **kwargs
            )

        call.user = user
        call.headers = headers
        return call

    return build


# -- the seed contracts, which CI has in ../shared beside the repository ----------------------

SEED = Path(__file__).resolve().parents[2] / "shared/seeds/lettings-case-log-openapi.json"


@pytest.fixture(scope="module")
def contract():
    if not SEED.exists():
        pytest.skip(f"the seed contract is not beside the repository ({SEED})")
    return json.loads(SEED.read_text())["components"]["schemas"]["Case-Log"]


@pytest.fixture(scope="module")
def example(contract):
    return contract["x-examples"]["example-1"]


@pytest.fixture
def valid_example(example):
    # The seed's example breaks two date rules; with the dates moved, it is a complete log.
    return {
        **example,
        "property_void_date": "03/11/2018",
        "property_major_repairs_date": "05/05/2018",
    }


# -- the date, and which lettings collection years are open -----------------------------------


@pytest.fixture
def today(monkeypatch):
    """Fix the UK date: `today(date(2027, 4, 1))`."""

    def fix(day):
        monkeypatch.setattr(clock, "uk_today", lambda: day)

    return fix


@pytest.fixture
def configure_open_years(app, monkeypatch):
    """Set the open years as LETTINGS_OPEN_YEARS and LETTINGS_PREVIOUS_YEAR_OPEN_UNTIL do."""

    def set_years(open_years="", previous_open_until=""):
        settings = OpenYears.from_settings(open_years, previous_open_until)
        monkeypatch.setitem(app.config, "LETTINGS_OPEN_YEARS", settings)

    return set_years
