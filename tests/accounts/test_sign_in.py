"""Signing in and out, with throttling per account and per IP address and no enumeration."""

import pytest

from app.accounts.roles import Role
from tests.helpers import (
    PASSWORD,
    csrf_token_from,
    error_summary,
    page,
    sign_in,
    sign_out,
    submit_form,
)

FAILED = "Enter a correct email address and password"
THROTTLED = "You have tried to sign in too many times. Wait 15 minutes, then try again."
# An account's lock says the same whether or not the account exists.
ACCOUNT_LOCKED = (
    "You have tried to sign in too many times. Wait 15 minutes, then try again. If you have "
    "an account, check your email for a link to unlock it now."
)


def _attempt(client, email, password, ip="203.0.113.1", forwarded_for=None):
    token = csrf_token_from(client.get("/sign-in"))
    return client.post(
        "/sign-in",
        data={"csrf_token": token, "email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
        headers={"X-Forwarded-For": forwarded_for} if forwarded_for else {},
    )


def test_sign_in_and_out(client, make_user):
    user = make_user(Role.APPLICANT, name="Ada Applicant")
    response = _attempt(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/").headers["Location"] == "/applications/"  # an applicant's home

    response = sign_out(client)
    assert response.headers["Location"] == "/sign-in"
    assert client.get("/account").status_code == 302


def test_session_cookie_is_http_only_and_same_site(client, make_user):
    response = sign_in(client, make_user())
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_pages_that_need_sign_in_return_there_afterwards(client, make_user):
    user = make_user()
    response = client.get("/account")
    assert response.headers["Location"] == "/sign-in?next=/account"
    token = csrf_token_from(client.get("/sign-in?next=/account"))
    response = client.post(
        "/sign-in?next=/account",
        data={"csrf_token": token, "email": user.email, "password": PASSWORD},
    )
    assert response.headers["Location"] == "/account"


@pytest.mark.parametrize("target", ["https://evil.test/", "//evil.test/x", "/\\evil.test"])
def test_sign_in_never_redirects_off_site(client, make_user, target):
    user = make_user()
    token = csrf_token_from(client.get("/sign-in"))
    response = client.post(
        f"/sign-in?next={target}",
        data={"csrf_token": token, "email": user.email, "password": PASSWORD},
    )
    assert response.headers["Location"] == "/"


def test_wrong_password_and_unknown_email_look_the_same(client, make_user):
    user = make_user()
    wrong_password = _attempt(client, user.email, "not the right password")
    unknown_email = _attempt(client, "nobody@example.com", "not the right password")
    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        soup = page(response)
        assert error_summary(soup) == [FAILED]
        assert soup.title.get_text() == "Error: Sign in – Housing forms – GOV.UK"


def test_empty_sign_in_form(client):
    soup = page(submit_form(client, "/sign-in", {"email": "", "password": ""}))
    assert error_summary(soup) == ["Enter your email address", "Enter your password"]


def test_deactivated_user_cannot_sign_in(client, make_user):
    user = make_user()
    user.active = False
    response = _attempt(client, user.email, PASSWORD)
    assert error_summary(page(response)) == [FAILED]


def test_sign_in_without_csrf_token_is_refused(client, make_user):
    user = make_user()
    response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert page(response).h1.get_text(strip=True) == "This page timed out"
    assert client.get("/account").status_code == 302  # still signed out


def test_account_is_throttled_after_five_failures(client, make_user):
    user = make_user()
    for _ in range(5):
        assert _attempt(client, user.email, "wrong password!!").status_code == 200
    # Even the right password is refused now, from any address.
    response = _attempt(client, user.email, PASSWORD, ip="198.51.100.7")
    assert response.status_code == 429
    assert error_summary(page(response)) == [ACCOUNT_LOCKED]
    # Other accounts are unaffected.
    other = make_user()
    assert _attempt(client, other.email, PASSWORD, ip="198.51.100.8").status_code == 302


def test_unknown_accounts_are_throttled_the_same_way(client):
    for _ in range(5):
        _attempt(client, "nobody@example.com", "wrong password!!")
    response = _attempt(client, "nobody@example.com", "wrong password!!")
    assert response.status_code == 429
    assert error_summary(page(response)) == [ACCOUNT_LOCKED]


def test_ip_address_is_throttled_after_twenty_failures(client, make_user):
    for n in range(20):
        _attempt(client, f"guess{n}@example.com", "wrong password!!", ip="192.0.2.9")
    user = make_user()
    response = _attempt(client, user.email, PASSWORD, ip="192.0.2.9")
    assert response.status_code == 429
    assert error_summary(page(response)) == [THROTTLED]  # the address's limit, not the account's
    assert _attempt(client, user.email, PASSWORD, ip="192.0.2.10").status_code == 302


@pytest.mark.parametrize(("trusted_proxies", "throttled"), [(0, True), (1, False)])
def test_forwarded_addresses_count_only_behind_trusted_proxies(
    app, make_app, make_user, trusted_proxies, throttled
):
    """Behind one trusted proxy, every request comes from the proxy's address and the client's
    is in X-Forwarded-For. With no proxy trusted, that header is the client's to forge, so it
    must change nothing."""
    client = make_app(trusted_proxy_count=trusted_proxies).test_client()
    proxy = "192.0.2.1"
    for n in range(20):
        _attempt(client, f"guess{n}@example.com", "wrong password!!", proxy, "198.51.100.66")
    user = make_user()
    response = _attempt(client, user.email, PASSWORD, proxy, forwarded_for="198.51.100.7")
    assert (response.status_code == 429) is throttled


def test_success_clears_earlier_failures(client, make_user):
    user = make_user()
    for _ in range(4):
        _attempt(client, user.email, "wrong password!!")
    assert _attempt(client, user.email, PASSWORD).status_code == 302
    sign_out(client)
    for _ in range(4):
        _attempt(client, user.email, "wrong password!!")
    assert _attempt(client, user.email, PASSWORD).status_code == 302


def test_session_cookie_is_secure_outside_development(make_app):
    assert make_app(environment="production").config["SESSION_COOKIE_SECURE"] is True
    assert make_app(environment="development").config["SESSION_COOKIE_SECURE"] is False
