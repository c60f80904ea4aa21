"""Questions answered by choosing: radios, select, checkboxes and yes/no."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from app.formkit.questions.base import Invalid, Question

_TRUE_WORDS = {"yes": True, "true": True, "no": False, "false": False}


@dataclass(frozen=True)
class Option:
    value: Any
    label: str
    hint: str | None = None
    # Questions on the same page shown only when this option is chosen.
    reveals: tuple[str, ...] = ()
    # Text of a divider shown before this option, usually "or".
    divider_before: str | None = None
    # Checkboxes: choosing this option means none of the others ("None of these").
    exclusive: bool = False
    # Checkboxes stored as booleans: the answer key for this option.
    field: str | None = None
    # False: accepted and shown in answers, but not offered on the page unless it is the
    # current answer. For values a contract's clients send that the paper form never listed
    # (the seed example's "Weekly" beside CORE's "Weekly for 52 weeks"), and for values an
    # earlier version offered, which stored records may still hold.
    offered: bool = True

    @property
    def form_value(self) -> str:
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        return str(self.value)


@dataclass(frozen=True, kw_only=True, eq=False)
class Choice(Question):
    options: tuple[Option, ...] = ()
    # Accept text values in any letter case ("person" for "Person"), for contracts whose own
    # examples disagree on case. Stored and returned values keep the option's spelling.
    case_insensitive: bool = False

    json_expected: ClassVar[str] = "one of the listed options"
    default_messages: ClassVar = {"choice": "Select {noun} from the list of options"}

    def option_for(self, value: Any) -> Option | None:
        for option in self.options:
            if option.value == value and type(option.value) is type(value):
                return option
        return None

    def _from_form_value(self, raw: str) -> Any:
        for option in self.options:
            if option.form_value == raw:
                return option.value
        raise Invalid(self.message("choice"))

    def coerce_text(self, raw):
        # JSON sends stored values; a web form sends their text form. Both name an option.
        if self.option_for(raw) is not None:
            return raw
        if self.case_insensitive:
            for option in self.options:
                if isinstance(option.value, str) and option.value.casefold() == raw.casefold():
                    return option.value
        return self._from_form_value(raw)

    def coerce_native(self, raw):
        if self.option_for(raw) is None:
            raise Invalid(self.message("choice"))
        return raw

    def display(self, values):
        option = self.option_for(values.get(self.id))
        return option.label if option else ""

    def json_schema(self):
        return {self.id: {"enum": [option.value for option in self.options] + [None]}}

    def form_value(self, values):
        option = self.option_for(values.get(self.id))
        return option.form_value if option else ""


@dataclass(frozen=True, kw_only=True, eq=False)
class Radios(Choice):
    inline: bool = False
    kind: ClassVar[str] = "radios"


@dataclass(frozen=True, kw_only=True, eq=False)
class Select(Choice):
    kind: ClassVar[str] = "select"


YES_NO_OPTIONS = (Option(True, "Yes"), Option(False, "No"))


@dataclass(frozen=True, kw_only=True, eq=False)
class YesNo(Radios):
    """Stored as a boolean. JSON also accepts "yes"/"no" and "true"/"false"."""

    options: tuple[Option, ...] = YES_NO_OPTIONS
    inline: bool = True
    kind: ClassVar[str] = "yes_no"
    json_expected: ClassVar[str] = "true or false"

    def coerce_text(self, raw):
        if raw.lower() in _TRUE_WORDS:
            return _TRUE_WORDS[raw.lower()]
        raise Invalid(self.message("choice"))

    def json_schema(self):
        return {self.id: {"type": ["boolean", "null"]}}


@dataclass(frozen=True, kw_only=True, eq=False)
class Checkboxes(Choice):
    """Several options. Stored as a list of values, or (`as_booleans`) as one boolean answer
    per option, named by each option's `field`."""

    as_booleans: bool = False
    kind: ClassVar[str] = "checkboxes"
    json_expected: ClassVar[str] = "a list of the listed options"
    default_messages: ClassVar = {
        **Choice.default_messages,
        "exclusive": "Select ‘{exclusive}’ on its own, or choose from the other options",
        "boolean": "{Noun} must be true or false",
    }

    def fields(self):
        if self.as_booleans:
            return tuple(option.field for option in self.options)
        return (self.id,)

    def says_nothing(self, value):
        # An unticked box is no answer: sending false for a question that does not apply is
        # harmless, unlike a ticked one.
        return value is None or (self.as_booleans and value is False)

    def is_answered(self, values):
        if self.as_booleans:
            return any(values.get(field_id) is True for field_id in self.fields())
        return bool(values.get(self.id))

    def _check_exclusive(self, chosen: list) -> None:
        exclusive = [o for o in self.options if o.exclusive and o.value in chosen]
        if exclusive and len(chosen) > 1:
            raise Invalid(self.message("exclusive", exclusive=exclusive[0].label))

    def _as_values(self, chosen: list) -> dict[str, Any]:
        if self.as_booleans:
            if not chosen:
                return dict.fromkeys(self.fields())
            return {o.field: o.value in chosen for o in self.options}
        return {self.id: chosen or None}

    def parse_form(self, formdata, name):
        raw = [value for value in formdata.getlist(name) if value]
        chosen_values = [self._from_form_value(value) for value in raw]
        chosen = [o.value for o in self.options if o.value in chosen_values]  # in option order
        self._check_exclusive(chosen)
        return self._as_values(chosen)

    def parse_json_field(self, field_id, raw):
        if self.as_booleans:
            if raw is None or isinstance(raw, bool):
                return raw
            if isinstance(raw, str) and raw.strip().lower() in _TRUE_WORDS:
                return _TRUE_WORDS[raw.strip().lower()]
            raise Invalid(self.message("boolean"))
        if raw is None:
            return None
        if not isinstance(raw, list):
            raise Invalid(self.message("type", expected=self.json_expected))
        for value in raw:
            if isinstance(value, list | dict) or self.option_for(value) is None:
                raise Invalid(self.message("choice"))
        chosen = [o.value for o in self.options if o.value in raw]
        self._check_exclusive(chosen)
        return chosen or None

    def check_together(self, values):
        if self.as_booleans:
            self._check_exclusive([o.value for o in self.options if values.get(o.field)])

    def chosen(self, values) -> list[Option]:
        if self.as_booleans:
            return [o for o in self.options if values.get(o.field) is True]
        stored = values.get(self.id) or []
        return [o for o in self.options if o.value in stored]

    def display(self, values):
        return "\n".join(option.label for option in self.chosen(values))

    def form_value(self, values):
        return [option.form_value for option in self.chosen(values)]

    def json_schema(self):
        if self.as_booleans:
            return {field_id: {"type": ["boolean", "null"]} for field_id in self.fields()}
        return {
            self.id: {
                "type": ["array", "null"],
                "items": {"enum": [option.value for option in self.options]},
                "uniqueItems": True,
            }
        }
