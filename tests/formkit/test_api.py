"""The example journey's JSON API: the same definition, validation and lock as its pages."""

import pytest

from app.accounts.tokens import create_token
from app.extensions import db
from tests.formkit.conftest import post_page
from tests.formkit.example_journey import COMPLETE_PAYLOAD
from tests.helpers import error_summary, page


def test_create_read_update_and_submit(api):
    created = api("POST", "/api/example", {"full_name": "Ada"})
    assert created.status_code == 201
    record_id = created.json["id"]
    assert created.headers["Location"] == f"/api/example/{record_id}"
    assert created.headers["ETag"] == '"2"'
    body = api("GET", f"/api/example/{record_id}").json
    assert body["full_name"] == "Ada"
    assert body["status"] == "in_progress"
    assert body["age"] is None  # every field present, null when unanswered
    assert body["members"] is None  # not answered yet; [] would mean "none"

    updated = api("PATCH", f"/api/example/{record_id}", COMPLETE_PAYLOAD, {"If-Match": '"2"'})
    assert updated.status_code == 200
    assert updated.json["status"] == "completed"
    assert updated.json["move_in_date"] == "01/02/2020"  # this question's JSON date format
    assert updated.json["postcode"] == "SW1A 1AA"

    submitted = api("POST", f"/api/example/{record_id}/submit")
    assert submitted.status_code == 200
    assert submitted.json["status"] == "submitted"
    again = api("POST", f"/api/example/{record_id}/submit")
    assert again.status_code == 200

    locked = api("PATCH", f"/api/example/{record_id}", {"full_name": "Changed"})
    assert locked.status_code == 409
    assert locked.json == {
        "error": "This application has been submitted and can no longer be changed"
    }


def test_invalid_answers_get_422_with_errors_by_field(api):
    record_id = api("POST", "/api/example").json["id"]
    response = api("PATCH", f"/api/example/{record_id}", {"age": 200, "region": "mars"})
    assert response.status_code == 422
    assert response.json == {
        "errors": {
            "age": ["Age must be between 16 and 120"],
            "region": ["Select region from the list of options"],
        }
    }
    assert api("GET", f"/api/example/{record_id}").json["age"] is None


def test_stale_if_match_is_refused(api):
    record_id = api("POST", "/api/example").json["id"]
    api("PATCH", f"/api/example/{record_id}", {"full_name": "One"}, {"If-Match": '"1"'})
    response = api("PATCH", f"/api/example/{record_id}", {"full_name": "Two"}, {"If-Match": '"1"'})
    assert response.status_code == 412
    assert response.headers["ETag"] == '"2"'
    assert api("GET", f"/api/example/{record_id}").json["full_name"] == "One"
    # An If-Match that names no version is stale too, not a server error.
    for unreadable in ('"²"', "2x"):
        response = api(
            "PATCH", f"/api/example/{record_id}", {"full_name": "3"}, {"If-Match": unreadable}
        )
        assert response.status_code == 412


def test_conditional_get(api):
    created = api("POST", "/api/example")
    response = api("GET", f"/api/example/{created.json['id']}", extra={"If-None-Match": '"1"'})
    assert response.status_code == 304


def test_submit_of_an_incomplete_record_says_what_is_missing(api):
    record_id = api("POST", "/api/example", {"full_name": "Ada"}).json["id"]
    response = api("POST", f"/api/example/{record_id}/submit")
    assert response.status_code == 409
    assert response.json["firstUnanswered"] == "age"


@pytest.mark.parametrize("body", ["not json", "[1, 2]", "42"])
def test_bodies_that_are_not_objects_get_400(api, client, body):
    record_id = api("POST", "/api/example").json["id"]
    headers = {"Authorization": api("GET", "/api/me").request.headers["Authorization"]}
    response = client.patch(
        f"/api/example/{record_id}",
        data=body,
        headers={**headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert "JSON object" in response.json["error"]


def test_other_peoples_records_read_as_not_found(api, make_user, client):
    record_id = api("POST", "/api/example").json["id"]
    _, stranger = create_token(make_user())
    response = client.get(
        f"/api/example/{record_id}", headers={"Authorization": f"Bearer {stranger}"}
    )
    assert response.status_code == 404
    assert response.json == {"error": f"Application {record_id} not found"}


def test_the_api_needs_a_token(client):
    assert client.post("/api/example", json={}).status_code == 401


def test_an_exclusive_lower_bound_reads_the_same_in_the_api_as_on_the_page(api, client, new_record):
    record_id = api("POST", "/api/example").json["id"]
    response = api("PATCH", f"/api/example/{record_id}", {"deposit": 0})
    assert response.status_code == 422
    assert response.json == {"errors": {"deposit": ["Deposit must be more than 0"]}}
    whole = api("PATCH", f"/api/example/{record_id}", {"deposit": 0.01})
    assert whole.json == {"errors": {"deposit": ["Deposit must be a whole number"]}}
    accepted = api("PATCH", f"/api/example/{record_id}", {"deposit": 1})
    assert (accepted.status_code, accepted.json["deposit"]) == (200, 1)

    web_record = new_record()
    soup = page(post_page(client, f"/example/{web_record}/deposit", {"deposit": "0"}))
    assert error_summary(soup) == response.json["errors"]["deposit"]


def test_an_unsubmitted_record_refuses_changes_with_409(api, owned_record, complete_answers):
    record, _ = owned_record(complete_answers, user=api.user)
    record.status = "unsubmitted"
    db.session.commit()
    url = f"/api/example/{record.id}"
    response = api("PATCH", url, {"full_name": "Changed"})
    assert response.status_code == 409
    assert response.json == {
        "error": "This application has been submitted and can no longer be changed"
    }
    read = api("GET", url)
    assert (read.json["status"], read.json["full_name"]) == ("unsubmitted", "Ada Lovelace")
    # Submitting it again changes nothing: it stays as it was sent back.
    again = api("POST", f"{url}/submit")
    assert (again.status_code, again.json["status"]) == (200, "unsubmitted")
