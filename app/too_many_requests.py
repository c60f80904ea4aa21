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


def limit_message(error: TooManyRequests) -> str:
    """The message of the limit that was reached (each limited view declares one), or a
    general one."""
    limit = getattr(error, "limit", None)
    if limit is not None and limit.error_message:
        return error.description
    return "Too many requests. Try again later"


def too_many_requests(error: TooManyRequests, heading: str):
    if wants_json():
        return error_response(429, limit_message(error))
    page = render_template("errors/429.html", heading=heading, wait_minutes=_wait_minutes())
    return page, 429


def error_handler(heading: str):
    """A blueprint's 429 handler: `blueprint.register_error_handler(429, error_handler(...))`.
    The JSON answer is the limit's own message; a page gets this heading."""
    return lambda error: too_many_requests(error, heading)
