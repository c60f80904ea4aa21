"""The portal API's accounts: register, login with expiring bearer tokens stored hashed, and
401 JSON on every /profile/ endpoint without a live token."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import ApiToken, User
from app.accounts.service import EMAIL_TAKEN_MESSAGE, SIGN_IN_FAILED_MESSAGE
from app.applications.portal_api import INVALID
from app.db_types import utcnow
from app.extensions import db
from tests.helpers import PASSWORD

NO_TOKEN = "Send an API token in the header: Authorization: Bearer <token>"
BAD_TOKEN = "The API token is not valid or has been revoked"

PROFILE_ENDPOINTS = [
    ("PUT", "/profile/assessment"),
    ("POST", "/profile/assessment"),
    ("PUT", "/profile/assessment/1"),
    ("GET", "/profile/assessment/1"),
    ("GET", "/profile/assessments"),
    ("GET", "/profile/assessments/draft"),
    ("GET", "/profile/assessments/submitted"),
]


def post(client, path: str, body):
    return client.post(f"/api/rest/portal{path}", json=body)


def register(client, **changes):
    body = {"name": "Ada Lovelace", "email": "ada@example.com", "password": PASSWORD, **changes}
    return post(client, "/register", body)


def login(client, email="ada@example.com", password=PASSWORD):
    return post(client, "/login", {"email": email, "password": password})


# -- register ----------------------------------------------------------------------------------


def test_register_creates_an_applicant(client):
    response = register(client, email="  Ada@Example.com ")

    assert response.status_code == 201
    user = db.session.scalar(select(User))
    assert response.json == {"id": user.id, "name": "Ada Lovelace", "email": "ada@example.com"}
    assert user.role == "applicant" and user.organisation_id is None
    assert user.password_hash != PASSWORD


def test_register_refuses_an_email_already_used(client):
    assert register(client).status_code == 201

    response = register(client, email="ADA@example.com", name="Someone Else")

    assert response.status_code == 422
    assert response.json == {"message": INVALID, "errors": {"email": [EMAIL_TAKEN_MESSAGE]}}
    assert len(db.session.scalars(select(User)).all()) == 1


def test_register_names_each_missing_field(client):
    response = post(client, "/register", {"name": "  ", "password": 12345678901234})

    assert response.status_code == 422
    assert response.json == {
        "message": INVALID,
        "errors": {
            "name": ["Enter your full name"],
            "email": ["Enter your email address"],
            "password": ["Enter a password"],
        },
    }
    assert db.session.scalar(select(User)) is None


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"email": "ada-at-example.com"},
            {"email": ["Enter an email address in the correct format, like name@example.com"]},
        ),
        ({"password": "short"}, {"password": ["Password must be 12 characters or more"]}),
    ],
)
def test_register_checks_the_email_and_password(client, changes, errors):
    response = register(client, **changes)

    assert response.status_code == 422
    assert response.json == {"message": INVALID, "errors": errors}


@pytest.mark.parametrize("body", [["ada@example.com"], "ada", None])
def test_register_and_login_want_a_json_object(client, body):
    for path in ("/register", "/login"):
        response = client.post(
            f"/api/rest/portal{path}", data="ada" if body is None else None, json=body
        )
        assert response.status_code == 400
        assert response.json == {"error": "Send the request body as a JSON object"}


# -- login ---------------------------------------------------------------------------------------


def test_login_returns_an_expiring_bearer_token(app, client):
    register(client)

    response = login(client, email="ADA@example.com")

    assert response.status_code == 200
    assert set(response.json) == {"access_token", "token_type", "expires_in"}
    assert response.json["token_type"] == "Bearer"
    lifetime = app.config["PORTAL_TOKEN_LIFETIME"]
    assert response.json["expires_in"] == int(lifetime.total_seconds()) > 0
    token = db.session.scalar(select(ApiToken))
    assert token.expires_at is not None
    assert abs(token.expires_at - (utcnow() + lifetime)) < timedelta(minutes=1)

    mine = client.get(
        "/api/rest/portal/profile/assessments",
        headers={"Authorization": f"Bearer {response.json['access_token']}"},
    )
    assert mine.status_code == 200
    assert mine.json == {"data": []}


def test_tokens_are_stored_hashed(client):
    register(client)
    value = login(client).json["access_token"]

    row = db.session.execute(select(ApiToken.__table__)).one()
    stored = [str(column) for column in row]
    assert not any(value in column for column in stored)
    assert value not in db.session.scalar(select(ApiToken)).token_hash


@pytest.mark.parametrize(
    ("email", "password"),
    [("ada@example.com", "not the password"), ("nobody@example.com", PASSWORD)],
)
def test_login_with_a_wrong_email_or_password_is_401(client, email, password):
    register(client)

    response = login(client, email=email, password=password)

    assert response.status_code == 401
    assert response.json == {"error": SIGN_IN_FAILED_MESSAGE}
    assert db.session.scalar(select(ApiToken)) is None


def test_login_names_what_is_missing(client):
    response = post(client, "/login", {"email": "", "password": 5})

    assert response.status_code == 422
    assert response.json == {
        "message": INVALID,
        "errors": {"email": ["Enter your email address"], "password": ["Enter your password"]},
    }


def test_an_expired_token_is_refused(client):
    register(client)
    value = login(client).json["access_token"]
    token = db.session.scalar(select(ApiToken))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()

    response = client.get(
        "/api/rest/portal/profile/assessments", headers={"Authorization": f"Bearer {value}"}
    )

    assert response.status_code == 401
    assert response.json == {"error": BAD_TOKEN}
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


# -- every /profile/ endpoint needs a live token ------------------------------------------------


@pytest.mark.parametrize(("method", "path"), PROFILE_ENDPOINTS)
def test_profile_endpoints_without_a_token_are_401_json(client, method, path):
    response = client.open(f"/api/rest/portal{path}", method=method, json={})

    assert response.status_code == 401
    assert response.mimetype == "application/json"
    assert response.json == {"error": NO_TOKEN}


@pytest.mark.parametrize(("method", "path"), PROFILE_ENDPOINTS)
@pytest.mark.parametrize("header", ["Bearer not-a-token", "Basic YWRhOnNlY3JldA==", "Bearer "])
def test_profile_endpoints_with_a_bad_token_are_401_json(client, method, path, header):
    response = client.open(
        f"/api/rest/portal{path}", method=method, json={}, headers={"Authorization": header}
    )

    assert response.status_code == 401
    assert response.json == {"error": BAD_TOKEN if header == "Bearer not-a-token" else NO_TOKEN}
