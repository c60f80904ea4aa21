"""The shape of a journey: sections of pages of questions, repeating groups, cross-field rules
and derived values. A journey is declared once, as data, and everything else derives from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from app.formkit.conditions import Condition
from app.formkit.questions import Question


@dataclass(frozen=True, kw_only=True, eq=False)
class Page:
    id: str
    questions: tuple[Question, ...]
    # The heading when a page groups several questions; a one-question page uses its label.
    title: str | None = None
    hint: str | None = None
    when: Condition | None = None
    # Check answers shows the rows of consecutive pages with the same card together, as one
    # summary card with this title: "Person 2" rather than four loose rows among the rest.
    card: str | None = None

    @classmethod
    def of(cls, question: Question, when: Condition | None = None, card: str | None = None) -> Page:
        """The usual page: one question, named after it."""
        return cls(id=question.id, questions=(question,), when=when, card=card)

    @property
    def heading(self) -> str:
        return self.title or self.questions[0].label

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """Every field its questions store, revealed ones included."""
        return tuple(f for question in self.questions for f in question.fields())

    @cached_property
    def visible_questions(self) -> tuple[Question, ...]:
        """The questions shown directly, not revealed inside another question's option."""
        return tuple(q for q in self.questions if q.id not in self.revealed_by)

    @property
    def single(self) -> bool:
        """One visible question, whose label or legend is then the page heading."""
        return len(self.visible_questions) == 1 and self.title is None

    @cached_property
    def revealed_by(self) -> dict[str, tuple[Question, Any]]:
        """For each question revealed by an option on this page: (its parent, the option value)."""
        revealed = {}
        for question in self.questions:
            for option in getattr(question, "options", ()):
                for child in option.reveals:
                    revealed[child] = (question, option.value)
        return revealed


@dataclass(frozen=True, kw_only=True, eq=False)
class RepeatingGroup:
    """ "Add another": a list of items, each answered through its own pages. An item's pages
    may include another repeating group, to any depth: its list is kept in the item."""

    id: str
    item_name: str  # singular, lower case: "household member"
    # When adding "s" is wrong: "previous addresses".
    item_plural: str | None = None
    pages: tuple[Page | RepeatingGroup, ...]
    min_count: int = 0
    max_count: int = 10
    title: str | None = None  # the summary page heading
    when: Condition | None = None
    # Isolated items are read on their own: their conditions and completeness never fall back
    # to the record's top-level answers. For items that ask the same questions as the record
    # itself, such as a joint applicant answering the main applicant's questions.
    isolated: bool = False
    # How an item is named on the summary page, from its answers and index.
    describe: Callable[[Mapping[str, Any], int], str] | None = None
    # Cross-field rules of each item, read with the item's answers (as its conditions are).
    # Their problems are filed under the item's fields: `group[index].field`.
    rules: tuple[Rule, ...] = ()

    @property
    def plural(self) -> str:
        """ "household members", "previous addresses"."""
        return self.item_plural or f"{self.item_name}s"

    @property
    def heading(self) -> str:
        return self.title or self.plural.capitalize()

    def count_of(self, number: int) -> str:
        """ "1 household member", "2 previous addresses"."""
        return f"{number} {self.item_name if number == 1 else self.plural}"

    def item_label(self, item: Mapping[str, Any], index: int) -> str:
        if self.describe is not None:
            return self.describe(item, index)
        return f"{self.item_name.capitalize()} {index + 1}"

    @cached_property
    def item_pages(self) -> tuple[Page, ...]:
        """Its items' own pages, not those of groups inside them."""
        return tuple(page for page in self.pages if isinstance(page, Page))

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Its items' own questions, not those of groups inside them."""
        return tuple(q for page in self.item_pages for q in page.questions)

    @cached_property
    def groups(self) -> tuple[RepeatingGroup, ...]:
        """The repeating groups inside each item."""
        return tuple(page for page in self.pages if isinstance(page, RepeatingGroup))

    @cached_property
    def group_by_id(self) -> dict[str, RepeatingGroup]:
        return {group.id: group for group in self.groups}

    @cached_property
    def page_by_id(self) -> dict[str, Page]:
        return {page.id: page for page in self.item_pages}

    def all_groups(self) -> tuple[RepeatingGroup, ...]:
        """This group and every group inside it, at any depth."""
        return (self, *(inner for group in self.groups for inner in group.all_groups()))

    def check_fields(self, journey_id: str) -> None:
        """An item's fields (its questions' and its groups' ids) are each declared once."""
        seen: set[str] = set()
        for field_id in [f for q in self.questions for f in q.fields()] + [
            group.id for group in self.groups
        ]:
            if field_id in seen:
                raise ValueError(
                    f"{journey_id}: the field {field_id!r} is declared twice in {self.id!r}"
                )
            seen.add(field_id)
        for group in self.groups:
            group.check_fields(journey_id)


@dataclass(frozen=True, kw_only=True, eq=False)
class Section:
    id: str
    title: str
    pages: tuple[Page | RepeatingGroup, ...]
    when: Condition | None = None
    # Sections that must be completed before this one can start.
    depends_on: tuple[str, ...] = ()

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """The fields of its top-level pages, not of repeating groups' items."""
        return tuple(f for page in self.pages if isinstance(page, Page) for f in page.fields)


@dataclass(frozen=True)
class Problem:
    """A broken cross-field rule: its message, and the fields it concerns."""

    fields: tuple[str, ...]
    message: str


Rule = Callable[[Mapping[str, Any]], Iterable[Problem]]

