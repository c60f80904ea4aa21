"""Routing, status and clearing, all computed from the definition and the stored answers.

Answers are a dict: question fields at the top level, and each repeating group as a list of
item dicts under the group's id; a group inside a group keeps its list in each outer item, the
same way, at any depth. A key present with None means an optional question was seen and left
blank. The reserved keys (RESERVED_KEYS) hold soft-check confirmations and where
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
    # The items that hold `group`, outermost first, for a group inside a group: ((group, index),)
    parents: tuple[tuple[RepeatingGroup, int], ...] = ()

    @property
    def key(self) -> str:
        """Its URL key: `page`, `group` (the summary), `group/0/page`, and for a group inside
        a group, the outer item's path first: `outer/1/group/0/page`."""
        if self.group is None:
            return self.page.id
        prefix = "".join(f"{group.id}/{index}/" for group, index in self.parents)
        if self.page is None:
            return f"{prefix}{self.group.id}"
        return f"{prefix}{self.group.id}/{self.index}/{self.page.id}"

    @property
    def summary(self) -> Step:
        """The summary page of its group."""
        return Step(self.section, None, self.group, parents=self.parents)

    @property
    def is_summary(self) -> bool:
        return self.page is None


def items(answers: Mapping[str, Any], group: RepeatingGroup) -> list[dict]:
    value = answers.get(group.id)
    return value if isinstance(value, list) else []


def item_at(group_items: list, index: int | None) -> Mapping[str, Any]:
    """An item's answers; empty for an item not there yet, or not an object (as a JSON
    client may send, before validation refuses it)."""
    present = index is not None and index < len(group_items)
    item = group_items[index] if present else {}
    return item if isinstance(item, Mapping) else {}


def container(answers: Mapping[str, Any], parents) -> Mapping[str, Any]:
    """The answers that hold a group's list: the record's, or, for a group inside a group,
    the enclosing item's (empty if that item is not there yet)."""
    holder = answers
    for group, index in parents:
        holder = item_at(items(holder, group), index)
    return holder


def with_items(answers: Mapping[str, Any], parents, group: RepeatingGroup, new_items) -> dict:
    """A copy of the answers with `group`'s list, in the item at `parents`, replaced. An
    enclosing item one past the end of its list is added, as a new item's first page does."""
    result = dict(answers)
    if not parents:
        result[group.id] = new_items
        return result
    (outer, index), rest = parents[0], parents[1:]
    outer_items = list(items(answers, outer))
    if index == len(outer_items):
        outer_items.append({})
    outer_items[index] = with_items(outer_items[index], rest, group, new_items)
    result[outer.id] = outer_items
    return result


def scope_for(
    answers: Mapping[str, Any],
    group: RepeatingGroup | None,
    index: int | None,
    parents: tuple[tuple[RepeatingGroup, int], ...] = (),
):
    """What conditions read: the record's answers, with an item's answers laid over them (and
    an inner item's over its outer item's). Reading stops at an isolated group's item."""
    if group is None:
        return answers
    layers = []  # each group on the path with its item, outermost first
    holder = answers
    for each, position in (*parents, (group, index)):
        holder = item_at(items(holder, each), position)
        layers.append((each, holder))
    maps: list[Mapping[str, Any]] = [{ITEM_INDEX: index}]
    for each, item in reversed(layers):
        maps.append(item)
        if each.isolated:
            return ChainMap(*maps)
    return ChainMap(*maps, answers)


def step_scope(step: Step, answers: Mapping[str, Any]):
    return scope_for(answers, step.group, step.index, step.parents)


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
    scope = step_scope(step, answers)
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
            if applies(entry.when, answers):
                yield from _group_steps(section, entry, answers, ())
        elif applies(entry.when, answers):
            yield Step(section, entry)


def _group_steps(section: Section, group: RepeatingGroup, answers, parents) -> Iterator[Step]:
    """Each item's pages (a group inside it in its place, as its own items and summary),
    then the group's summary."""
    count = len(items(container(answers, parents), group))
    indexes = range(count) if count or group.min_count == 0 else range(1)
    for index in indexes:
        scope = scope_for(answers, group, index, parents)
        for entry in group.pages:
            if not applies(entry.when, scope):
                continue
            if isinstance(entry, RepeatingGroup):
                yield from _group_steps(section, entry, answers, (*parents, (group, index)))
            else:
                yield Step(section, entry, group, index, parents)
    yield Step(section, None, group, parents=parents)


