"""How questions render as GOV.UK Frontend components."""

from bs4 import BeautifulSoup

from app.formkit.definition import Page
from app.formkit.forms import page_form
from app.formkit.questions import Option, Radios, Text, YesNo
from tests.formkit.conftest import stacked_with_reveal

CRN = Text(id="crn", label="Case reference number", messages={"required": "Enter the CRN"})
KNOWN = YesNo(
    id="known",
    label="Is the tenant known to probation?",
    messages={"required": "Select yes if the tenant is known to probation"},
    options=(Option(True, "Yes", reveals=("crn",)), Option(False, "No")),
)
PETS = YesNo(id="pets", label="Do you have pets?", messages={"required": "Select yes if …"})


def rendered(app, page: Page) -> BeautifulSoup:
    with app.test_request_context():
        form = page_form(page, {}, 1)
        html = "".join(str(field()) for field in form.top_level_fields())
    return BeautifulSoup(html, "html.parser")


def test_yes_no_radios_sit_side_by_side(app):
    radios = rendered(app, Page.of(PETS)).select_one(".govuk-radios")
    assert "govuk-radios--inline" in radios["class"]


def test_radios_that_reveal_a_question_are_stacked(app):
    """GOV.UK Frontend shows a reveal under its own option: inline, the CRN field would sit
    between "Yes" and "No". A yes/no question is inline by default, so this is the engine's
    rule, not something each definition must remember."""
    assert KNOWN.inline
    soup = rendered(app, Page(id="probation", questions=(KNOWN, CRN)))
    children = stacked_with_reveal(soup.select_one(".govuk-radios"))
    assert children[1].select_one("input#crn") is not None
    assert children[0].select_one("input")["data-aria-controls"] == children[1]["id"]


SPEED = Radios(
    id="speed",
    label="How fast?",
    messages={"required": "Select how fast"},
    options=(Option("fast", "Fast"), Option("slow", "Slow"), Option("old", "Old", offered=False)),
)


def test_an_option_not_offered_is_shown_only_while_it_is_the_answer(app):
    def values(answers):
        with app.test_request_context():
            form = page_form(Page.of(SPEED), answers, 1)
            html = "".join(str(field()) for field in form.top_level_fields())
        return [i["value"] for i in BeautifulSoup(html, "html.parser").select("input")]

    assert values({}) == ["fast", "slow"]
    assert values({"speed": "old"}) == ["fast", "slow", "old"]
