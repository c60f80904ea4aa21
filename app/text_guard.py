"""Text no database can hold is refused in every request, before any view runs.

Two kinds of character:
- NUL (U+0000). PostgreSQL refuses it in text outright. It comes from a broken client or text
  pasted from another program.
- An unpaired surrogate (U+D800 to U+DFFF). Surrogates only exist in pairs, in UTF-16, to
  spell one character beyond U+FFFF; alone they are no character at all and cannot be encoded
  as UTF-8, so PostgreSQL refuses the row (SQLite quietly stores them). JSON can spell one as
  an escape ("\\ud800"); werkzeug decodes addresses and forms so that they cannot hold one,
  but they are checked all the same.

An API client gets a JSON 400. A person gets a 400 page that keeps what they sent: their
answers, without those characters, go back with a fresh form when they select the button, so
nothing typed is lost.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, render_template, request

from app.api.responses import error_response, wants_json
from app.errors import resend_context

NUL = "\x00"
NUL_MESSAGE = "Text must not contain the NUL character (U+0000)"
SURROGATE_MESSAGE = (
    "Text must not contain an unpaired surrogate (U+D800 to U+DFFF): a character beyond "
    "U+FFFF is sent as a pair, \\ud83d\\ude00, or as UTF-8"
)
_UNSAVABLE = re.compile("[\x00\ud800-\udfff]")
# In a JSON body in UTF-8 these characters can only be spelt as escapes (raw ones are not
# valid UTF-8 or JSON); a NUL byte means UTF-16 or UTF-32, where escapes are other bytes.
_ESCAPE_OR_WIDE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])|\x00")


def _strings(value: Any):
    """Every string in a parsed JSON value, keys included, without recursion."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def unsavable_character(texts) -> str | None:
    """The first character no database can hold in any of these strings, or None."""
    for text in texts:
        if found := _UNSAVABLE.search(text):
            return found.group()
    return None


def _pairs(pairs):
    for key, value in pairs:
        yield key
        yield value


def _json_body_strings():
    if not request.is_json or not _ESCAPE_OR_WIDE.search(request.get_data(cache=True)):
        return ()
    return _strings(request.get_json(silent=True))


def message_for(character: str) -> str:
    return NUL_MESSAGE if character == NUL else SURROGATE_MESSAGE


def refuse_unsavable_text():
    in_address = unsavable_character([request.path, *_pairs(request.args.items(multi=True))])
    in_body = None
    if in_address is None:
        in_body = unsavable_character(_pairs(request.form.items(multi=True)))
        in_body = in_body or unsavable_character(_json_body_strings())
    character = in_address or in_body
    if character is None:
        return None
    if wants_json():
        return error_response(400, message_for(character))
    context = {"is_nul": character == NUL}
    if in_address:
        return render_template("errors/unsavable_text_in_address.html", **context), 400
    kept = resend_context(clean=lambda text: _UNSAVABLE.sub("", text))
    return render_template("errors/unsavable_text_in_form.html", **context, **kept), 400


def init_app(app: Flask) -> None:
    app.before_request(refuse_unsavable_text)
