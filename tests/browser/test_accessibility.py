"""axe-core's WCAG 2.2 A and AA rules on every kind of page: a question page of each question
type, a page with errors, the task list, check answers and confirmation pages, the logs and
listings lists, a listing, a tenure, and the sign-in and account pages. The content security
policy is bypassed in these tabs only, so that axe can be injected."""

from __future__ import annotations

import copy

import pytest

from app.accounts.roles import Role
from app.formkit import store
from app.journeys.lettings_log import LETTINGS_LOG
from app.journeys.shared_ownership_application import SHARED_OWNERSHIP_APPLICATION
from app.tenures import service as tenures
from tests.browser.conftest import BEST_PRACTICE_TAGS, axe_violations, screenshot, sign_in
from tests.case_logs.test_web_journey import household_of_three  # noqa: F401
from tests.tenures.test_web import TENURE

pytestmark = pytest.mark.browser

# A page of each question type, in the journey that has it.
LETTINGS_PAGES = {
    "text": "tenant_code",
    "number": "person_1_age",
    "date": "tenancy_start_date",
    "radios": "person_1_gender",
    "checkboxes": "condition_effects_types",
    "select": "reason_for_leaving_last_settled_home",
    "yes/no": "property_wheelchair_accessible",
}
CHECKBOXES = LETTINGS_PAGES["checkboxes"]
APPLICATION_PAGES = {"textarea": "needs", "email": "contact", "yes/no and number": "currentHome"}


@pytest.fixture
def axe_tab(new_tab):
    return new_tab(bypass_csp=True)


def check(tab, urls) -> dict:
    """The violations on each page, as {url: [violation, …]}; only pages that have any."""
    found = {}
    for url in urls:
        response = tab.goto(url, wait_until="load")
        assert response.status == 200, (url, response.status)
        if violations := axe_violations(tab):
            found[url] = violations
    return found


def test_axe_finds_violations(axe_tab):
    axe_tab.goto("/sign-in")
    axe_tab.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in [v["id"] for v in axe_violations(axe_tab)]


def test_signed_out_pages(axe_tab, listing):  # noqa: F811
    assert (
        check(axe_tab, ["/", "/sign-in", "/register", "/listings", f"/listings/{listing.id}"]) == {}
    )
    # A page with errors.
    axe_tab.goto("/sign-in")
    axe_tab.get_by_role("button", name="Sign in").click()
    axe_tab.wait_for_selector(".govuk-error-summary")
    assert axe_violations(axe_tab) == []


def test_the_pages_that_refuse_a_nul_character(axe_tab):
    assert axe_tab.goto("/listings?bedrooms=%00").status == 400
    assert axe_violations(axe_tab) == []
    axe_tab.goto("/sign-in")
    axe_tab.locator('[name="email"]').fill("ada\x00@example.com")
    with axe_tab.expect_navigation():
        axe_tab.get_by_role("button", name="Sign in").click()
    assert axe_tab.locator("h1").inner_text() == "Your answers contain a character we cannot save"
    assert axe_violations(axe_tab) == []


def test_lettings_pages(axe_tab, make_user, household_of_three):  # noqa: F811
    user = make_user(Role.DATA_PROVIDER)
    draft = store.create_record(
        LETTINGS_LOG, owner_id=user.id, organisation_id=user.organisation_id
    )
    done = store.create_record(LETTINGS_LOG, owner_id=user.id, organisation_id=user.organisation_id)
    store.save_answers(LETTINGS_LOG, done, household_of_three, done.version)
    sign_in(axe_tab, user)
    base = f"/logs/{draft.id}"
    # Question pages that apply to a new log, and the checkboxes page of the complete one.
    urls = [f"{base}/{page_id}" for page_id in LETTINGS_PAGES.values() if page_id != CHECKBOXES]
    urls.append(f"/logs/{done.id}/{CHECKBOXES}")
    urls += ["/logs/", f"{base}/", f"/logs/{done.id}/check-answers", f"/logs/{done.id}/submit"]
    urls += ["/account"]
    assert check(axe_tab, urls) == {}

    # A question page with errors, and the confirmation page.
    axe_tab.goto(f"{base}/person_1_age")
    axe_tab.locator('[name="person_1_age"]').fill("130")
    axe_tab.get_by_role("button", name="Save and continue").click()
    axe_tab.wait_for_selector(".govuk-error-summary")
    assert axe_violations(axe_tab) == []
    axe_tab.goto(f"/logs/{done.id}/submit")
    axe_tab.locator('[name="declaration"]').check()
    axe_tab.get_by_role("button", name="Submit").click()
    axe_tab.wait_for_selector(".govuk-panel")
    assert axe_violations(axe_tab) == []
    assert check(axe_tab, [f"/logs/{done.id}/view"]) == {}


