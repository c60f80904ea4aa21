"""Telling the uploader their file has been checked, or their logs created."""

from __future__ import annotations

from app.accounts.models import User
from app.bulk_upload.models import DONE, FAILED, BulkUpload
from app.emails.outbox import send_email
from app.extensions import db


def summary(upload: BulkUpload) -> str:
    """The outcome in a sentence, for the email."""
    if upload.status == FAILED:
        return f"We could not read it: {upload.failure}"
    if upload.status == DONE:
        logs = "log" if upload.logs_created == 1 else "logs"
        return f"{upload.logs_created:,} {logs} created from {upload.total_rows:,} rows."
    if upload.rows_with_errors:
        return (
            f"{upload.rows_with_errors:,} of {upload.total_rows:,} rows have errors. Nothing "
            "has been created yet: fix the file, or create the logs without errors."
        )
    return (
        f"{upload.rows_with_soft_checks:,} of {upload.total_rows:,} rows have unusual answers "
        "to confirm before the logs are created."
    )


def checked(upload: BulkUpload) -> None:
    """Add the email to the session; the caller commits it with the upload's new status. Only
    when the job stops to wait for the user, or ends: one email per outcome."""
    uploader = db.session.get(User, upload.uploaded_by_id)
    if uploader is None or not upload.link:
        return
    send_email(
        uploader.email,
        "bulk_upload_done",
        {"file_name": upload.file_name, "summary": summary(upload), "link": upload.link},
    )
