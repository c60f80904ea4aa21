"""Answers that came from somewhere other than the person answering, such as a probation
record. Each is kept in the answers under SOURCES as {question id: {"source", "values"}}, a
snapshot of the question's values: it holds while they are unchanged, so once the user
changes an answer it is theirs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.formkit.definition import SOURCES, Journey
from app.formkit.questions import Question


def _sources(answers: Mapping[str, Any]) -> dict[str, Any]:
    value = answers.get(SOURCES)
    return value if isinstance(value, dict) else {}


def _snapshot(question: Question, answers: Mapping[str, Any]) -> dict[str, Any]:
    return {field_id: answers.get(field_id) for field_id in question.fields()}


def with_source(
    journey: Journey, answers: Mapping[str, Any], fields: Iterable[str], source: str
) -> dict[str, Any]:
    """The answers, with the questions holding `fields` marked as coming from `source`."""
    sources = dict(_sources(answers))
    for field_id in fields:
        question = journey.question_for_field[field_id]
        sources[question.id] = {"source": source, "values": _snapshot(question, answers)}
    return {**answers, SOURCES: sources}


def _still_holds(question: Question, entry: Any, answers: Mapping[str, Any]) -> str | None:
    """The entry's source, if the question's answers are still as that source gave them."""
    if isinstance(entry, dict) and entry.get("values") == _snapshot(question, answers):
        return entry.get("source")
    return None


def source_of(question: Question, answers: Mapping[str, Any]) -> str | None:
    """Where the question's answer came from, while it is as it came."""
    return _still_holds(question, _sources(answers).get(question.id), answers)


def keep_sources(
    journey: Journey, answers: Mapping[str, Any], earlier: Mapping[str, Any]
) -> dict[str, Any]:
    """`answers` with those of `earlier`'s sources that still hold for them."""
    kept = {
        question_id: entry
        for question_id, entry in _sources(earlier).items()
        if question_id in journey.question_by_id
        and _still_holds(journey.question_by_id[question_id], entry, answers)
    }
    return (
        {**answers, SOURCES: kept} if kept else {k: v for k, v in answers.items() if k != SOURCES}
    )
