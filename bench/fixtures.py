"""What the case-log benchmarks put in the database, made with the app's own functions: a
staff account with an API token, and the seed contract's example log."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from harness import BenchError
from sqlalchemy import delete, or_, select

from app import create_app
from app.accounts import service
from app.accounts.models import ApiToken, Organisation, SignInAttempt, User
from app.accounts.roles import Role
from app.accounts.tokens import create_token
from app.config import Config
from app.extensions import db
from app.formkit.models import FormRecord

# Beside the repository, as tests/conftest.py finds it.
SEED = Path(__file__).resolve().parents[2] / "shared/seeds/lettings-case-log-openapi.json"


def valid_example() -> dict:
    """The seed's example-1 as a complete log. As it stands it breaks two date rules and is
    refused with a 422, so the two dates are moved."""
    if not SEED.exists():
        raise BenchError(f"the seed contract is not beside the repository ({SEED})")
    schema = json.loads(SEED.read_text())["components"]["schemas"]["Case-Log"]
    return {
        **schema["x-examples"]["example-1"],
        "property_void_date": "03/11/2018",
        "property_major_repairs_date": "05/05/2018",
    }


@contextmanager
def app_context(database_url: str, environment: str = "production") -> Iterator[Flask]:
    """The real app on the benchmark's database, for setting up and cleaning up."""
    app = create_app(
        Config(environment=environment, secret_key=secrets.token_hex(32), database_url=database_url)
    )
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


@dataclass(frozen=True)
class StaffAccount:
    email: str
    password: str
    api_token: str
    user_id: int
    organisation_id: int


@contextmanager
def staff_account() -> Iterator[StaffAccount]:
    """A data provider with an organisation of their own and an API token. On the way out
    they are deleted, with their organisation's logs, tokens and sign-in attempts, so that a
    shared database is left as it was. Needs an app context."""
    tag = secrets.token_hex(4)  # unique names, in case a shared database has an earlier run's
    email = f"bench-{tag}@example.com"
    organisation = service.find_or_create_organisation(f"Benchmark organisation {tag}")
    db.session.commit()
    try:
        password = secrets.token_urlsafe(18)
        user = service.create_user(
            email, f"Benchmark provider {tag}", Role.DATA_PROVIDER, password, organisation
        )
        _, token = create_token(user, "Benchmark")
        yield StaffAccount(email, password, token, user.id, organisation.id)
    finally:
        remove(organisation.id, email)


def remove(organisation_id: int, email: str) -> None:
    """Delete the organisation, its logs, and the user with this email and their tokens."""
    db.session.rollback()
    user_ids = select(User.id).where(User.email == email)
    for statement in (
        delete(FormRecord).where(
            or_(FormRecord.organisation_id == organisation_id, FormRecord.owner_id.in_(user_ids))
        ),
        delete(ApiToken).where(ApiToken.user_id.in_(user_ids)),
        delete(SignInAttempt).where(SignInAttempt.email == email),
        delete(User).where(User.email == email),
        delete(Organisation).where(Organisation.id == organisation_id),
    ):
        db.session.execute(statement)
    db.session.commit()
