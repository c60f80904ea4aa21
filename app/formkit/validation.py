"""Applying a change to the answers: a web page's form or a JSON payload.

Both go through the same question checks, cross-field rules and clearing, so a bad value gets
the same message on a page and in the API. An invalid value is never stored; a missing answer
only affects status.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from app.formkit.definition import Journey, Problem, RepeatingGroup
from app.formkit.questions import Invalid, Question
from app.formkit.runner import (
    Step,
    clear_inapplicable,
    container,
    items,
    question_applies,
    scope_for,
    step_scope,
    with_items,
)

UNKNOWN_FIELD = "This field is not recognised"
NOT_APPLICABLE = "This question does not apply, given the other answers"


@dataclass
class Outcome:
    answers: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def add_error(errors: dict[str, list[str]], key: str, message: str) -> None:
    """File a message under a key, once."""
    messages = errors.setdefault(key, [])
    if message not in messages:
        messages.append(message)


def _store(values: dict, question: Question, parsed: Mapping[str, Any]) -> None:
    """Put a question's parsed values into an answers dict. A blank required answer is
    removed; a blank optional one is kept as None, meaning "seen and left blank"."""
    blank = all(parsed.get(f) is None for f in question.fields())
    for field_id in question.fields():
        if blank and question.required:
            values.pop(field_id, None)
        else:
            values[field_id] = parsed.get(field_id)


def _problems(journey: Journey, answers: Mapping[str, Any]) -> set[Problem]:
    found: set[Problem] = set()
    for rule in journey.rules:
        found.update(rule(answers))
    for group in journey.groups:
        if not group.rules:
            continue
        for index in range(len(items(answers, group))):
            scope = scope_for(answers, group, index)
            for rule in group.rules:
                found.update(_in_item(problem, group, index) for problem in rule(scope))
    return found


def _in_item(problem: Problem, group: RepeatingGroup, index: int) -> Problem:
    """An item rule's problem, naming the item's fields as API errors do: `group[index].field`."""
    return Problem(tuple(item_key(group, index, f) for f in problem.fields), problem.message)


def item_key(group: RepeatingGroup, index: int, field_id: str) -> str:
    return f"{group.id}[{index}].{field_id}"


def _new_problems(journey, before, after) -> set[Problem]:
    """Rules broken by this change. A rule already broken before it is not the change's fault."""
    return _problems(journey, after) - _problems(journey, before)


def _attach(problems: Iterable[Problem], changed: list[str], errors, key_for=lambda f: f):
    """File each broken rule under the changed fields it concerns. A field carries one
    message (GOV.UK shows one error per field): a value that breaks two rules reads as one
    message on it, and the other rule is shown on its other fields. Once the first is put
    right, a rule still broken is reported then."""
    for problem in sorted(problems, key=lambda p: p.message):
        targets = [f for f in changed if f in problem.fields]
        # An item's field (`group[0].field`) when the whole group was sent, as the API sends it.
        targets += [f for f in problem.fields if f not in targets and _group_of(f) in changed]
        targets = targets or changed[:1]
        for field_id in targets:
            if key_for(field_id) not in errors:
                add_error(errors, key_for(field_id), problem.message)


def _group_of(key: str) -> str | None:
    """The group of an item's key (`group[index].field`), None for a top-level field."""
    group, bracket, _ = key.partition("[")
    return group if bracket else None


# -- web pages -------------------------------------------------------------------------------


def save_page(
    journey: Journey,
    step: Step,
    formdata,
    answers: Mapping[str, Any],
    *,
    allow_missing: bool = False,
) -> Outcome:
    """Apply one page's form. Errors are keyed by question id, as the page shows them.

    With `allow_missing` ("Save and come back later"), missing answers are not asked for. An
    invalid answer is an error all the same: leaving it out would remove the answer saved
    before, so nothing on the page is saved until it is put right.
    """
    page = step.page
    base = step_scope(step, answers)
    changes: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for question in page.questions:
        # Reveals read the values just sent, so the scope includes this page's changes.
        if not question_applies(page, question, _overlay(base, changes)):
            continue
        try:
            parsed = question.parse_form(formdata, question.id)
        except Invalid as invalid:
            add_error(errors, question.id, invalid.message)
            continue
        missing = not question.is_answered(parsed)
        if missing and question.required:
            if not allow_missing:
                add_error(errors, question.id, question.message("required"))
            continue
        _store(changes, question, parsed)

    # The rules read the page's valid answers (an invalid one is left out, as unknown), so
    # every problem on the page is shown at once, not one after another.
    merged = _merge(answers, step, changes)
    question_ids = [q.id for q in page.questions]
    field_owner = {f: q.id for q in page.questions for f in q.fields()}
    # Rules name an item's fields by their keys (`group[index].field`), so on an item's page
    # the changed fields are named so too.
    prefix = "" if step.group is None else item_key(step.group, step.index, "")
    changed_fields = [prefix + f for f in changes if f in field_owner]
    _attach(
        _new_problems(journey, answers, merged),
        changed_fields or question_ids,
        errors,
        key_for=lambda key: field_owner.get(key.removeprefix(prefix), question_ids[0]),
    )
    if errors:
        return Outcome(dict(answers), errors)
    return Outcome(clear_inapplicable(journey, merged))


