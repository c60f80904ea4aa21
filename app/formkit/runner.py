"""Routing, status and clearing, all computed from the definition and the stored answers.

Answers are a dict: question fields at the top level, and each repeating group as a list of
item dicts under the group's id. A key present with None means an optional question was
seen and left blank. The reserved keys (RESERVED_KEYS) hold soft-check confirmations and where
answers came from, which are not answers and never count towards status.
"""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from app.formkit.conditions import ITEM_INDEX, applies
from app.formkit.definition import RESERVED_KEYS, Journey, Page, RepeatingGroup, Section
from app.formkit.provenance import keep_sources
from app.formkit.questions import Question
from app.formkit.soft_checks import keep_confirmations


class SectionStatus(StrEnum):
    CANNOT_START = "Cannot start yet"
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"


class RecordStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


@dataclass(frozen=True)
class Step:
    """One page of a record's route: a question page, an item's page, or a group summary."""

    section: Section
    page: Page | None  # None: the group's summary ("add another") page
    group: RepeatingGroup | None = None
    index: int | None = None

    @property
    def key(self) -> str:
        if self.group is None:
            return self.page.id
        if self.page is None:
            return self.group.id
        return f"{self.group.id}/{self.index}/{self.page.id}"

    @property
    def is_summary(self) -> bool:
        return self.page is None


def items(answers: Mapping[str, Any], group: RepeatingGroup) -> list[dict]:
    value = answers.get(group.id)
    return value if isinstance(value, list) else []


def scope_for(answers: Mapping[str, Any], group: RepeatingGroup | None, index: int | None):
    """What conditions read: the record's answers, with an item's answers laid over them."""
    if group is None:
        return answers
    group_items = items(answers, group)
    item = group_items[index] if index is not None and index < len(group_items) else {}
    if group.isolated:
        return ChainMap({ITEM_INDEX: index}, item)
    return ChainMap({ITEM_INDEX: index}, item, answers)


def question_applies(page: Page, question: Question, scope: Mapping[str, Any]) -> bool:
    if not applies(question.when, scope):
        return False
    if question.id in page.revealed_by:
        parent, value = page.revealed_by[question.id]
        chosen = scope.get(parent.id)
        return chosen == value or (isinstance(chosen, list) and value in chosen)
    return True


def applicable_questions(step: Step, answers: Mapping[str, Any]) -> list[Question]:
    if step.page is None:
        return []
    scope = scope_for(answers, step.group, step.index)
    return [q for q in step.page.questions if question_applies(step.page, q, scope)]


def is_done(question: Question, values: Mapping[str, Any]) -> bool:
    """Answered, or optional and deliberately left blank."""
    if question.is_answered(values):
        return True
    return not question.required and all(f in values for f in question.fields())


# -- the route -------------------------------------------------------------------------------


def section_applies(section: Section, answers: Mapping[str, Any]) -> bool:
    return applies(section.when, answers)


def section_steps(section: Section, answers: Mapping[str, Any]) -> Iterator[Step]:
    for entry in section.pages:
        if isinstance(entry, RepeatingGroup):
            if not applies(entry.when, answers):
                continue
            count = len(items(answers, entry))
            indexes = range(count) if count or entry.min_count == 0 else range(1)
            for index in indexes:
                scope = scope_for(answers, entry, index)
                for page in entry.pages:
                    if applies(page.when, scope):
                        yield Step(section, page, entry, index)
            yield Step(section, None, entry)
        elif applies(entry.when, answers):
            yield Step(section, entry)


def route(journey: Journey, answers: Mapping[str, Any]) -> list[Step]:
    return [
        step
        for section in journey.sections
        if section_applies(section, answers)
        for step in section_steps(section, answers)
    ]


def find_step(journey: Journey, answers: Mapping[str, Any], key: str) -> Step | None:
    """The step at a URL key if it applies now. A new item's pages (index == count) apply too."""
    for step in route(journey, answers):
        if step.key == key:
            return step
    return _new_item_step(journey, answers, key)


def _new_item_step(journey: Journey, answers, key: str) -> Step | None:
    group_id, _, rest = key.partition("/")
    index_text, _, page_id = rest.partition("/")
    group = journey.group_by_id.get(group_id)
    # ASCII digits only ("²" is a digit to isdigit() but not to int()), and no more than any
    # group could hold.
    if group is None or not re.fullmatch(r"[0-9]{1,4}", index_text):
        return None
    index = int(index_text)
    if index != len(items(answers, group)) or index >= group.max_count:
        return None
    entry = journey.page_index.get(f"{group_id}/{page_id}")
    if entry is None:
        return None
    section, _, page = entry
    if not section_applies(section, answers) or not applies(group.when, answers):
        return None
    if not applies(page.when, scope_for(answers, group, index)):
        return None
    return Step(section, page, group, index)


