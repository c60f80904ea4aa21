"""Answers filled in from elsewhere stay marked while they are unchanged, and never count as
answers themselves."""

from app.formkit.definition import SOURCES
from app.formkit.outputs import check_answers
from app.formkit.provenance import source_of, with_source
from app.formkit.runner import RecordStatus, clear_inapplicable, record_status
from app.formkit.validation import apply_payload
from app.journeys.lettings_log import LETTINGS_LOG

AGE = LETTINGS_LOG.question_for_field["person_1_age"]


def _marked(answers):
    return with_source(LETTINGS_LOG, answers, ["person_1_age"], "From probation record")


def test_a_marked_answer_keeps_its_source_until_it_changes():
    answers = _marked({"person_1_age": 40})
    assert source_of(AGE, answers) == "From probation record"
    assert source_of(AGE, clear_inapplicable(LETTINGS_LOG, answers)) == "From probation record"
    changed = apply_payload(LETTINGS_LOG, {"person_1_age": 41}, answers).answers
    assert source_of(AGE, changed) is None
    assert SOURCES not in changed


def test_a_source_does_not_start_a_record():
    assert record_status(LETTINGS_LOG, {SOURCES: {}}) is RecordStatus.NOT_STARTED


def test_check_answers_rows_carry_the_source():
    answers = _marked({"person_1_age": 40, "tenant_code": "T1"})
    [summary] = check_answers(LETTINGS_LOG, answers, LETTINGS_LOG.sections[0])
    rows = {row.label: row.source for row in summary.rows}
    assert rows["Age"] == "From probation record"
    assert rows["Tenant code"] is None
