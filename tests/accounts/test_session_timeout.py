"""The session-timeout warning's two routes, without a browser (tests/browser drives the
warning itself)."""

from urllib.parse import parse_qs, urlsplit

from app.accounts.roles import Role
from tests.helpers import csrf_token_from, sign_in


def keep_alive(client, page_with_a_form: str):
    token = csrf_token_from(client.get(page_with_a_form))
    return client.post("/session/keep-alive", headers={"X-CSRFToken": token})


def test_stay_signed_in_renews_a_signed_in_session(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    response = keep_alive(client, "/account")
    assert response.status_code == 200
    assert response.json["expiresInSeconds"] > 0


def test_stay_signed_in_does_not_sign_anyone_in(client):
    response = keep_alive(client, "/sign-in")
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/sign-in"


def test_timing_out_signs_out_and_returns_only_to_a_page_of_this_service(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    response = client.get("/session/timed-out?next=https://evil.example/")
    location = urlsplit(response.headers["Location"])
    assert (response.status_code, location.path) == (302, "/sign-in")
    assert parse_qs(location.query)["next"] == ["/"]
    assert urlsplit(client.get("/account").headers["Location"]).path == "/sign-in"
