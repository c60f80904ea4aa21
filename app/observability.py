"""Structured logs: one JSON object a line, so that logs can be searched by field.

Every request is logged once with its correlation id, the user's id, the route it matched,
its status and how long it took. Never personal data or answers: the route is the rule
("/users/<username>/access/<crn>"), not the path, and users are named only by id.
"""

from __future__ import annotations

import json
import logging
import secrets
import sys
from datetime import UTC, datetime
from time import perf_counter

from flask import Flask, g, has_request_context, request
from sqlalchemy import inspect

from app.correlation import correlation_id

LOGGER_NAME = "housing_forms"
log = logging.getLogger(LOGGER_NAME)
# Fields a record may carry into its JSON line, from `extra=`.
FIELDS = ("request_id", "user_id", "method", "route", "status", "duration_ms", "reference")
# Error references are read out over the phone: no 0/O or 1/I/L to confuse.
_REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            if (value := getattr(record, name, None)) is not None:
                line[name] = value
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def error_reference() -> str:
    """A short code a user can quote, and support can find in the logs."""
    return "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))


def _user_id() -> int | None:
    """The id of the user this request already loaded (from a token or the session): never a
    query, so that logging a request works with the database down or a failed transaction."""
    user = g.get("api_user") or g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    state = inspect(user, raiseerr=False)
    if state is None:
        return getattr(user, "id", None)
    identity = state.identity  # kept when a rollback expires the user's attributes
    return identity[0] if identity else None


def request_fields() -> dict:
    """What identifies this request in a log line, without anything personal."""
    if not has_request_context():
        return {}
    return {
        "request_id": correlation_id(),
        "user_id": _user_id(),
        "method": request.method,
        "route": request.url_rule.rule if request.url_rule else None,
    }


def _install_handler() -> None:
    """One JSON handler on our logger, however many apps are made (tests make several)."""
    if any(isinstance(h.formatter, JsonFormatter) for h in log.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def init_app(app: Flask) -> None:
    _install_handler()

    @app.before_request
    def start_timer():
        g.request_started = perf_counter()

    @app.after_request
    def log_request(response):
        started = g.get("request_started")
        duration = round((perf_counter() - started) * 1000, 2) if started else None
        log.info(
            "request",
            extra={**request_fields(), "status": response.status_code, "duration_ms": duration},
        )
        return response
