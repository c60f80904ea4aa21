"""A whole lettings log through the staff pages, as a browser would: every section from the task
list, a bad answer corrected, an unusual answer confirmed, check answers, submission and the
lock that follows."""

from urllib.parse import urlsplit

import pytest

from app.accounts.roles import Role
from app.extensions import db
from app.formkit import outputs
from app.formkit.definition import CONFIRMED
from app.formkit.models import FormRecord
from app.formkit.validation import apply_payload
from app.journeys.lettings_log import LETTINGS_LOG
from tests.case_logs.test_web import make_log, new_log
from tests.formkit.conftest import change_links, form_state
from tests.helpers import error_summary, page, sign_in

PAGES = {page.id: page for page in LETTINGS_LOG.top_level_pages}


@pytest.fixture
def household_of_three(valid_example) -> dict:
    """The seed's example for a lead tenant and two others, with a lead tenant of 70 who works
    full time: unusual, so it is to be confirmed."""
    payload = {
        key: value
        for key, value in valid_example.items()
        if not key.startswith(tuple(f"person_{n}_" for n in range(4, 9)))
    }
    payload.update(household_number_of_other_members=2, person_1_age=70)
    # The pages offer CORE's options, which do not include these two of the seed's values.
    payload.update(
        rent_frequency="Weekly for 52 weeks",
        armed_forces_active="No - they left up to 5 years ago",
    )
    outcome = apply_payload(LETTINGS_LOG, payload, {})
    assert outcome.ok, outcome.errors
    return outcome.answers


def form_data(page_id: str, answers: dict) -> dict:
    """What a user types and picks on a page to give these answers."""
    data = {}
    for question in PAGES[page_id].questions:
        value = question.form_value(answers)
        if isinstance(value, dict):  # a date's day, month and year inputs
            data.update({f"{question.id}-{part}": str(v) for part, v in value.items()})
        else:
            data[question.id] = value if isinstance(value, list) else str(value)
    return data


def path(response) -> str:
    return urlsplit(response.headers["Location"]).path


def unfinished_sections(client, base: str) -> list[str]:
    """The links of the task list's sections that are not completed."""
    soup = page(client.get(f"{base}/"))
    return [
        item.select_one("a")["href"]
        for item in soup.select(".govuk-task-list__item")
        if item.select_one("a") is not None
        and item.select_one(".govuk-task-list__status").get_text(strip=True) != "Completed"
    ]


def test_a_log_is_completed_through_every_section_and_submitted(
    client, make_user, household_of_three
):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    log_id = new_log(client)
    base = f"/logs/{log_id}"
    visited, confirmed = [], []

    # A bad age first: the error summary gives the contract's message and nothing is saved.
    age_page = client.get(f"{base}/person_1_age")
    response = client.post(
        f"{base}/person_1_age", data={**form_state(age_page), "person_1_age": "130"}
    )
    assert response.status_code == 200
    assert error_summary(page(response)) == ["Tenant age must be between 0 and 120"]
    assert "person_1_age" not in db.session.get(FormRecord, log_id).answers

    # From the task list's first section, each page leads to the next: at a section's end on to
    # the next section, never to the section's summary or back to the task list, and after the
    # last section to check answers.
    url = unfinished_sections(client, base)[0]
    response = client.get(url)
    while url != f"{base}/check-answers":
        assert "/check-answers/" not in url and url != f"{base}/", url
        page_id = urlsplit(url).path.rsplit("/", 1)[-1]
        visited.append(page_id)
        response = client.post(
            url, data={**form_state(response), **form_data(page_id, household_of_three)}
        )
        assert response.status_code == 302, error_summary(page(response))
        if "/check/" in path(response):  # an unusual answer: confirm it and go on
            confirmed.append(path(response).rsplit("/", 1)[-1])
            check = response.headers["Location"]
            shown = client.get(check)
            assert page(shown).h1.get_text(strip=True) == "Make sure these answers are correct"
            response = client.post(check, data=form_state(shown))
        url = response.headers["Location"]
        response = client.get(url)
        assert response.status_code == 200

    # Only the persons in the household were asked about.
    assert {"person_2", "person_3"} <= set(visited)
    assert not {f"person_{n}" for n in range(4, 9)} & set(visited)
    assert len(visited) == len(set(visited)) > 60
    assert confirmed == ["retirement_value_check"]

    stored = db.session.get(FormRecord, log_id).answers
    assert outputs.to_json(LETTINGS_LOG, stored) == outputs.to_json(
        LETTINGS_LOG, household_of_three
    )
    assert stored[CONFIRMED] == {
        "retirement_value_check": {
            "person_1_age": 70,
            "person_1_economic_status": "Full-time - 30 hours or more",
        }
    }

    # Check answers: one card for the lead tenant and one per other person.
    soup = page(response)
    # A long value may wrap after its slashes, not only mid-word.
    ethnic_group = "White: English/<wbr>Scottish/<wbr>Welsh/<wbr>Northern Irish/<wbr>British"
    assert ethnic_group in response.get_data(as_text=True)
    titles = [t.get_text(strip=True) for t in soup.select(".govuk-summary-card__title")]
    assert titles == ["Lead tenant", "Person 2", "Person 3"]
    person_3 = soup.select(".govuk-summary-card")[2]
    assert [k.get_text(strip=True) for k in person_3.select(".govuk-summary-list__key")] == [
        "Relationship to the lead tenant",
        "Age",
        "Gender identity",
        "Working situation",
    ]
    assert not soup.select(".formkit-soft-check")  # confirmed, so no longer asked about

    # It ends with the declaration and the submit button: one step to submit.
    assert unfinished_sections(client, base) == [f"{base}/check-answers"]  # "Check and submit"
    form = soup.select_one("main form")
    assert form["action"] == f"{base}/submit"
    response = client.post(
        form["action"], data={**form_state(client.get(url)), "declaration": "confirmed"}
    )
    assert path(response) == f"{base}/confirmation"
    record = db.session.get(FormRecord, log_id)
    assert record.status == "submitted"
    # Locked: every page of the log now leads to its read-only view.
    assert path(client.get(f"{base}/person_1_age")) == f"{base}/view"
    locked = client.post(
        f"{base}/person_1_age", data={**form_state(age_page), "person_1_age": "40"}
    )
    assert path(locked) == f"{base}/view"
    assert db.session.get(FormRecord, log_id).answers["person_1_age"] == 70


