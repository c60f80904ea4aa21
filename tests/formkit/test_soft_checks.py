"""Soft checks: unusual answers never block a save. The web asks the user to confirm them; the
API reports them as warnings. A confirmation holds only for the values that were confirmed."""

from urllib.parse import parse_qs, urlsplit

import pytest

from app.extensions import db
from app.formkit import outputs, soft_checks
from app.formkit.definition import CONFIRMED, Journey, Page, Section, SoftCheck
from app.formkit.models import FormRecord
from app.formkit.questions import Number
from app.formkit.runner import RecordStatus, clear_inapplicable, record_status, section_status
from app.formkit.validation import UNKNOWN_FIELD, apply_payload
from tests.formkit.conftest import answers_from, change_links, form_state, post_page
from tests.formkit.example_journey import COMPLETE_PAYLOAD, EXAMPLE
from tests.helpers import error_summary, page, sign_in

RENT_HIGH = EXAMPLE.soft_check_by_id["rent_high"]
RENT_HIGH_MESSAGE = "The weekly rent is higher than we usually see"


def confirmed(answers: dict) -> dict:
    return soft_checks.confirm(RENT_HIGH, answers)


def split(url: str) -> tuple[str, dict[str, str]]:
    """A URL's path and its query parameters."""
    parts = urlsplit(url)
    return parts.path, {key: values[0] for key, values in parse_qs(parts.query).items()}


def location(response) -> tuple[str, dict[str, str]]:
    return split(response.headers["Location"])


def stored_answers(base: str) -> dict:
    """The answers of the record at a base URL such as /example/1."""
    db.session.expire_all()
    return db.session.get(FormRecord, int(base.rsplit("/", 1)[-1])).answers


# -- the engine ------------------------------------------------------------------------------


def test_a_check_fires_only_on_unusual_answers():
    assert outputs.warnings(EXAMPLE, answers_from({"rent": 1000})) == []
    assert outputs.warnings(EXAMPLE, answers_from({"rent": 1000.01})) == [
        {"id": "rent_high", "message": RENT_HIGH_MESSAGE, "fields": ["rent"]}
    ]


def test_a_confirmation_is_recorded_and_stops_the_check_asking():
    answers = answers_from({"rent": 1500})
    assert [check.id for check, _ in soft_checks.unconfirmed(EXAMPLE, answers)] == ["rent_high"]
    answers = confirmed(answers)
    assert answers[CONFIRMED] == {"rent_high": {"rent": 1500}}
    assert soft_checks.is_confirmed(RENT_HIGH, answers)
    assert soft_checks.unconfirmed(EXAMPLE, answers) == []
    # Still a warning: the API reports every unusual answer, confirmed or not.
    assert [w["id"] for w in outputs.warnings(EXAMPLE, answers)] == ["rent_high"]


def test_a_confirmation_survives_changes_to_other_fields():
    answers = confirmed(answers_from({"rent": 1500}))
    answers = answers_from({"full_name": "Ada", "age": 40}, base=answers)
    assert answers[CONFIRMED] == {"rent_high": {"rent": 1500}}


def test_a_confirmation_is_cleared_when_its_field_changes():
    answers = confirmed(answers_from({"rent": 1500}))
    answers = answers_from({"rent": 1600}, base=answers)
    assert CONFIRMED not in answers
    assert not soft_checks.is_confirmed(RENT_HIGH, answers)
    # Going back to the confirmed value does not bring the confirmation back.
    assert CONFIRMED not in answers_from({"rent": 1500}, base=answers)


def test_a_confirmation_is_cleared_when_the_check_stops_firing():
    stale = {"rent": 100, CONFIRMED: {"rent_high": {"rent": 100}}}
    assert CONFIRMED not in clear_inapplicable(EXAMPLE, stale)


