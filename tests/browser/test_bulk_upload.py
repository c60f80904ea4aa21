"""Uploading a file of lettings logs in a real browser: the error report, then "create the
good ones"."""

from __future__ import annotations

from app.accounts.roles import Role
from app.extensions import db
from app.formkit.models import FormRecord
from tests.browser.conftest import axe_violations, screenshot, sign_in
from tests.bulk_upload.conftest import complete_row, csv_bytes, make_rows  # noqa: F401


def test_upload_a_file_read_its_error_report_and_create_the_good_ones(
    new_tab,
    make_user,
    make_rows,  # noqa: F811
):
    page = new_tab(bypass_csp=True)  # so that axe-core can be added to the page
    sign_in(page, make_user(Role.DATA_PROVIDER))
    page.goto("/logs/")
    page.get_by_role("link", name="Upload lettings logs in bulk").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Upload lettings logs in bulk"
    page.get_by_role("button", name="Upload your file").click()

    rows = make_rows(3)
    rows[1]["person_1_age"] = "130"
    page.get_by_label("Upload your file").set_input_files(
        {"name": "my-logs.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows)}
    )
    page.get_by_role("button", name="Upload and check the file").click()
    page.wait_for_load_state()

    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Some rows of your file have errors"
    assert page.locator("#summary li").all_inner_texts() == [
        "Tenant age must be between 0 and 120: row 3"
    ]
    assert "Row 3, column B (person_1_age)" in page.locator("#problems").inner_text()
    screenshot(page, "bulk-upload-error-report")
    assert axe_violations(page) == []
    assert db.session.query(FormRecord).count() == 0

    page.get_by_role("button", name="Create the 2 logs without errors").click()
    page.wait_for_load_state()
    assert "3 logs created" in page.locator(".govuk-panel").inner_text()
    db.session.expire_all()
    statuses = sorted(record.status for record in db.session.query(FormRecord))
    assert statuses == ["completed", "completed", "in_progress"]
