"""The Celery task that checks an upload and creates its logs."""

from __future__ import annotations

from app.bulk_upload import checking


def queue(upload_id: int) -> None:
    """Run the job once the upload row is committed."""
    # Until the worker is merged: run inline (replaced by queue_after_commit).
    checking.run(upload_id)
