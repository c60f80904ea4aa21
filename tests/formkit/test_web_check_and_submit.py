"""The way through a record and out of it: after a section's last question the journey goes on
to the next section, not to the section's summary; a complete record's check answers page ends
with the declaration and the submit button; the task list counts progress without jumping."""

from app.extensions import db
from app.formkit.models import FormRecord
from tests.formkit.conftest import answers_from, form_state, post_page
from tests.formkit.example_journey import COMPLETE_PAYLOAD
from tests.helpers import error_summary, page, sign_in

ABOUT_FIELDS = ("full_name", "age", "move_in_date", "contact_method", "contact_email")
ABOUT_FIELDS += ("postcode", "region")


def without(*fields: str) -> dict:
    return answers_from({k: v for k, v in COMPLETE_PAYLOAD.items() if k not in fields})


def test_the_last_question_of_a_section_leads_to_the_next_section(client, owned_record):
    # Everything but the home section's last question, and the household.
    record, user = owned_record(without("notes", "members"))
    sign_in(client, user)
    response = post_page(client, f"/example/{record.id}/notes", {"notes": ""})
    assert response.headers["Location"] == f"/example/{record.id}/members"


def test_completed_sections_are_passed_over_and_the_end_is_check_answers(client, owned_record):
    record, user = owned_record(without("region", "region_detail"))
    sign_in(client, user)
    response = post_page(client, f"/example/{record.id}/region", {"region": "wales"})
    # Every other section is complete: on to check answers, where the record is submitted.
    assert response.headers["Location"] == f"/example/{record.id}/check-answers"


def test_with_an_earlier_section_left_the_last_section_leads_round_to_it(client, owned_record):
    """Someone who resumed part-way is taken on to what is left, not back to the task list."""
    record, user = owned_record(without("rent", "deposit"))
    sign_in(client, user)
    response = post_page(client, f"/example/{record.id}/deposit", {"deposit": "1000"})
    assert response.headers["Location"] == f"/example/{record.id}/rent"


def test_a_section_finished_with_gaps_shows_its_summary(client, owned_record):
    record, user = owned_record(without("rent", "notes"))
    sign_in(client, user)
    response = post_page(client, f"/example/{record.id}/notes", {"notes": ""})
    assert response.headers["Location"] == f"/example/{record.id}/check-answers/home"
    soup = page(client.get(response.headers["Location"]))
    rent = next(
        row
        for row in soup.select(".govuk-summary-list__row")
        if row.select_one(".govuk-summary-list__key").get_text(strip=True) == "Rent"
    )
    assert rent.select_one(".govuk-summary-list__value").get_text(strip=True) == "Not answered"


def test_section_summaries_stay_reachable_from_the_task_list(
    client, owned_record, complete_answers
):
    record, user = owned_record(complete_answers)
    sign_in(client, user)
    tasks = page(client.get(f"/example/{record.id}/"))
    links = [a["href"] for a in tasks.select(".govuk-task-list__item a")]
    assert links == [
        f"/example/{record.id}/check-answers/{section}"
        for section in ("about", "home", "household", "money")
    ] + [f"/example/{record.id}/check-answers"]  # "Check and submit"
    summary = page(client.get(links[0]))
    assert summary.h1.get_text(strip=True) == "Check your answers: About you"
    assert not summary.select_one("main").select("form")  # a section's summary submits nothing


def test_check_answers_of_a_complete_record_ends_with_the_declaration_and_submit(
    client, owned_record, complete_answers
):
    record, user = owned_record(complete_answers)
    sign_in(client, user)
    url = f"/example/{record.id}/check-answers"
    response = client.get(url)
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "Check your answers before submitting your application"
    main = soup.select_one("main")
    heading = main.select_one("#submit-heading")
    assert heading.get_text(strip=True) == "Now submit your application"
    form = heading.find_next("form")
    assert form["action"] == f"/example/{record.id}/submit"
    assert form.select_one('input[name="declaration"][value="confirmed"]')
    assert form.select_one("button").get_text(strip=True) == "Submit"
    # Nothing but the form follows the answers.
    assert not form.find_all_next(class_="govuk-summary-list")

    # One step: tick the declaration on this page and submit.
    sent = client.post(form["action"], data={**form_state(response), "declaration": "confirmed"})
    assert sent.status_code == 303
    assert sent.headers["Location"] == f"/example/{record.id}/confirmation"
    assert db.session.get(FormRecord, record.id).status == "submitted"


def test_submitting_without_the_declaration_shows_check_answers_with_the_error(
    client, owned_record, complete_answers
):
    record, user = owned_record(complete_answers)
    sign_in(client, user)
    response = client.post(
        f"/example/{record.id}/submit",
        data=form_state(client.get(f"/example/{record.id}/check-answers")),
    )
    soup = page(response)
    assert error_summary(soup) == ["You must confirm the declaration before you submit"]
    assert soup.title.get_text().startswith(
        "Error: Check your answers before submitting your application"
    )
    assert soup.select(".govuk-summary-list")  # the answers are still there to check
    assert db.session.get(FormRecord, record.id).status == "completed"


def test_check_answers_of_an_incomplete_record_says_what_is_left(client, owned_record):
    record, user = owned_record(without("rent"))
    sign_in(client, user)
    soup = page(client.get(f"/example/{record.id}/check-answers"))
    assert soup.h1.get_text(strip=True) == "Check your answers"
    assert not soup.select('input[name="declaration"]')
    left = [li.get_text(strip=True) for li in soup.select("#incomplete-sections li")]
    assert left == ["Your home"]


def test_progress_counts_what_applies_and_says_when_more_may_follow(client, owned_record):
    # Started: the contact method, the age and "add another" still decide what else is asked.
    record, user = owned_record(answers_from({"full_name": "Ada"}))
    sign_in(client, user)
    tasks = page(client.get(f"/example/{record.id}/"))
    assert tasks.select_one("#progress").get_text(strip=True) == (
        "You have answered 1 question. How many are left depends on your answers."
    )
    assert tasks.select_one("#sections-progress").get_text(strip=True) == (
        "You have completed 0 of 4 sections."
    )
    # Only the rent and the notes are left, and neither changes what else is asked.
    settled, _ = owned_record(without("rent", "notes"), user=user)
    tasks = page(client.get(f"/example/{settled.id}/"))
    assert tasks.select_one("#progress").get_text(strip=True) == (
        "You have answered 16 of 18 questions."
    )
    assert tasks.select_one("#sections-progress").get_text(strip=True) == (
        "You have completed 3 of 4 sections."
    )


def test_each_task_list_names_its_record_in_the_tab_title(client, owned_record):
    first, user = owned_record()
    second, _ = owned_record(user=user)
    sign_in(client, user)
    titles = [page(client.get(f"/example/{r.id}/")).title.get_text() for r in (first, second)]
    assert titles == [
        f"Example application {r.reference} – Housing forms – GOV.UK" for r in (first, second)
    ]