# The answers key under which confirmed soft checks are kept: {check id: {field: value}}.
CONFIRMED = "_confirmed"
# The answers key under which answers filled in from elsewhere are marked (provenance.py).
SOURCES = "_sources"
RESERVED_KEYS = (CONFIRMED, SOURCES)


@dataclass(frozen=True, kw_only=True, eq=False)
class SoftCheck:
    """An answer that is unusual but possible. It never blocks a save: the web asks the user to
    confirm it, and the API reports it as a warning. A confirmation holds for the values of
    `fields` that were confirmed."""

    id: str
    fields: tuple[str, ...]
    # A function of the answers: the message to show, or None when all is well.
    check: Callable[[Mapping[str, Any]], str | None]
    title: str = "Make sure these answers are correct"
    # What the records it fires on have, for a count of them: "12 logs have <summary>".
    summary: str | None = None


@dataclass(frozen=True, kw_only=True, eq=False)
class Derived:
    """A value computed from the answers, never asked. If a JSON client sends one, it must
    match the computed value."""

    id: str
    label: str
    compute: Callable[[Mapping[str, Any]], Any]
    mismatch_message: str = "{label} must be {expected}"
    # Sent when it cannot be worked out yet, because answers it depends on are missing.
    unknown_message: str = "{label} is worked out from other answers: send those instead"
    json_type: str = "number"


@dataclass(frozen=True, kw_only=True, eq=False)
class Journey:
    id: str
    title: str
    sections: tuple[Section, ...]
    # Which version of the journey this is (versions.py): records keep the one they started on.
    version: str = "1"
    rules: tuple[Rule, ...] = ()
    derived: tuple[Derived, ...] = ()
    soft_checks: tuple[SoftCheck, ...] = ()
    record_name: str = "record"  # "case log", "application"
    reference_prefix: str = ""
    declaration: str = "I confirm that the information I have given is correct."
    # The domain event recorded when a record is submitted ("lettings-log.submitted"; see
    # app/outbox/catalogue.py). No event when None.
    submitted_event: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        seen: set[str] = set()
        for field_id in self.all_field_ids():
            if field_id in seen:
                raise ValueError(f"{self.id}: the field {field_id!r} is declared twice")
            seen.add(field_id)
        for reserved in RESERVED_KEYS:
            if reserved in seen:
                raise ValueError(f"{self.id}: {reserved!r} is reserved and cannot be a field id")
        for group in self.groups:
            group.check_fields(self.id)
        self._check_soft_checks()
        self._check_required_messages()

    def _check_soft_checks(self) -> None:
        if len(self.soft_check_by_id) != len(self.soft_checks):
            raise ValueError(f"{self.id}: two soft checks have the same id")
        for check in self.soft_checks:
            unknown = [f for f in check.fields if f not in self.question_for_field]
            if unknown or not check.fields:
                # Their fields name the pages a confirmation's Change links lead to.
                raise ValueError(
                    f"{self.id}: soft check {check.id!r} must concern top-level question fields"
                )

    def _check_required_messages(self) -> None:
        """Every required question declares the message shown when it is not answered, the
        same on a page and in the API, so none is ever made up from a label."""
        for question in self.all_questions:
            if question.required and not question.required_message:
                raise ValueError(
                    f"{self.id}: the required question {question.id!r} needs a written message: "
                    'messages={"required": "Enter …"} or {"required": "Select …"}'
                )

    @property
    def all_questions(self) -> tuple[Question, ...]:
        """Every question, those of repeating groups' items too, at any depth."""
        return self.top_level_questions + tuple(
            q for group in self.groups for inner in group.all_groups() for q in inner.questions
        )

    def all_field_ids(self) -> list[str]:
        ids = [f for question in self.top_level_questions for f in question.fields()]
        ids += [group.id for group in self.groups]
        ids += [derived.id for derived in self.derived]
        return ids

    @cached_property
    def top_level_pages(self) -> tuple[Page, ...]:
        """Every page outside repeating groups."""
        return tuple(
            page for section in self.sections for page in section.pages if isinstance(page, Page)
        )

    @cached_property
    def top_level_questions(self) -> tuple[Question, ...]:
        return tuple(question for page in self.top_level_pages for question in page.questions)

    @cached_property
    def groups(self) -> tuple[RepeatingGroup, ...]:
        return tuple(
            page
            for section in self.sections
            for page in section.pages
            if isinstance(page, RepeatingGroup)
        )

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.top_level_questions}

    @cached_property
    def question_for_field(self) -> dict[str, Question]:
        return {f: q for q in self.top_level_questions for f in q.fields()}

    @cached_property
    def page_for_field(self) -> dict[str, Page]:
        return {f: page for page in self.top_level_pages for f in page.fields}

    @cached_property
    def section_by_id(self) -> dict[str, Section]:
        return {section.id: section for section in self.sections}

    @cached_property
    def group_by_id(self) -> dict[str, RepeatingGroup]:
        return {group.id: group for group in self.groups}

    @cached_property
    def soft_check_by_id(self) -> dict[str, SoftCheck]:
        return {check.id: check for check in self.soft_checks}

    @cached_property
    def derived_by_id(self) -> dict[str, Derived]:
        return {derived.id: derived for derived in self.derived}

    @cached_property
    def page_index(self) -> dict[str, tuple[Section, RepeatingGroup | None, Page]]:
        """Every page by id, with its section and, for an item page, its group."""
        index = {}
        for section in self.sections:
            for entry in section.pages:
                if isinstance(entry, RepeatingGroup):
                    for page in entry.item_pages:
                        index[f"{entry.id}/{page.id}"] = (section, entry, page)
                else:
                    index[entry.id] = (section, None, entry)
        return index
