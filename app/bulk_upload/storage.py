"""Where an uploaded file is kept until its job is done: in its upload row (the default), or,
with BULK_UPLOAD_FOLDER set, as a file in that folder (a disk every web server and worker
shares), named by the row. The row is written first either way, and the job reads it back."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from flask import current_app

from app.bulk_upload.models import BulkUpload
from app.bulk_upload.reading import FileRefused

GONE = "The uploaded file can no longer be found. Upload it again"


def _folder() -> Path | None:
    folder = current_app.config["APP_CONFIG"].bulk_upload_folder
    return Path(folder) if folder else None


def keep(upload: BulkUpload, content: bytes) -> None:
    """Store the file for this upload (before its row is committed)."""
    folder = _folder()
    if folder is None:
        upload.content = content
        return
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}.upload"
    partial = folder / f"{name}.partial"
    partial.write_bytes(content)
    os.replace(partial, folder / name)  # whole or not at all, for a worker reading it
    upload.stored_as = name


def read(upload: BulkUpload) -> bytes:
    """The file's bytes; FileRefused if a folder's file has gone."""
    if upload.stored_as is None:
        return upload.content or b""
    folder = _folder()
    try:
        return (folder / upload.stored_as).read_bytes() if folder else b""
    except FileNotFoundError:
        raise FileRefused(GONE) from None