def test_only_the_confirmations_that_still_hold_are_kept():
    answers = answers_from({"rent": 1500, "service_charge": 2000})
    for check in EXAMPLE.soft_checks:
        answers = soft_checks.confirm(check, answers)
    answers = answers_from({"service_charge": 1800}, base=answers)
    assert answers[CONFIRMED] == {"rent_high": {"rent": 1500}}


def test_confirmations_are_not_answers(complete_answers):
    answers = confirmed(answers_from({"rent": 1500}, base=complete_answers))
    record_json = outputs.to_json(EXAMPLE, answers)
    assert CONFIRMED not in record_json
    assert set(record_json) == set(EXAMPLE.all_field_ids())
    assert CONFIRMED not in outputs.json_schema(EXAMPLE)["properties"]
    assert len(outputs.csv_row(EXAMPLE, answers)) == len(outputs.csv_columns(EXAMPLE))
    assert record_status(EXAMPLE, answers) is RecordStatus.COMPLETED
    only_confirmation = {CONFIRMED: {"rent_high": {"rent": None}}}
    assert record_status(EXAMPLE, only_confirmation) is RecordStatus.NOT_STARTED
    home = EXAMPLE.section_by_id["home"]
    unconfirmed = answers_from({"rent": 1500}, base=complete_answers)
    assert section_status(EXAMPLE, home, answers) == section_status(EXAMPLE, home, unconfirmed)


def test_a_json_client_cannot_send_confirmations():
    outcome = apply_payload(EXAMPLE, {CONFIRMED: {"rent_high": {"rent": 1500}}}, {})
    assert outcome.errors == {CONFIRMED: [UNKNOWN_FIELD]}


def _journey(**kwargs) -> Journey:
    amount = Number(id="amount", label="How much?", messages={"required": "Enter how much"})
    section = Section(id="s", title="S", pages=(Page.of(amount),))
    return Journey(id="j", title="J", sections=(section,), **kwargs)


def _check(check_id: str = "big", fields=("amount",)) -> SoftCheck:
    return SoftCheck(id=check_id, fields=fields, check=lambda answers: None)


@pytest.mark.parametrize(
    "soft_check_list, message",
    [
        ((_check(), _check()), "two soft checks have the same id"),
        ((_check(fields=("nope",)),), "must concern top-level question fields"),
        ((_check(fields=()),), "must concern top-level question fields"),
    ],
)
def test_badly_declared_soft_checks_are_refused(soft_check_list, message):
    with pytest.raises(ValueError, match=message):
        _journey(soft_checks=soft_check_list)


def test_the_confirmations_key_cannot_be_a_field():
    section = Section(
        id="s", title="S", pages=(Page.of(Number(id=CONFIRMED, label="?", required=False)),)
    )
    with pytest.raises(ValueError, match="reserved"):
        Journey(id="j", title="J", sections=(section,))


def test_a_soft_check_has_a_default_title():
    assert _check().title == "Make sure these answers are correct"


# -- the web ---------------------------------------------------------------------------------


