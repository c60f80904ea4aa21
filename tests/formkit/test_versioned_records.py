"""Records read with the version of the journey they keep.

/example-v2 is the example journey with version 2 deployed: a draft started on version 1 is
finished with version 1. /example-by-move-in chooses the version by the move-in date, as
lettings logs are by their collection year: a changed date moves the record to another version.
"""

from app.extensions import db
from app.formkit import store
from app.formkit.models import FormRecord
from app.formkit.validation import apply_payload
from tests.formkit.conftest import answers_from, form_state, post_page
from tests.formkit.example_journey import (
    CLOSED,
    COMPLETE_PAYLOAD,
    EXAMPLE_V2,
    TOO_EARLY,
)
from tests.helpers import csrf_token_from, error_summary, page, sign_in


def without_keys(answers: dict, *fields: str) -> dict:
    return {k: v for k, v in answers.items() if k not in fields}


V2_PAYLOAD = {**without_keys(COMPLETE_PAYLOAD, "notes"), "has_pet": False}
V1_ONLY = {"age": 17, "notes": "Keeps a parrot", "deposit": 3000, "savings": 5000}
HALF_SAVINGS = "Your deposit cannot be more than half your savings"


def v1_answers(**changes) -> dict:
    """Answers valid in version 1 that version 2 would refuse: an age of 17 (version 2 asks
    for 18 or over), notes (version 2 does not ask) and a deposit over half the savings."""
    return answers_from({**COMPLETE_PAYLOAD, **V1_ONLY, **changes})


def stored(record_id: int) -> FormRecord:
    db.session.expire_all()
    return db.session.get(FormRecord, record_id)


def v2_answers(**changes) -> dict:
    outcome = apply_payload(EXAMPLE_V2, {**V2_PAYLOAD, **changes}, {})
    assert outcome.ok, outcome.errors
    return outcome.answers


# -- version 2 deployed: a version 1 draft keeps version 1 ---------------------------------------


def test_a_version_1_draft_is_finished_on_the_web_after_version_2_is_deployed(client, owned_record):
    record, user = owned_record(without_keys(v1_answers(), "notes"))
    assert record.definition_version == "1"
    sign_in(client, user)
    base = f"/example-v2/{record.id}"

    # Version 2's new question is not asked of it; the question version 2 removed still is.
    assert client.get(f"{base}/has_pet").status_code == 404
    assert client.get(f"{base}/continue").headers["Location"] == f"{base}/notes"
    response = post_page(client, f"{base}/notes", {"notes": "Keeps a parrot"})
    assert response.headers["Location"] == f"{base}/check-answers"

    check = client.get(f"{base}/check-answers")
    rows = {}
    for row in page(check).select(".govuk-summary-list__row"):
        key = row.select_one(".govuk-summary-list__key").get_text(strip=True)
        rows.setdefault(key, row.select_one(".govuk-summary-list__value").get_text(strip=True))
    assert rows["Age"].startswith("17")
    assert rows["Notes"] == "Keeps a parrot"
    assert "Pet" not in rows
    sent = client.post(f"{base}/submit", data={**form_state(check), "declaration": "confirmed"})
    assert sent.headers["Location"] == f"{base}/confirmation"
    record = stored(record.id)
    assert (record.status, record.definition_version) == ("submitted", "1")
    assert record.answers["deposit"] == 3000  # version 1's rule, not version 2's


def test_a_record_started_after_version_2_is_deployed_is_read_with_it(client):
    token = csrf_token_from(client.get("/"))
    started = client.post("/example-v2/new", data={"csrf_token": token})
    record_id = int(started.headers["Location"].strip("/").split("/")[-1])
    assert stored(record_id).definition_version == "2"
    base = f"/example-v2/{record_id}"

    assert client.get(f"{base}/notes").status_code == 404
    pet = page(client.get(f"{base}/has_pet"))
    assert pet.h1.get_text(strip=True) == "Do you have a pet?"
    contact = page(client.get(f"{base}/contact"))
    labels = [label.get_text(strip=True) for label in contact.select(".govuk-radios__label")]
    assert "By phone or text message" in labels
    refused = page(post_page(client, f"{base}/age", {"age": "17"}))
    assert error_summary(refused) == ["Age must be between 18 and 120"]
    # The same page of a version 1 record, read through the same blueprint, takes 17.
    token = csrf_token_from(client.get("/"))
    old = client.post("/example/new", data={"csrf_token": token})
    old_id = int(old.headers["Location"].strip("/").split("/")[-1])
    accepted = post_page(client, f"/example-v2/{old_id}/age", {"age": "17"})
    assert accepted.status_code == 302
    assert stored(old_id).answers["age"] == 17


