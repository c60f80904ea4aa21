"""Caching of the files under /assets.

Every asset URL the app writes carries a fingerprint of the file's content (`?v=`), so a
browser may keep that file for a year without asking again, and still fetches a new one as
soon as it changes. Files asked for by a plain URL (the fonts and images that GOV.UK
Frontend's stylesheet names, the module our script imports) are kept for an hour: long enough
that a journey of many pages does not ask for them again on every page, short enough that a
new release reaches everyone the same day.
"""

from __future__ import annotations

import hashlib
import os
import stat
from functools import lru_cache

from flask import Flask, request
from werkzeug.security import safe_join

FINGERPRINTED_MAX_AGE = 365 * 24 * 60 * 60
PLAIN_MAX_AGE = 60 * 60


@lru_cache(maxsize=512)
def _fingerprint(path: str, modified_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()[:12]


def fingerprint(static_folder: str, filename: str) -> str | None:
    """The content fingerprint of a file under static/, or None if there is no such file (or
    the name would lead outside static/: it can come from a request's path)."""
    path = safe_join(static_folder, filename)
    if path is None:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return _fingerprint(path, status.st_mtime_ns, status.st_size)


def init_app(app: Flask) -> None:
    @app.url_defaults
    def add_fingerprint(endpoint, values):
        if endpoint == "static" and values.get("filename") and "v" not in values:
            version = fingerprint(app.static_folder, values["filename"])
            if version is not None:
                values["v"] = version

    def send_file_max_age(filename: str | None) -> int:
        wanted = request.args.get("v")
        if wanted and filename and wanted == fingerprint(app.static_folder, filename):
            return FINGERPRINTED_MAX_AGE
        return PLAIN_MAX_AGE

    # Flask asks the app how long each static file may be cached.
    app.get_send_file_max_age = send_file_max_age
