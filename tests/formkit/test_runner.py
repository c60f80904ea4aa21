"""Routing, status, progress and clearing, computed from the example definition."""

from dataclasses import replace

import pytest

from app.formkit import runner
from app.formkit.conditions import ITEM_INDEX, Compare, Equals
from app.formkit.definition import Journey, Page, RepeatingGroup, Section
from app.formkit.questions import Text, YesNo
from app.formkit.runner import RecordStatus, SectionStatus
from app.formkit.validation import apply_payload
from tests.formkit.conftest import answers_from
from tests.formkit.example_journey import COMPLETE_PAYLOAD, EXAMPLE

ABOUT, HOME, HOUSEHOLD, MONEY = EXAMPLE.sections


def keys(section, answers):
    return [step.key for step in runner.section_steps(section, answers)]


def test_route_of_an_empty_record():
    assert keys(ABOUT, {}) == [
        "full_name",
        "age",
        "move_in_date",
        "contact",
        "postcode",
        "no_postcode_reason",  # NotAnswered("postcode")
        "region",
    ]
    assert keys(HOME, {}) == [
        "has_partner",
        "rent",
        "service_charge",
        "access_needs",
        "support",
        "notes",
    ]
    assert keys(HOUSEHOLD, {}) == ["members"]  # no items yet: just the "add another" page


def test_pages_apply_by_condition():
    assert "region_detail" in keys(ABOUT, {"region": "north"})  # OneOf
    assert "region_detail" not in keys(ABOUT, {"region": "wales"})
    assert "no_postcode_reason" not in keys(ABOUT, {"postcode": "SW1A 1AA"})
    assert "partner_name" in keys(HOME, {"has_partner": True})  # Equals
    assert "partner_care" not in keys(HOME, {"has_partner": True, "age": 59})
    assert "partner_care" in keys(HOME, {"has_partner": True, "age": 60})  # AND with Compare
    assert "partner_care" not in keys(HOME, {"has_partner": False, "age": 70})


def test_repeating_group_pages_and_item_conditions():
    one = {"members": [{"member_name": "A"}]}
    assert keys(HOUSEHOLD, one) == [
        "members/0/details",
        "members/0/member_relationship",
        "members",
    ]
    two = {"members": [{"member_name": "A"}, {"member_name": "B"}]}
    # Only the first item is asked the relationship question (a condition on the item index).
    assert keys(HOUSEHOLD, two) == [
        "members/0/details",
        "members/0/member_relationship",
        "members/1/details",
        "members",
    ]


def test_a_group_with_a_minimum_starts_with_its_first_item():
    group = replace(HOUSEHOLD.pages[0], min_count=1)
    section = replace(HOUSEHOLD, pages=(group,))
    assert keys(section, {}) == ["members/0/details", "members/0/member_relationship", "members"]


@pytest.mark.parametrize(
    ("key", "found"),
    [
        ("members/1/details", True),  # the next new item
        ("members/2/details", False),  # skips an item
        ("members/0/details", True),
        ("members/x/details", False),
        ("members/1/nope", False),
        ("nope", False),
        ("region_detail", False),  # does not apply
    ],
)
def test_find_step_only_finds_applicable_pages(key, found):
    answers = {"members": [{"member_name": "A"}], "region": "wales"}
    assert (runner.find_step(EXAMPLE, answers, key) is not None) is found


def test_no_new_item_beyond_the_maximum():
    full = {"members": [{"member_name": str(n)} for n in range(3)]}
    assert runner.find_step(EXAMPLE, full, "members/3/details") is None


def test_next_and_previous_skip_pages_that_do_not_apply():
    answers = {"postcode": "SW1A 1AA"}
    postcode = runner.find_step(EXAMPLE, answers, "postcode")
    assert runner.next_step(EXAMPLE, answers, postcode).key == "region"
    region = runner.find_step(EXAMPLE, answers, "region")
    assert runner.previous_step(EXAMPLE, answers, region).key == "postcode"
    first = runner.find_step(EXAMPLE, answers, "full_name")
    assert runner.previous_step(EXAMPLE, answers, first) is None
    last = runner.find_step(EXAMPLE, {"region": "wales"}, "region")
    assert runner.next_step(EXAMPLE, {"region": "wales"}, last) is None  # end of section


def test_previous_from_a_new_item_goes_to_the_summary():
    answers = {"members": [{"member_name": "A"}]}
    new_item = runner.find_step(EXAMPLE, answers, "members/1/details")
    assert runner.previous_step(EXAMPLE, answers, new_item).key == "members"


