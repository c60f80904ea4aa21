"""The NUL character (U+0000) is refused in every request, before any view runs.

No database here stores it in text (PostgreSQL refuses it outright), and nobody means to send
one: it comes from a broken client or text pasted from another program. An API client gets a
JSON 400. A person gets a 400 page that keeps what they sent: their answers, without the NUL
character, go back with a fresh form when they select the button, so nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, request

from app.api.responses import error_response, wants_json
from app.errors import resend_context

NUL = "\x00"
NUL_MESSAGE = "Text must not contain the NUL character (U+0000)"


def holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(holds_nul(item) for item in value)
    return False


def _pairs_hold_nul(pairs) -> bool:
    return any(holds_nul(key) or holds_nul(value) for key, value in pairs)


def _json_body_holds_nul() -> bool:
    if not request.is_json:
        return False
    raw = request.get_data(cache=True)
    # Valid JSON carries a NUL only as the escape \u0000 (a raw control character is refused),
    # so most bodies are cleared without walking them. A NUL byte means UTF-16 or UTF-32,
    # where the escape is spelt in other bytes: those are walked.
    if b"\\u0000" not in raw and b"\x00" not in raw:
        return False
    return holds_nul(request.get_json(silent=True))


def refuse_nul_characters():
    in_address = NUL in request.path or _pairs_hold_nul(request.args.items(multi=True))
    in_body = _pairs_hold_nul(request.form.items(multi=True)) or _json_body_holds_nul()
    if not (in_address or in_body):
        return None
    if wants_json():
        return error_response(400, NUL_MESSAGE)
    if in_address:
        return render_template("errors/nul_in_address.html"), 400
    without_nul = resend_context(clean=lambda text: text.replace(NUL, ""))
    return render_template("errors/nul_in_form.html", **without_nul), 400


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
