"""Versions of a journey.

A record keeps the version of the definition it was started on, and is always read with it, so
a change to a journey never breaks a draft already in progress. A later version is declared as
a change to the one before (questions added, removed or replaced, options renamed, rules and
soft checks added, removed or replaced), never as a copy: `revise(previous, "2", changes)`.
The result is checked at import exactly as a journey is, and a change that names something the
previous version does not have is refused with a message naming the change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.formkit.definition import Derived, Journey, Page, RepeatingGroup, Rule, Section, SoftCheck
from app.formkit.questions import Question

Entry = Page | RepeatingGroup


class VersionError(ValueError):
    """A version that cannot be built from the one before, or a record of an unknown version."""


# -- the changes ------------------------------------------------------------------------------
@dataclass(frozen=True)
class AddPage:
    """A new page (or repeating group) in a section or group, after the page `after` (first
    when None)."""

    into: str  # a section id, or a repeating group id
    page: Entry
    after: str | None = None


@dataclass(frozen=True)
class RemovePage:
    page: str


@dataclass(frozen=True)
class ReplacePage:
    """The page with the same id, replaced as a whole."""

    page: Entry


@dataclass(frozen=True)
class AddQuestion:
    """A new question on an existing page, after the question `after` (last when None)."""

    page: str
    question: Question
    after: str | None = None


@dataclass(frozen=True)
class RemoveQuestion:
    """A question taken off its page. A page left with no question is removed too."""

    question: str


@dataclass(frozen=True)
class ReplaceQuestion:
    """The question with the same id, replaced as a whole (new bounds, options, messages)."""

    question: Question


@dataclass(frozen=True)
class ChangeQuestion:
    """Some attributes of a question changed, the rest kept: `ChangeQuestion("age", max=110)`."""

    question: str
    changes: Mapping[str, Any]

    def __init__(self, question: str, **changes: Any):
        object.__setattr__(self, "question", question)
        object.__setattr__(self, "changes", changes)


@dataclass(frozen=True)
class RenameOption:
    """An option's label (and hint) reworded; its stored value stays the same."""

    question: str
    value: Any
    label: str
    hint: str | None = None


@dataclass(frozen=True)
class AddRule:
    rule: Rule


@dataclass(frozen=True)
class RemoveRule:
    rule: Rule


@dataclass(frozen=True)
class ReplaceRule:
    old: Rule
    new: Rule


@dataclass(frozen=True)
class AddSoftCheck:
    check: SoftCheck


@dataclass(frozen=True)
class RemoveSoftCheck:
    check: str  # its id


@dataclass(frozen=True)
class ReplaceSoftCheck:
    """The soft check with the same id, replaced."""

    check: SoftCheck


@dataclass(frozen=True)
class ReplaceDerived:
    """The derived value with the same id, worked out another way."""

    derived: Derived


Change = (
    AddPage
    | RemovePage
    | ReplacePage
    | AddQuestion
    | RemoveQuestion
    | ReplaceQuestion
    | ChangeQuestion
    | RenameOption
    | AddRule
    | RemoveRule
    | ReplaceRule
    | AddSoftCheck
    | RemoveSoftCheck
    | ReplaceSoftCheck
    | ReplaceDerived
)


# -- building a version -----------------------------------------------------------------------
def revise(previous: Journey, version: str, changes: Sequence[Change], **attributes) -> Journey:
    """The next version of a journey: `previous` with `changes` made in order. `attributes`
    replace the journey's own (a new title or declaration)."""
    if version == previous.version:
        raise VersionError(f"{previous.id}: version {version!r} is already the previous version")
    sections = previous.sections
    rules, soft_checks, derived = (
        list(previous.rules),
        list(previous.soft_checks),
        list(previous.derived),
    )
    for number, change in enumerate(changes, start=1):
        where = f"{previous.id} version {version}, change {number} ({type(change).__name__})"
        try:
            sections = _apply_to_pages(sections, change)
            _apply_to_lists(change, rules, soft_checks, derived)
        except _NotFound as missing:
            raise VersionError(f"{where}: version {previous.version} has no {missing}") from None
    try:
        return dataclasses.replace(
            previous,
            version=version,
            sections=sections,
            rules=tuple(rules),
            soft_checks=tuple(soft_checks),
            derived=tuple(derived),
            **attributes,
        )
    except ValueError as error:
        raise VersionError(f"{previous.id} version {version}: {error}") from None


