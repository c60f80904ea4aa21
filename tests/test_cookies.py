"""The cookie banner and the cookies page work with and without JavaScript."""

import json
from urllib.parse import unquote

from tests.helpers import csrf_token_from, error_summary, page


def _banner(client, url="/"):
    return page(client.get(url)).select_one(".govuk-cookie-banner")


def _choice_cookie(client):
    cookie = client.get_cookie("cookies_policy")
    return None if cookie is None else json.loads(unquote(cookie.value))


def test_banner_asks_until_a_choice_is_made(client):
    banner = _banner(client)
    assert "Cookies on Housing forms" in banner.get_text()
    buttons = [b.get_text(strip=True) for b in banner.select("button")]
    assert buttons == ["Accept analytics cookies", "Reject analytics cookies"]


def test_accepting_from_the_banner_saves_the_choice_and_confirms_it(client):
    token = csrf_token_from(client.get("/privacy-notice"))
    response = client.post(
        "/cookies",
        data={
            "csrf_token": token,
            "analytics": "yes",
            "from_banner": "yes",
            "next": "/privacy-notice",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/privacy-notice"
    assert _choice_cookie(client) == {"essential": True, "analytics": True}
    confirmation = _banner(client, "/privacy-notice")
    assert "You’ve accepted analytics cookies." in confirmation.get_text()
    assert confirmation.select_one("a.govuk-link")["href"] == "/cookies"  # real markup
    # The message takes focus when the page loads (static/app/init.mjs).
    message = confirmation.select_one(".govuk-cookie-banner__message")
    assert message["tabindex"] == "-1"
    assert message.has_attr("data-app-focus-on-load")
    assert _banner(client, "/privacy-notice") is None  # hidden once the choice is made


def test_banner_will_not_redirect_off_site(client):
    token = csrf_token_from(client.get("/"))
    response = client.post(
        "/cookies",
        data={"csrf_token": token, "analytics": "no", "from_banner": "yes", "next": "//evil.test/"},
    )
    assert response.headers["Location"] == "/"
    assert _choice_cookie(client) == {"essential": True, "analytics": False}


def test_cookies_page_changes_the_choice(client):
    token = csrf_token_from(client.get("/cookies"))
    response = client.post("/cookies", data={"csrf_token": token, "analytics": "no"})
    assert response.status_code == 302
    soup = page(client.get("/cookies"))
    assert soup.select_one("#analytics-2").has_attr("checked")
    assert "You’ve set your cookie preferences." in soup.get_text()


def test_cookies_page_needs_an_answer(client):
    token = csrf_token_from(client.get("/cookies"))
    response = client.post("/cookies", data={"csrf_token": token})
    assert response.status_code == 400
    soup = page(response)
    assert soup.title.get_text().startswith("Error: Cookies")
    assert error_summary(soup) == ["Select yes if you want to accept analytics cookies"]


def test_cookies_page_does_not_show_the_banner(client):
    assert _banner(client, "/cookies") is None


def test_a_cookie_nested_too_deep_to_parse_is_no_choice(client):
    """Anyone can send any cookie; "[[[[…" used to be a RecursionError on every page."""
    client.set_cookie("cookies_policy", "[" * 3000)
    response = client.get("/")
    assert response.status_code == 200
    assert _banner(client) is not None