def test_section_statuses(complete_answers):
    statuses = {s.id: runner.section_status(EXAMPLE, s, {}) for s in EXAMPLE.sections}
    assert statuses == {
        "about": SectionStatus.NOT_STARTED,
        "home": SectionStatus.NOT_STARTED,
        "household": SectionStatus.NOT_STARTED,
        "money": SectionStatus.CANNOT_START,  # depends on "about"
    }
    partial = answers_from({"full_name": "Ada"})
    assert runner.section_status(EXAMPLE, ABOUT, partial) is SectionStatus.IN_PROGRESS
    assert runner.section_status(EXAMPLE, HOUSEHOLD, {"members": []}) is SectionStatus.COMPLETED
    for section in EXAMPLE.sections:
        assert runner.section_status(EXAMPLE, section, complete_answers) is SectionStatus.COMPLETED


def test_record_status_and_progress(complete_answers):
    assert runner.record_status(EXAMPLE, {}) is RecordStatus.NOT_STARTED
    partial = answers_from({"full_name": "Ada", "age": 40})
    assert runner.record_status(EXAMPLE, partial) is RecordStatus.IN_PROGRESS
    assert runner.record_status(EXAMPLE, complete_answers) is RecordStatus.COMPLETED
    progress = runner.progress(EXAMPLE, partial)
    assert progress.answered == 2
    assert progress.total == runner.progress(EXAMPLE, {}).total
    assert (progress.sections_completed, progress.sections_total) == (0, 4)
    done = runner.progress(EXAMPLE, complete_answers)
    assert done.answered == done.total and done.settled
    assert (done.sections_completed, done.sections_total) == (4, 4)


def test_a_total_that_can_still_grow_is_not_settled():
    # The contact method decides which question it reveals; "add another" is open-ended.
    assert not runner.progress(EXAMPLE, answers_from({"full_name": "Ada", "age": 40})).settled
    answers = answers_from({k: v for k, v in COMPLETE_PAYLOAD.items() if k != "members"})
    assert not runner.progress(EXAMPLE, answers).settled
    # Only questions no condition reads are left (the rent and the notes): the total is final.
    payload = {k: v for k, v in COMPLETE_PAYLOAD.items() if k not in ("rent", "notes")}
    progress = runner.progress(EXAMPLE, answers_from(payload))
    assert progress.settled and progress.answered == progress.total - 2


def test_a_settled_total_does_not_jump_as_the_record_is_answered(complete_answers):
    """Answering page by page in route order, the total shown (only once settled) stays the
    same to the end: no "0 of 53", "71 of 71", "71 of 75"."""
    given: dict = {}
    shown = []
    for step in runner.route(EXAMPLE, complete_answers):
        if step.group is not None:
            given[step.group.id] = complete_answers[step.group.id][: (step.index or 0) + 1]
        else:
            given.update(
                {f: complete_answers[f] for f in step.page.fields if f in complete_answers}
            )
        progress = runner.progress(EXAMPLE, answers_from({}, given))
        if progress.settled:
            shown.append(progress.total)
    assert shown and set(shown) == {runner.progress(EXAMPLE, complete_answers).total}


def test_the_next_section_to_answer(complete_answers):
    about_done = answers_from({k: v for k, v in COMPLETE_PAYLOAD.items() if k in ABOUT.fields})
    assert runner.next_section_start(EXAMPLE, about_done, ABOUT).key == "has_partner"
    # Completed sections are passed over; so are those that cannot start yet.
    household_done = {**about_done, "members": []}
    assert runner.next_section_start(EXAMPLE, household_done, HOME).key == "savings"
    # Nothing left after it: round to an earlier section still to answer (someone who
    # started part-way), and only with nothing left anywhere, nowhere further.
    not_about = answers_from({"has_partner": False})
    assert runner.next_section_start(EXAMPLE, not_about, HOUSEHOLD).key == "full_name"
    assert runner.next_section_start(EXAMPLE, about_done, MONEY).key == "has_partner"
    assert runner.next_section_start(EXAMPLE, complete_answers, ABOUT) is None


