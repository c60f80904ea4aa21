"""The user's cookie choices, kept in a cookie of their own."""

import json
from urllib.parse import quote, unquote

from flask import request

COOKIE_NAME = "cookies_policy"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def read_preferences() -> dict | None:
    """The saved choices, or None when the user has not chosen yet."""
    raw = request.cookies.get(COOKIE_NAME)
    if raw is None:
        return None
    try:
        value = json.loads(unquote(raw))
    except (ValueError, RecursionError):  # anyone can send any cookie: "[[[[…" too
        return None
    if not isinstance(value, dict) or not isinstance(value.get("analytics"), bool):
        return None
    return {"essential": True, "analytics": value["analytics"]}


def save_preferences(response, analytics: bool) -> None:
    response.set_cookie(
        COOKIE_NAME,
        # URL-encoded JSON, the shape GOV.UK services use, so scripts can read it too.
        quote(json.dumps({"essential": True, "analytics": analytics}, separators=(",", ":"))),
        max_age=COOKIE_MAX_AGE,
        secure=request.is_secure,
        httponly=False,  # a future analytics script must be able to read the choice
        samesite="Lax",
    )
