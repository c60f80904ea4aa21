"""Bulk upload by collection year: each year's template and specification, a file's year from
its tenancy start dates, and a file of two years refused."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from app.bulk_upload.columns import answer_columns
from app.extensions import db
from app.formkit.models import FormRecord
from app.journeys.lettings_log import LETTINGS_LOG, LETTINGS_LOG_2027
from app.journeys.lettings_years import OpenYears
from tests.bulk_upload.conftest import csv_bytes
from tests.helpers import csrf_token_from, error_summary, page, sign_in

TEMPLATE_2027 = answer_columns(LETTINGS_LOG_2027)
# The seed's complete example, moved to a tenancy starting in May 2027.
IN_2027 = {
    "tenancy_start_date": "01/05/2027",
    "property_void_date": "03/11/2026",
    "property_major_repairs_date": "05/05/2026",
    "renewal": "no",
}


@pytest.fixture
def signed_in(client, uploader):
    sign_in(client, uploader)
    return client


def upload(client, content: bytes, year: str = ""):
    token = csrf_token_from(client.get("/logs/bulk-upload/upload"))
    return client.post(
        "/logs/bulk-upload/upload",
        data={"csrf_token": token, "collection_year": year, "file": (io.BytesIO(content), "l.csv")},
        content_type="multipart/form-data",
    )


def logs() -> list[FormRecord]:
    return db.session.scalars(select(FormRecord).order_by(FormRecord.id)).all()


def test_each_year_has_its_template_and_specification(signed_in):
    start = page(signed_in.get("/logs/bulk-upload/"))
    links = {a.get_text(strip=True): a["href"] for a in start.select("main a")}
    template_2027 = signed_in.get(links["Download the 2027/28 template (CSV)"])
    header = next(csv.reader(io.StringIO(template_2027.get_data(as_text=True))))
    assert header == TEMPLATE_2027
    assert header.index("renewal") == header.index("tenancy_start_date") + 1
    assert "2027-28" in template_2027.headers["Content-Disposition"]
    template_2026 = signed_in.get(links["Download the 2026/27 template (CSV)"])
    assert "renewal" not in template_2026.get_data(as_text=True)

    spec = page(signed_in.get(links["Read the 2027/28 specification of each column"]))
    assert spec.h1.get_text() == "Bulk upload specification for 2027/28"
    assert [row.code.get_text() for row in spec.select("#specification tbody tr")] == header
    status = spec.select_one("#column-person_1_economic_status").get_text()
    assert "In government training into work" in status
    assert "such as New Deal (In government training into work)" in status
    assert signed_in.get("/logs/bulk-upload/specification?year=2027").status_code == 404


def test_a_file_of_2027_28_is_checked_and_created_with_its_form(signed_in, make_rows):
    rows = make_rows(2, **IN_2027)
    response = upload(signed_in, csv_bytes(rows, header=TEMPLATE_2027))

    assert response.status_code == 302, error_summary(page(response))
    done = page(signed_in.get(response.headers["Location"]))
    assert "2 logs created" in done.select_one(".govuk-panel").get_text()
    assert [log.definition_version for log in logs()] == ["2027/28", "2027/28"]
    assert [log.status for log in logs()] == ["completed", "completed"]


def test_the_2027_28_rules_check_its_rows(signed_in, make_rows):
    # Void six years before the start: allowed in 2026/27's form, not in 2027/28's.
    rows = make_rows(1, **{**IN_2027, "property_void_date": "01/04/2021"})
    response = upload(signed_in, csv_bytes(rows, header=TEMPLATE_2027))
    report = page(signed_in.get(response.headers["Location"]))

    assert "The void date must be no more than 5 years before the tenancy start date" in (
        report.get_text()
    )


def test_a_file_with_logs_of_two_years_is_refused_naming_them(signed_in, make_rows):
    rows = [*make_rows(2), *make_rows(1, tenant_code="T9", **IN_2027)]
    response = upload(signed_in, csv_bytes(rows, header=TEMPLATE_2027))

    assert response.status_code == 400
    assert error_summary(page(response)) == [
        "The file has logs of more than one collection year: tenancy start dates in rows 2, 3 "
        "in 2018/19 and row 4 in 2027/28. Upload the logs of each collection year in a file of "
        "their own"
    ]
    assert logs() == []


def test_a_year_chosen_must_be_the_year_of_the_dates(signed_in, make_rows):
    response = upload(signed_in, csv_bytes(make_rows(1)), year="2027/28")

    assert error_summary(page(response)) == [
        "The tenancy start dates in the file are in the 2018/19 collection year, not 2027/28. "
        "Choose 2018/19, or check the dates"
    ]


def test_rows_without_dates_take_the_year_chosen(signed_in, make_rows, today):
    today(date(2026, 12, 1))
    rows = make_rows(1, tenancy_start_date="", property_void_date="", renewal="yes")
    rows[0].pop("property_major_repairs_date")
    header = [c for c in TEMPLATE_2027 if c != "property_major_repairs_date"]

    # The current year's (2026/27) form does not ask the question…
    refused = upload(signed_in, csv_bytes(rows, header=header))
    report = page(signed_in.get(refused.headers["Location"]))
    assert "This field is not recognised" in report.select_one("main").get_text()
    # …the 2027/28 form does.
    rows[0]["tenant_code"] = "T2"  # a file of its own, not the same one again
    response = upload(signed_in, csv_bytes(rows, header=header), year="2027/28")
    assert response.status_code == 302, error_summary(page(response))
    assert logs()[-1].definition_version == "2027/28"
    assert logs()[-1].answers["renewal"] is True


def test_a_file_of_a_closed_year_is_refused(signed_in, app, make_rows, monkeypatch, today):
    monkeypatch.setitem(app.config, "LETTINGS_OPEN_YEARS", OpenYears.from_settings("2027/28"))
    today(date(2027, 5, 1))

    response = upload(signed_in, csv_bytes(make_rows(1)))

    assert error_summary(page(response)) == [
        "The logs in the file are for the 2018/19 collection year, which has closed. Upload "
        "logs of 2027/28"
    ]
    # Only the open years' templates are offered.
    start = page(signed_in.get("/logs/bulk-upload/")).get_text()
    assert "2027/28 template" in start
    assert "2026/27 template" not in start


def test_the_api_takes_the_year_and_says_it(as_user, make_rows):
    api = as_user()
    content = csv_bytes(make_rows(1, **IN_2027), header=TEMPLATE_2027)
    headers = {"Content-Type": "text/csv"}

    bad = api("POST", "/case_logs/bulk?collection_year=2027", data=content, headers=headers)
    assert bad.status_code == 400
    assert "written like 2026/27" in bad.json["error"]
    wrong = api("POST", "/case_logs/bulk?collection_year=2026/27", data=content, headers=headers)
    assert wrong.status_code == 422
    assert wrong.json["error"].startswith("The tenancy start dates in the file are in the 2027/28")
    response = api("POST", "/case_logs/bulk", data=content, headers=headers)
    assert response.status_code == 202
    assert response.json["collection_year"] == "2027/28"
    assert logs()[0].definition_version == LETTINGS_LOG_2027.version != LETTINGS_LOG.version