def first_item_step(section: Section, group: RepeatingGroup, answers, index: int) -> Step | None:
    scope = scope_for(answers, group, index)
    for page in group.pages:
        if applies(page.when, scope):
            return Step(section, page, group, index)
    return None


def next_step(journey: Journey, answers: Mapping[str, Any], current: Step) -> Step | None:
    """The next applicable page in the same section, or None at the section's end."""
    steps = list(section_steps(current.section, answers))
    keys = [step.key for step in steps]
    if current.key in keys:
        following = steps[keys.index(current.key) + 1 :]
        return following[0] if following else None
    return steps[0] if steps else None


def previous_step(journey: Journey, answers: Mapping[str, Any], current: Step) -> Step | None:
    steps = list(section_steps(current.section, answers))
    keys = [step.key for step in steps]
    if current.key in keys:
        position = keys.index(current.key)
        return steps[position - 1] if position > 0 else None
    # A new item's page: back to the group summary if there are items, else what came before.
    if current.group is not None:
        summary_key = current.group.id
        if items(answers, current.group) and summary_key in keys:
            return steps[keys.index(summary_key)]
        earlier = [s for s in steps if s.group is not current.group]
        before = [s for s in earlier if keys.index(s.key) < keys.index(summary_key)]
        return before[-1] if before else None
    return None


def first_step(journey: Journey, answers: Mapping[str, Any]) -> Step | None:
    steps = route(journey, answers)
    return steps[0] if steps else None


# -- progress and status ---------------------------------------------------------------------


def _section_questions(section: Section, answers) -> Iterator[tuple[Question, Mapping]]:
    for step in section_steps(section, answers):
        scope = scope_for(answers, step.group, step.index)
        for question in applicable_questions(step, answers):
            yield question, scope


def group_done(group: RepeatingGroup, answers: Mapping[str, Any]) -> bool:
    """The user has said they have no more to add (an empty list means "none"), and there
    are at least the minimum number of items."""
    return group.id in answers and len(items(answers, group)) >= group.min_count


def step_done(step: Step, answers: Mapping[str, Any]) -> bool:
    if step.is_summary:
        return group_done(step.group, answers)
    scope = scope_for(answers, step.group, step.index)
    return all(is_done(q, scope) for q in applicable_questions(step, answers))


def _groups_satisfied(section: Section, answers) -> bool:
    return all(
        group_done(group, answers)
        for group in section.pages
        if isinstance(group, RepeatingGroup) and applies(group.when, answers)
    )


def section_complete(section: Section, answers) -> bool:
    return _groups_satisfied(section, answers) and all(
        is_done(question, scope) for question, scope in _section_questions(section, answers)
    )


def section_status(journey: Journey, section: Section, answers) -> SectionStatus:
    for dependency in section.depends_on:
        required = journey.section_by_id[dependency]
        if section_applies(required, answers) and not section_complete(required, answers):
            return SectionStatus.CANNOT_START
    questions = list(_section_questions(section, answers))
    started = any(
        any(f in scope for f in question.fields()) for question, scope in questions
    ) or any(g.id in answers for g in section.pages if isinstance(g, RepeatingGroup))
    if section_complete(section, answers) and (started or not any(section.pages)):
        return SectionStatus.COMPLETED
    return SectionStatus.IN_PROGRESS if started else SectionStatus.NOT_STARTED


def record_status(journey: Journey, answers: Mapping[str, Any]) -> RecordStatus:
    if not any(key not in journey.derived_by_id and key not in RESERVED_KEYS for key in answers):
        return RecordStatus.NOT_STARTED
    complete = all(
        section_complete(section, answers)
        for section in journey.sections
        if section_applies(section, answers)
    )
    return RecordStatus.COMPLETED if complete else RecordStatus.IN_PROGRESS


@dataclass(frozen=True)
class Progress:
    """How far a record has got, counted over what applies given the answers so far."""

    answered: int  # questions answered, or optional and deliberately left blank
    total: int  # questions that apply now
    settled: bool  # no answer still to give can change which questions apply
    sections_completed: int
    sections_total: int