def test_a_version_1_draft_is_finished_through_the_api_after_version_2_is_deployed(
    api, owned_record
):
    record, _ = owned_record(without_keys(v1_answers(), "notes", "deposit"), user=api.user)
    url = f"/api/example-v2/{record.id}"

    read = api("GET", url).json
    assert "has_pet" not in read and read["notes"] is None
    unknown = api("PATCH", url, {"has_pet": True})
    assert unknown.json == {"errors": {"has_pet": ["This field is not recognised"]}}
    changed = api("PATCH", url, {"deposit": 3000, "notes": "Keeps a parrot"})
    assert changed.status_code == 200, changed.json
    assert changed.json["status"] == "completed"
    submitted = api("POST", f"{url}/submit")
    assert submitted.json["status"] == "submitted"
    assert stored(record.id).definition_version == "1"


def test_a_record_created_through_the_api_takes_the_latest_version(api):
    payload = {**V2_PAYLOAD, "has_pet": True}
    refused = api("POST", "/api/example-v2", {**payload, "deposit": 3000})
    assert refused.status_code == 422
    assert refused.json == {"errors": {"deposit": [HALF_SAVINGS]}}
    notes = api("POST", "/api/example-v2", {**payload, "notes": "Hello"})
    assert notes.json == {"errors": {"notes": ["This field is not recognised"]}}

    created = api("POST", "/api/example-v2", payload)
    assert created.status_code == 201
    assert (created.json["has_pet"], created.json["status"]) == (True, "completed")
    assert stored(created.json["id"]).definition_version == "2"


def test_soft_checks_are_those_of_the_records_version(api, owned_record):
    old, _ = owned_record(v1_answers(rent=900), user=api.user)
    new = api("POST", "/api/example-v2", {**V2_PAYLOAD, "rent": 900})
    # Version 1 warns above £1,000 a week, version 2 above £800.
    assert "warnings" not in api("GET", f"/api/example-v2/{old.id}").json
    assert [w["id"] for w in new.json["warnings"]] == ["rent_high"]


# -- versions chosen by the answers: a changed answer moves the record -------------------------


def test_a_record_without_the_choosing_answer_takes_the_version_for_none(api):
    created = api("POST", "/api/example-by-move-in", {"has_pet": True})
    assert created.status_code == 201
    assert stored(created.json["id"]).definition_version == "2"


def test_a_changed_answer_moves_the_record_and_clears_what_the_new_version_does_not_ask(api):
    created = api("POST", "/api/example-by-move-in", {"has_pet": True, "full_name": "Ada"})
    url = f"/api/example-by-move-in/{created.json['id']}"

    moved = api("PATCH", url, {"move_in_date": "01/02/2020"})
    assert moved.status_code == 200, moved.json
    assert "has_pet" not in moved.json  # version 1 has no such question
    record = stored(created.json["id"])
    assert record.definition_version == "1"
    assert record.answers == {"full_name": "Ada", "move_in_date": "2020-02-01"}


def test_moving_to_a_stricter_version_clears_the_answers_it_refuses(api, owned_record):
    record, _ = owned_record(v1_answers(), user=api.user)
    url = f"/api/example-by-move-in/{record.id}"

    moved = api("PATCH", url, {"move_in_date": "01/02/2025"})
    assert moved.status_code == 200, moved.json
    record = stored(record.id)
    assert record.definition_version == "2"
    # 17 is under version 2's minimum age, notes are not asked, and the deposit breaks its
    # tighter rule; the savings it was checked against stay.
    for cleared in ("age", "notes", "deposit"):
        assert cleared not in record.answers
    assert record.answers["savings"] == 5000
    assert record.status == "in_progress"
    assert moved.json["age"] is None and moved.json["has_pet"] is None


def test_a_change_that_breaks_the_new_versions_rule_itself_is_refused(api, owned_record):
    record, _ = owned_record(without_keys(v1_answers(), "deposit"), user=api.user)
    url = f"/api/example-by-move-in/{record.id}"

    refused = api("PATCH", url, {"move_in_date": "01/02/2025", "deposit": 3000})
    assert refused.status_code == 422
    assert refused.json == {"errors": {"deposit": [HALF_SAVINGS]}}
    assert stored(record.id).definition_version == "1"
    assert stored(record.id).answers["move_in_date"] == "2020-02-01"


