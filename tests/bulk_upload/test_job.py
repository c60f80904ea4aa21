"""The job: each row checked as POST /case_logs would, duplicates found, and each outcome."""

from __future__ import annotations

from sqlalchemy import func, select

from app.bulk_upload import checking, service
from app.bulk_upload.models import (
    CHECKING,
    DONE,
    NEEDS_CONFIRMATION,
    QUEUED,
    BulkUpload,
    BulkUploadRow,
)
from app.case_logs import export
from app.extensions import db
from app.formkit import store
from app.formkit.models import FormRecord
from app.formkit.validation import apply_payload
from app.journeys.lettings_log import LETTINGS_LOG
from tests.bulk_upload.conftest import csv_bytes


def logs() -> list[FormRecord]:
    return db.session.scalars(
        select(FormRecord).where(FormRecord.journey == LETTINGS_LOG.id).order_by(FormRecord.id)
    ).all()


def rows_of(upload: BulkUpload) -> list[BulkUploadRow]:
    return db.session.scalars(
        select(BulkUploadRow)
        .where(BulkUploadRow.upload_id == upload.id)
        .order_by(BulkUploadRow.row_number)
    ).all()


def problems(upload: BulkUpload, kind: str | None = None) -> list[dict]:
    return [
        {"row": row.row_number, **p}
        for row in rows_of(upload)
        for p in row.problems
        if kind is None or p["kind"] == kind
    ]


def upload_file(user, content: bytes, name: str = "logs.csv") -> BulkUpload:
    upload = service.start(user, name, content)
    db.session.expire_all()
    return db.session.get(BulkUpload, upload.id)


def test_all_rows_valid_creates_every_log_completed(uploader, make_rows):
    upload = upload_file(uploader, csv_bytes(make_rows(3)))
    assert upload.status == DONE
    assert (upload.total_rows, upload.rows_checked, upload.logs_created) == (3, 3, 3)
    created = logs()
    assert [log.status for log in created] == ["completed"] * 3
    assert [log.answers["tenant_code"] for log in created] == ["T00000", "T00001", "T00002"]
    assert {log.organisation_id for log in created} == {uploader.organisation_id}
    assert {log.owner_id for log in created} == {uploader.id}


def test_a_missing_column_makes_in_progress_logs(uploader, make_rows):
    rows = make_rows(2)
    header = [c for c in rows[0] if c != "tenant_nationality"]
    upload_file(uploader, csv_bytes(rows, header=header))
    assert [log.status for log in logs()] == ["in_progress", "in_progress"]
    assert all("tenant_nationality" not in log.answers for log in logs())


def test_the_csv_download_uploads_back_to_the_same_answers(uploader, valid_example, app):
    outcome = apply_payload(LETTINGS_LOG, valid_example, {})
    originals = [
        store.create_record(
            LETTINGS_LOG,
            {**outcome.answers, "tenant_code": f"R{n}"},
            owner_id=uploader.id,
            organisation_id=uploader.organisation_id,
        )
        for n in range(2)
    ]
    exported = [export.row(record) for record in originals]
    header = export.header()
    content = csv_bytes([dict(zip(header, map(str, row), strict=True)) for row in exported], header)
    db.session.query(FormRecord).delete()  # the same logs again, not duplicates of themselves
    db.session.commit()
    upload = upload_file(uploader, content, "lettings-logs.csv")
    assert upload.status == DONE, problems(upload)
    assert [log.answers for log in logs()] == [
        {**outcome.answers, "tenant_code": f"R{n}"} for n in range(2)
    ]


