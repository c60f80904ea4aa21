"""The session-timeout warning's two routes, without a browser (tests/browser drives the
warning itself)."""

from urllib.parse import parse_qs, urlsplit

from app.accounts.roles import Role
from tests.helpers import csrf_token_from, page, sign_in


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


def test_timing_out_ends_the_session_and_returns_only_to_a_page_of_this_service(
    app, client, make_user
):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    copied = client.get_cookie("session").value
    token = csrf_token_from(client.get("/account"))
    response = client.post("/session/timed-out", headers={"X-CSRFToken": token})
    assert response.status_code == 204
    response = client.get("/session/timed-out?next=https://evil.example/")
    location = urlsplit(response.headers["Location"])
    assert (response.status_code, location.path) == (302, "/sign-in")
    assert parse_qs(location.query)["next"] == ["/"]
    assert urlsplit(client.get("/account").headers["Location"]).path == "/sign-in"
    # Ended on the server, not only in this browser.
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert urlsplit(thief.get("/account").headers["Location"]).path == "/sign-in"


def test_a_get_of_the_timed_out_page_signs_nobody_out(client, make_user):
    """Another site can link to it: a live session carries on, back where it was."""
    sign_in(client, make_user(Role.DATA_PROVIDER))
    response = client.get("/session/timed-out?next=/logs/")
    assert response.headers["Location"] == "/logs/"
    assert client.get("/account").status_code == 200
    assert client.post("/session/timed-out").status_code == 400  # no CSRF token
    assert client.get("/account").status_code == 200


def test_a_session_that_ran_out_shows_as_signed_out(client):
    response = client.get("/session/timed-out?next=/logs/")
    location = urlsplit(response.headers["Location"])
    assert (location.path, parse_qs(location.query)["next"]) == ("/sign-in", ["/logs/"])
    message = page(client.get("/sign-in")).select_one("main").get_text(" ", strip=True)
    assert "You were signed out because you were inactive" in message
    # Only what was saved with a button is kept, and it says so.
    assert "Your answers have been saved" not in message
    assert "We kept the answers you saved by pressing a button" in message
    assert "Anything you typed after that was not saved" in message


def test_the_warning_says_only_answers_saved_with_a_button_are_kept(client, make_user):
    """Text typed on a page and not yet sent is lost when the session ends: the warning must
    not promise that it was saved."""
    sign_in(client, make_user(Role.DATA_PROVIDER))
    warning = page(client.get("/account")).select_one("#session-timeout-warning")
    text = " ".join(warning.get_text(" ", strip=True).split())
    assert "Your answers have been saved" not in text
    assert "We save your answers each time you press a button" in text
    assert "Anything you have typed on this page since then will be lost" in text
    described_by = warning["aria-describedby"].split()
    assert described_by == ["session-timeout-message", "session-timeout-saved"]