def progress(journey: Journey, answers: Mapping[str, Any]) -> Progress:
    """What the task list reports. The question total is `settled` once no unanswered
    question is one that a condition reads, and every "add another" list is finished: until
    then, answering can bring in more questions, so the total is not one to show."""
    deciding = _deciding_fields(journey)
    answered = total = completed = applicable = 0
    settled = True
    for section in journey.sections:
        if not section_applies(section, answers):
            continue
        applicable += 1
        completed += section_status(journey, section, answers) is SectionStatus.COMPLETED
        for question, scope in _section_questions(section, answers):
            total += 1
            if is_done(question, scope):
                answered += 1
            elif deciding.intersection(question.fields()):
                settled = False
    if any(not group_done(group, answers) for group in _applicable_groups(journey, answers)):
        settled = False  # another item would bring its own questions
    return Progress(answered, total, settled, completed, applicable)


@cache
def _deciding_fields(journey: Journey) -> frozenset[str]:
    """The fields whose answers decide which questions apply: those that conditions read, and
    the questions whose options reveal others."""
    conditions = [section.when for section in journey.sections]
    pages = list(journey.top_level_pages)
    for group in journey.groups:
        conditions.append(group.when)
        pages.extend(group.pages)
    for page in pages:
        conditions.append(page.when)
        conditions.extend(question.when for question in page.questions)
    fields = set().union(*(c.fields() for c in conditions if c is not None))
    for page in pages:
        for parent, _ in page.revealed_by.values():
            fields.update(parent.fields())
    if fields & set(journey.derived_by_id):
        # A condition on a computed value depends on answers the definition does not name.
        fields.update(journey.all_field_ids())
    return frozenset(fields)


def _open_steps(journey: Journey, answers, sections) -> Iterator[Step]:
    """The pages of those of `sections` that apply and can be started, in order."""
    for section in sections:
        if not section_applies(section, answers):
            continue
        if section_status(journey, section, answers) is SectionStatus.CANNOT_START:
            continue
        yield from section_steps(section, answers)


def _first_unanswered(journey: Journey, answers, sections) -> Step | None:
    return next(
        (step for step in _open_steps(journey, answers, sections) if not step_done(step, answers)),
        None,
    )


def first_unanswered_step(journey: Journey, answers: Mapping[str, Any]) -> Step | None:
    """Where "Continue" resumes: the first page with a question still to answer."""
    return _first_unanswered(journey, answers, journey.sections)


def next_section_start(journey: Journey, answers: Mapping[str, Any], after: Section) -> Step | None:
    """Where the journey goes on from the end of `after`, as CORE's "next incomplete section"
    does: the first page still to answer of the first later section, in task-list order, that
    applies and can be started; then, for someone who resumed part-way, of an earlier one.
    None if no other section is left to answer."""
    position = journey.sections.index(after)
    others = journey.sections[position + 1 :] + journey.sections[:position]
    return _first_unanswered(journey, answers, others)


class SectionEnd(StrEnum):
    """Where the last page of a section leads when it is not to another section's page."""

    SECTION_SUMMARY = "section summary"  # the section was left with gaps
    CHECK_ANSWERS = "check answers"  # the record is complete, to be checked and submitted
    TASK_LIST = "task list"  # what is left cannot start yet


def after_section(
    journey: Journey, answers: Mapping[str, Any], finished: Section
) -> Step | SectionEnd:
    """Where the last page of `finished` leads. Not to the section's own summary, which the
    task list links to, but on, as CORE does: to the next section still to answer
    (`next_section_start`); once nothing is left, to check answers; else to the task list,
    which shows what is left. A section left with gaps shows its summary, whose "Not answered"
    rows say what is missing."""
    if not section_complete(finished, answers):
        return SectionEnd.SECTION_SUMMARY
    following = next_section_start(journey, answers, finished)
    if following is not None:
        return following
    if record_status(journey, answers) is RecordStatus.COMPLETED:
        return SectionEnd.CHECK_ANSWERS
    return SectionEnd.TASK_LIST


def step_to_ask_after_change(
    journey: Journey,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    current: Step,
    section: Section | None = None,
) -> Step | None:
    """After a change saved on `current`, the next page (in `section`, or else anywhere later
    in the record) with a question the change brought in: one that has no answer now and had
    one, or did not apply, before. Such pages are asked before returning to check answers.

    A page that had no answer before is itself one the change brought in: from there, the walk
    goes on to any page after it still to answer. Sections that cannot start yet are passed
    over, as "Continue" does."""
    sections = [section] if section is not None else journey.sections
    steps = list(_open_steps(journey, after, sections))
    keys = [step.key for step in steps]
    if current.key not in keys:
        return None
    later = [step for step in steps[keys.index(current.key) + 1 :] if not step_done(step, after)]
    was_open = {
        step.key for step in _open_steps(journey, before, sections) if not step_done(step, before)
    }
    if current.key not in was_open:
        later = [step for step in later if step.key not in was_open]
    return later[0] if later else None