def test_hard_errors_name_the_cell_and_create_nothing(uploader, make_rows):
    rows = make_rows(3)
    rows[1]["person_1_age"] = "130"
    rows[2]["person_1_gender"] = "Woman"
    upload = upload_file(uploader, csv_bytes(rows))
    assert upload.status == NEEDS_CONFIRMATION
    assert (upload.rows_with_errors, upload.valid_rows) == (2, 1)
    assert logs() == []
    found = problems(upload, "hard")
    assert found[0] == {
        "row": 3,
        "column": "B",
        "header": "person_1_age",
        "field": "person_1_age",
        "value": "130",
        "message": "Tenant age must be between 0 and 120",
        "kind": "hard",
        "rule": "Tenant age must be between 0 and 120",
    }
    assert found[1]["row"] == 4 and found[1]["field"] == "person_1_gender"
    assert found[1]["message"].startswith("Select")  # the engine's own message


def test_cross_field_rules_are_reported_with_the_bad_values(uploader, make_rows):
    rows = make_rows(1, person_1_age="130", property_void_date="01/01/2030")
    upload = upload_file(uploader, csv_bytes(rows))
    fields = {p["field"] for p in problems(upload, "hard")}
    assert "person_1_age" in fields
    assert fields - {"person_1_age"}, "the date rule is reported too, in one go"


def test_create_the_good_ones_and_in_progress_logs_for_the_rest(uploader, make_rows):
    rows = make_rows(3)
    rows[1]["person_1_age"] = "130"
    upload = upload_file(uploader, csv_bytes(rows))
    assert service.create_logs(upload)
    db.session.expire_all()
    upload = db.session.get(BulkUpload, upload.id)
    assert upload.status == DONE and upload.logs_created == 3
    statuses = {log.answers["tenant_code"]: log.status for log in logs()}
    assert statuses == {"T00000": "completed", "T00001": "in_progress", "T00002": "completed"}
    bad = next(log for log in logs() if log.answers["tenant_code"] == "T00001")
    assert "person_1_age" not in bad.answers
    assert bad.answers["person_1_gender"] == rows[1]["person_1_gender"]
    assert not service.create_logs(upload), "a second choice does nothing"


def test_soft_checks_are_confirmed_once_then_every_log_is_created(uploader, make_rows):
    rows = make_rows(3)
    rows[0].update(person_1_age="80", person_1_economic_status="Full-time - 30 hours or more")
    rows[2].update(person_1_age="90", person_1_economic_status="Full-time - 30 hours or more")
    upload = upload_file(uploader, csv_bytes(rows))
    assert upload.status == NEEDS_CONFIRMATION
    assert (upload.rows_with_errors, upload.rows_with_soft_checks) == (0, 2)
    soft = problems(upload, "soft")
    assert {p["rule"] for p in soft} == {"retirement_value_check"}
    assert logs() == []
    service.create_logs(upload)
    created = logs()
    assert [log.status for log in created] == ["completed"] * 3
    assert "retirement_value_check" in created[0].answers["_confirmed"]


def test_duplicates_within_the_file_and_against_the_organisations_logs(
    uploader, make_rows, make_user, other_organisation
):
    rows = make_rows(3)
    rows[2] = dict(rows[1])
    first = upload_file(uploader, csv_bytes(rows[:1]))
    assert first.status == DONE
    upload = upload_file(uploader, csv_bytes(rows))
    duplicates = problems(upload, "duplicate")
    assert [(p["row"], p["column"], p["field"]) for p in duplicates] == [
        (2, "A", "tenant_code"),
        (4, "A", "tenant_code"),
    ]
    assert duplicates[0]["message"].startswith("A log with the same tenant code")
    assert duplicates[0]["message"].endswith(f"already exists: {logs()[0].reference}")
    assert duplicates[1]["message"].startswith("This log is the same as row 3")
    service.create_logs(upload)
    assert len(logs()) == 2, "duplicates are never created"
    assert logs()[1].answers["tenant_code"] == "T00001"
    # Another organisation's logs are not duplicates of this one's.
    other = make_user(uploader.role_enum, org=other_organisation)
    assert upload_file(other, csv_bytes(rows[:1])).logs_created == 1


