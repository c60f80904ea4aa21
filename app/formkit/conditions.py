"""Conditions: whether a section, page or question applies, given the answers so far.

Conditions read answers through a mapping (a "scope"): the record's answers, with the current
repeating item's answers and its index (`ITEM_INDEX`) laid over them. Combine with `&` and `|`.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ITEM_INDEX = "_item_index"


class Condition:
    def holds(self, scope: Mapping[str, Any]) -> bool:
        raise NotImplementedError

    def fields(self) -> frozenset[str]:
        """The answers this condition reads."""
        raise NotImplementedError

    def __and__(self, other: Condition) -> Condition:
        return AllOf((self, other))

    def __or__(self, other: Condition) -> Condition:
        return AnyOf((self, other))


@dataclass(frozen=True)
class Equals(Condition):
    field: str
    value: Any

    def holds(self, scope):
        return scope.get(self.field) == self.value

    def fields(self):
        return frozenset({self.field})


@dataclass(frozen=True)
class OneOf(Condition):
    field: str
    values: tuple

    def holds(self, scope):
        return scope.get(self.field) in self.values

    def fields(self):
        return frozenset({self.field})


@dataclass(frozen=True)
class Contains(Condition):
    """A checkbox answer (a list) includes the value."""

    field: str
    value: Any

    def holds(self, scope):
        chosen = scope.get(self.field)
        return isinstance(chosen, list) and self.value in chosen

    def fields(self):
        return frozenset({self.field})


@dataclass(frozen=True)
class NotAnswered(Condition):
    field: str

    def holds(self, scope):
        return scope.get(self.field) in (None, "", [])

    def fields(self):
        return frozenset({self.field})


@dataclass(frozen=True)
class Answered(Condition):
    field: str

    def holds(self, scope):
        return scope.get(self.field) not in (None, "", [])

    def fields(self):
        return frozenset({self.field})


_COMPARISONS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class Compare(Condition):
    """A numeric comparison. An unanswered or non-numeric answer never satisfies it."""

    field: str
    op: str
    value: float

    def __post_init__(self):
        if self.op not in _COMPARISONS:
            raise ValueError(f"Unknown comparison {self.op!r}")

    def holds(self, scope):
        answer = scope.get(self.field)
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            return False
        return _COMPARISONS[self.op](answer, self.value)

    def fields(self):
        return frozenset({self.field})


@dataclass(frozen=True)
class AllOf(Condition):
    conditions: tuple[Condition, ...]

    def holds(self, scope):
        return all(condition.holds(scope) for condition in self.conditions)

    def fields(self):
        return frozenset().union(*(c.fields() for c in self.conditions))


@dataclass(frozen=True)
class AnyOf(Condition):
    conditions: tuple[Condition, ...]

    def holds(self, scope):
        return any(condition.holds(scope) for condition in self.conditions)

    def fields(self):
        return frozenset().union(*(c.fields() for c in self.conditions))


def applies(condition: Condition | None, scope: Mapping[str, Any]) -> bool:
    return condition is None or condition.holds(scope)
