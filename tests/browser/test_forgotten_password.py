"""The forgotten-password journey in a browser, end to end: "Forgot your password?" on the
sign-in page, "Check your email", the link as the fake GOV.UK Notify received it, a new
password, and signing in with it while the old one no longer works."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from app.accounts.roles import Role
from tests.browser.conftest import screenshot, sign_in
from tests.fake_notify import TEMPLATE_IDS
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a whole new password"  # noqa: S105 (a test value)


@pytest.fixture
def sending_url(make_app, start_server, fake_notify) -> str:
    """A live server whose emails go through the fake Notify (sent inline)."""
    return start_server(make_app(**fake_notify.config()))


def test_a_forgotten_password_is_reset_from_the_emailed_link(
    new_tab, sending_url, fake_notify, make_user
):
    user = make_user(Role.DATA_PROVIDER)
    page = new_tab(base_url=sending_url)

    page.goto("/sign-in")
    page.get_by_role("link", name="Forgot your password?").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Reset your password"
    page.get_by_label("Email address").fill(user.email)
    page.get_by_role("button", name="Send link").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    assert user.email in page.locator("main").inner_text()
    screenshot(page, "forgotten-password-check-your-email")

    [email] = fake_notify.emails_to(user.email)
    assert email.template_id == TEMPLATE_IDS["password_reset"]
    link = urlsplit(email.personalisation["link"])
    page.goto(link.path)
    assert page.get_by_role("heading", level=1).inner_text() == "Create a new password"
    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Confirm your password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-panel__title").inner_text() == "Your password has been changed"
    screenshot(page, "forgotten-password-changed")

    # The link works once.
    page.goto(link.path)
    assert page.get_by_role("heading", level=1).inner_text() == (
        "This link to reset your password has already been used"
    )

    # Elsewhere, the old password no longer works and the new one does.
    other = new_tab(base_url=sending_url)
    other.goto("/sign-in")
    other.locator('[name="email"]').fill(user.email)
    other.locator('[name="password"]').fill(PASSWORD)
    other.get_by_role("button", name="Sign in").click()
    other.wait_for_load_state()
    assert (
        "Enter a correct email address and password"
        in other.locator(".govuk-error-summary").inner_text()
    )
    sign_in(other, user, NEW_PASSWORD)
