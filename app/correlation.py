"""Correlation ids: every request carries one in `x-correlation-id`, taken from the caller or
made up, and echoed back, so one action can be followed through logs and domain events."""

from __future__ import annotations

import re
import uuid

from flask import Flask, g, has_request_context, request

HEADER = "x-correlation-id"
# A caller's id is used as it is only if it is safe to echo in a header and write to logs.
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


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