# -- clearing and deriving -------------------------------------------------------------------


def _applicable_fields(journey: Journey, answers) -> tuple[set[str], dict[str, list[set[str]]]]:
    top: set[str] = set()
    per_item: dict[str, list[set[str]]] = {}
    for step in route(journey, answers):
        if step.group is None:
            for question in applicable_questions(step, answers):
                top.update(question.fields())
            continue
        top.add(step.group.id)
        slots = per_item.setdefault(step.group.id, [])
        if step.page is not None:
            while len(slots) <= step.index:
                slots.append(set())
            for question in applicable_questions(step, answers):
                slots[step.index].update(question.fields())
    return top, per_item


def clear_inapplicable(journey: Journey, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Remove answers to questions that no longer apply, derive computed values, and keep the
    soft-check confirmations that still hold."""
    cleaned = dict(answers)
    for _ in range(10):  # clearing can switch off more pages; stop when nothing changes
        top, per_item = _applicable_fields(journey, cleaned)
        result = {key: value for key, value in cleaned.items() if key in top}
        for group_id, slots in per_item.items():
            group = journey.group_by_id[group_id]
            kept = []
            for index, item in enumerate(items(cleaned, group)[: group.max_count]):
                allowed = slots[index] if index < len(slots) else set()
                kept.append({k: v for k, v in item.items() if k in allowed})
            if group_id in cleaned:
                result[group_id] = kept
        if result == cleaned:
            break
        cleaned = result
    for derived in journey.derived:
        value = derived.compute(cleaned)
        if value is None:
            cleaned.pop(derived.id, None)
        else:
            cleaned[derived.id] = value
    return keep_sources(journey, keep_confirmations(journey, cleaned, answers), answers)


# -- what is left to answer ------------------------------------------------------------------


def _unanswered(journey: Journey, answers: Mapping[str, Any]) -> Iterator[tuple[Step, Question]]:
    for section in journey.sections:
        if not section_applies(section, answers):
            continue
        for step in section_steps(section, answers):
            if step.page is None:
                continue
            scope = scope_for(answers, step.group, step.index)
            for question in applicable_questions(step, answers):
                if not is_done(question, scope):
                    yield step, question


def answer_key(step: Step, field_id: str) -> str:
    """A field's key in API errors: `field`, or `group[index].field` inside an item."""
    return field_id if step.group is None else f"{step.group.id}[{step.index}].{field_id}"


def missing_answers(journey: Journey, answers: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every required answer still to give, keyed as API errors are, with its question's
    "required" message: why a complete submission in one request is refused."""
    missing = {
        answer_key(step, question.fields()[0]): [question.message("required")]
        for step, question in _unanswered(journey, answers)
        if question.required
    }
    for group in _applicable_groups(journey, answers):
        if len(items(answers, group)) < group.min_count:
            missing[group.id] = [f"Add at least {group.count_of(group.min_count)}"]
    return missing


def _applicable_groups(journey: Journey, answers: Mapping[str, Any]) -> Iterator[RepeatingGroup]:
    for section in journey.sections:
        if section_applies(section, answers):
            for entry in section.pages:
                if isinstance(entry, RepeatingGroup) and applies(entry.when, answers):
                    yield entry


def with_optional_answers_skipped(journey: Journey, answers: Mapping[str, Any]) -> dict:
    """The answers with every applicable optional question that was not given marked as seen
    and left blank, and every applicable group not given as "none": a client that sends a
    whole record at once leaves out what it has no answer to."""
    result = dict(answers)
    for group in list(_applicable_groups(journey, result)):
        if group.id not in result:
            result[group.id] = []
    for step, question in list(_unanswered(journey, result)):
        if question.required:
            continue
        if step.group is None:
            result.update({field_id: None for field_id in question.fields()})
        else:
            group_items = [dict(item) for item in items(result, step.group)]
            if step.index >= len(group_items):
                continue  # the first item of a group under its minimum, not yet added
            group_items[step.index].update({field_id: None for field_id in question.fields()})
            result[step.group.id] = group_items
    return result
