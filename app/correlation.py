"""Who and which request: every request carries a correlation id in `x-correlation-id`, taken
from the caller or made up, and echoed back, so one action can be followed through logs and
domain events; and `acting_user` says whose action it is."""

from __future__ import annotations

import re
import uuid

from flask import Flask, g, has_request_context, request
from flask_login import current_user

HEADER = "x-correlation-id"
# A caller's id is used as it is only if it is safe to echo in a header and write to logs.
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


def acting_user():
    """Who is making this request: an API token's user, a signed-in user, or nobody (a
    signed-out applicant, or a command)."""
    if not has_request_context():
        return None
    if "api_user" in g:
        return g.api_user
    return current_user if current_user.is_authenticated else None


def correlation_id() -> str:
    """This request's id; outside a request (a CLI command), a fresh one."""
    if not has_request_context():
        return str(uuid.uuid4())
    if "correlation_id" not in g:
        given = request.headers.get(HEADER, "").strip()
        g.correlation_id = given if _ACCEPTABLE.match(given) else str(uuid.uuid4())
    return g.correlation_id


def init_app(app: Flask) -> None:
    @app.after_request
    def echo_correlation_id(response):
        response.headers[HEADER] = correlation_id()
        return response