def route(journey: Journey, answers: Mapping[str, Any]) -> list[Step]:
    return [
        step
        for section in journey.sections
        if section_applies(section, answers)
        for step in section_steps(section, answers)
    ]


def find_step(journey: Journey, answers: Mapping[str, Any], key: str) -> Step | None:
    """The step at a URL key if it applies now. A new item's pages (index == count) apply too."""
    steps = route(journey, answers)
    for step in steps:
        if step.key == key:
            return step
    return _new_item_step(steps, answers, key)


def _new_item_step(steps: list[Step], answers, key: str) -> Step | None:
    """A new item's page: `<its group's summary key>/<count>/<page>`, where that summary
    applies now."""
    head, _, page_id = key.rpartition("/")
    summary_key, _, index_text = head.rpartition("/")
    # ASCII digits only ("²" is a digit to isdigit() but not to int()), and no more than any
    # group could hold.
    if not summary_key or not re.fullmatch(r"[0-9]{1,4}", index_text):
        return None
    summary = next((s for s in steps if s.is_summary and s.key == summary_key), None)
    if summary is None:
        return None
    group, index = summary.group, int(index_text)
    if index != len(items(container(answers, summary.parents), group)):
        return None
    page = group.page_by_id.get(page_id)
    if index >= group.max_count or page is None:
        return None
    if not applies(page.when, scope_for(answers, group, index, summary.parents)):
        return None
    return Step(summary.section, page, group, index, summary.parents)


def find_summary(journey: Journey, answers: Mapping[str, Any], key: str) -> Step | None:
    """The summary page of a group at its key (`group`, `outer/0/group`), if it applies now."""
    return next((s for s in route(journey, answers) if s.is_summary and s.key == key), None)


def first_item_step(
    section: Section, group: RepeatingGroup, answers, index: int, parents=()
) -> Step | None:
    scope = scope_for(answers, group, index, parents)
    for page in group.item_pages:
        if applies(page.when, scope):
            return Step(section, page, group, index, parents)
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
        summary_key = current.summary.key
        if items(container(answers, current.parents), current.group) and summary_key in keys:
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
        scope = step_scope(step, answers)
        for question in applicable_questions(step, answers):
            yield question, scope


def group_done(group: RepeatingGroup, answers: Mapping[str, Any]) -> bool:
    """The user has said they have no more to add (an empty list means "none"), and there
    are at least the minimum number of items. `answers` are those that hold the list: the
    record's, or an outer item's."""
    return group.id in answers and len(items(answers, group)) >= group.min_count


def step_done(step: Step, answers: Mapping[str, Any]) -> bool:
    if step.is_summary:
        return group_done(step.group, container(answers, step.parents))
    scope = step_scope(step, answers)
    return all(is_done(q, scope) for q in applicable_questions(step, answers))


