"""A data provider completes a whole lettings log in Chromium, with JavaScript on: every section,
a bad age corrected from the error summary, an unusual answer confirmed, submission and the
lock. Then the same journey with the keyboard alone."""

from __future__ import annotations

import pytest

from app.accounts.roles import Role
from app.extensions import db
from app.formkit.models import FormRecord
from app.formkit.validation import apply_payload
from app.journeys.lettings_log import LETTINGS_LOG
from tests.browser.conftest import screenshot, sign_in
from tests.browser.forms import Keyboard, Mouse, save_and_continue
from tests.browser.navigation import new_log, next_unfinished_section, path
from tests.case_logs.test_web import make_log
from tests.case_logs.test_web_journey import form_data, household_of_three  # noqa: F401

pytestmark = pytest.mark.browser
MOUSE = Mouse()


def complete_every_section(tab, base: str, answers: dict, user=MOUSE):
    visited, confirmed = [], []
    while True:
        link = next_unfinished_section(tab, base)
        assert link is not None
        if link.get_attribute("href") == f"{base}/submit":
            return visited, confirmed
        user.follow(tab, link.inner_text().strip())
        while "/check-answers/" not in path(tab):
            page_id = path(tab).rsplit("/", 1)[-1]
            visited.append(page_id)
            user.answer(tab, form_data(page_id, answers))
            assert not tab.locator(".govuk-error-summary").count(), (page_id, tab.content())
            if "/check/" in path(tab):  # an unusual answer: confirm it
                confirmed.append(path(tab).rsplit("/", 1)[-1])
                assert tab.locator("h1").inner_text() == "Make sure these answers are correct"
                if not user.keyboard:
                    screenshot(tab, "lettings-soft-check")
                user.answer(tab, {}, button="Confirm and continue")


def submit(tab, base: str, user=MOUSE) -> None:
    tab.goto(f"{base}/submit", wait_until="domcontentloaded")
    user.answer(tab, {"declaration": ["confirmed"]}, button="Submit")
    assert path(tab) == f"{base}/confirmation"


def test_a_data_provider_completes_and_submits_a_log(page, make_user, household_of_three):  # noqa: F811
    tab = page
    sign_in(tab, make_user(Role.DATA_PROVIDER))
    base = new_log(tab)
    log_id = int(base.rsplit("/", 1)[-1])
    screenshot(tab, "lettings-task-list")

    # A bad age: the error summary takes focus, and its link moves focus to the field.
    tab.goto(f"{base}/person_1_age", wait_until="domcontentloaded")
    tab.locator('[name="person_1_age"]').fill("130")
    save_and_continue(tab)
    summary = tab.locator(".govuk-error-summary")
    assert summary.inner_text().count("Tenant age must be between 0 and 120") == 1
    assert tab.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert tab.title().startswith("Error: ")
    screenshot(tab, "lettings-question-with-error")
    summary.get_by_role("link").first.click()
    assert tab.evaluate("document.activeElement.name") == "person_1_age"
    tab.locator('[name="person_1_age"]').fill("70")
    save_and_continue(tab)
    assert db.session.get(FormRecord, log_id).answers["person_1_age"] == 70

    visited, confirmed = complete_every_section(tab, base, household_of_three)
    assert {"person_2", "person_3"} <= set(visited)
    assert not {f"person_{n}" for n in range(4, 9)} & set(visited)
    assert "retirement_value_check" in confirmed

    tab.goto(f"{base}/check-answers", wait_until="domcontentloaded")
    titles = tab.locator(".govuk-summary-card__title").all_inner_texts()
    assert titles == ["Lead tenant", "Person 2", "Person 3"]
    screenshot(tab, "lettings-check-answers")

    submit(tab, base)
    assert tab.locator(".govuk-panel").count() == 1
    screenshot(tab, "lettings-confirmation")
    db.session.expire_all()
    assert db.session.get(FormRecord, log_id).status == "submitted"
    # Locked: a question page leads to the read-only view.
    tab.goto(f"{base}/person_1_age", wait_until="domcontentloaded")
    assert path(tab) == f"{base}/view"
    screenshot(tab, "lettings-locked-view")


def test_the_log_can_be_completed_with_the_keyboard_alone(page, make_user, household_of_three):  # noqa: F811
    tab = page
    sign_in(tab, make_user(Role.DATA_PROVIDER))
    base = new_log(tab)
    complete_every_section(tab, base, household_of_three, user=Keyboard())
    submit(tab, base, user=Keyboard())
    db.session.expire_all()
    assert db.session.get(FormRecord, int(base.rsplit("/", 1)[-1])).status == "submitted"


def test_a_change_that_adds_a_person_asks_about_them(
    page,
    make_user,
    household_of_three,  # noqa: F811
    valid_example,
):
    tab = page
    user = make_user(Role.DATA_PROVIDER)
    sign_in(tab, user)
    base = f"/logs/{make_log(user, **household_of_three).id}"
    tab.goto(f"{base}/check-answers", wait_until="domcontentloaded")
    with tab.expect_navigation(wait_until="domcontentloaded"):
        tab.locator('a[href*="/household_number_of_other_members?"]').click()
    MOUSE.answer(tab, {"household_number_of_other_members": "3"})
    # Person 4's questions, then back to check answers: nothing left "Not answered".
    assert path(tab) == f"{base}/person_4"
    MOUSE.answer(tab, form_data("person_4", apply_payload(LETTINGS_LOG, valid_example, {}).answers))
    assert path(tab) == f"{base}/check-answers"
    titles = tab.locator(".govuk-summary-card__title").all_inner_texts()
    assert titles == ["Lead tenant", "Person 2", "Person 3", "Person 4"]
    assert "Not answered" not in tab.locator("main").inner_text()


def test_a_soft_check_keeps_the_thread(page, make_user):
    tab = page
    sign_in(tab, make_user(Role.DATA_PROVIDER))
    base = new_log(tab)
    tab.goto(f"{base}/person_1_age", wait_until="domcontentloaded")
    MOUSE.answer(tab, {"person_1_age": "70"})
    tab.goto(f"{base}/person_1_economic_status", wait_until="domcontentloaded")
    MOUSE.answer(tab, {"person_1_economic_status": "Full-time - 30 hours or more"})
    assert path(tab) == f"{base}/check/retirement_value_check"
    # Back goes to the page that raised the check, though the age is shown first.
    assert tab.locator(".govuk-back-link").get_attribute("href") == (
        f"{base}/person_1_economic_status"
    )
    # A Change there comes back to the check while the answers are still unusual...
    with tab.expect_navigation(wait_until="domcontentloaded"):
        tab.locator(".govuk-summary-list__row", has_text="Age").get_by_role("link").click()
    MOUSE.answer(tab, {"person_1_age": "75"})
    assert path(tab) == f"{base}/check/retirement_value_check"
    # ...and goes on from it, not from the changed page, once they are not.
    with tab.expect_navigation(wait_until="domcontentloaded"):
        tab.locator(".govuk-summary-list__row", has_text="Age").get_by_role("link").click()
    MOUSE.answer(tab, {"person_1_age": "40"})
    assert path(tab) == f"{base}/household_number_of_other_members"
