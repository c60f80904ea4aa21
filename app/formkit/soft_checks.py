"""Soft checks: which fire on the answers, and which the user has confirmed.

A confirmation is kept in the answers under CONFIRMED, as a snapshot of the values of the
check's fields when the user confirmed them. It holds only while those values are unchanged
and the check still fires; `keep_confirmations` drops it otherwise.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from app.formkit.definition import CONFIRMED, Journey, SoftCheck


def firing(journey: Journey, answers: Mapping[str, Any]) -> list[tuple[SoftCheck, str]]:
    """Every soft check that fires on the answers, with its message."""
    found = []
    for check in journey.soft_checks:
        message = check.check(answers)
        if message is not None:
            found.append((check, message))
    return found


def unconfirmed(
    journey: Journey, answers: Mapping[str, Any], fields: Collection[str] | None = None
) -> list[tuple[SoftCheck, str]]:
    """The firing checks the user has not confirmed; with `fields`, only those concerning any
    of them."""
    return [
        (check, message)
        for check, message in firing(journey, answers)
        if (fields is None or any(f in fields for f in check.fields))
        and not is_confirmed(check, answers)
    ]


def still_to_confirm(check: SoftCheck, answers: Mapping[str, Any]) -> bool:
    """The check fires on the answers and the user has not confirmed it for them."""
    return check.check(answers) is not None and not is_confirmed(check, answers)


def _confirmations(answers: Mapping[str, Any]) -> dict[str, Any]:
    value = answers.get(CONFIRMED)
    return value if isinstance(value, dict) else {}


def _snapshot(check: SoftCheck, answers: Mapping[str, Any]) -> dict[str, Any]:
    return {field_id: answers.get(field_id) for field_id in check.fields}


def is_confirmed(check: SoftCheck, answers: Mapping[str, Any]) -> bool:
    """Confirmed for the values its fields have now."""
    return _confirmations(answers).get(check.id) == _snapshot(check, answers)


def confirm(check: SoftCheck, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers with the check confirmed for its fields' current values."""
    confirmations = {**_confirmations(answers), check.id: _snapshot(check, answers)}
    return {**answers, CONFIRMED: confirmations}


def keep_confirmations(
    journey: Journey, answers: Mapping[str, Any], earlier: Mapping[str, Any]
) -> dict[str, Any]:
    """`answers` with those of `earlier`'s confirmations that still hold for them."""
    confirmed = _confirmations(earlier)
    kept = {
        check.id: confirmed[check.id]
        for check in journey.soft_checks
        if confirmed.get(check.id) == _snapshot(check, answers) and check.check(answers) is not None
    }
    return {**answers, CONFIRMED: kept} if kept else dict(answers)
