"""The example journey end to end through the web runner, as a browser would use it."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.formkit.models import FormRecord
from tests.formkit.conftest import form_state, post_page
from tests.helpers import (
    PASSWORD,
    csrf_token_from,
    error_summary,
    field_error,
    page,
    sign_in,
    sign_out,
    submit_form,
)


def test_the_whole_journey_from_start_to_locked(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    task_list = page(client.get(f"{base}/"))
    assert task_list.select_one("#progress").get_text(strip=True).startswith("You have answered 0")
    assert client.get(f"{base}/continue").headers["Location"] == f"{base}/full_name"

    steps = [
        ("full_name", {"full_name": "Ada Lovelace"}, "age"),
        ("age", {"age": "36"}, "move_in_date"),
        (
            "move_in_date",
            {"move_in_date-day": "1", "move_in_date-month": "2", "move_in_date-year": "2020"},
            "contact",
        ),
        ("contact", {"contact_method": "email", "contact_email": "ada@example.com"}, "postcode"),
        ("postcode", {"postcode": "sw1a 1aa"}, "region"),
        ("region", {"region": "wales"}, "has_partner"),  # on to the next section
        ("has_partner", {"has_partner": "no"}, "rent"),
        ("rent", {"rent": "£120.50"}, "service_charge"),
        ("service_charge", {"service_charge": ""}, "access_needs"),
        ("access_needs", {"access_needs": "none"}, "support"),
        ("support", {"support": ["benefits", "debt"]}, "notes"),
        ("notes", {"notes": ""}, "members"),
        ("members", {"add_another": "yes"}, "members/0/details"),
        ("members/0/details", {"member_name": "Byron", "member_age": "8"}, None),
        ("members/0/member_relationship", {"member_relationship": "child"}, "members"),
        ("members", {"add_another": "no"}, "savings"),
        ("savings", {"savings": "5000"}, "deposit"),
        ("deposit", {"deposit": "1000"}, "check-answers"),  # complete: check and submit
    ]
    for key, data, expected_next in steps:
        response = post_page(client, f"{base}/{key}", data)
        assert response.status_code == 302, (key, error_summary(page(response)))
        if expected_next:
            assert response.headers["Location"] == f"{base}/{expected_next}", key

    tasks = page(client.get(f"{base}/"))
    statuses = [s.get_text(strip=True) for s in tasks.select(".govuk-task-list__status")]
    assert statuses == ["Completed"] * 4 + ["Not started"]
    answered = tasks.select_one("#progress").get_text(strip=True)
    assert answered == "You have answered 18 of 18 questions."

    check = page(client.get(f"{base}/check-answers"))
    values = {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(strip=True)
        for row in check.select(".govuk-summary-list__row")
    }
    assert values["Postcode"] == "SW1A 1AA"
    assert values["Rent"] == "£120.50"
    assert values["Move-in date"] == "1 February 2020"
    assert values["Service charge"] == "Not answered"

    response = post_page(client, f"{base}/submit", {"declaration": "confirmed"})
    assert response.status_code == 303
    confirmation = page(client.get(response.headers["Location"]))
    reference = confirmation.select_one("#reference").get_text(strip=True)
    record = db.session.get(FormRecord, record_id)
    assert reference == record.reference
    assert record.status == "submitted"

    # Locked everywhere: question pages redirect to the read-only view with a banner.
    response = client.get(f"{base}/age")
    assert response.headers["Location"] == f"{base}/view"
    view = page(client.get(f"{base}/view"))
    banner = view.select_one(".govuk-notification-banner")
    assert "has been submitted and can no longer be changed" in banner.get_text()
    assert not view.select(".govuk-summary-list__actions")
    response = client.post(
        f"{base}/age", data={**form_state(client.get(f"{base}/view")), "age": "99"}
    )
    assert response.status_code == 302
    db.session.refresh(record)
    assert record.answers["age"] == 36


def test_submit_again_is_idempotent(client, owned_record, complete_answers):
    record, user = owned_record(complete_answers)
    sign_in(client, user)
    url = f"/example/{record.id}/submit"
    state = form_state(client.get(url))
    first = client.post(url, data={**state, "declaration": "confirmed"})
    again = client.post(url, data={**state, "declaration": "confirmed"})
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    db.session.refresh(record)
    assert record.version == 3  # created, saved once, submitted once


def test_submit_needs_the_declaration_and_a_complete_record(client, owned_record, complete_answers):
    record, user = owned_record({"full_name": "A"})
    sign_in(client, user)
    soup = page(client.get(f"/example/{record.id}/submit"))
    assert "About you" in soup.select_one("#incomplete-sections").get_text()
    record2, _ = owned_record(complete_answers, user=user)
    response = post_page(client, f"/example/{record2.id}/submit", {})
    soup = page(response)
    assert error_summary(soup) == ["You must confirm the declaration before you submit"]
    db.session.refresh(record2)
    assert record2.status == "completed"


def test_error_summary_title_and_back_link(client, new_record):
    record_id = new_record()
    response = post_page(client, f"/example/{record_id}/age", {"age": "ten"})
    soup = page(response)
    assert soup.title.get_text() == "Error: How old are you? – Housing forms – GOV.UK"
    assert error_summary(soup) == ["Age must be a number"]
    assert soup.select_one(".govuk-error-summary a")["href"] == "#age"
    assert field_error(soup, "age") == "Age must be a number"
    assert soup.select_one("#age")["value"] == "ten"  # what they typed is kept
    assert soup.select_one(".govuk-back-link")["href"] == f"/example/{record_id}/full_name"
    assert soup.h1.get_text(strip=True) == "How old are you?"


def test_date_errors_link_to_the_day_input(client, new_record):
    record_id = new_record()
    response = post_page(
        client,
        f"/example/{record_id}/move_in_date",
        {"move_in_date-day": "1", "move_in_date-month": "", "move_in_date-year": "2020"},
    )
    soup = page(response)
    assert error_summary(soup) == ["Move-in date must include a month"]
    assert soup.select_one(".govuk-error-summary a")["href"] == "#move_in_date-day"


def test_back_link_skips_pages_that_do_not_apply(client, new_record):
    record_id = new_record()
    post_page(client, f"/example/{record_id}/postcode", {"postcode": "SW1A 1AA"})
    soup = page(client.get(f"/example/{record_id}/region"))
    assert soup.select_one(".govuk-back-link")["href"] == f"/example/{record_id}/postcode"


def test_change_from_check_answers_returns_there(client, owned_record, complete_answers):
    record, user = owned_record(complete_answers)
    sign_in(client, user)
    check = page(client.get(f"/example/{record.id}/check-answers"))
    change = next(
        a["href"] for a in check.select(".govuk-summary-list__actions a") if "/age?" in a["href"]
    )
    response = post_page(client, change, {"age": "61"})
    assert response.headers["Location"] == f"/example/{record.id}/check-answers"
    # A change that opens a new question goes there first, then back.
    change = f"/example/{record.id}/has_partner?return_to=check-answers"
    response = post_page(client, change, {"has_partner": "yes"})
    assert response.headers["Location"] == (
        f"/example/{record.id}/partner_name?return_to=check-answers"
    )


def test_a_change_asks_the_questions_it_brings_in_then_returns(
    client, owned_record, complete_answers
):
    record, user = owned_record({**complete_answers, "has_partner": True, "partner_name": "Cy"})
    sign_in(client, user)
    base = f"/example/{record.id}"
    # At 61, the partner's care applies: asked, though it is in a later section and not the
    # page after the age, then back to check answers.
    response = post_page(client, f"{base}/age?return_to=check-answers", {"age": "61"})
    assert response.headers["Location"] == f"{base}/partner_care?return_to=check-answers"
    response = post_page(client, response.headers["Location"], {"partner_care": "no"})
    assert response.headers["Location"] == f"{base}/check-answers"
    # A change that brings nothing in returns straight away.
    response = post_page(client, f"{base}/age?return_to=check-answers", {"age": "62"})
    assert response.headers["Location"] == f"{base}/check-answers"
    # From a section's check answers, only that section's questions are asked.
    response = post_page(client, f"{base}/age?return_to=check-answers/about", {"age": "40"})
    assert response.headers["Location"] == f"{base}/check-answers/about"


def test_a_change_does_not_walk_into_questions_left_for_later(client, owned_record):
    record, user = owned_record({"full_name": "Ada", "age": 30})
    sign_in(client, user)
    base = f"/example/{record.id}"
    response = post_page(client, f"{base}/full_name?return_to=check-answers", {"full_name": "B"})
    assert response.headers["Location"] == f"{base}/check-answers"


def test_pages_sharing_a_card_are_one_summary_card(client, owned_record, complete_answers):
    record, user = owned_record(complete_answers)
    sign_in(client, user)
    for url, heading_level in (("check-answers", "h3"), ("check-answers/home", "h2")):
        soup = page(client.get(f"/example/{record.id}/{url}"))
        [card] = soup.select(".govuk-summary-card")
        title = card.select_one(".govuk-summary-card__title")
        assert (title.name, title.get_text(strip=True)) == (heading_level, "Your partner")
        keys = [key.get_text(strip=True) for key in card.select(".govuk-summary-list__key")]
        assert keys == ["Partner"]
        # A screen reader hears which card a Change link belongs to.
        change = card.select_one(".govuk-summary-list__actions a").get_text(" ", strip=True)
        assert change == "Change Partner (Your partner)"


def test_save_and_come_back_later(client, new_record):
    record_id = new_record()
    response = post_page(
        client,
        f"/example/{record_id}/contact",
        {"action": "later", "contact_method": "email", "contact_email": ""},
    )
    assert response.headers["Location"] == f"/example/{record_id}/save-for-later"
    soup = page(client.get(response.headers["Location"]))
    assert "create an account or sign in" in soup.get_text()
    record = db.session.get(FormRecord, record_id)
    assert record.answers == {"contact_method": "email"}  # a missing answer is not asked for


@pytest.mark.parametrize(
    "key, saved, sent, message",
    [
        ("age", {"age": "45"}, {"age": "450"}, "Age must be between 16 and 120"),
        (
            "move_in_date",
            {"move_in_date-day": "1", "move_in_date-month": "2", "move_in_date-year": "2020"},
            {"move_in_date-day": "1", "move_in_date-month": "13", "move_in_date-year": "2020"},
            "Move-in date must be a real date",
        ),
    ],
)
def test_save_and_come_back_later_never_replaces_a_saved_answer_with_an_invalid_one(
    client, owned_record, key, saved, sent, message
):
    record, user = owned_record()
    sign_in(client, user)
    url = f"/example/{record.id}/{key}"
    assert post_page(client, url, saved).status_code == 302
    before = db.session.get(FormRecord, record.id).answers
    response = post_page(client, url, {**sent, "action": "later"})
    # The page again, with its error, GOV.UK style; the saved answer is untouched.
    assert response.status_code == 200
    soup = page(response)
    assert soup.title.get_text().startswith("Error: ")
    assert error_summary(soup) == [message]
    db.session.expire_all()
    assert db.session.get(FormRecord, record.id).answers == before
    assert "saved" not in soup.select_one("main").get_text()


def test_signed_out_answers_are_adopted_when_an_account_is_created(client, new_record):
    record_id = new_record()
    post_page(client, f"/example/{record_id}/full_name", {"full_name": "Ada"})
    response = submit_form(
        client,
        f"/register?next=/example/{record_id}/",
        {
            "name": "Ada",
            "email": "ada@example.com",
            "password": PASSWORD,
            "confirm_password": PASSWORD,
        },
    )
    assert response.headers["Location"] == f"/example/{record_id}/"
    record = db.session.get(FormRecord, record_id)
    assert record.owner_id is not None
    assert record.session_key_hash is None
    assert client.get(f"/example/{record_id}/continue").headers["Location"].endswith("/age")
    # Signed out again, the draft is not reachable without signing in.
    sign_out(client)
    assert client.get(f"/example/{record_id}/").status_code == 404


def test_signing_in_adopts_drafts_too(client, new_record, make_user):
    user = make_user()
    record_id = new_record()
    sign_in(client, user)
    assert db.session.get(FormRecord, record_id).owner_id == user.id


def test_a_post_that_sends_no_version_cannot_overwrite(client, new_record):
    record_id = new_record()
    url = f"/example/{record_id}/full_name"
    state = {k: v for k, v in form_state(client.get(url)).items() if k != "_version"}
    response = client.post(url, data={**state, "full_name": "No version"})
    assert response.status_code == 409
    assert "full_name" not in db.session.get(FormRecord, record_id).answers
    retry = {**form_state(response), "full_name": "No version"}
    assert client.post(url, data=retry).status_code == 302


def test_two_tabs_cannot_silently_overwrite_each_other(client, new_record):
    record_id = new_record()
    url = f"/example/{record_id}/full_name"
    tab_one = form_state(client.get(url))
    tab_two = form_state(client.get(url))
    assert client.post(url, data={**tab_one, "full_name": "From tab one"}).status_code == 302
    response = client.post(url, data={**tab_two, "full_name": "From tab two"})
    assert response.status_code == 409
    soup = page(response)
    assert "changed in another tab" in error_summary(soup)[0]
    assert soup.select_one("#full_name")["value"] == "From tab two"  # nothing typed is lost
    assert db.session.get(FormRecord, record_id).answers["full_name"] == "From tab one"
    # Saving again from the refreshed page is a deliberate choice, and it is applied.
    retry = {**form_state(response), "full_name": "From tab two"}
    assert client.post(url, data=retry).status_code == 302
    db.session.expire_all()
    assert db.session.get(FormRecord, record_id).answers["full_name"] == "From tab two"


def test_add_change_and_remove_group_items(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    post_page(client, f"{base}/members", {"add_another": "yes"})
    post_page(client, f"{base}/members/0/details", {"member_name": "Ann", "member_age": "4"})
    post_page(client, f"{base}/members/1/details", {"member_name": "Ben", "member_age": "6"})
    summary = page(client.get(f"{base}/members"))
    names = [k.get_text(strip=True) for k in summary.select(".govuk-summary-list__value")]
    assert names == ["Ann", "Ben"]
    removal = f"{base}/members/0/remove"
    assert page(client.get(removal)).select_one(".govuk-caption-l").get_text() == "Ann"
    assert post_page(client, removal, {"confirm_remove": "yes"}).status_code == 302
    members = db.session.get(FormRecord, record_id).answers["members"]
    assert [m["member_name"] for m in members] == ["Ben"]
    summary = page(client.get(f"{base}/members"))
    assert "has been removed" in summary.get_text()


def test_the_add_another_page_needs_an_answer_and_stops_at_the_maximum(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    soup = page(post_page(client, f"{base}/members", {}))
    assert error_summary(soup) == ["Select yes if you need to add another household member"]
    for index, name in enumerate(["A", "B", "C"]):
        post_page(
            client, f"{base}/members/{index}/details", {"member_name": name, "member_age": "1"}
        )
    soup = page(client.get(f"{base}/members"))
    assert "You cannot add more than 3" in soup.get_text()
    assert client.get(f"{base}/members/3/details").status_code == 404


def test_tampered_urls_and_values_never_crash(client, new_record, owned_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    assert client.get(f"{base}/no-such-page").status_code == 404
    assert client.get(f"{base}/members/7/details").status_code == 404
    assert client.get(f"{base}/members/0/remove").status_code == 404
    assert client.get(f"{base}/members/-1/details").status_code == 404
    assert client.get(f"{base}/region_detail").status_code == 404  # does not apply yet
    assert client.get(f"{base}/check-answers/nope").status_code == 404
    assert client.get("/example/999999/").status_code == 404
    other, _ = owned_record({"full_name": "Someone else"})
    assert client.get(f"/example/{other.id}/").status_code == 404  # another user's record
    soup = page(post_page(client, f"{base}/region", {"region": "atlantis"}))
    assert error_summary(soup) == ["Select region from the list of options"]
    soup = page(post_page(client, f"{base}/access_needs", {"access_needs": ["wheelchair", "none"]}))
    assert error_summary(soup) == [
        "Select ‘None of these’ on its own, or choose from the other options"
    ]
    response = client.post(
        f"{base}/age", data={**form_state(client.get(f"{base}/age")), "_version": "x", "age": "40"}
    )
    assert response.status_code == 409
    # A digit that is not 0-9 is no version either, not a server error.
    response = client.post(
        f"{base}/age", data={**form_state(client.get(f"{base}/age")), "_version": "²", "age": "40"}
    )
    assert response.status_code == 409


def test_questions_render_as_govuk_components(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    contact = page(client.get(f"{base}/contact"))
    assert contact.select_one(".govuk-radios__divider").get_text(strip=True) == "or"
    assert contact.select_one("#conditional-contact_method #contact_email") is not None
    assert contact.select_one("legend h1").get_text(strip=True) == "How should we contact you?"
    needs = page(client.get(f"{base}/access_needs"))
    assert needs.select_one('input[value="none"]')["data-behaviour"] == "exclusive"
    rent = page(client.get(f"{base}/rent"))
    assert rent.select_one(".govuk-input__prefix").get_text(strip=True) == "£"
    assert rent.select_one("#rent")["inputmode"] == "decimal"
    age = page(client.get(f"{base}/age"))
    assert age.select_one(".govuk-input__suffix").get_text(strip=True) == "years"
    notes = page(client.get(f"{base}/notes"))
    assert notes.select_one(".govuk-character-count") is not None
    region = page(client.get(f"{base}/region"))
    assert region.select_one("select#region") is not None
    partner = page(client.get(f"{base}/has_partner"))
    assert "govuk-radios--inline" in partner.select_one(".govuk-radios")["class"]
    for url in (f"{base}/contact", f"{base}/age"):
        form = page(client.get(url)).select_one("main form")
        assert form.select_one('input[name="csrf_token"]') is not None
        assert form.select_one('input[name="_version"]') is not None


def test_a_question_post_without_csrf_is_refused(client, new_record):
    record_id = new_record()
    response = client.post(f"/example/{record_id}/age", data={"age": "40", "_version": "1"})
    assert response.status_code == 400
    assert db.session.get(FormRecord, record_id).answers == {}


def test_records_list_is_empty_for_strangers(client):
    assert db.session.scalars(select(FormRecord)).all() == []
    assert client.post("/example/new").status_code == 400  # no CSRF token


# -- an exclusive lower bound ----------------------------------------------------------------


def test_an_exclusive_lower_bound_on_the_page(client, new_record):
    record_id = new_record()
    url = f"/example/{record_id}/deposit"
    soup = page(post_page(client, url, {"deposit": "£0"}))
    assert error_summary(soup) == ["Deposit must be more than 0"]
    assert field_error(soup, "deposit") == "Deposit must be more than 0"
    assert "deposit" not in db.session.get(FormRecord, record_id).answers
    assert post_page(client, url, {"deposit": "£1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(FormRecord, record_id).answers["deposit"] == 1


# -- prefilled suggestions -------------------------------------------------------------------


def selected_region(response) -> list[str]:
    return [option["value"] for option in page(response).select("#region option[selected]")]


def stored(record_id: int) -> dict:
    db.session.expire_all()
    return db.session.get(FormRecord, record_id).answers


def test_a_suggestion_is_shown_but_not_stored_until_the_page_is_saved(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    post_page(client, f"{base}/postcode", {"postcode": "cf10 1aa"})
    shown = client.get(f"{base}/region")
    assert selected_region(shown) == ["wales"]  # suggested from the postcode
    assert "region" not in stored(record_id)
    # Only a suggestion: the record's route and progress do not count it as an answer.
    post_page(client, f"{base}/postcode", {"postcode": "M1 1AE"})
    assert selected_region(client.get(f"{base}/region")) == ["north"]
    assert client.get(f"{base}/region_detail").status_code == 404
    progress = page(client.get(f"{base}/")).select_one("#progress").get_text(strip=True)
    assert progress.startswith("You have answered 1 question.")  # the postcode alone
    # Saving the page as shown stores the suggestion.
    response = post_page(client, f"{base}/region", {"region": "north"})
    assert response.headers["Location"] == f"{base}/region_detail"
    assert stored(record_id)["region"] == "north"


def test_an_answered_question_shows_its_answer_not_the_suggestion(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    post_page(client, f"{base}/postcode", {"postcode": "CF10 1AA"})
    post_page(client, f"{base}/region", {"region": "south"})
    assert selected_region(client.get(f"{base}/region")) == ["south"]
    assert stored(record_id)["region"] == "south"


def test_no_suggestion_shows_an_empty_input(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    assert selected_region(client.get(f"{base}/region")) == []  # no postcode yet
    post_page(client, f"{base}/postcode", {"postcode": "EC1A 1BB"})  # an area it does not know
    assert selected_region(client.get(f"{base}/region")) == []
    post_page(client, f"{base}/postcode", {"postcode": ""})  # left blank
    assert selected_region(client.get(f"{base}/region")) == []
    assert "region" not in stored(record_id)


def test_an_optional_question_left_blank_stays_blank(app):
    from app.formkit.definition import Page
    from app.formkit.forms import page_form
    from app.formkit.questions import Text

    nickname = Text(id="nickname", label="Nickname", required=False, prefill=lambda answers: "Ada")
    form_page = Page.of(nickname)
    with app.test_request_context():
        [unseen] = page_form(form_page, {}, 1).question_fields()
        [left_blank] = page_form(form_page, {"nickname": None}, 1).question_fields()
        assert unseen.shown() == "Ada"
        assert left_blank.shown() == ""


def test_what_was_just_sent_is_shown_rather_than_the_suggestion(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    post_page(client, f"{base}/postcode", {"postcode": "CF10 1AA"})
    response = post_page(client, f"{base}/region", {"region": ""})
    assert error_summary(page(response)) == ["Select the region you live in"]
    assert selected_region(response) == []


# -- records sent back (unsubmitted) are locked ----------------------------------------------


def test_an_unsubmitted_record_is_locked_on_every_page(client, owned_record, complete_answers):
    record, user = owned_record(complete_answers)
    record.status = "unsubmitted"
    db.session.commit()
    sign_in(client, user)
    base = f"/example/{record.id}"
    view = f"{base}/view"
    for url in (f"{base}/age", f"{base}/members/0/details", f"{base}/members/0/remove"):
        assert client.get(url).headers["Location"] == view, url
    for url in (f"{base}/", f"{base}/continue", f"{base}/check-answers"):
        assert client.get(url).headers["Location"] == view, url
    response = client.post(f"{base}/age", data={**form_state(client.get(view)), "age": "99"})
    assert response.headers["Location"] == view
    banner = page(client.get(view)).select_one(".govuk-notification-banner")
    assert "can no longer be changed" in banner.get_text()
    db.session.refresh(record)
    assert (record.status, record.answers["age"]) == ("unsubmitted", 36)


# "²" is a digit to isdigit() but not to int(); "１" is a digit to both.
@pytest.mark.parametrize("position", ["²", "１", "9" * 5000])
def test_a_group_item_written_in_other_digits_is_not_found(client, new_record, position):
    record_id = new_record()
    assert client.get(f"/example/{record_id}/members/{position}/details").status_code == 404
    assert client.get(f"/example/{record_id}/members/{position}/remove").status_code == 404


@pytest.mark.parametrize("version", ["²", "99999999999999999999", "9" * 5000])
def test_a_page_sent_with_an_impossible_version_is_a_conflict(client, new_record, version):
    record_id = new_record()
    url = f"/example/{record_id}/full_name"
    assert post_page(client, url, {"full_name": "Ada"}).status_code == 302  # now at version 1
    token = csrf_token_from(client.get(url))
    data = {"csrf_token": token, "_version": version, "full_name": "Grace"}
    assert client.post(url, data=data).status_code == 409
    assert db.session.get(FormRecord, record_id).answers["full_name"] == "Ada"