def _overlay(base: Mapping[str, Any], changes: Mapping[str, Any]):
    from collections import ChainMap

    return ChainMap(dict(changes), base)


def _merge(answers, step: Step, changes: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(answers)
    if step.group is None:
        for key in step.page.fields:
            merged.pop(key, None)
        merged.update(changes)
        return merged
    group_items = [dict(item) for item in items(container(answers, step.parents), step.group)]
    if step.index == len(group_items):
        group_items.append({})
    item = group_items[step.index]
    for key in step.page.fields:
        item.pop(key, None)
    item.update(changes)
    return with_items(merged, step.parents, step.group, group_items)


def remove_item(
    journey: Journey, group: RepeatingGroup, index: int, answers, parents=()
) -> dict[str, Any]:
    """The answers less one item of `group`, in the outer item at `parents` if it is inside
    another group."""
    group_items = list(items(container(answers, parents), group))
    del group_items[index]
    return clear_inapplicable(journey, with_items(answers, parents, group, group_items))


# -- JSON payloads ---------------------------------------------------------------------------


class PayloadNotObject(ValueError):
    """The JSON body is not an object of answers."""


def apply_payload(journey: Journey, payload: Any, answers: Mapping[str, Any]) -> Outcome:
    """Apply a partial or complete JSON payload. Errors are keyed by field, as in the API:
    `{"field": ["message"]}`, with `group[0].field` for an item's answers."""
    if not isinstance(payload, dict):
        raise PayloadNotObject("The request body must be a JSON object")
    changes: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    derived_given: dict[str, Any] = {}
    for key, raw in payload.items():
        if not isinstance(key, str):
            continue
        if key in journey.question_for_field:
            question = journey.question_for_field[key]
            try:
                changes[key] = question.parse_json_field(key, raw)
            except Invalid as invalid:
                add_error(errors, key, invalid.message)
        elif key in journey.group_by_id:
            parsed_items = _parse_group(journey.group_by_id[key], raw, key, errors)
            if raw is None or parsed_items is not None:
                changes[key] = parsed_items  # null clears the answer
        elif key in journey.derived_by_id:
            derived_given[key] = raw
        else:
            add_error(errors, key, UNKNOWN_FIELD)

    # Everything else is checked over the valid fields, with an invalid one left out as
    # unknown, so one answer reports every problem (CORE's API did; the seed's 422 example
    # gives a bad age and a cross-field error together).
    invalid = set(errors)
    merged = {k: v for k, v in answers.items() if k not in invalid}
    touched = dict.fromkeys(
        journey.question_for_field[k] for k in changes if k not in journey.group_by_id
    )
    for question in touched:
        values = {f: merged[f] for f in question.fields() if f in merged}
        values.update({f: changes[f] for f in question.fields() if f in changes})
        try:
            question.check_together(values)
        except Invalid as invalid_together:
            for field_id in question.fields():
                if field_id in changes:
                    add_error(errors, _key(journey, field_id), invalid_together.message)
                    invalid.add(field_id)
            for field_id in question.fields():  # the question's answer is unknown
                merged.pop(field_id, None)
            continue
        _store_json(merged, question, values)
    for group in journey.groups:
        if group.id in changes:
            # An empty list means "none"; null clears the answer.
            if changes[group.id] is None:
                merged.pop(group.id, None)
            else:
                merged[group.id] = changes[group.id]

    _attach(
        _new_problems(journey, answers, merged),
        list(payload),
        errors,
        key_for=lambda f: _key(journey, f),
    )
    cleaned = clear_inapplicable(journey, merged)
    _refuse_inapplicable(journey, changes, cleaned, errors, invalid)
    for key, given in derived_given.items():
        derived = journey.derived_by_id[key]
        expected = cleaned.get(key)
        if given is None or _same(given, expected):
            continue
        if expected is None and invalid:
            continue  # it may be worked out from an answer that was refused
        if expected is None:
            add_error(errors, key, derived.unknown_message.format(label=derived.label))
        else:
            message = derived.mismatch_message.format(label=derived.label, expected=expected)
            add_error(errors, key, message)
    if errors:
        return Outcome(dict(answers), errors)
    return Outcome(cleaned)


def _key(journey: Journey, field_id: str) -> str:
    """The API's error key for a field: its question's `error_key`, if it names one."""
    question = journey.question_for_field.get(field_id)
    return (question.error_key if question else None) or field_id


def _decided_by(journey: Journey, field_id: str) -> frozenset[str]:
    """The answers that decide whether a top-level field's question applies."""
    page = journey.page_for_field[field_id]
    section = journey.page_index[page.id][0]
    question = journey.question_for_field[field_id]
    conditions = (section.when, page.when, question.when)
    decided = frozenset().union(*(c.fields() for c in conditions if c is not None))
    if question.id in page.revealed_by:
        decided |= {page.revealed_by[question.id][0].id}
    return decided


def _refuse_inapplicable(
    journey: Journey, changes: Mapping[str, Any], cleaned, errors, invalid=frozenset()
) -> None:
    """An answer sent for a question that does not apply is an error, never silently dropped.
    (Stored answers that stop applying because of this change are cleared as usual.) Whether
    it applies is not judged while an answer that decides it was itself refused."""
    for key, value in changes.items():
        if key in journey.group_by_id:
            _refuse_inapplicable_items(journey.group_by_id[key], value, cleaned, key, errors)
            if value and key not in cleaned:
                add_error(errors, key, NOT_APPLICABLE)
        elif key not in cleaned and key not in invalid:
            question = journey.question_for_field[key]
            if question.says_nothing(value) or _decided_by(journey, key) & invalid:
                continue
            add_error(errors, _key(journey, key), question.message("not_applicable"))


def _refuse_inapplicable_items(group: RepeatingGroup, sent, holder, key: str, errors) -> None:
    """The answers sent in a group's items that were cleared as not applying, at any depth."""
    kept_items = items(holder, group)
    for index, item in enumerate(sent or []):
        kept = kept_items[index] if index < len(kept_items) else {}
        for field_id, field_value in item.items():
            if field_id in group.group_by_id:
                inner_key = f"{key}[{index}].{field_id}"
                if field_id not in kept:  # the whole list does not apply: said once
                    if field_value:
                        add_error(errors, inner_key, NOT_APPLICABLE)
                    continue
                inner = group.group_by_id[field_id]
                _refuse_inapplicable_items(inner, field_value, kept, inner_key, errors)
            elif field_value is not None and field_id not in kept:
                question = _group_question(group, field_id)
                add_error(errors, f"{key}[{index}].{field_id}", question.message("not_applicable"))


def _group_question(group: RepeatingGroup, field_id: str) -> Question:
    return next(q for q in group.questions if field_id in q.fields())


def _store_json(merged: dict, question: Question, values: Mapping[str, Any]) -> None:
    for field_id in question.fields():
        if field_id not in values:
            continue
        if values[field_id] is None and question.required:
            merged.pop(field_id, None)
        else:
            merged[field_id] = values[field_id]


def _same(given: Any, expected: Any) -> bool:
    if isinstance(given, bool) or isinstance(expected, bool):
        return given == expected
    if isinstance(given, int | float) and isinstance(expected, int | float):
        try:
            return abs(Decimal(str(given)) - Decimal(str(expected))) < Decimal("0.005")
        except InvalidOperation:
            return False
    return given == expected


def parse_json_fields(
    questions: Mapping[str, Question],
    raw: Mapping[str, Any],
    prefix: str,
    errors: dict[str, list[str]],
    ignore: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """A JSON object's fields, each read by its question (`questions` is by field). An unknown
    field, unless in `ignore`, or a value its question refuses, is filed under prefix.field."""
    parsed: dict[str, Any] = {}
    for key, value in raw.items():
        question = questions.get(key)
        if question is None:
            if key not in ignore:
                add_error(errors, f"{prefix}.{key}", UNKNOWN_FIELD)
            continue
        try:
            parsed[key] = question.parse_json_field(key, value)
        except Invalid as invalid:
            add_error(errors, f"{prefix}.{key}", invalid.message)
    return parsed


def _parse_group(group: RepeatingGroup, raw: Any, key: str, errors: dict) -> list | None:
    """A group's items as sent, each read by its questions, and a group inside them by this
    same function. Errors are filed under `key[index].field` (`key` is the group's own key:
    `group`, or `outer[0].group` inside an outer item)."""
    if raw is None:
        return None
    if not isinstance(raw, list):
        add_error(errors, key, f"Give {group.heading.lower()} as a list")
        return None
    if len(raw) > group.max_count:
        add_error(errors, key, f"You can add up to {group.count_of(group.max_count)}")
        return None
    by_field = {f: q for q in group.questions for f in q.fields()}
    parsed_items = []
    for index, item in enumerate(raw):
        prefix = f"{key}[{index}]"
        if not isinstance(item, dict):
            add_error(errors, prefix, f"Each {group.item_name} must be an object")
            continue
        parsed = parse_json_fields(
            by_field, item, prefix, errors, ignore=frozenset(group.group_by_id)
        )
        touched = dict.fromkeys(by_field[k] for k in parsed)
        for question in touched:
            try:
                question.check_together(parsed)
            except Invalid as invalid:
                add_error(errors, f"{prefix}.{question.fields()[0]}", invalid.message)
        item_values: dict[str, Any] = {}
        for question in touched:
            _store_json(item_values, question, parsed)
        for inner in group.groups:
            if inner.id in item:
                inner_items = _parse_group(inner, item[inner.id], f"{prefix}.{inner.id}", errors)
                if inner_items is not None:
                    item_values[inner.id] = inner_items
        parsed_items.append(item_values)
    return parsed_items