def test_where_the_last_page_of_a_section_leads(complete_answers):
    about_done = answers_from({k: v for k, v in COMPLETE_PAYLOAD.items() if k in ABOUT.fields})
    assert runner.after_section(EXAMPLE, about_done, ABOUT).key == "has_partner"
    # Left with gaps: its own summary, which says what is missing.
    no_rent = answers_from({k: v for k, v in COMPLETE_PAYLOAD.items() if k != "rent"})
    assert runner.after_section(EXAMPLE, no_rent, HOME) is runner.SectionEnd.SECTION_SUMMARY
    # Nothing left anywhere: check answers, where the record is submitted.
    assert runner.after_section(EXAMPLE, complete_answers, MONEY) is runner.SectionEnd.CHECK_ANSWERS


def test_optional_questions_left_blank_count_as_answered():
    skipped = answers_from({"notes": None})
    assert "notes" in skipped
    notes = runner.find_step(EXAMPLE, skipped, "notes")
    assert runner.step_done(notes, skipped)


def test_first_unanswered_step(complete_answers):
    assert runner.first_unanswered_step(EXAMPLE, {}).key == "full_name"
    assert runner.first_unanswered_step(EXAMPLE, answers_from({"full_name": "A"})).key == "age"
    missing_rent = {k: v for k, v in complete_answers.items() if k != "rent"}
    assert runner.first_unanswered_step(EXAMPLE, missing_rent).key == "rent"
    assert runner.first_unanswered_step(EXAMPLE, complete_answers) is None
    no_group_answer = {k: v for k, v in complete_answers.items() if k != "members"}
    assert runner.first_unanswered_step(EXAMPLE, no_group_answer).key == "members"


def test_changing_an_answer_clears_what_no_longer_applies(complete_answers):
    with_partner = answers_from({"has_partner": True, "partner_name": "Bo"}, complete_answers)
    assert with_partner["partner_name"] == "Bo"
    without = answers_from({"has_partner": False}, with_partner)
    assert "partner_name" not in without


def test_clearing_follows_chains_and_reveals(complete_answers):
    # Changing the contact method clears the answer revealed by the old one.
    by_phone = answers_from(
        {"contact_method": "phone", "contact_phone": "07700 900982"}, complete_answers
    )
    assert "contact_email" not in by_phone
    # Removing the postcode makes its follow-up apply; giving it back clears the follow-up.
    no_postcode = answers_from({"postcode": None, "no_postcode_reason": "New build"}, by_phone)
    assert no_postcode["no_postcode_reason"] == "New build"
    again = answers_from({"postcode": "SW1A 1AA"}, no_postcode)
    assert "no_postcode_reason" not in again


def test_clearing_inside_group_items(complete_answers):
    # A stored answer on an item the question does not apply to is removed.
    stored = {
        **complete_answers,
        "members": [
            {"member_name": "A", "member_age": 1, "member_relationship": "child"},
            {"member_name": "B", "member_age": 2, "member_relationship": "other"},
        ],
    }
    answers = runner.clear_inapplicable(EXAMPLE, stored)
    assert answers["members"][0]["member_relationship"] == "child"
    assert "member_relationship" not in answers["members"][1]


def test_derived_values(complete_answers):
    assert complete_answers["total_charge"] == 130.5
    assert complete_answers["household_size"] == 2
    without_rent = answers_from({"rent": None}, complete_answers)
    assert "total_charge" not in without_rent


def test_clearing_is_stable(complete_answers):
    assert runner.clear_inapplicable(EXAMPLE, complete_answers) == complete_answers


# -- isolated repeating groups ---------------------------------------------------------------
# A tiny journey whose group items ask the record's own questions again, as a joint applicant
# answers the main applicant's questions: the same ids at the top level and in each item.

NAME = Text(
    id="name",
    label="What is your name?",
    cya_label="Name",
    messages={"required": "Enter your name"},
)
NICKNAME = Text(
    id="nickname", label="Do you have a nickname?", cya_label="Nickname", required=False
)
WORKING = YesNo(
    id="working",
    label="Are you working?",
    noun="whether you are working",
    messages={"required": "Select yes if you are working"},
)
EMPLOYER = Text(id="employer", label="Who is your employer?", cya_label="Employer", required=False)


def _applicant_pages() -> tuple[Page, ...]:
    return (
        Page(id="name", title="Your name", questions=(NAME, NICKNAME)),
        Page.of(WORKING),
        Page.of(EMPLOYER, when=Equals("working", True)),
    )


