"""POST /case_logs/bulk, GET its job, POST its confirm: the same checks for systems."""

from __future__ import annotations

import pytest

from app.accounts.roles import Role
from app.bulk_upload.reading import XLSX_TYPE
from tests.bulk_upload.conftest import csv_bytes
from tests.bulk_upload.test_reading import xlsx_bytes


@pytest.fixture
def api(as_user, uploader):
    return as_user(user=uploader)


def post_file(api, content: bytes, media_type: str = "text/csv", **headers):
    return api(
        "POST",
        "/case_logs/bulk",
        data=content,
        headers={"Content-Type": media_type, **headers},
    )


def test_a_valid_file_is_accepted_and_its_logs_created(api, make_rows):
    response = post_file(api, csv_bytes(make_rows(2)))
    assert response.status_code == 202
    location = response.headers["Location"]
    assert location == f"/case_logs/bulk/{response.get_json()['id']}"
    job = api("GET", location).get_json()
    assert job["status"] == "done"
    assert job["counts"] == {
        "rows": 2,
        "checked": 2,
        "with_errors": 0,
        "with_soft_checks": 0,
        "logs_created": 2,
    }
    assert job["errors"] == []
    listed = api("GET", "/case_logs").get_json()
    assert listed["metadata"]["total"] == 2


def test_errors_as_json_then_confirm_creates_the_logs(api, make_rows):
    rows = make_rows(3)
    rows[1]["person_1_age"] = "130"
    response = post_file(api, csv_bytes(rows), "text/csv; charset=utf-8")
    job = api("GET", response.headers["Location"]).get_json()
    assert job["status"] == "needs_confirmation"
    assert job["errors"] == [
        {
            "row": 3,
            "column": "B",
            "field": "person_1_age",
            "message": "Tenant age must be between 0 and 120",
            "kind": "hard",
        }
    ]
    confirmed = api("POST", f"{response.headers['Location']}/confirm")
    assert confirmed.status_code == 202
    assert confirmed.headers["Location"] == response.headers["Location"]
    job = api("GET", response.headers["Location"]).get_json()
    assert (job["status"], job["counts"]["logs_created"]) == ("done", 3)
    again = api("POST", f"{response.headers['Location']}/confirm")
    assert again.status_code == 409
    assert again.get_json()["error"].startswith("This upload is not waiting")


def test_an_xlsx_body_is_read(api, complete_row):
    header = list(complete_row)
    content = xlsx_bytes([header, [complete_row[c] for c in header]])
    response = post_file(api, content, XLSX_TYPE)
    assert response.status_code == 202
    assert api("GET", response.headers["Location"]).get_json()["counts"]["logs_created"] == 1


def test_files_refused_as_a_whole_are_422_with_the_message(api, make_rows):
    response = post_file(api, b"")
    assert response.status_code == 422
    assert response.get_json()["error"].startswith("The file is empty")
    response = post_file(api, csv_bytes(make_rows(1), header=["tenant_code", "shoe_size"]))
    assert response.status_code == 422
    assert "‘shoe_size’" in response.get_json()["error"]


def test_other_media_types_and_oversized_bodies_are_refused(api):
    response = post_file(api, b'{"a": 1}', "application/json")
    assert response.status_code == 415
    assert "text/csv" in response.get_json()["error"]
    too_big = b"tenant_code\n" + b"a" * (10 * 1024 * 1024)
    response = post_file(api, too_big)
    assert response.status_code == 413
    assert "10,485,760 bytes" in response.get_json()["error"]


def test_another_organisations_upload_reads_as_404(api, as_user, make_rows, other_organisation):
    response = post_file(api, csv_bytes(make_rows(1)))
    other = as_user(Role.DATA_PROVIDER, org=other_organisation)
    assert other("GET", response.headers["Location"]).status_code == 404
    assert other("POST", response.headers["Location"] + "/confirm").status_code == 404


def test_staff_tokens_only(as_user, client):
    assert client.get("/case_logs/bulk/1").status_code == 401
    applicant = as_user(Role.APPLICANT)
    assert applicant("GET", "/case_logs/bulk/1").status_code == 403
