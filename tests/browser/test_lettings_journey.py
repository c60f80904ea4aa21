"""A data provider completes a whole lettings log in Chromium, with JavaScript on: every section,
a bad age corrected from the error summary, an unusual answer confirmed, submission from check
answers and the lock, in no more page views than the budget. Then the same journey with the
keyboard alone."""

from __future__ import annotations

import pytest

from app.accounts.roles import Role
from app.extensions import db
from app.formkit.models import FormRecord
from app.formkit.validation import apply_payload
from app.journeys.lettings_log import LETTINGS_LOG
from tests.browser.conftest import screenshot, sign_in
from tests.browser.forms import Keyboard, Mouse, save_and_continue
from tests.browser.navigation import PageViews, new_log, next_unfinished_section, path
from tests.case_logs.test_web import make_log
from tests.case_logs.test_web_journey import form_data, household_of_three  # noqa: F401

pytestmark = pytest.mark.browser
MOUSE = Mouse()


# Page views of a full log of a household of three, from its task list to the confirmation:
# 65, of which 61 are question pages and 1 an unusual answer to confirm. Before issue 16 there
# were 81: each of the 8 sections' summaries, the task list between sections, then a separate
# submit page.
PAGE_VIEW_BUDGET = 70


def complete_the_log(tab, base: str, answers: dict, user=MOUSE):
    """From the task list, the way the pages lead: its first section, then each page in turn.
    A section's end leads on to the next section, never to its summary or the task list; after
    the last, to check answers. The question pages and the unusual answers confirmed."""
    visited, confirmed = [], []
    link = next_unfinished_section(tab, base)
    user.follow(tab, link.inner_text().strip())
    while path(tab) != f"{base}/check-answers":
        assert "/check-answers/" not in path(tab) and path(tab) != f"{base}/", path(tab)
        if "/check/" in path(tab):  # an unusual answer: confirm it
            confirmed.append(path(tab).rsplit("/", 1)[-1])
            assert tab.locator("h1").inner_text() == "Make sure these answers are correct"
            if not user.keyboard:
                screenshot(tab, "lettings-soft-check")
            user.answer(tab, {}, button="Confirm and continue")
            continue
        page_id = path(tab).rsplit("/", 1)[-1]
        visited.append(page_id)
        user.answer(tab, form_data(page_id, answers))
        assert not tab.locator(".govuk-error-summary").count(), (page_id, tab.content())
    return visited, confirmed


def submit(tab, base: str, user=MOUSE) -> None:
    """On check answers, which ends with the declaration and the submit button."""
    assert path(tab) == f"{base}/check-answers"
    assert tab.locator("#submit-heading").inner_text() == "Now submit your lettings log"
    user.answer(tab, {"declaration": ["confirmed"]}, button="Submit")
    assert path(tab) == f"{base}/confirmation"


# The places in summary lists where a line breaks between two letters: "North|ern".
MID_WORD_BREAKS = """() => {
  const breaks = [];
  for (const cell of document.querySelectorAll(".govuk-summary-list__value")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      let top = null;
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (!box) continue;
        if (top !== null && box.top > top + 2 && /\\w\\w/.test(text.slice(i - 1, i + 1)))
          breaks.push(text.slice(0, i) + "|" + text.slice(i));
        top = box.top;
      }
    }
  }
  return breaks;
}"""


def assert_within_budget(views: PageViews, base: str, visited: list, confirmed: list) -> None:
    # The task list, each question page once, check answers and the confirmation, and the
    # unusual answers to confirm: no section summaries, no task list between sections.
    pages = [view for view in views.paths if "/check/" not in view]
    assert pages == [
        f"{base}/",
        *(f"{base}/{key}" for key in visited),
        f"{base}/check-answers",
        f"{base}/confirmation",
    ]
    assert len(views.paths) == len(pages) + len(confirmed)
    assert len(views.paths) <= PAGE_VIEW_BUDGET, len(views.paths)


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

    views = PageViews(tab)
    visited, confirmed = complete_the_log(tab, base, household_of_three)
    assert {"person_2", "person_3"} <= set(visited)
    assert not {f"person_{n}" for n in range(4, 9)} & set(visited)
    assert confirmed == ["retirement_value_check"]

    titles = tab.locator(".govuk-summary-card__title").all_inner_texts()
    assert titles == ["Lead tenant", "Person 2", "Person 3"]
    # Long values, such as the ethnic group, wrap between words, never in the middle of one.
    assert tab.evaluate(MID_WORD_BREAKS) == []
    screenshot(tab, "lettings-check-answers")

    submit(tab, base)
    assert_within_budget(views, base, visited, confirmed)
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
    views = PageViews(tab)
    visited, confirmed = complete_the_log(tab, base, household_of_three, user=Keyboard())
    submit(tab, base, user=Keyboard())
    assert_within_budget(views, base, visited, confirmed)
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