def _joint_journey(isolated: bool = True, min_count: int = 0) -> Journey:
    joint = RepeatingGroup(
        id="joint",
        item_name="joint applicant",
        isolated=isolated,
        min_count=min_count,
        pages=_applicant_pages(),
    )
    return Journey(
        id="joint_application",
        title="Joint application",
        sections=(
            Section(id="you", title="You", pages=_applicant_pages()),
            Section(id="joint", title="Joint applicants", pages=(joint,)),
        ),
    )


ISOLATED, SHARED = _joint_journey(isolated=True), _joint_journey(isolated=False)
MAIN = {"name": "Ada", "nickname": None, "working": True, "employer": "Analytical Engines"}


def test_an_isolated_item_does_not_see_the_top_level_answers():
    answers = {**MAIN, "joint": [{"name": "Bo"}]}
    scope = runner.scope_for(answers, ISOLATED.group_by_id["joint"], 0)
    assert dict(scope) == {ITEM_INDEX: 0, "name": "Bo"}
    assert "working" not in scope and "employer" not in scope
    # Without isolation the item falls back to the record's answers.
    shared = runner.scope_for(answers, SHARED.group_by_id["joint"], 0)
    assert (shared["name"], shared["working"]) == ("Bo", True)


def test_an_isolated_item_still_knows_its_index():
    answers = {**MAIN, "joint": [{"name": "Bo"}, {"name": "Cy"}]}
    scope = runner.scope_for(answers, ISOLATED.group_by_id["joint"], 1)
    assert scope[ITEM_INDEX] == 1
    assert Compare(ITEM_INDEX, "==", 1).holds(scope)


def test_a_top_level_answer_does_not_switch_an_isolated_items_conditions():
    joint_section = ISOLATED.section_by_id["joint"]
    answers = {**MAIN, "joint": [{"name": "Bo"}]}
    # At the top level "working" is True, but this joint applicant has not said so.
    assert keys(joint_section, answers) == ["joint/0/name", "joint/0/working", "joint"]
    assert runner.find_step(ISOLATED, answers, "joint/0/employer") is None
    assert keys(SHARED.section_by_id["joint"], answers) == [
        "joint/0/name",
        "joint/0/working",
        "joint/0/employer",
        "joint",
    ]
    # The item's own answer switches its own pages.
    working = {**MAIN, "joint": [{"name": "Bo", "working": True}]}
    assert "joint/0/employer" in keys(joint_section, working)
    not_working = {**MAIN, "working": False, "joint": [{"name": "Bo", "working": True}]}
    assert "joint/0/employer" in keys(joint_section, not_working)


def test_a_top_level_answer_does_not_make_an_isolated_items_question_done():
    answers = {**MAIN, "joint": [{}]}
    name_step = runner.find_step(ISOLATED, answers, "joint/0/name")
    assert not runner.step_done(name_step, answers)
    assert runner.first_unanswered_step(ISOLATED, answers).key == "joint/0/name"
    assert runner.record_status(ISOLATED, answers) is RecordStatus.IN_PROGRESS
    joint_section = ISOLATED.section_by_id["joint"]
    assert runner.section_status(ISOLATED, joint_section, answers) is SectionStatus.IN_PROGRESS
    assert runner.missing_answers(ISOLATED, answers) == {
        "joint[0].name": ["Enter your name"],
        "joint[0].working": ["Select yes if you are working"],
    }
    # Without isolation, the empty item borrows the main applicant's answers and looks done.
    assert runner.step_done(runner.find_step(SHARED, answers, "joint/0/name"), answers)
    assert runner.missing_answers(SHARED, answers) == {}
    assert runner.record_status(SHARED, answers) is RecordStatus.COMPLETED


def test_clearing_an_isolated_item_reads_only_that_item():
    answers = {**MAIN, "joint": [{"name": "Bo", "employer": "Elsewhere"}]}
    cleaned = runner.clear_inapplicable(ISOLATED, answers)
    assert cleaned["joint"] == [{"name": "Bo"}]  # this applicant never said they work
    assert cleaned["employer"] == "Analytical Engines"
    shared = runner.clear_inapplicable(SHARED, answers)
    assert shared["joint"] == [{"name": "Bo", "employer": "Elsewhere"}]


def test_an_answer_for_a_question_an_isolated_item_does_not_ask_is_refused():
    payload = {"joint": [{"name": "Bo", "employer": "Elsewhere"}]}
    outcome = apply_payload(ISOLATED, payload, MAIN)
    assert outcome.errors == {
        "joint[0].employer": ["This question does not apply, given the other answers"]
    }
    assert apply_payload(SHARED, payload, MAIN).ok
    accepted = apply_payload(
        ISOLATED, {"joint": [{"name": "Bo", "working": True, "employer": "Elsewhere"}]}, MAIN
    )
    assert accepted.answers["joint"] == [{"name": "Bo", "working": True, "employer": "Elsewhere"}]


