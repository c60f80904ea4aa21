"""On a 375 px phone screen no page of the applicant journey is wider than the screen: the
listing page (with "The homes" of a whole development), the task list, every question and
"add another" page of an application with a joint applicant, check answers and the
confirmation. A page wider than the screen scrolls sideways, which WCAG 1.4.10 (reflow) rules
out."""

from __future__ import annotations

import pytest

from app.accounts.roles import Role
from tests.applications.conftest import joint_applicant, main_applicant  # noqa: F401
from tests.applications.test_journey_web import wanted  # noqa: F401
from tests.browser.conftest import axe_violations, screenshot, sign_in
from tests.browser.forms import Mouse
from tests.browser.navigation import path
from tests.browser.test_application_journey import answer_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
# How far a page is wider than the window: more than 0 scrolls sideways.
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


class PhoneWidths:
    """Each page's overflow, by path, measured as it is shown."""

    def __init__(self):
        self.overflow: dict[str, int] = {}

    def measure(self, tab) -> None:
        self.overflow[path(tab)] = tab.evaluate(OVERFLOW)

    @property
    def too_wide(self) -> dict[str, int]:
        return {page: pixels for page, pixels in self.overflow.items() if pixels > 0}


class MeasuringMouse(Mouse):
    """Answers each page with the mouse, measuring it first."""

    def __init__(self, widths: PhoneWidths):
        self.widths = widths

    def answer(self, tab, data: dict, button: str = "Save and continue") -> None:
        self.widths.measure(tab)
        super().answer(tab, data, button=button)


@pytest.fixture
def development_listing(make_development, make_property, make_listing):
    """A listing of a whole development with homes whose values are long."""
    development = make_development(name="Riverside Quarter")
    for plot, bedrooms, kind in (("12A", 1, "Maisonette"), ("14", 3, "Bungalow"), ("7", 2, "Flat")):
        make_property(
            development,
            plot=plot,
            bedrooms=bedrooms,
            property_type=kind,
            full_market_value=1_245_995,
            minimum_share=10,
        )
    return make_listing(development, title="Shared ownership homes at Riverside Quarter")


def test_the_homes_are_cards_on_a_phone_and_a_table_on_a_wider_screen(new_tab, development_listing):
    phone = new_tab(viewport=PHONE, bypass_csp=True)  # bypass_csp: axe is added inline
    phone.goto(f"/listings/{development_listing.id}", wait_until="domcontentloaded")
    screenshot(phone, "listing-phone")
    assert phone.evaluate(OVERFLOW) <= 0
    assert not phone.locator("#properties").is_visible()
    cards = phone.locator("#properties-cards .govuk-summary-card")
    assert cards.count() == 3
    assert cards.first.locator(".govuk-summary-card__title").inner_text() == "Plot 12A"
    assert "£124,599.50" in cards.first.inner_text()
    # What a screen reader reads: the cards, and nothing of the hidden table.
    assert phone.get_by_role("table").count() == 0
    assert phone.get_by_role("heading", name="Plot 14").is_visible()
    assert axe_violations(phone) == []

    wide = new_tab()
    wide.goto(f"/listings/{development_listing.id}", wait_until="domcontentloaded")
    assert wide.locator("#properties").is_visible()
    assert not wide.locator("#properties-cards").is_visible()
    assert wide.get_by_role("heading", name="Plot 14").count() == 0
    assert wide.get_by_role("table", name="The homes").is_visible()


def test_no_page_of_the_applicant_journey_is_wider_than_a_phone(
    new_tab,
    make_user,
    development_listing,
    wanted,  # noqa: F811
):
    tab = new_tab(viewport=PHONE)
    widths = PhoneWidths()
    user = MeasuringMouse(widths)
    sign_in(tab, make_user(Role.APPLICANT))
    tab.goto(f"/listings/{development_listing.id}", wait_until="domcontentloaded")
    widths.measure(tab)
    user.follow(tab, "Apply")
    base = path(tab).rstrip("/")
    record_id = int(base.rsplit("/", 1)[-1])
    widths.measure(tab)  # the task list
    user.follow(tab, "About you")

    visited = answer_pages(tab, user, base, record_id, wanted)
    widths.measure(tab)  # check answers
    screenshot(tab, "application-check-answers-phone")
    Mouse().answer(tab, {"declaration": ["confirmed"]}, button="Submit")
    assert path(tab) == f"{base}/confirmation"
    widths.measure(tab)

    measured = set(widths.overflow)
    assert {f"/listings/{development_listing.id}", f"{base}/", f"{base}/check-answers"} < measured
    assert {f"{base}/{key}" for key in visited} <= measured
    assert "jointApplicants/0/preferredPlots" in visited
    assert f"{base}/confirmation" in measured
    assert widths.too_wide == {}
