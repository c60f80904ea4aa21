"""The staff pages: format, template and specification, upload, progress, report, choices."""

from __future__ import annotations

import csv
import io

import pytest

from app.accounts.roles import Role
from app.bulk_upload.columns import answer_columns
from app.extensions import db
from app.formkit.models import FormRecord
from tests.bulk_upload.conftest import csv_bytes
from tests.helpers import csrf_token_from, error_summary, page, sign_in

AGE_MESSAGE = "Tenant age must be between 0 and 120"


@pytest.fixture
def signed_in(client, uploader):
    sign_in(client, uploader)
    return client


def upload(client, content: bytes, name: str = "logs.csv"):
    token = csrf_token_from(client.get("/logs/bulk-upload/upload"))
    return client.post(
        "/logs/bulk-upload/upload",
        data={"csrf_token": token, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_the_logs_page_links_to_the_format_page_with_template_and_specification(signed_in):
    logs_page = page(signed_in.get("/logs/"))
    link = logs_page.find("a", string="Upload lettings logs in bulk")
    start = page(signed_in.get(link["href"]))
    assert start.h1.get_text() == "Upload lettings logs in bulk"
    assert "at most 10 MB and 10,000 rows of logs" in start.select_one("#limits").get_text()
    template = signed_in.get("/logs/bulk-upload/template.csv")
    assert template.mimetype == "text/csv"
    assert next(csv.reader(io.StringIO(template.get_data(as_text=True)))) == answer_columns()
    spec = page(signed_in.get("/logs/bulk-upload/specification"))
    rows = spec.select("#specification tbody tr")
    assert [row.code.get_text() for row in rows] == answer_columns()
    age = spec.select_one("#column-person_2_age").get_text(" ", strip=True)
    assert "Required when household_number_of_other_members >= 1" in age
    assert "at most 120" in age
    assert "Female" in spec.select_one("#column-person_1_gender").get_text()


def test_a_valid_file_creates_the_logs(signed_in, make_rows):
    response = upload(signed_in, csv_bytes(make_rows(2)))
    assert response.status_code == 302
    done = page(signed_in.get(response.headers["Location"]))
    assert "2 logs created" in done.select_one(".govuk-panel").get_text()


def test_the_form_refuses_a_file_with_the_reason(signed_in):
    response = upload(signed_in, b"tenant_code,colour\nA,red\n")
    assert response.status_code == 400
    form = page(response)
    assert form.title.get_text().startswith("Error: ")
    assert error_summary(form) == [
        "The file has a column we do not recognise: ‘colour’. Use the column names of the template"
    ]
    token = csrf_token_from(signed_in.get("/logs/bulk-upload/upload"))
    missing = signed_in.post(
        "/logs/bulk-upload/upload", data={"csrf_token": token}, content_type="multipart/form-data"
    )
    assert error_summary(page(missing)) == ["Select a CSV or Excel file to upload"]


def test_the_error_report_then_create_the_good_ones(signed_in, make_rows):
    rows = make_rows(3)
    rows[1]["person_1_age"] = "130"
    location = upload(signed_in, csv_bytes(rows)).headers["Location"]
    report = page(signed_in.get(location))
    assert report.h1.get_text() == "Some rows of your file have errors"
    assert [li.get_text() for li in report.select("#summary li")] == [
        "Tenant age must be between 0 and 120: row 3"
    ]
    first = report.select("#problems tbody tr")[0]
    assert [cell.get_text(" ", strip=True) for cell in first.find_all(["th", "td"])] == [
        "Row 3, column B (person_1_age)",
        "130",
        "person_1_age",
        "Error Tenant age must be between 0 and 120",
    ]
    assert db.session.query(FormRecord).count() == 0
    download = signed_in.get(report.find("a", string="Download the error report (CSV)")["href"])
    assert list(csv.reader(io.StringIO(download.get_data(as_text=True)))) == [
        ["row", "column", "header", "value", "field", "message", "kind"],
        [
            "3",
            "B",
            "person_1_age",
            "130",
            "person_1_age",
            "Tenant age must be between 0 and 120",
            "hard",
        ],
    ]
    button = report.find("button", string=lambda s: s and "logs without errors" in s)
    assert "Create the 2 logs without errors" in button.get_text()
    token = csrf_token_from(signed_in.get(location))
    created = signed_in.post(f"{location}/create", data={"csrf_token": token})
    assert "3 logs created" in page(signed_in.get(created.headers["Location"])).get_text()
    statuses = sorted(r.status for r in db.session.query(FormRecord))
    assert statuses == ["completed", "completed", "in_progress"]


def test_values_a_spreadsheet_would_run_are_neutralised_in_the_report(signed_in, make_rows):
    rows = make_rows(1, person_1_age="=1+1")
    location = upload(signed_in, csv_bytes(rows)).headers["Location"]
    download = signed_in.get(f"{location}/errors.csv").get_data(as_text=True)
    assert "'=1+1" in download


def test_soft_checks_are_confirmed_once_on_their_own_page(signed_in, make_rows):
    rows = make_rows(2, person_1_age="80", person_1_economic_status="Full-time - 30 hours or more")
    location = upload(signed_in, csv_bytes(rows)).headers["Location"]
    confirm = page(signed_in.get(location))
    assert confirm.h1.get_text() == "Check these answers before we create the logs"
    assert [li.get_text() for li in confirm.select("#soft-checks li")] == [
        "2 logs have a lead tenant over retirement age whose working situation is not "
        "‘Retired’: rows 2, 3"
    ]
    token = csrf_token_from(signed_in.get(location))
    signed_in.post(f"{location}/create", data={"csrf_token": token})
    assert db.session.query(FormRecord).count() == 2


def test_the_progress_page_while_checking(signed_in, uploader, make_rows, monkeypatch):
    from app.bulk_upload import tasks

    monkeypatch.setattr(tasks, "queue", lambda upload_id: None)  # no worker yet
    location = upload(signed_in, csv_bytes(make_rows(3))).headers["Location"]
    progress = page(signed_in.get(location))
    assert progress.h1.get_text() == "Checking your file"
    assert "0 of 3 rows checked" in progress.select_one("#check-progress").get_text()
    assert progress.select_one("#check-progress-link")["href"] == location
    scripts = [script.get("src", "") for script in progress.find_all("script")]
    assert any(src.startswith("/assets/app/check-progress.js") for src in scripts)


def test_another_organisations_upload_is_404(signed_in, make_user, other_organisation, make_rows):
    location = upload(signed_in, csv_bytes(make_rows(1))).headers["Location"]
    other_client = signed_in.application.test_client()
    sign_in(other_client, make_user(Role.DATA_PROVIDER, org=other_organisation))
    assert other_client.get(location).status_code == 404


def test_the_uploader_is_emailed_when_the_file_is_checked_and_when_logs_are_made(
    signed_in, uploader, make_rows
):
    from tests.emails.helpers import emails_to, link_in

    rows = make_rows(2)
    rows[0]["person_1_age"] = "130"
    location = upload(signed_in, csv_bytes(rows)).headers["Location"]
    [checked] = emails_to(uploader.email)
    assert checked.template == "bulk_upload_done"
    assert checked.personalisation["file_name"] == "logs.csv"
    assert checked.personalisation["summary"].startswith("1 of 2 rows have errors")
    assert link_in(checked) == f"http://localhost{location}"
    token = csrf_token_from(signed_in.get(location))
    signed_in.post(f"{location}/create", data={"csrf_token": token})
    done = emails_to(uploader.email)[-1]
    assert done.personalisation["summary"] == "2 logs created from 2 rows."