class _NotFound(LookupError):
    def __str__(self) -> str:
        return self.args[0]


def _apply_to_pages(sections: tuple[Section, ...], change: Change) -> tuple[Section, ...]:
    match change:
        case AddPage(into=into, page=page, after=after):
            found = []

            def add(owner_id: str, pages: tuple[Entry, ...]) -> tuple[Entry, ...]:
                if owner_id != into:
                    return pages
                found.append(owner_id)
                return _insert(pages, page, after, f"page {after!r} in {into!r}")

            result = _map_containers(sections, add)
            if not found:
                raise _NotFound(f"section or repeating group {into!r}")
            return result
        case RemovePage(page=page_id):
            return _edit_entry(sections, page_id, lambda entry: None)
        case ReplacePage(page=page):
            return _edit_entry(sections, page.id, lambda entry: page)
        case AddQuestion(page=page_id, question=question, after=after):

            def add_question(entry: Entry) -> Entry:
                if not isinstance(entry, Page):
                    raise _NotFound(f"page {page_id!r} (it is a repeating group)")
                questions = _insert(entry.questions, question, after, f"question {after!r}")
                return dataclasses.replace(entry, questions=questions, title=entry.title)

            return _edit_entry(sections, page_id, add_question)
        case RemoveQuestion(question=question_id):
            return _edit_question(sections, question_id, lambda question: None)
        case ReplaceQuestion(question=question):
            return _edit_question(sections, question.id, lambda old: question)
        case ChangeQuestion(question=question_id, changes=attributes):
            return _edit_question(
                sections, question_id, lambda old: dataclasses.replace(old, **attributes)
            )
        case RenameOption(question=question_id, value=value, label=label, hint=hint):

            def rename(question: Question) -> Question:
                options = getattr(question, "options", ())
                if not any(option.value == value for option in options):
                    raise _NotFound(f"option {value!r} in question {question_id!r}")
                renamed = tuple(
                    dataclasses.replace(option, label=label, hint=hint or option.hint)
                    if option.value == value
                    else option
                    for option in options
                )
                return dataclasses.replace(question, options=renamed)

            return _edit_question(sections, question_id, rename)
    return sections


def _apply_to_lists(change: Change, rules: list, soft_checks: list, derived: list) -> None:
    match change:
        case AddRule(rule=rule):
            rules.append(rule)
        case RemoveRule(rule=rule):
            _remove_identical(rules, rule, f"rule {_name(rule)}")
        case ReplaceRule(old=old, new=new):
            rules[_index_identical(rules, old, f"rule {_name(old)}")] = new
        case AddSoftCheck(check=check):
            soft_checks.append(check)
        case RemoveSoftCheck(check=check_id):
            soft_checks.pop(_index_by_id(soft_checks, check_id, "soft check"))
        case ReplaceSoftCheck(check=check):
            soft_checks[_index_by_id(soft_checks, check.id, "soft check")] = check
        case ReplaceDerived(derived=new):
            derived[_index_by_id(derived, new.id, "derived value")] = new


def _map_containers(sections, edit: Callable[[str, tuple[Entry, ...]], tuple[Entry, ...]]):
    """Every section and repeating group, at any depth, with its pages passed through `edit`."""

    def walk(entry: Entry) -> Entry:
        if isinstance(entry, RepeatingGroup):
            pages = tuple(walk(page) for page in entry.pages)
            return dataclasses.replace(entry, pages=edit(entry.id, pages))
        return entry

    return tuple(
        dataclasses.replace(
            section, pages=edit(section.id, tuple(walk(page) for page in section.pages))
        )
        for section in sections
    )


def _edit_entry(sections, page_id: str, edit: Callable[[Entry], Entry | None]):
    """The page or group `page_id`, wherever it is, replaced by `edit` (removed for None)."""
    found = []

    def edit_pages(owner_id: str, pages: tuple[Entry, ...]) -> tuple[Entry, ...]:
        result = []
        for page in pages:
            if page.id == page_id:
                found.append(page)
                page = edit(page)
            if page is not None:
                result.append(page)
        return tuple(result)

    result = _map_containers(sections, edit_pages)
    if not found:
        raise _NotFound(f"page {page_id!r}")
    return result


