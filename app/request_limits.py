"""Bounds on what a request may make the service read, before any view (or CSRF) reads it.

- The body: at most MAX_CONTENT_LENGTH bytes (`MAX_REQUEST_BYTES`), refused with 413 on its
  Content-Length before a byte is read. A chunked body has no length: it is read here up to
  one byte past the limit, and refused with the same 413 if it has that byte (werkzeug would
  stop at the limit without a word, and a view would see a truncated body). A view that
  needs more (a bulk upload) says so with `@body_limit(...)`, which applies before anything
  reads the body, so the limit for every other route stays tight.
- A JSON body: parsed once here (views get the parsed value from Flask's cache). Nesting too
  deep for Python's parser is "not valid JSON", not a RecursionError; valid JSON deeper than
  MAX_JSON_DEPTH, or with more than MAX_JSON_MEMBERS in one object or list, is refused too,
  since no API takes anything like it and every view and validator would walk it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

MAX_JSON_DEPTH = 32
MAX_JSON_MEMBERS = 1000
NOT_JSON = "The request body is not valid JSON"
TOO_DEEP = f"The request body is nested too deeply: at most {MAX_JSON_DEPTH} levels"
TOO_MANY_MEMBERS = (
    f"The request body has too many fields: at most {MAX_JSON_MEMBERS:,} in one object or list"
)


class JsonBodyRefused(BadRequest):
    """A 400 whose description is the message for the client."""


def body_limit(max_bytes: int) -> Callable:
    """Let one view take a body of up to `max_bytes` instead of MAX_CONTENT_LENGTH."""

    def decorate(view: Callable) -> Callable:
        view.max_body_bytes = max_bytes
        return view

    return decorate


def too_large_message() -> str:
    limit = request.max_content_length
    if limit is None:
        return "The request is too large"
    return f"The request body is too large: send at most {limit:,} bytes"


def refuse_oversized_body() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    own_limit = getattr(view, "max_body_bytes", None)
    if own_limit is not None:
        request.max_content_length = own_limit
    limit = request.max_content_length
    if limit is None:
        return
    if (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()
    chunked = "chunked" in request.headers.get("Transfer-Encoding", "").lower()
    # Only from a server that ends the stream itself (gunicorn; werkzeug's for chunked
    # bodies): otherwise werkzeug reads nothing, as reading could wait for ever.
    if chunked and "wsgi.input_terminated" in request.environ:
        body = _read_up_to(request.environ["wsgi.input"], limit + 1)
        if len(body) > limit:
            raise RequestEntityTooLarge()
        request.stream = io.BytesIO(body)  # what the form parser and get_data() read


def _read_up_to(stream, size: int) -> bytes:
    body = bytearray()
    while len(body) < size:
        chunk = stream.read(min(64 * 1024, size - len(body)))
        if not chunk:
            break
        body += chunk
    return bytes(body)


def _json_shape_problem(value: Any) -> str | None:
    """Why this parsed JSON is refused, or None. Iterative, so no depth can overflow it."""
    pending = [(value, 1)]
    while pending:
        container, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            return TOO_DEEP
        if len(container) > MAX_JSON_MEMBERS:
            return TOO_MANY_MEMBERS
        items = container.values() if isinstance(container, dict) else container
        pending.extend((item, depth + 1) for item in items if isinstance(item, dict | list))
    return None


def check_json_body() -> None:
    if not request.is_json:
        return
    try:
        payload = request.get_json(silent=True)
    except RecursionError:
        raise JsonBodyRefused(NOT_JSON) from None
    if isinstance(payload, dict | list) and (problem := _json_shape_problem(payload)):
        raise JsonBodyRefused(problem)


def init_app(app: Flask) -> None:
    """Call before anything else registers a before_request hook that may read the body (CSRF
    reads forms): these run in the order they were registered."""
    app.before_request(refuse_oversized_body)
    app.before_request(check_json_body)
