"""Which version of its journey a record is read with, and moving it to another.

A record keeps the version it was started on. Where the versions are chosen by the answers (a
lettings log, by its tenancy start date), a change can call for another version: the record
then moves to it, its answers re-checked against that version and those that no longer apply
cleared, as a changed answer clears the answers it switches off. Web pages, the API and bulk
upload all go through `follow_version`, so a record moves the same way whichever path changed
it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.formkit import outputs
from app.formkit.definition import Journey
from app.formkit.questions import Invalid, Question
from app.formkit.runner import clear_inapplicable, items
from app.formkit.validation import Outcome, add_error, apply_payload
from app.formkit.versions import JourneyVersions

# Rules broken after a move are cleared field by field; each round clears at least one field,
# so this bounds rounds that cannot happen with a finite record.
_MAX_ROUNDS = 50


def journey_of(versions: JourneyVersions, record) -> Journey:
    """The definition a record is read with: a dict lookup, never a rebuild."""
    return versions.for_record(record)


def check_new_record(versions: JourneyVersions, answers: Mapping[str, Any]) -> dict[str, list]:
    """Field errors refusing a new record with these answers (a lettings log dated in a closed
    collection year), empty when it may be created."""
    return versions.refused(answers)


def follow_version(
    versions: JourneyVersions, journey: Journey, before: Mapping[str, Any], outcome: Outcome
) -> tuple[Journey, Outcome]:
    """The version a record belongs to after a change, and the change's outcome in it.

    `journey` is the record's version, `before` its answers before the change, and `outcome`
    the change applied with `journey`. Answers no record may take on (`refuse_answers`: a
    start date in a closed collection year) refuse the change. When the new answers call for
    another version, they are re-checked against it: an answer it refuses or does not ask is
    cleared, and so is an unchanged answer that breaks one of its rules. The changed answers
    are never cleared: if they break the new version's rules, the change is refused.
    """
    if not outcome.ok or not versions.chosen_by_answers:
        return journey, outcome
    if refused := versions.refused(outcome.answers):
        return journey, Outcome(dict(before), refused)
    target = versions.for_answers(outcome.answers)
    if target is journey:
        return journey, outcome
    changed = [
        key for key in {*before, *outcome.answers} if before.get(key) != outcome.answers.get(key)
    ]
    answers, errors = move_answers(target, outcome.answers, keep=frozenset(changed))
    if errors:
        return journey, Outcome(dict(before), errors)
    return target, Outcome(answers)


def apply_in_version(
    versions: JourneyVersions, journey: Journey, payload: Any, before: Mapping[str, Any]
) -> tuple[Journey, Outcome]:
    """A payload applied to a record of version `journey` whose answers are `before`, then
    `follow_version`. A payload that moves the record to another version may also answer that
    version's own questions (a lettings log's new start date, with the question its new year
    adds): if `journey` refuses it, it is tried with each other version, and taken with the
    first that accepts it and that its answers call for."""
    outcome = apply_payload(journey, payload, before)
    if not outcome.ok and versions.chosen_by_answers:
        for other in versions:
            if other is journey:
                continue
            trial = apply_payload(other, payload, before)
            if trial.ok and versions.for_answers(trial.answers) is other:
                outcome = trial
                break
    return follow_version(versions, journey, before, outcome)


def move_answers(
    target: Journey, answers: Mapping[str, Any], keep: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """`answers` as `target` reads them: each re-checked by its question there, those it does
    not ask or refuses removed, then those that no longer apply. An answer that breaks a rule
    of `target` is removed too, unless it is in `keep`: then the rule's message is an error."""
    moved: dict[str, Any] = {}
    for question in target.top_level_questions:
        moved.update(_still_valid(question, answers))
    for group in target.groups:
        if group.id not in answers:
            continue
        moved[group.id] = []
        for item in items(answers, group):
            kept: dict[str, Any] = {}
            for question in group.questions:
                kept.update(_still_valid(question, item))
            moved[group.id].append(kept)
    errors: dict[str, list[str]] = {}
    for _ in range(_MAX_ROUNDS):
        moved = clear_inapplicable(target, moved)
        problems = [problem for rule in target.rules for problem in rule(moved)]
        if not problems:
            break
        cleared = False
        for problem in problems:
            for field_id in problem.fields:
                if field_id in keep:
                    continue
                if field_id in moved:
                    moved.pop(field_id)
                    cleared = True
        if not cleared:
            for problem in problems:
                for field_id in sorted(set(problem.fields) & keep) or sorted(keep)[:1]:
                    add_error(errors, field_id, problem.message)
            break
    return moved, errors


def _still_valid(question: Question, values: Mapping[str, Any]) -> dict[str, Any]:
    """A question's stored answer, if its (new) definition still accepts it; else nothing."""
    given = {f: values[f] for f in question.fields() if f in values}
    if not given:
        return {}
    as_json = question.to_json(values)
    try:
        parsed = {f: question.parse_json_field(f, as_json[f]) for f in given}
        question.check_together({**given, **parsed})
    except (Invalid, ValueError, TypeError):
        return {}
    return {f: given[f] for f in given}


# -- CSV over versions -------------------------------------------------------------------------
def csv_columns(journeys: Iterable[Journey]) -> list[str]:
    """The CSV columns of records of any of these versions: each version's, in order, then the
    columns a later version adds (a column a version removed stays, empty for its records)."""
    columns: dict[str, None] = {}
    for journey in journeys:
        columns.update(dict.fromkeys(outputs.csv_columns(journey)))
    return list(columns)


def csv_row(journey: Journey, answers: Mapping[str, Any], columns: Iterable[str]) -> list[Any]:
    """A record's cells under `columns`, read with its own version: empty where its version
    has no such column."""
    cells = dict(zip(outputs.csv_columns(journey), outputs.csv_row(journey, answers), strict=True))
    return [cells.get(column, "") for column in columns]
