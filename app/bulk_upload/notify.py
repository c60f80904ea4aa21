"""Telling the uploader their file has been checked, or their logs created."""

from __future__ import annotations

from app.bulk_upload.models import BulkUpload


def checked(upload: BulkUpload) -> None:
    """Add the email to the session; the caller commits it with the upload's new status."""
