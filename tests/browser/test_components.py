"""GOV.UK Frontend's JavaScript components work under our content security policy."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_cookie_banner_records_a_choice_and_hides(page):
    page.goto("/sign-in")
    banner = page.locator(".govuk-cookie-banner")
    assert banner.is_visible()
    with page.expect_navigation():
        banner.get_by_role("button", name="Accept analytics cookies").click()
    assert "You’ve accepted analytics cookies" in banner.inner_text()
    # Focus moves to the confirmation, so the next Tab reaches its links.
    assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"
    assert "You’ve accepted" in page.evaluate("document.activeElement.innerText")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "change your cookie settings"
    with page.expect_navigation():
        banner.get_by_role("link", name="Hide cookie message").click()
    assert not page.locator(".govuk-cookie-banner").is_visible()


def test_the_password_input_shows_and_hides(page):
    page.goto("/sign-in")
    password = page.locator('[name="password"]')
    assert password.get_attribute("type") == "password"
    page.get_by_role("button", name="Show password").click()
    assert password.get_attribute("type") == "text"


def test_a_conditional_reveal_shows_and_hides_its_question(page, as_user):
    staff = as_user()
    log_id = staff("POST", "/case_logs", {}).json["id"]
    sign_in(page, staff.user)
    page.goto(f"/logs/{log_id}/probation-record")
    crn = page.locator('[name="crn"]')
    assert not crn.is_visible()
    page.get_by_label("Yes").check()
    assert crn.is_visible()
    page.get_by_label("No").check()
    assert not crn.is_visible()