def _groups_satisfied(section: Section, answers) -> bool:
    """Every list that applies is finished, those inside items too."""
    if not any(isinstance(entry, RepeatingGroup) for entry in section.pages):
        return True  # no lists: no need to walk the route again
    return all(
        step_done(step, answers) for step in section_steps(section, answers) if step.is_summary
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
    if any(not step_done(summary, answers) for summary in _group_summaries(journey, answers)):
        settled = False  # another item would bring its own questions
    return Progress(answered, total, settled, completed, applicable)


@cache
def _deciding_fields(journey: Journey) -> frozenset[str]:
    """The fields whose answers decide which questions apply: those that conditions read, and
    the questions whose options reveal others."""
    conditions = [section.when for section in journey.sections]
    pages = list(journey.top_level_pages)
    for group in (inner for outer in journey.groups for inner in outer.all_groups()):
        conditions.append(group.when)
        pages.extend(group.item_pages)
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


# Where answers are kept: () for the record's own, ((group id, index), …) for an item's.
Path = tuple[tuple[str, int], ...]


def _applicable_fields(journey: Journey, answers) -> dict[Path, set[str]]:
    """The keys that apply, for the record and for each item at any depth."""
    applicable: dict[Path, set[str]] = {(): set()}
    for step in route(journey, answers):
        if step.group is None:
            for question in applicable_questions(step, answers):
                applicable[()].update(question.fields())
            continue
        holder: Path = tuple((group.id, index) for group, index in step.parents)
        applicable.setdefault(holder, set()).add(step.group.id)
        if step.page is not None:
            fields = applicable.setdefault((*holder, (step.group.id, step.index)), set())
            for question in applicable_questions(step, answers):
                fields.update(question.fields())
    return applicable


def _kept(values: Mapping[str, Any], path: Path, groups, applicable) -> dict[str, Any]:
    """The values at `path` that apply, and in each of its groups, each item's that apply."""
    allowed = applicable.get(path, set())
    result = {key: value for key, value in values.items() if key in allowed}
    for group in groups:
        if group.id in result:
            group_items = items(values, group)[: group.max_count]
            result[group.id] = [
                _kept(
                    item_at(group_items, index),
                    (*path, (group.id, index)),
                    group.groups,
                    applicable,
                )
                for index in range(len(group_items))
            ]
    return result


def clear_inapplicable(journey: Journey, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Remove answers to questions that no longer apply, derive computed values, and keep the
    soft-check confirmations that still hold."""
    cleaned = dict(answers)
    for _ in range(10):  # clearing can switch off more pages; stop when nothing changes
        applicable = _applicable_fields(journey, cleaned)
        result = _kept(cleaned, (), journey.groups, applicable)
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
            scope = step_scope(step, answers)
            for question in applicable_questions(step, answers):
                if not is_done(question, scope):
                    yield step, question


def item_prefix(parents) -> str:
    """The start of API error keys inside the items at `parents`: `outer[0].`"""
    return "".join(f"{group.id}[{index}]." for group, index in parents)


def answer_key(step: Step, field_id: str) -> str:
    """A field's key in API errors: `field`, or `group[index].field` inside an item, and
    `outer[0].group[1].field` inside an inner item."""
    if step.group is None:
        return field_id
    return f"{item_prefix(step.parents)}{step.group.id}[{step.index}].{field_id}"


def missing_answers(journey: Journey, answers: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every required answer still to give, keyed as API errors are, with its question's
    "required" message: why a complete submission in one request is refused."""
    missing = {
        answer_key(step, question.fields()[0]): [question.message("required")]
        for step, question in _unanswered(journey, answers)
        if question.required
    }
    for summary in _group_summaries(journey, answers):
        group = summary.group
        if len(items(container(answers, summary.parents), group)) < group.min_count:
            key = f"{item_prefix(summary.parents)}{group.id}"
            missing[key] = [f"Add at least {group.count_of(group.min_count)}"]
    return missing


def _group_summaries(journey: Journey, answers: Mapping[str, Any]) -> Iterator[Step]:
    """The summary step of every group that applies, groups inside items included."""
    if not journey.groups:
        return iter(())  # no lists: no need to walk the route
    return (step for step in route(journey, answers) if step.is_summary)


def _item_exists(answers: Mapping[str, Any], parents) -> bool:
    holder = answers
    for group, index in parents:
        group_items = items(holder, group)
        if index >= len(group_items):
            return False
        holder = group_items[index]
    return True


def with_optional_answers_skipped(journey: Journey, answers: Mapping[str, Any]) -> dict:
    """The answers with every applicable optional question that was not given marked as seen
    and left blank, and every applicable group not given as "none": a client that sends a
    whole record at once leaves out what it has no answer to."""
    result = dict(answers)
    for summary in list(_group_summaries(journey, result)):
        if not _item_exists(result, summary.parents):
            continue  # inside the first item of a group under its minimum, not yet added
        if summary.group.id not in container(result, summary.parents):
            result = with_items(result, summary.parents, summary.group, [])
    for step, question in list(_unanswered(journey, result)):
        if question.required:
            continue
        if step.group is None:
            result.update({field_id: None for field_id in question.fields()})
        else:
            holder = container(result, step.parents)
            group_items = [dict(item) for item in items(holder, step.group)]
            if step.index >= len(group_items):
                continue  # the first item of a group under its minimum, not yet added
            group_items[step.index].update({field_id: None for field_id in question.fields()})
            result = with_items(result, step.parents, step.group, group_items)
    return result
