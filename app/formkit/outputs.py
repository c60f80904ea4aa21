"""What a definition turns into besides pages: JSON, check-answers rows, CSV, JSON Schema and
soft-check warnings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.formkit import soft_checks
from app.formkit.definition import Journey, Section
from app.formkit.provenance import source_of
from app.formkit.runner import (
    Step,
    applicable_questions,
    container,
    items,
    section_applies,
    section_steps,
    step_scope,
)


def _item_json(group, item: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for question in group.questions:
        result.update(question.to_json(item))
    for inner in group.groups:
        result[inner.id] = _group_json(inner, item)
    return result


def _group_json(group, holder: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """null until answered; [] means the user said there are none."""
    if group.id not in holder:
        return None
    return [_item_json(group, item) for item in items(holder, group)]


def to_json(journey: Journey, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of the journey, null where unanswered."""
    result: dict[str, Any] = {}
    for question in journey.top_level_questions:
        result.update(question.to_json(answers))
    for group in journey.groups:
        result[group.id] = _group_json(group, answers)
    for derived in journey.derived:
        result[derived.id] = answers.get(derived.id)
    return result


def warnings(journey: Journey, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every soft check that fires, confirmed or not: an API client cannot confirm them."""
    return [
        {"id": check.id, "message": message, "fields": list(check.fields)}
        for check, message in soft_checks.firing(journey, answers)
    ]


# -- check answers ---------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    value: str
    step_key: str
    anchor: str
    # Where the answer came from, when not from the user: "From probation record".
    source: str | None = None


@dataclass
class ItemSummary:
    label: str
    index: int
    rows: list[Row]
    # Groups inside the item, by group: the key of their summary page, and their items.
    groups: list[tuple[Any, str, list[ItemSummary]]] = field(default_factory=list)


@dataclass
class Block:
    """Rows shown together: a summary card when `card` is set, otherwise a plain list."""

    card: str | None
    rows: list[Row]


@dataclass
class SectionSummary:
    section: Section
    blocks: list[Block] = field(default_factory=list)
    # Repeating groups, by group: their items' rows.
    groups: list[tuple[Any, list[ItemSummary]]] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        return [row for block in self.blocks for row in block.rows]

    def add(self, card: str | None, rows: list[Row]) -> None:
        if not rows:
            return
        if self.blocks and self.blocks[-1].card == card:
            self.blocks[-1].rows.extend(rows)
        else:
            self.blocks.append(Block(card, list(rows)))


def _rows(step: Step, answers) -> list[Row]:
    scope = step_scope(step, answers)
    return [
        Row(
            question.short_label,
            question.display(scope),
            step.key,
            question.id,
            source_of(question, answers) if step.group is None else None,
        )
        for question in applicable_questions(step, answers)
    ]


def field_rows(journey: Journey, answers: Mapping[str, Any], fields) -> list[Row]:
    """Rows for the top-level questions that hold `fields`, each question once."""
    pages = {journey.question_for_field[f]: journey.page_for_field[f] for f in fields}
    return [
        Row(question.short_label, question.display(answers), page.id, question.id)
        for question, page in pages.items()
    ]


def check_answers(
    journey: Journey, answers: Mapping[str, Any], only: Section | None = None
) -> list[SectionSummary]:
    summaries = []
    for section in journey.sections:
        if (only is not None and section is not only) or not section_applies(section, answers):
            continue
        summary = SectionSummary(section)
        # Each group's items so far, by the key of the group's summary page.
        group_items: dict[str, dict[int, ItemSummary]] = {}
        for step in section_steps(section, answers):
            if step.group is None:
                summary.add(step.page.card, _rows(step, answers))
            elif not step.is_summary:
                entry = _item_summary(group_items, answers, step.summary, step.index)
                if entry is not None:
                    entry.rows.extend(_rows(step, answers))
            else:
                by_index = group_items.get(step.key, {})
                item_summaries = [by_index[i] for i in sorted(by_index)]
                if not step.parents:
                    summary.groups.append((step.group, item_summaries))
                    continue
                # A group inside an item is shown under that item.
                outer_group, outer_index = step.parents[-1]
                outer = Step(section, None, outer_group, parents=step.parents[:-1])
                holder = _item_summary(group_items, answers, outer, outer_index)
                if holder is not None:
                    holder.groups.append((step.group, step.key, item_summaries))
        summaries.append(summary)
    return summaries


def _item_summary(group_items, answers, summary: Step, index: int) -> ItemSummary | None:
    """The summary of the item at `index` of the group whose summary step is `summary`,
    started when first needed; None for an item not added yet."""
    listed = items(container(answers, summary.parents), summary.group)
    if index >= len(listed):
        return None
    by_index = group_items.setdefault(summary.key, {})
    if index not in by_index:
        by_index[index] = ItemSummary(summary.group.item_label(listed[index], index), index, [])
    return by_index[index]


# -- CSV -------------------------------------------------------------------------------------


def _group_columns(group, prefix: str = "") -> list[str]:
    """A group's items flattened as group_1_field … up to its maximum; a group inside an
    item after the item's own fields, as group_1_inner_1_field."""
    columns = []
    for number in range(1, group.max_count + 1):
        item_prefix = f"{prefix}{group.id}_{number}_"
        columns += [f"{item_prefix}{f}" for q in group.questions for f in q.fields()]
        for inner in group.groups:
            columns += _group_columns(inner, item_prefix)
    return columns


def csv_columns(journey: Journey) -> list[str]:
    """Top-level fields, then each group flattened (`_group_columns`), then derived values."""
    columns = [f for question in journey.top_level_questions for f in question.fields()]
    for group in journey.groups:
        columns += _group_columns(group)
    columns += [derived.id for derived in journey.derived]
    return columns


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def csv_row(journey: Journey, answers: Mapping[str, Any]) -> list[Any]:
    data = to_json(journey, answers)
    flat = {key: value for key, value in data.items() if key not in journey.group_by_id}
    for group in journey.groups:
        _flatten(group, data[group.id], "", flat)
    return [_cell(flat.get(column)) for column in csv_columns(journey)]


def _flatten(group, group_items: list | None, prefix: str, flat: dict) -> None:
    for number, item in enumerate(group_items or [], start=1):
        item_prefix = f"{prefix}{group.id}_{number}_"
        for key, value in item.items():
            if key in group.group_by_id:
                _flatten(group.group_by_id[key], value, item_prefix, flat)
            else:
                flat[f"{item_prefix}{key}"] = value


# -- JSON Schema -----------------------------------------------------------------------------


def json_schema(journey: Journey) -> dict[str, Any]:
    """The schema of a journey's JSON payload, for validation and for OpenAPI."""
    properties: dict[str, Any] = {}
    for question in journey.top_level_questions:
        for field_id, schema in question.json_schema().items():
            properties[field_id] = {"title": question.short_label, **schema}
    for group in journey.groups:
        properties[group.id] = _group_schema(group)
    for derived in journey.derived:
        properties[derived.id] = {
            "title": derived.label,
            "type": [derived.json_type, "null"],
            "description": "Derived from other answers. If sent, it must match.",
        }
    return {
        "title": journey.title,
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


def _group_schema(group) -> dict[str, Any]:
    """An array of items, each an object of its questions' fields and its inner groups."""
    item_properties: dict[str, Any] = {}
    for question in group.questions:
        for field_id, schema in question.json_schema().items():
            item_properties[field_id] = {"title": question.short_label, **schema}
    for inner in group.groups:
        item_properties[inner.id] = _group_schema(inner)
    return {
        "title": group.heading,
        "type": ["array", "null"],
        "maxItems": group.max_count,
        "items": {
            "type": "object",
            "properties": item_properties,
            "additionalProperties": False,
        },
    }