def test_rerunning_a_job_never_makes_a_log_twice(uploader, make_rows):
    upload = upload_file(uploader, csv_bytes(make_rows(5)))
    assert upload.logs_created == 5
    # A worker that died after creating the logs, before marking the job done, runs it again.
    upload.status = CHECKING
    db.session.commit()
    checking.run(upload.id)
    checking.run(upload.id)
    assert db.session.scalar(select(func.count()).select_from(FormRecord)) == 5


def test_a_job_restarted_mid_check_carries_on_after_the_stored_rows(uploader, make_rows):
    rows = make_rows(4)
    rows[3] = dict(rows[0])
    upload = upload_file(uploader, csv_bytes(rows))
    # As if the worker died after storing two rows' results.
    for row in rows_of(upload)[2:]:
        db.session.delete(row)
    db.session.query(FormRecord).delete()
    upload.status, upload.rows_checked, upload.logs_created = QUEUED, 2, 0
    upload.rows_with_errors = 0
    db.session.commit()
    checking.run(upload.id)
    db.session.expire_all()
    assert [r.row_number for r in rows_of(upload)] == [2, 3, 4, 5]
    assert [p["row"] for p in problems(upload, "duplicate")] == [5]


def test_the_same_file_uploaded_twice_is_refused_so_nothing_is_made_twice(uploader, make_rows):
    import pytest

    from app.bulk_upload.reading import FileRefused

    content = csv_bytes(make_rows(2))
    first = upload_file(uploader, content)
    with pytest.raises(FileRefused, match=f"This file was uploaded already.*upload {first.id}"):
        service.start(uploader, "again.csv", content)
    assert len(logs()) == 2


def test_labels_codes_and_every_date_format_end_to_end(uploader, make_rows):
    rows = make_rows(3)
    rows[0].update(person_1_gender="female", tenancy_start_date="2019-03-12")
    rows[1].update(person_1_gender="MALE", tenancy_start_date="12/3/19")
    rows[2].update(person_1_gender="Non-binary", tenancy_start_date="12/03/2019")
    upload = upload_file(uploader, csv_bytes(rows))
    assert upload.status == DONE, problems(upload)
    answers = [log.answers for log in logs()]
    assert [a["person_1_gender"] for a in answers] == ["Female", "Male", "Non-binary"]
    assert {a["tenancy_start_date"] for a in answers} == {"2019-03-12"}


def test_a_windows_1252_file_with_a_bom_less_pound_sign_uploads(uploader, make_rows):
    rows = make_rows(1, tenant_code="Zoë £1")
    upload = upload_file(uploader, csv_bytes(rows, encoding="cp1252"))
    assert upload.status == DONE
    assert logs()[0].answers["tenant_code"] == "Zoë £1"


def test_a_utf8_file_with_a_bom_uploads(uploader, make_rows):
    upload = upload_file(uploader, b"\xef\xbb\xbf" + csv_bytes(make_rows(1, tenant_code="Zoë")))
    assert upload.status == DONE
    assert logs()[0].answers["tenant_code"] == "Zoë"


def test_files_can_be_kept_in_a_folder_instead(app, uploader, make_rows, tmp_path, monkeypatch):
    from app.bulk_upload import storage, tasks
    from app.bulk_upload.models import FAILED

    monkeypatch.setattr(app.config["APP_CONFIG"], "bulk_upload_folder", str(tmp_path))
    content = csv_bytes(make_rows(2))
    upload = upload_file(uploader, content)
    assert upload.status == DONE and upload.content is None
    assert (tmp_path / upload.stored_as).read_bytes() == content
    # A file gone from the folder before its job ran: the job fails, saying so.
    monkeypatch.setattr(tasks, "queue", lambda upload_id: None)
    second = upload_file(uploader, csv_bytes(make_rows(1, tenant_code="OTHER")))
    (tmp_path / second.stored_as).unlink()
    checking.run(second.id)
    db.session.expire_all()
    assert (second.status, second.failure) == (FAILED, storage.GONE)
