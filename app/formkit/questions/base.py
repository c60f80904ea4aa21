"""What every question has, and the two ways an answer arrives: a web form or JSON.

Both paths end in the same checks with the same messages, so a bad value reads the same on a
page and in an API response.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from app.formkit.conditions import Condition


class Invalid(ValueError):  # noqa: N818 (reads as "raise Invalid(message)")
    """An answer that cannot be stored. The message is shown to the user as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# No "required" message here: a required question declares its own, written for it following
# the GOV.UK guidance ("Enter your first name", "Select yes if …"). One built from the label
# reads badly ("Enter time lived in local authority"); Journey refuses a definition without.
REQUIRED = "required"

DEFAULT_MESSAGES = {
    "type": "{Noun} must be {expected}",
    "not_applicable": "This question does not apply, given the other answers",
}


@dataclass(frozen=True, kw_only=True, eq=False)
class Question:
    id: str
    label: str
    hint: str | None = None
    cya_label: str | None = None
    # How messages name the answer, for example "the tenant's age". Defaults to the label.
    noun: str | None = None
    required: bool = True
    when: Condition | None = None
    messages: Mapping[str, str] = field(default_factory=dict)
    # A suggested answer from the other answers, shown on the page until the question is
    # answered (for example the local authority of a postcode). Only ever a suggestion: it is
    # stored when the user saves the page, and they can change it.
    prefill: Callable[[Mapping[str, Any]], Any] | None = None
    # The one key the JSON API files this question's cross-field and "does not apply" errors
    # under, where a contract names one for all its fields (CORE files every reason flag's
    # under `reasonable_preference_reason`). Pages always show them on the question itself.
    error_key: str | None = None

    kind: ClassVar[str] = "question"
    template: ClassVar[str] = ""
    default_messages: ClassVar[Mapping[str, str]] = {}
    json_expected: ClassVar[str] = "text"

    # -- naming -------------------------------------------------------------------------
    @property
    def short_label(self) -> str:
        return self.cya_label or self.label

    @property
    def required_message(self) -> str | None:
        """The message for a required answer not given, as the question declares it."""
        return self.messages.get(REQUIRED)

    def message(self, key: str, **params) -> str:
        if key == REQUIRED and self.required_message is None:
            raise LookupError(f"The question {self.id!r} declares no {REQUIRED!r} message")
        template = (
            self.messages.get(key)
            or self.default_messages.get(key)
            or DEFAULT_MESSAGES.get(key)
            or key
        )
        noun = self.noun or self.short_label[:1].lower() + self.short_label[1:]
        return template.format(noun=noun, Noun=noun[:1].upper() + noun[1:], **params)

    # -- fields -------------------------------------------------------------------------
    def fields(self) -> tuple[str, ...]:
        """The answer keys this question stores (most questions store one, named by id)."""
        return (self.id,)

    def is_answered(self, values: Mapping[str, Any]) -> bool:
        return values.get(self.id) not in (None, "", [])

    def says_nothing(self, value: Any) -> bool:
        """Whether a value sent for one of its fields gives no answer at all."""
        return value is None

    # -- parsing ------------------------------------------------------------------------
    def parse_form(self, formdata, name: str) -> dict[str, Any]:
        """The values a web form sent, by field; None where nothing was given."""
        raw = formdata.get(name, "")
        raw = raw.strip() if isinstance(raw, str) else raw
        return {self.id: None if raw in ("", None) else self.coerce_text(raw)}

    def parse_json_field(self, field_id: str, raw: Any) -> Any:
        """One field's value from a JSON payload. None clears the answer."""
        if raw is None:
            return None
        if isinstance(raw, str):
            raw = raw.strip()
            return None if raw == "" else self.coerce_text(raw)
        return self.coerce_native(raw)

    def coerce_text(self, raw: str) -> Any:
        """Turn typed text into a value, or raise Invalid."""
        return self.check(raw)

    def coerce_native(self, raw: Any) -> Any:
        """Accept a JSON value that is not a string, or raise Invalid."""
        raise Invalid(self.message("type", expected=self.json_expected))

    def check(self, value: Any) -> Any:
        """Checks shared by every path (ranges, lengths, options). Returns the value to store."""
        return value

    def check_together(self, values: Mapping[str, Any]) -> None:
        """Checks across this question's own fields, after a change is merged."""

    # -- output -------------------------------------------------------------------------
    def to_json(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {field_id: values.get(field_id) for field_id in self.fields()}

    def display(self, values: Mapping[str, Any]) -> str:
        value = values.get(self.id)
        return "" if value is None else str(value)

    def json_schema(self) -> dict[str, dict]:
        return {self.id: {"type": ["string", "null"]}}

    def form_value(self, values: Mapping[str, Any]) -> Any:
        """What the web input shows for the stored value."""
        value = values.get(self.id)
        return "" if value is None else value