def _edit_question(sections, question_id: str, edit: Callable[[Question], Question | None]):
    found = []

    def edit_pages(owner_id: str, pages: tuple[Entry, ...]) -> tuple[Entry, ...]:
        result = []
        for page in pages:
            if isinstance(page, Page) and any(q.id == question_id for q in page.questions):
                found.append(page)
                questions = tuple(
                    q for q in (edit(q) if q.id == question_id else q for q in page.questions) if q
                )
                if not questions:
                    continue
                page = dataclasses.replace(page, questions=questions)
            result.append(page)
        return tuple(result)

    result = _map_containers(sections, edit_pages)
    if not found:
        raise _NotFound(f"question {question_id!r}")
    return result


def _insert(items: tuple, item, after: str | None, missing: str) -> tuple:
    if after is None:
        return (item, *items) if isinstance(item, (Page, RepeatingGroup)) else (*items, item)
    for index, existing in enumerate(items):
        if existing.id == after:
            return (*items[: index + 1], item, *items[index + 1 :])
    raise _NotFound(missing)


def _index_identical(items: list, wanted, missing: str) -> int:
    for index, item in enumerate(items):
        if item is wanted:
            return index
    raise _NotFound(missing)


def _remove_identical(items: list, wanted, missing: str) -> None:
    items.pop(_index_identical(items, wanted, missing))


def _index_by_id(items: list, wanted_id: str, kind: str) -> int:
    for index, item in enumerate(items):
        if item.id == wanted_id:
            return index
    raise _NotFound(f"{kind} {wanted_id!r}")


def _name(rule: Rule) -> str:
    return getattr(rule, "__name__", repr(rule))


# -- the versions of one journey ----------------------------------------------------------------
class JourneyVersions:
    """Every version of one journey, oldest first, built once at import.

    `choose(answers)` names the version a record with these answers belongs to (a lettings log:
    by its tenancy start date); without it, new records take the latest version and keep it.
    `read_only_because(answers)` gives the reason a record can no longer be changed although it
    is not submitted (a lettings log of a closed collection year), or None.
    `refuse_answers(answers)` gives field errors for answers no record may take on (a tenancy
    start date in a closed collection year): `{field: [message]}`, empty when they may. It is
    checked when a record is created and, for versions chosen by the answers, on every change.
    """

    def __init__(
        self,
        versions: Iterable[Journey],
        *,
        choose: Callable[[Mapping[str, Any]], str] | None = None,
        read_only_because: Callable[[Mapping[str, Any]], str | None] | None = None,
        refuse_answers: Callable[[Mapping[str, Any]], Mapping[str, list[str]]] | None = None,
    ):
        self.versions: tuple[Journey, ...] = tuple(versions)
        if not self.versions:
            raise VersionError("A journey needs at least one version")
        ids = {journey.id for journey in self.versions}
        if len(ids) != 1:
            raise VersionError(f"Versions of one journey must share its id, not {sorted(ids)}")
        self.by_version: dict[str, Journey] = {}
        for journey in self.versions:
            if journey.version in self.by_version:
                raise VersionError(f"{journey.id}: version {journey.version!r} is declared twice")
            self.by_version[journey.version] = journey
        self._choose = choose
        self._read_only_because = read_only_because
        self._refuse_answers = refuse_answers

    @property
    def id(self) -> str:
        return self.versions[0].id

    @property
    def first(self) -> Journey:
        return self.versions[0]

    @property
    def latest(self) -> Journey:
        return self.versions[-1]

    def __iter__(self):
        return iter(self.versions)

    def get(self, version: str | None) -> Journey:
        """The definition of a version; records from before versions existed have none, and
        were all started on the first."""
        if version is None:
            return self.first
        try:
            return self.by_version[version]
        except KeyError:
            raise VersionError(f"{self.id} has no version {version!r}") from None

    def for_record(self, record) -> Journey:
        return self.get(record.definition_version)

    @property
    def chosen_by_answers(self) -> bool:
        """Whether a record moves to another version when its answers call for it."""
        return self._choose is not None

    def for_answers(self, answers: Mapping[str, Any]) -> Journey:
        """The version a record with these answers belongs to."""
        if self._choose is None:
            return self.latest
        return self.get(self._choose(answers))

    def read_only_because(self, answers: Mapping[str, Any]) -> str | None:
        if self._read_only_because is None:
            return None
        return self._read_only_because(answers)

    def refused(self, answers: Mapping[str, Any]) -> dict[str, list[str]]:
        if self._refuse_answers is None:
            return {}
        return {field: list(messages) for field, messages in self._refuse_answers(answers).items()}