def test_save_and_come_back_later_keeps_a_saved_age(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    log_id = new_log(client)
    url = f"/logs/{log_id}/person_1_age"
    response = client.post(url, data={**form_state(client.get(url)), "person_1_age": "45"})
    assert response.status_code == 302
    # Reopened, 450 typed over it and "Save and come back later" pressed: the page again,
    # with its error, and the saved 45 untouched.
    response = client.post(
        url, data={**form_state(client.get(url)), "person_1_age": "450", "action": "later"}
    )
    assert response.status_code == 200
    soup = page(response)
    assert error_summary(soup) == ["Tenant age must be between 0 and 120"]
    assert soup.select_one("#person_1_age")["value"] == "450"  # what they typed is kept
    db.session.expire_all()
    assert db.session.get(FormRecord, log_id).answers["person_1_age"] == 45
    # Nothing claims it was saved.
    assert not page(client.get(f"/logs/{log_id}/")).select(".govuk-notification-banner--success")


@pytest.fixture
def complete_log(client, make_user, household_of_three, valid_example):
    """A signed-in provider's completed log of a household of three: its base URL."""
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    record = make_log(user, **household_of_three)
    assert record.status == "completed"
    return f"/logs/{record.id}"


@pytest.mark.parametrize("return_to", ["check-answers", "check-answers/household_characteristics"])
def test_a_change_that_adds_a_person_asks_about_them_then_returns(
    client, complete_log, valid_example, return_to
):
    base = complete_log
    person_4 = apply_payload(LETTINGS_LOG, valid_example, {}).answers
    check = page(client.get(f"{base}/{return_to}"))
    change = next(
        a["href"]
        for a in check.select(".govuk-summary-list__actions a")
        if "/household_number_of_other_members?" in a["href"]
    )
    response = client.post(
        change,
        data={**form_state(client.get(change)), "household_number_of_other_members": "3"},
    )
    # Not back to check answers with Person 4 not answered: Person 4's questions first.
    assert response.headers["Location"] == f"{base}/person_4?return_to={return_to}"
    url = response.headers["Location"]
    response = client.post(
        url, data={**form_state(client.get(url)), **form_data("person_4", person_4)}
    )
    assert response.status_code == 302, error_summary(page(response))
    assert response.headers["Location"] == f"{base}/{return_to}"
    soup = page(client.get(response.headers["Location"]))
    assert "Not answered" not in soup.get_text()
    assert db.session.get(FormRecord, int(base.rsplit("/", 1)[-1])).status == "completed"


def test_the_soft_check_back_link_goes_to_the_page_that_raised_it(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER))
    log_id = new_log(client)
    base = f"/logs/{log_id}"
    url = f"{base}/person_1_age"
    client.post(url, data={**form_state(client.get(url)), "person_1_age": "70"})
    url = f"{base}/person_1_economic_status"
    response = client.post(
        url,
        data={
            **form_state(client.get(url)),
            "person_1_economic_status": "Full-time - 30 hours or more",
        },
    )
    assert path(response) == f"{base}/check/retirement_value_check"
    check_url = response.headers["Location"]
    soup = page(client.get(check_url))
    # The age comes first on the check, but the working situation raised it.
    assert soup.select_one(".govuk-back-link")["href"] == url
    change = change_links(soup)["Age"]
    response = client.post(change, data={**form_state(client.get(change)), "person_1_age": "71"})
    assert response.headers["Location"] == check_url  # back to the check, not on
    response = client.post(change, data={**form_state(client.get(change)), "person_1_age": "40"})
    # No longer unusual: on from the check, where its confirmation would have gone.
    assert response.headers["Location"] == f"{base}/household_number_of_other_members"
