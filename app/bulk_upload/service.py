"""Starting an upload and acting on the user's choice: a row first, then a task."""

from __future__ import annotations

import hashlib

from flask import has_request_context, url_for
from sqlalchemy import ColumnElement, false, select, true

from app.accounts.roles import Role
from app.bulk_upload import storage
from app.bulk_upload.columns import journey_for, match_header
from app.bulk_upload.models import CREATE, FAILED, NEEDS_CONFIRMATION, QUEUED, BulkUpload
from app.bulk_upload.reading import FileRefused, read_file
from app.bulk_upload.years import file_year
from app.case_logs.access import is_staff
from app.db_types import utcnow
from app.extensions import db
from app.journeys.lettings_years import CollectionYear

NOT_WAITING = "This upload is not waiting for a decision"


def visible(user) -> ColumnElement[bool]:
    """The uploads this user may see: their organisation's; support staff, all."""
    if not is_staff(user):
        return false()
    if user.role_enum is Role.SUPPORT:
        return true()
    return BulkUpload.organisation_id == user.organisation_id


def find(user, upload_id: int) -> BulkUpload | None:
    return db.session.scalar(select(BulkUpload).where(BulkUpload.id == upload_id, visible(user)))


def already_uploaded(earlier: BulkUpload) -> str:
    when = earlier.created_at
    return (
        f"This file was uploaded already, on {when.day} {when:%B %Y} at {when:%H:%M} UTC "
        f"(upload {earlier.id}), so its logs would be made twice. Upload a changed file, or see "
        "that upload's result"
    )


def start(
    user, file_name: str, content: bytes, collection_year: CollectionYear | None = None
) -> BulkUpload:
    """Store the file and queue its check. A file that cannot be read as a whole (too large,
    too many rows, unknown columns, empty, rows of two collection years or of another than
    `collection_year`, if given) raises FileRefused before anything is stored."""
    sheet = read_file(content)
    year = file_year(sheet, collection_year)
    match_header(sheet.header, journey_for(year))
    content_hash = hashlib.sha256(content).hexdigest()
    earlier = db.session.scalar(
        select(BulkUpload)
        .where(
            BulkUpload.content_hash == content_hash,
            BulkUpload.status != FAILED,
            BulkUpload.organisation_id == user.organisation_id
            if user.organisation_id is not None
            else BulkUpload.organisation_id.is_(None),
        )
        .order_by(BulkUpload.id)
        .limit(1)
    )
    if earlier is not None:
        raise FileRefused(already_uploaded(earlier))
    upload = BulkUpload(
        organisation_id=user.organisation_id,
        uploaded_by_id=user.id,
        file_name=(file_name or "upload")[:255],
        content_hash=content_hash,
        status=QUEUED,
        collection_year=year.label,
        total_rows=sheet.row_count,
    )
    storage.keep(upload, content)
    db.session.add(upload)
    db.session.flush()
    if has_request_context():
        upload.link = url_for("bulk_uploads.show", upload_id=upload.id, _external=True)
    _queue(upload.id)
    db.session.commit()
    return upload


def create_logs(upload: BulkUpload) -> bool:
    """The user confirmed the soft checks, or chose to create the logs of the rows without
    errors (and in-progress logs for the others). False if the upload was not waiting."""
    if upload.status != NEEDS_CONFIRMATION or upload.decision == CREATE:
        return False
    upload.decision, upload.status, upload.updated_at = CREATE, QUEUED, utcnow()
    _queue(upload.id)
    db.session.commit()
    return True


def _queue(upload_id: int) -> None:
    from app.bulk_upload import tasks

    tasks.queue(upload_id)
