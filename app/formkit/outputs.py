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
    items,
    scope_for,
    section_applies,
    section_steps,
)


def _item_json(group, item: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for question in group.questions:
        result.update(question.to_json(item))
    return result


def to_json(journey: Journey, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of the journey, null where unanswered."""
    result: dict[str, Any] = {}
    for question in journey.top_level_questions:
        result.update(question.to_json(answers))
    for group in journey.groups:
        # null until answered; [] means the user said there are none.
        answered = group.id in answers
        result[group.id] = (
            [_item_json(group, item) for item in items(answers, group)] if answered else None
        )
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
    scope = scope_for(answers, step.group, step.index)
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
        group_items: dict[str, dict[int, ItemSummary]] = {}
        for step in section_steps(section, answers):
            if step.group is None:
                summary.add(step.page.card, _rows(step, answers))
            elif step.is_summary:
                by_index = group_items.get(step.group.id, {})
                summary.groups.append((step.group, [by_index[i] for i in sorted(by_index)]))
            elif step.index < len(items(answers, step.group)):
                by_index = group_items.setdefault(step.group.id, {})
                item = items(answers, step.group)[step.index]
                entry = by_index.setdefault(
                    step.index,
                    ItemSummary(step.group.item_label(item, step.index), step.index, []),
                )
                entry.rows.extend(_rows(step, answers))
        summaries.append(summary)
    return summaries


# -- CSV -------------------------------------------------------------------------------------


def csv_columns(journey: Journey) -> list[str]:
    """Top-level fields, then each group flattened as group_1_field … up to its maximum."""
    columns = [f for question in journey.top_level_questions for f in question.fields()]
    for group in journey.groups:
        for number in range(1, group.max_count + 1):
            columns += [f"{group.id}_{number}_{f}" for q in group.questions for f in q.fields()]
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
        for number, item in enumerate(data[group.id] or [], start=1):
            flat.update({f"{group.id}_{number}_{key}": value for key, value in item.items()})
    return [_cell(flat.get(column)) for column in csv_columns(journey)]


# -- JSON Schema -----------------------------------------------------------------------------


def json_schema(journey: Journey) -> dict[str, Any]:
    """The schema of a journey's JSON payload, for validation and for OpenAPI."""
    properties: dict[str, Any] = {}
    for question in journey.top_level_questions:
        for field_id, schema in question.json_schema().items():
            properties[field_id] = {"title": question.short_label, **schema}
    for group in journey.groups:
        item_properties: dict[str, Any] = {}
        for question in group.questions:
            for field_id, schema in question.json_schema().items():
                item_properties[field_id] = {"title": question.short_label, **schema}
        properties[group.id] = {
            "title": group.heading,
            "type": ["array", "null"],
            "maxItems": group.max_count,
            "items": {
                "type": "object",
                "properties": item_properties,
                "additionalProperties": False,
            },
        }
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