# -- missing answers, for a whole record in one request ----------------------------------------

# Support stores one boolean per option; answered here so every key below is a JSON field.
SUPPORT = {"support_benefits": True, "support_debt": False, "support_none": False}


def test_missing_answers_lists_every_required_question_that_applies():
    assert runner.missing_answers(EXAMPLE, answers_from(SUPPORT)) == {
        "full_name": ["Enter your full name"],
        "age": ["Enter your age"],
        "move_in_date": ["Enter the date you moved in"],
        "contact_method": ["Select how we should contact you"],
        "no_postcode_reason": ["Enter why you do not have a postcode"],
        "region": ["Select the region you live in"],
        "has_partner": ["Select yes if you live with a partner"],
        "rent": ["Enter your weekly rent"],
        "access_needs": ["Select your access needs, or select ‘None of these’"],
        "savings": ["Enter your savings"],
        "deposit": ["Enter your deposit"],
    }
    # Not listed: optional questions (postcode, service charge, notes), questions that do not
    # apply (the county, the partner's name, the revealed contact details) and a group that
    # needs no items.


def test_missing_answers_follow_the_conditions():
    answers = answers_from(
        {**SUPPORT, "postcode": "SW1A 1AA", "region": "north", "has_partner": True}
    )
    missing = runner.missing_answers(EXAMPLE, answers)
    assert "no_postcode_reason" not in missing  # a postcode was given
    assert missing["region_detail"] == ["Enter the county"]
    assert missing["partner_name"] == ["Enter your partner’s name"]
    assert "partner_care" not in missing  # only asked from age 60
    assert "contact_email" not in missing
    by_email = answers_from({"contact_method": "email"}, answers)
    assert runner.missing_answers(EXAMPLE, by_email)["contact_email"] == [
        "Enter your email address"
    ]


def test_missing_answers_of_a_complete_record_is_empty(complete_answers):
    assert runner.missing_answers(EXAMPLE, complete_answers) == {}


def test_missing_answers_inside_group_items_are_keyed_by_item():
    answers = answers_from({"members": [{"member_name": "Ann"}, {"member_age": 6}]})
    missing = runner.missing_answers(EXAMPLE, answers)
    assert {key: value for key, value in missing.items() if key.startswith("members")} == {
        "members[0].member_age": ["Enter their age"],
        "members[0].member_relationship": ["Select their relationship to you"],
        "members[1].member_name": ["Enter their name"],
    }


def test_missing_answers_name_a_group_under_its_minimum():
    journey = _joint_journey(min_count=1)
    assert runner.missing_answers(journey, {**MAIN, "joint": []}) == {
        # The first item's pages are in the route even before it is added.
        "joint[0].name": ["Enter your name"],
        "joint[0].working": ["Select yes if you are working"],
        "joint": ["Add at least 1 joint applicant"],
    }
    complete = {**MAIN, "joint": [{"name": "Bo", "nickname": None, "working": False}]}
    assert runner.missing_answers(journey, complete) == {}


def test_a_group_in_a_section_that_does_not_apply_is_not_missing():
    joint = RepeatingGroup(
        id="joint", item_name="joint applicant", min_count=2, pages=_applicant_pages()
    )
    journey = Journey(
        id="j",
        title="J",
        sections=(
            Section(id="you", title="You", pages=_applicant_pages()),
            Section(
                id="joint",
                title="Joint applicants",
                pages=(joint,),
                when=Equals("working", False),
            ),
        ),
    )
    assert runner.missing_answers(journey, MAIN) == {}
    assert "joint" not in runner.with_optional_answers_skipped(journey, MAIN)
    answers = {**MAIN, "working": False}
    assert runner.missing_answers(journey, answers)["joint"] == ["Add at least 2 joint applicants"]


def test_answer_key_is_the_api_error_key():
    answers = answers_from({"members": [{"member_name": "Ann"}]})
    step = runner.find_step(EXAMPLE, answers, "members/1/details")
    assert runner.answer_key(step, "member_age") == "members[1].member_age"
    assert runner.answer_key(runner.find_step(EXAMPLE, answers, "age"), "age") == "age"
    # The same key the API uses for a bad value in that place.
    outcome = apply_payload(EXAMPLE, {"members": [{"member_name": "Ann"}, {"member_age": 500}]}, {})
    assert list(outcome.errors) == ["members[1].member_age"]


