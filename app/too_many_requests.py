"""The 429 of a rate-limited view: `{"error": message}` for API clients, and for people a
GOV.UK page that says how long to wait."""

from __future__ import annotations

import math
import time

from flask import render_template
from werkzeug.exceptions import TooManyRequests

from app.api.responses import error_response, wants_json
from app.extensions import limiter


def _wait_minutes() -> int:
    """Whole minutes until the limit that was reached lets requests through again."""
    current = limiter.current_limit
    if current is None:
        return 15
    return max(1, math.ceil((current.reset_at - time.time()) / 60))


def too_many_requests(error: TooManyRequests, heading: str, message: str):
    if wants_json():
        return error_response(429, message)
    page = render_template("errors/429.html", heading=heading, wait_minutes=_wait_minutes())
    return page, 429


def error_handler(heading: str, message: str):
    """A blueprint's 429 handler: `blueprint.register_error_handler(429, error_handler(...))`."""
    return lambda error: too_many_requests(error, heading, message)
