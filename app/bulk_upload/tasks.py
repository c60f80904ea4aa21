"""The Celery task that checks an upload and creates its logs.

The upload row is the truth: the task only asks `checking.run` to do what the row still needs,
so a task delivered twice, or again after a worker died mid-file, does the work once.
"""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from app.bulk_upload import checking
from app.jobs.after_commit import queue_after_commit
from app.jobs.celery_app import celery_app


@celery_app.task(
    name="bulk_upload.run",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def run_upload(upload_id: int) -> None:
    checking.run(upload_id)


def queue(upload_id: int) -> None:
    """Run the job once the transaction that stored the upload (or the choice) commits."""
    queue_after_commit(run_upload, upload_id)