def test_an_unusual_answer_is_saved_then_confirmed(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    response = post_page(client, f"{base}/rent", {"rent": "1500"})
    assert response.status_code == 302
    path, query = location(response)
    assert path == f"{base}/check/rent_high"
    assert query == {"next": f"{base}/service_charge", "page": "rent"}
    assert stored_answers(base)["rent"] == 1500  # saved, not blocked

    interruption = client.get(response.headers["Location"])
    soup = page(interruption)
    assert soup.title.get_text().startswith("Make sure these answers are correct –")
    assert soup.select_one("#soft-check-message").get_text(strip=True) == RENT_HIGH_MESSAGE
    row = soup.select_one(".govuk-summary-list__row")
    assert row.select_one(".govuk-summary-list__key").get_text(strip=True) == "Rent"
    assert row.select_one(".govuk-summary-list__value").get_text(strip=True) == "£1,500.00"
    change = row.select_one(".govuk-summary-list__actions a")
    assert split(change["href"]) == (
        f"{base}/rent",
        {"return_to": f"{base}/check/rent_high?next={base}/service_charge&page=rent"},
    )
    assert "Change" in change.get_text()
    assert soup.select_one(".govuk-back-link")["href"] == f"{base}/rent"
    form = soup.select_one("main form")
    assert form.select_one('input[name="csrf_token"]') is not None
    assert form.select_one('input[name="_version"]') is not None
    assert "Confirm and continue" in form.get_text()

    confirm = client.post(response.headers["Location"], data=form_state(interruption))
    assert confirm.headers["Location"] == f"{base}/service_charge"
    answers = stored_answers(base)
    assert answers[CONFIRMED] == {"rent_high": {"rent": 1500}}

    again = post_page(client, f"{base}/rent", {"rent": "1500"})
    assert again.headers["Location"] == f"{base}/service_charge"  # confirmed: no interruption
    changed = post_page(client, f"{base}/rent", {"rent": "1600"})
    assert location(changed)[0] == f"{base}/check/rent_high"


def test_a_usual_answer_goes_straight_on(client, new_record):
    record_id = new_record()
    response = post_page(client, f"/example/{record_id}/rent", {"rent": "150"})
    assert response.headers["Location"] == f"/example/{record_id}/service_charge"


def test_several_checks_interrupt_one_after_another(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    post_page(client, f"{base}/service_charge", {"service_charge": "2000"})
    response = post_page(client, f"{base}/rent", {"rent": "1500"})
    first = response.headers["Location"]
    assert location(response)[0] == f"{base}/check/rent_high"
    response = client.post(first, data=form_state(client.get(first)))
    second = response.headers["Location"]
    assert location(response) == (
        f"{base}/check/charge_over_rent",
        {"next": f"{base}/service_charge", "page": "rent"},
    )
    soup = page(client.get(second))
    assert soup.h1.get_text(strip=True) == "Check the rent and service charge"
    keys = [k.get_text(strip=True) for k in soup.select(".govuk-summary-list__key")]
    assert keys == ["Rent", "Service charge"]
    response = client.post(second, data=form_state(client.get(second)))
    assert response.headers["Location"] == f"{base}/service_charge"
    assert set(stored_answers(base)[CONFIRMED]) == {
        "rent_high",
        "charge_over_rent",
    }


def test_a_change_from_check_answers_returns_there(client, owned_record, complete_answers):
    record, user = owned_record(complete_answers)
    sign_in(client, user)
    base = f"/example/{record.id}"
    response = post_page(client, f"{base}/rent?return_to=check-answers", {"rent": "1500"})
    path, query = location(response)
    assert (path, query["next"]) == (f"{base}/check/rent_high", f"{base}/check-answers")
    soup = page(client.get(response.headers["Location"]))
    back = soup.select_one(".govuk-back-link")["href"]
    assert back == f"{base}/rent?return_to=check-answers"


def test_the_back_link_goes_to_the_page_that_raised_the_check(client, new_record):
    base = f"/example/{new_record()}"
    post_page(client, f"{base}/rent", {"rent": "100"})
    # The check concerns the rent and the service charge; the service charge raised it.
    response = post_page(client, f"{base}/service_charge", {"service_charge": "200"})
    assert location(response)[0] == f"{base}/check/charge_over_rent"
    soup = page(client.get(response.headers["Location"]))
    keys = [k.get_text(strip=True) for k in soup.select(".govuk-summary-list__key")]
    assert keys == ["Rent", "Service charge"]
    assert soup.select_one(".govuk-back-link")["href"] == f"{base}/service_charge"


def test_a_change_from_the_check_returns_to_the_check(client, new_record):
    base = f"/example/{new_record()}"
    post_page(client, f"{base}/rent", {"rent": "100"})
    response = post_page(client, f"{base}/service_charge", {"service_charge": "200"})
    check_url = response.headers["Location"]
    changes = change_links(page(client.get(check_url)))

    # A change that leaves the answers unusual comes back to the check, not on to the journey.
    change_page = client.get(changes["Rent"])
    assert page(change_page).select_one(".govuk-back-link")["href"] == check_url
    response = post_page(client, changes["Rent"], {"rent": "150"})
    assert response.headers["Location"] == check_url
    soup = page(client.get(check_url))
    assert "£150.00" in soup.get_text()
    assert soup.select_one(".govuk-back-link")["href"] == f"{base}/service_charge"
    # Confirming it there goes on from where the check was raised.
    confirm = client.post(check_url, data=form_state(client.get(check_url)))
    assert confirm.headers["Location"] == f"{base}/access_needs"


def test_a_change_that_resolves_the_check_goes_on_from_it(client, new_record):
    base = f"/example/{new_record()}"
    post_page(client, f"{base}/rent", {"rent": "100"})
    response = post_page(client, f"{base}/service_charge", {"service_charge": "200"})
    changes = change_links(page(client.get(response.headers["Location"])))
    response = post_page(client, changes["Service charge"], {"service_charge": "50"})
    assert response.headers["Location"] == f"{base}/access_needs"
    assert CONFIRMED not in stored_answers(base)


def test_a_change_from_a_check_raised_from_check_answers_ends_there(
    client, owned_record, complete_answers
):
    record, user = owned_record(complete_answers)
    sign_in(client, user)
    base = f"/example/{record.id}"
    response = post_page(client, f"{base}/rent?return_to=check-answers", {"rent": "1500"})
    check_url = response.headers["Location"]
    change = change_links(page(client.get(check_url)))["Rent"]
    response = post_page(client, change, {"rent": "1600"})
    assert response.headers["Location"] == check_url  # still unusual: asked again
    confirm = client.post(check_url, data=form_state(client.get(check_url)))
    assert confirm.headers["Location"] == f"{base}/check-answers"
    assert stored_answers(base)[CONFIRMED] == {"rent_high": {"rent": 1600}}
    response = post_page(client, change, {"rent": "100"})
    assert response.headers["Location"] == f"{base}/check-answers"


@pytest.mark.parametrize(
    "return_to",
    [
        "https://evil.example/example/{id}/check/rent_high",
        "//evil.example/example/{id}/check/rent_high",
        "/example/{other}/check/rent_high",
        "/example/{id}/check/no_such_check",
        "/example/{id}/check/rent_high/../../{other}/",
    ],
)
def test_a_change_returns_only_to_a_check_of_the_same_record(
    client, new_record, high_rent, return_to
):
    base, other = high_rent, new_record()
    value = return_to.format(id=base.rsplit("/", 1)[-1], other=other)
    response = post_page(client, f"{base}/rent", {"rent": "100"}, query_string={"return_to": value})
    # Not a place to return to: the journey simply goes on.
    assert response.headers["Location"] == f"{base}/service_charge"


def test_check_answers_lists_unusual_answers_still_to_confirm(
    client, owned_record, complete_answers
):
    record, user = owned_record(answers_from({"rent": 1500}, base=complete_answers))
    sign_in(client, user)
    base = f"/example/{record.id}"
    soup = page(client.get(f"{base}/check-answers/home"))
    warning = soup.select_one(".formkit-soft-check")
    assert RENT_HIGH_MESSAGE in warning.get_text()
    link = warning.select_one("a")["href"]
    path, query = split(link)
    assert path == f"{base}/check/rent_high"
    assert query == {"next": f"{base}/check-answers/home", "return_to": "check-answers/home"}
    back = page(client.get(link)).select_one(".govuk-back-link")["href"]
    assert back == f"{base}/check-answers/home"  # back where it was opened from
    assert not page(client.get(f"{base}/check-answers/about")).select(".formkit-soft-check")
    response = client.post(link, data=form_state(client.get(link)))
    assert response.headers["Location"] == f"{base}/check-answers/home"
    assert not page(client.get(f"{base}/check-answers")).select(".formkit-soft-check")


@pytest.fixture
def high_rent(client, new_record) -> str:
    """A signed-out user's record whose rent has just been saved as 1500: its base URL."""
    base = f"/example/{new_record()}"
    post_page(client, f"{base}/rent", {"rent": "1500"})
    return base


def test_unknown_or_silent_checks_are_not_found(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    assert client.get(f"{base}/check/no_such_check").status_code == 404
    post_page(client, f"{base}/rent", {"rent": "100"})
    assert client.get(f"{base}/check/rent_high").status_code == 404


def test_a_confirmation_of_a_check_that_no_longer_fires_just_goes_on(client, high_rent):
    base = high_rent
    url = f"{base}/check/rent_high?next={base}/service_charge"
    state = form_state(client.get(url))
    post_page(client, f"{base}/rent", {"rent": "100"})  # changed in another tab
    response = client.post(url, data=state)
    assert response.headers["Location"] == f"{base}/service_charge"
    assert CONFIRMED not in stored_answers(base)


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/example/{other}/",
        "/example/{id}/../{other}/",
        "/example/{id}/%2e%2e/{other}/",
        "/example/{id}\\evil",
        "/sign-out",
    ],
)
def test_only_pages_of_the_same_record_are_kept_as_the_destination(
    client, new_record, high_rent, next_url
):
    base, other = high_rent, new_record()
    url = f"{base}/check/rent_high?next=" + next_url.format(id=base.rsplit("/", 1)[-1], other=other)
    response = client.post(url, data=form_state(client.get(url)))
    assert response.headers["Location"] == f"{base}/"


def test_the_confirmation_needs_csrf_and_a_current_version(client, high_rent):
    base = high_rent
    url = f"{base}/check/rent_high"
    state = form_state(client.get(url))
    assert client.post(url, data={"_version": state["_version"]}).status_code == 400
    post_page(client, f"{base}/full_name", {"full_name": "Changed elsewhere"})
    response = client.post(url, data=state)
    assert response.status_code == 409
    assert "changed in another tab" in error_summary(page(response))[0]
    assert CONFIRMED not in stored_answers(base)
    retry = client.post(url, data=form_state(response))
    assert retry.headers["Location"] == f"{base}/"
    assert CONFIRMED in stored_answers(base)


def test_a_submitted_record_redirects_to_its_view(client, owned_record, complete_answers):
    record, user = owned_record(answers_from({"rent": 1500}, base=complete_answers))
    sign_in(client, user)
    post_page(client, f"/example/{record.id}/submit", {"declaration": "confirmed"})
    response = client.get(f"/example/{record.id}/check/rent_high")
    assert response.headers["Location"] == f"/example/{record.id}/view"


# -- the API ---------------------------------------------------------------------------------


def test_the_api_reports_unusual_answers_as_warnings(api):
    record_id = api("POST", "/api/example", {"rent": 100}).json["id"]
    assert "warnings" not in api("GET", f"/api/example/{record_id}").json
    response = api("PATCH", f"/api/example/{record_id}", {"rent": 1500})
    assert response.status_code == 200
    expected = [{"id": "rent_high", "message": RENT_HIGH_MESSAGE, "fields": ["rent"]}]
    assert response.json["warnings"] == expected
    assert response.json["rent"] == 1500
    assert api("GET", f"/api/example/{record_id}").json["warnings"] == expected
    response = api("PATCH", f"/api/example/{record_id}", {"rent": 120})
    assert "warnings" not in response.json


def test_a_record_with_unusual_answers_can_be_completed_and_submitted(api):
    created = api("POST", "/api/example", {**COMPLETE_PAYLOAD, "rent": 1500})
    assert created.status_code == 201
    assert created.json["status"] == "completed"
    assert [w["id"] for w in created.json["warnings"]] == ["rent_high"]
    submitted = api("POST", f"/api/example/{created.json['id']}/submit")
    assert submitted.json["status"] == "submitted"
