"""API tokens: created on the account page, shown once, stored hashed, revocable."""

from sqlalchemy import select

from app.accounts.models import ApiToken
from app.accounts.roles import Role
from app.accounts.tokens import create_token
from app.extensions import db
from tests.helpers import csrf_token_from, error_summary, page, sign_in


def test_token_is_shown_once_and_works(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    token = csrf_token_from(client.get("/account"))
    response = client.post("/account/tokens", data={"csrf_token": token, "name": "Finance system"})
    assert response.status_code == 201
    value = page(response).select_one("#token-value").get_text(strip=True)
    assert value.startswith("hf_")

    stored = db.session.scalar(select(ApiToken))
    assert stored.name == "Finance system"
    assert stored.token_hash != value and value not in stored.token_hash
    assert value not in page(client.get("/account")).get_text()  # never shown again

    me = client.get("/api/me", headers={"Authorization": f"Bearer {value}"})
    assert me.status_code == 200
    assert me.json["email"] == user.email
    assert me.json["role"] == "data_provider"
    assert me.json["organisation"]["name"] == "Test Borough Council"


def test_account_page_marks_service_tokens(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    create_token(user, "Personal")
    create_token(user, "Partner system", service=True)
    sign_in(client, user)
    rows = page(client.get("/account")).select("tbody tr")
    tags = {row.td.contents[0].strip(): row.select_one(".govuk-tag") for row in rows}
    assert tags["Personal"] is None
    assert tags["Partner system"].get_text(strip=True) == "Service"


def test_account_page_lists_live_tokens_by_prefix(client, make_user):
    user = make_user()
    stored, value = create_token(user, "Reporting")
    sign_in(client, user)
    text = page(client.get("/account")).get_text()
    assert "Reporting" in text
    assert value.startswith(stored.token_prefix)
    assert stored.token_prefix in text
    assert value not in text


def test_token_needs_a_name(client, make_user):
    sign_in(client, make_user())
    token = csrf_token_from(client.get("/account"))
    response = client.post("/account/tokens", data={"csrf_token": token, "name": " "})
    assert response.status_code == 400
    assert error_summary(page(response)) == ["Enter a name for the token"]


def test_token_creation_needs_csrf(client, make_user):
    sign_in(client, make_user())
    response = client.post("/account/tokens", data={"name": "No CSRF"})
    assert response.status_code == 400
    assert db.session.scalar(select(ApiToken)) is None


def test_revoked_token_stops_working(client, make_user):
    user = make_user()
    stored, value = create_token(user, "Old")
    sign_in(client, user)
    token = csrf_token_from(client.get("/account"))
    response = client.post(f"/account/tokens/{stored.id}/revoke", data={"csrf_token": token})
    assert response.status_code == 302
    assert "The token has been revoked" in page(client.get("/account")).get_text()
    response = client.get("/api/me", headers={"Authorization": f"Bearer {value}"})
    assert response.status_code == 401
    assert response.json == {"error": "The API token is not valid or has been revoked"}


def test_cannot_revoke_another_users_token(client, make_user):
    owner = make_user()
    stored, value = create_token(owner)
    sign_in(client, make_user())
    token = csrf_token_from(client.get("/account"))
    response = client.post(f"/account/tokens/{stored.id}/revoke", data={"csrf_token": token})
    assert response.status_code == 404
    assert client.get("/api/me", headers={"Authorization": f"Bearer {value}"}).status_code == 200


def test_missing_or_malformed_authorization_gets_401_json(client):
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer "}):
        response = client.get("/api/me", headers=headers)
        assert response.status_code == 401
        assert response.is_json
        assert "Authorization: Bearer" in response.json["error"]
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_unknown_token_gets_401(client):
    response = client.get("/api/me", headers={"Authorization": "Bearer hf_not-a-real-token"})
    assert response.status_code == 401


def test_deactivated_users_tokens_stop_working(client, make_user):
    user = make_user()
    _, value = create_token(user)
    user.active = False
    response = client.get("/api/me", headers={"Authorization": f"Bearer {value}"})
    assert response.status_code == 401


def test_api_requests_set_no_cookies(client, make_user):
    _, value = create_token(make_user())
    response = client.get("/api/me", headers={"Authorization": f"Bearer {value}"})
    assert "Set-Cookie" not in response.headers
