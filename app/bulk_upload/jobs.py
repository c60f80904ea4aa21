"""Bulk uploads as a kind of background job (app/jobs/kinds.py): the periodic sweep queues
again an upload still queued or checking that nothing has touched for a while, such as one
whose worker was killed mid-file. The job carries on after the rows it had stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update

from app.bulk_upload.models import CHECKING, QUEUED, BulkUpload
from app.db_types import utcnow
from app.extensions import db
from app.jobs.after_commit import queue_after_commit
from app.jobs.kinds import FailedJob, JobKind

PENDING = (QUEUED, CHECKING)
SWEEP_BATCH = 100


def _oldest_pending() -> datetime | None:
    return db.session.scalar(
        select(func.min(BulkUpload.updated_at)).where(BulkUpload.status.in_(PENDING))
    )


def stale_uploads(untouched_since: datetime) -> list[int]:
    """Uploads still to finish that no worker has moved on since then, marked as touched now
    (so the next sweep leaves them to this one's tasks for a while). The caller commits."""
    ids = db.session.scalars(
        select(BulkUpload.id)
        .where(BulkUpload.status.in_(PENDING), BulkUpload.updated_at < untouched_since)
        .order_by(BulkUpload.id)
        .limit(SWEEP_BATCH)
    ).all()
    if ids:
        db.session.execute(
            update(BulkUpload)
            .where(BulkUpload.id.in_(ids))
            .values(updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    return list(ids)


def _requeue_stale(untouched_since: datetime) -> int:
    from app.bulk_upload.tasks import run_upload

    ids = stale_uploads(untouched_since)
    for upload_id in ids:
        queue_after_commit(run_upload, upload_id)
    db.session.commit()
    return len(ids)


def _failed(limit: int) -> list[FailedJob]:
    # A file that cannot be read is the uploader's to fix, and is shown to them; a job that
    # keeps failing stays pending and is queued again by the sweep. Support has none to retry.
    return []


BULK_UPLOAD_JOBS = JobKind(
    name="bulk-uploads",
    label="Bulk uploads",
    oldest_pending=_oldest_pending,
    requeue_stale=_requeue_stale,
    failed=_failed,
    count_failed=lambda: 0,
    try_again=lambda job_id: False,
)