def test_optional_answers_not_given_are_marked_as_seen():
    assert runner.with_optional_answers_skipped(EXAMPLE, {}) == {
        "postcode": None,
        "service_charge": None,
        "notes": None,
        "members": [],  # the group that applies, as "none"
    }
    given = answers_from({"notes": "Ground floor please", "members": [{"member_name": "Ann"}]})
    skipped = runner.with_optional_answers_skipped(EXAMPLE, given)
    assert skipped["notes"] == "Ground floor please"
    assert skipped["members"] == given["members"]


def test_skipping_optional_answers_leaves_required_ones_missing():
    answers = answers_from({"full_name": "Ada"})
    skipped = runner.with_optional_answers_skipped(EXAMPLE, answers)
    assert "age" not in skipped and "rent" not in skipped
    assert runner.missing_answers(EXAMPLE, skipped) == runner.missing_answers(EXAMPLE, answers)
    assert runner.record_status(EXAMPLE, skipped) is RecordStatus.IN_PROGRESS


def test_skipping_optional_answers_completes_a_record_with_every_required_answer():
    left_out = ("service_charge", "notes", "members")
    answers = answers_from({k: v for k, v in COMPLETE_PAYLOAD.items() if k not in left_out})
    assert runner.record_status(EXAMPLE, answers) is RecordStatus.IN_PROGRESS
    assert runner.missing_answers(EXAMPLE, answers) == {}
    skipped = runner.with_optional_answers_skipped(EXAMPLE, answers)
    assert {key: skipped[key] for key in left_out} == {
        "service_charge": None,
        "notes": None,
        "members": [],
    }
    assert runner.record_status(EXAMPLE, skipped) is RecordStatus.COMPLETED
    assert "service_charge" not in answers  # the answers given are not changed


def test_skipping_marks_optional_questions_only_where_they_apply():
    # The employer is asked only of those who work: here the joint applicant, not the main one.
    joint = [{"name": "Bo", "working": True}]
    skipped = runner.with_optional_answers_skipped(
        ISOLATED, {"name": "Ada", "working": False, "joint": joint}
    )
    assert skipped == {
        "name": "Ada",
        "nickname": None,
        "working": False,
        "joint": [{"name": "Bo", "working": True, "nickname": None, "employer": None}],
    }
    assert joint == [{"name": "Bo", "working": True}]  # the answers given are not changed
    assert runner.record_status(ISOLATED, skipped) is RecordStatus.COMPLETED


def test_skipping_in_a_group_under_its_minimum_adds_no_item():
    journey = _joint_journey(min_count=1)
    skipped = runner.with_optional_answers_skipped(journey, MAIN)
    assert skipped == {**MAIN, "joint": []}
    assert runner.missing_answers(journey, skipped)["joint"] == ["Add at least 1 joint applicant"]


def test_after_a_change_the_pages_it_brought_in_are_asked():
    before = answers_from({**COMPLETE_PAYLOAD, "has_partner": False})
    after = answers_from({"has_partner": True}, before)
    age = runner.find_step(EXAMPLE, after, "age")
    has_partner = runner.find_step(EXAMPLE, after, "has_partner")
    step = runner.step_to_ask_after_change(EXAMPLE, before, after, has_partner)
    assert step.key == "partner_name"
    # Answered, the page brought in leads on to the next one still to answer, if any.
    named = answers_from({"partner_name": "Cy"}, after)
    partner_name = runner.find_step(EXAMPLE, named, "partner_name")
    assert runner.step_to_ask_after_change(EXAMPLE, after, named, partner_name) is None
    # Older now, the partner's care applies: a later section's page, unless the walk is kept
    # to the changed page's section.
    older = answers_from({"age": 61}, named)
    assert runner.step_to_ask_after_change(EXAMPLE, named, older, age).key == "partner_care"
    assert runner.step_to_ask_after_change(EXAMPLE, named, older, age, ABOUT) is None


def test_a_change_does_not_bring_in_what_was_already_left_to_answer():
    before = answers_from({"full_name": "Ada", "age": 30})
    after = answers_from({"age": 31}, before)
    age = runner.find_step(EXAMPLE, after, "age")
    assert runner.step_to_ask_after_change(EXAMPLE, before, after, age) is None
