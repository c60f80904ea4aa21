"""The session timeout warning, on an app whose sessions last six seconds with a four-second
warning: "Stay signed in" renews the session; letting it run out signs the user out, and
signing in again returns them to the page they were on, with every saved answer kept."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from app.accounts.roles import Role
from app.extensions import db
from app.formkit.models import FormRecord
from tests.browser.conftest import screenshot, sign_in
from tests.browser.forms import save_and_continue
from tests.browser.navigation import new_log
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def short_session_url(_migrated_app, make_app, start_server) -> str:
    return start_server(make_app(session_lifetime_minutes=0.1, session_timeout_warning_seconds=4))


@pytest.fixture
def tab(new_tab, short_session_url):
    return new_tab(base_url=short_session_url)


def test_the_warning_is_a_modal_dialog_and_stay_signed_in_renews(tab, make_user, short_session_url):
    sign_in(tab, make_user(Role.DATA_PROVIDER))
    tab.goto("/logs/")
    dialog = tab.get_by_role("dialog", name="You’re about to be signed out")
    assert not dialog.is_visible()
    dialog.wait_for(state="visible", timeout=5_000)
    assert tab.evaluate("document.activeElement.id") == "session-timeout-heading"
    text = dialog.inner_text()
    assert "Your answers have been saved" not in text
    assert "We save your answers each time you press a button" in text
    assert "Anything you have typed on this page since then will be lost" in text
    sign_out = dialog.get_by_role("button", name="Sign out")
    assert sign_out.evaluate("(button) => [button.form.method, button.form.action]") == [
        "post",
        f"{short_session_url}/sign-out",
    ]
    screenshot(tab, "session-timeout-warning")
    with tab.expect_response("**/session/keep-alive") as renewal:
        dialog.get_by_role("button", name="Stay signed in").click()
    assert renewal.value.status == 200
    dialog.wait_for(state="hidden")
    # Still signed in well past the first lifetime, thanks to the renewal.
    tab.wait_for_timeout(2_500)
    tab.goto("/account")
    assert urlsplit(tab.url).path == "/account"


def test_escape_also_stays_signed_in(tab, make_user):
    sign_in(tab, make_user(Role.DATA_PROVIDER))
    tab.goto("/account")
    dialog = tab.get_by_role("dialog")
    dialog.wait_for(state="visible", timeout=5_000)
    with tab.expect_response("**/session/keep-alive"):
        tab.keyboard.press("Escape")
    dialog.wait_for(state="hidden")


def test_an_expired_session_keeps_answers_and_returns_to_the_page(tab, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(tab, user)
    base = new_log(tab)
    log_id = int(base.rsplit("/", 1)[-1])
    tab.goto(f"{base}/person_1_age")
    tab.locator('[name="person_1_age"]').fill("44")
    save_and_continue(tab)
    here = urlsplit(tab.url).path
    assert db.session.get(FormRecord, log_id).answers["person_1_age"] == 44

    # Nobody presses anything: the warning comes, then the sign-in page.
    tab.wait_for_url("**/sign-in?**", timeout=10_000)
    assert parse_qs(urlsplit(tab.url).query)["next"] == [here]
    signed_out = tab.locator("main").inner_text()
    assert "You were signed out because you were inactive" in signed_out
    assert "We kept the answers you saved by pressing a button" in signed_out
    screenshot(tab, "session-timed-out")
    # The session is over on the server too.
    over = tab.request.get(f"{base}/person_1_age", max_redirects=0)
    assert urlsplit(over.headers["location"]).path == "/sign-in"

    # Signing in again returns them to the page they were on, with their answers.
    tab.locator('[name="email"]').fill(user.email)
    tab.locator('[name="password"]').fill(PASSWORD)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Sign in").click()
    assert urlsplit(tab.url).path == here
    db.session.expire_all()
    assert db.session.get(FormRecord, log_id).answers["person_1_age"] == 44