def test_answers_no_record_may_take_on_are_refused_on_create_and_on_change(api):
    refused = api("POST", "/api/example-by-move-in", {"move_in_date": "01/02/1999"})
    assert refused.status_code == 422
    assert refused.json == {"errors": {"move_in_date": [TOO_EARLY]}}
    assert db.session.query(FormRecord).count() == 0

    created = api("POST", "/api/example-by-move-in", {"move_in_date": "01/02/2020"})
    url = f"/api/example-by-move-in/{created.json['id']}"
    changed = api("PATCH", url, {"move_in_date": "01/02/1999"})
    assert changed.json == {"errors": {"move_in_date": [TOO_EARLY]}}


def test_a_changed_answer_on_the_web_moves_the_record_and_goes_on_in_its_new_version(
    client, make_user
):
    user = make_user()
    answers = without_keys(v2_answers(has_pet=True), "move_in_date")
    record = store.create_record(EXAMPLE_V2, answers, owner_id=user.id)
    sign_in(client, user)
    base = f"/example-by-move-in/{record.id}"

    response = post_page(
        client,
        f"{base}/move_in_date",
        {"move_in_date-day": "1", "move_in_date-month": "2", "move_in_date-year": "2020"},
    )
    assert response.status_code == 302
    moved = stored(record.id)
    assert moved.definition_version == "1"
    assert "has_pet" not in moved.answers
    # Version 1 asks the notes that version 2 did not: the record is no longer complete.
    assert moved.status == "in_progress"
    assert client.get(f"{base}/has_pet").status_code == 404
    assert client.get(f"{base}/continue").headers["Location"] == f"{base}/notes"


# -- read-only records ---------------------------------------------------------------------------


def closed_record(owned_record, user=None):
    """A record of a move before 2000: saved when such records were still open."""
    return owned_record(v1_answers(move_in_date="01/02/1999"), user=user)


def test_a_read_only_record_shows_why_and_refuses_changes_on_the_web(client, owned_record):
    record, user = closed_record(owned_record)
    sign_in(client, user)
    base = f"/example-by-move-in/{record.id}"

    for url in (f"{base}/", f"{base}/full_name", f"{base}/check-answers", f"{base}/continue"):
        assert client.get(url).headers["Location"] == f"{base}/view", url
    view = page(client.get(f"{base}/view"))
    assert view.select_one("#record-notice").get_text(" ", strip=True).endswith(CLOSED)
    assert not view.select_one("main").select("form")

    # A token from a page of another record that can be changed.
    other, _ = owned_record(user=user)
    token = csrf_token_from(client.get(f"/example/{other.id}/full_name"))
    posted = client.post(f"{base}/full_name", data={"csrf_token": token, "full_name": "Changed"})
    assert posted.headers["Location"] == f"{base}/view"
    submitted = client.post(
        f"{base}/submit", data={"csrf_token": token, "declaration": "confirmed"}
    )
    assert submitted.headers["Location"] == f"{base}/view"
    assert stored(record.id).answers["full_name"] == "Ada Lovelace"
    assert stored(record.id).status == "completed"


def test_a_read_only_record_gets_409_from_the_api(api, owned_record):
    record, _ = closed_record(owned_record, user=api.user)
    url = f"/api/example-by-move-in/{record.id}"

    assert api("GET", url).status_code == 200
    changed = api("PATCH", url, {"full_name": "Changed"})
    assert (changed.status_code, changed.json) == (409, {"error": CLOSED})
    submitted = api("POST", f"{url}/submit")
    assert (submitted.status_code, submitted.json) == (409, {"error": CLOSED})
    assert stored(record.id).status == "completed"


def test_a_refused_answer_shows_its_error_on_the_page(client, owned_record):
    record, user = owned_record(v1_answers())
    sign_in(client, user)
    url = f"/example-by-move-in/{record.id}/move_in_date"

    response = post_page(
        client,
        url,
        {"move_in_date-day": "1", "move_in_date-month": "2", "move_in_date-year": "1999"},
    )
    assert response.status_code == 200
    assert error_summary(page(response)) == [TOO_EARLY]
    assert stored(record.id).answers["move_in_date"] == "2020-02-01"
