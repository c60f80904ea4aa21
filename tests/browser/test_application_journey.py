"""An applicant in Chromium: from a listing's "Apply", signed out; saved by creating an
account; signed out and back in, landing on "Your applications"; resumed where they left; a
joint applicant added; and submitted. Once with the mouse, and once with the keyboard alone."""

from __future__ import annotations

import pytest

from app.accounts.models import User
from app.accounts.roles import Role
from app.extensions import db
from app.formkit import runner
from app.formkit.models import FormRecord
from app.formkit.runner import items
from app.journeys.shared_ownership_application import SHARED_OWNERSHIP_APPLICATION
from tests.applications.conftest import joint_applicant, main_applicant  # noqa: F401
from tests.applications.test_journey_web import form_data, section_of, wanted  # noqa: F401
from tests.browser.conftest import screenshot, sign_in
from tests.browser.forms import Keyboard, Mouse
from tests.browser.navigation import PageViews, path
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def go(tab, url: str) -> None:
    tab.goto(url, wait_until="domcontentloaded")


def answer_pages(tab, user, base: str, record_id: int, answers: dict, section=None) -> list[str]:
    """Answer each page from the current one the way the pages lead, until check answers, or
    with `section`, until the journey leaves that section. The way never passes a section's
    summary or the task list."""
    visited = []
    while path(tab) != f"{base}/check-answers" and (
        section is None or section_of(base, path(tab)) == section
    ):
        assert "/check-answers/" not in path(tab) and path(tab) != f"{base}/", path(tab)
        key = path(tab).removeprefix(f"{base}/")
        db.session.expire_all()
        stored = db.session.get(FormRecord, record_id).answers
        step = runner.find_step(SHARED_OWNERSHIP_APPLICATION, stored, key)
        if step.is_summary:  # "add another", at any depth: yes while there are more to add
            have = items(runner.container(stored, step.parents), step.group)
            wanted_items = items(runner.container(answers, step.parents), step.group)
            data = {"add_another": "yes" if len(wanted_items) > len(have) else "no"}
        else:
            data = form_data(key, answers)
        visited.append(key)
        user.answer(tab, data, button="Continue" if step.is_summary else "Save and continue")
        assert not tab.locator(".govuk-error-summary").count(), (key, tab.content())
    return visited


@pytest.mark.parametrize("user", [Mouse(), Keyboard()], ids=["mouse", "keyboard"])
def test_signed_out_start_save_by_registering_resume_and_submit(page, user, listing, wanted):  # noqa: F811
    tab = page
    go(tab, f"/listings/{listing.id}")
    if not user.keyboard:
        screenshot(tab, "listing")
    user.follow(tab, "Apply")
    record_id = int(path(tab).strip("/").split("/")[1])
    base = f"/applications/{record_id}"
    go(tab, f"{base}/continue")
    assert path(tab) == f"{base}/name"
    answer_pages(tab, user, base, record_id, wanted, section="about_you")
    assert path(tab) == f"{base}/jointApplicants"  # on to the next section
    db.session.expire_all()
    record = db.session.get(FormRecord, record_id)
    assert record.owner_id is None and record.answers["firstName"] == "Ada"

    # "Save and come back later": create an account; what they typed is kept.
    go(tab, f"{base}/homeAddress")
    user.answer(tab, {"homeAddressLine1": "Flat 2"}, button="Save and come back later")
    assert path(tab) == f"{base}/save-for-later"
    user.follow(tab, "Create an account")
    email = f"ada.{'keyboard' if user.keyboard else 'mouse'}@example.com"
    account = {"name": "Ada Lovelace", "email": email, "password": PASSWORD}
    user.answer(tab, {**account, "confirm_password": PASSWORD}, button="Create account")
    assert path(tab) == f"{base}/"
    db.session.expire_all()
    owner_id = db.session.get(FormRecord, record_id).owner_id
    assert db.session.get(User, owner_id).email == email

    # Signed out and back in, they land on their applications, where "Continue" opens the
    # page they left to come back later.
    user.follow(tab, "Sign out", within="header")
    go(tab, "/sign-in")
    user.answer(tab, {"email": email, "password": PASSWORD}, button="Sign in")
    assert path(tab) == "/applications/"
    reference = db.session.get(FormRecord, record_id).reference
    user.follow(tab, f"Continue application {reference} ({listing.title})")
    assert path(tab) == f"{base}/homeAddress"
    assert db.session.get(FormRecord, record_id).answers["homeAddressLine1"] == "Flat 2"

    visited = answer_pages(tab, user, base, record_id, wanted)
    assert "jointApplicants/0/name" in visited and "jointApplicants/1/name" not in visited
    if not user.keyboard:
        screenshot(tab, "application-check-answers")

    # Check answers ends with the declaration and the submit button.
    user.answer(tab, {"declaration": ["confirmed"]}, button="Submit")
    assert path(tab) == f"{base}/confirmation"
    if not user.keyboard:
        screenshot(tab, "application-confirmation")
    db.session.expire_all()
    assert db.session.get(FormRecord, record_id).reference in tab.locator("main").inner_text()
    go(tab, f"{base}/name")
    assert path(tab) == f"{base}/view"


# Page views of a whole application with one joint applicant, from its task list to the
# confirmation (the listing page with "Apply" comes before): 76, of which 73 are question and
# "add another" pages (since issue 21, the joint applicant's own previous addresses). Before
# issue 16 there were 93: each of the 9 sections' summaries, and the task list between
# sections.
PAGE_VIEW_BUDGET = 76


def test_a_whole_application_the_way_the_pages_lead(page, make_user, listing, wanted):  # noqa: F811
    tab = page
    sign_in(tab, make_user(Role.APPLICANT))
    go(tab, f"/listings/{listing.id}")
    views = PageViews(tab)
    Mouse().follow(tab, "Apply")
    base = path(tab).rstrip("/")
    record_id = int(base.rsplit("/", 1)[-1])
    screenshot(tab, "application-task-list")
    Mouse().follow(tab, "About you")
    visited = answer_pages(tab, Mouse(), base, record_id, wanted)
    assert tab.locator("#submit-heading").inner_text() == "Now submit your application"
    Mouse().answer(tab, {"declaration": ["confirmed"]}, button="Submit")
    assert path(tab) == f"{base}/confirmation"
    # The task list, each page once (the joint applicants' "add another" twice), check answers
    # and the confirmation: no section summaries, no task list between sections.
    assert views.paths == [
        f"{base}/",
        *(f"{base}/{key}" for key in visited),
        f"{base}/check-answers",
        f"{base}/confirmation",
    ]
    assert len(views.paths) <= PAGE_VIEW_BUDGET, len(views.paths)