def test_application_pages(axe_tab, make_user):
    user = make_user(Role.APPLICANT)
    record = store.create_record(SHARED_OWNERSHIP_APPLICATION, owner_id=user.id)
    sign_in(axe_tab, user)
    base = f"/applications/{record.id}"
    urls = [f"{base}/{page_id}" for page_id in APPLICATION_PAGES.values()]
    assert check(axe_tab, [*urls, f"{base}/", "/applications/"]) == {}


def test_tenure_page(axe_tab, make_user):
    user = make_user(Role.DATA_PROVIDER)
    tenure = tenures.create(copy.deepcopy(TENURE), user)
    sign_in(axe_tab, user)
    assert check(axe_tab, ["/manage-tenures/", f"/manage-tenures/{tenure.id}"]) == {}
    screenshot(axe_tab, "tenure")


def best_practice_violations(tab) -> list[dict]:
    """axe's WCAG and best-practice violations, but for one it gets wrong: with the cookie
    banner before the skip link, as GOV.UK places it, axe takes the skip link for content
    outside a landmark, knowing a skip link only before the page's first other link
    (dequelabs/axe-core#4240)."""
    violations = axe_violations(tab, BEST_PRACTICE_TAGS)
    if tab.locator(".govuk-cookie-banner").count():
        skip_link_only = [".govuk-skip-link"]
        violations = [
            v
            for v in violations
            if not (v["id"] == "region" and [n.split(":")[0] for n in v["nodes"]] == skip_link_only)
        ]
    return violations


def test_staff_pages_with_best_practices(axe_tab, make_user):
    """axe's best practices too, `region` among them (everything in a landmark: the phase
    banner, the back link), on the logs list with and without results, a log's question page,
    and the pages for managing users and tokens."""
    coordinator = make_user(Role.DATA_COORDINATOR)
    colleague = make_user(Role.DATA_PROVIDER)
    record = store.create_record(
        LETTINGS_LOG, owner_id=coordinator.id, organisation_id=coordinator.organisation_id
    )
    axe_tab.goto("/sign-in")
    assert best_practice_violations(axe_tab) == []  # with the cookie banner
    with axe_tab.expect_navigation():
        axe_tab.get_by_role("button", name="Reject analytics cookies").click()
    assert best_practice_violations(axe_tab) == []  # and its confirmation
    with axe_tab.expect_navigation():
        axe_tab.get_by_role("link", name="Hide cookie message").click()
    sign_in(axe_tab, coordinator)
    urls = [
        "/logs/",
        "/logs/?search=nothing-matches",
        f"/logs/{record.id}/tenant_code",
        "/manage-users/",
        "/manage-users/invite",
        f"/manage-users/{colleague.id}/edit",
        f"/manage-users/{colleague.id}/deactivate",
        "/account",
    ]
    found = {}
    for url in urls:
        assert axe_tab.goto(url, wait_until="load").status == 200, url
        if violations := best_practice_violations(axe_tab):
            found[url] = violations
    assert found == {}
    # A confirmation after a post/redirect/get.
    axe_tab.goto("/manage-users/invite")
    axe_tab.locator('[name="name"]').fill("Nia New")
    axe_tab.locator('[name="email"]').fill("nia@example.com")
    axe_tab.get_by_label("Data provider").check()
    axe_tab.get_by_role("button", name="Invite user").click()
    # The link goes by email only; the page says where it went.
    axe_tab.get_by_role("heading", name="Invitation sent to nia@example.com").wait_for()
    assert best_practice_violations(axe_tab) == []
    screenshot(axe_tab, "user-invited")


def test_pages_that_reveal_a_question(axe_tab, make_user):
    """The probation record page and the tenure's "add household member" page each reveal
    a question under one option: stacked radios, with the revealed field between the option
    that reveals it and the next, never beside them."""
    user = make_user(Role.DATA_PROVIDER)
    log = store.create_record(LETTINGS_LOG, owner_id=user.id, organisation_id=user.organisation_id)
    tenure = tenures.create(copy.deepcopy(TENURE), user)
    sign_in(axe_tab, user)
    pages = {
        f"/logs/{log.id}/probation-record": ("known_to_probation", "crn"),
        f"/manage-tenures/{tenure.id}/household-members/new": ("type", "dateOfBirth-day"),
    }
    assert check(axe_tab, list(pages)) == {}
    for url, (choice, revealed) in pages.items():
        axe_tab.goto(url)
        axe_tab.locator(f"#{choice}").check()
        field = axe_tab.locator(f"#{revealed}")
        field.wait_for(state="visible")
        first, field_box = axe_tab.locator(f"#{choice}").bounding_box(), field.bounding_box()
        second = axe_tab.locator(f"#{choice}-2").bounding_box()
        # Stacked: the revealed field is below the first option and above the second.
        assert first["y"] + first["height"] <= field_box["y"], url
        assert field_box["y"] + field_box["height"] <= second["y"], url
        assert axe_violations(axe_tab) == [], url
        screenshot(axe_tab, f"revealed-{revealed}")
