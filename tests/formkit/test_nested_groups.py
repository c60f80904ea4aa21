"""Groups inside groups: the example journey's household members each have jobs (asked of
members 16 and over), and a small journey nests three deep. The route, conditions, status,
clearing, pages, payloads, the JSON API and outputs all reach the inner items."""

import jsonschema
import pytest
from werkzeug.datastructures import MultiDict

from app.formkit import outputs, runner
from app.formkit.conditions import Compare, Equals
from app.formkit.definition import Journey, Page, RepeatingGroup, Section
from app.formkit.questions import Text, YesNo
from app.formkit.runner import RecordStatus, SectionStatus
from app.formkit.validation import NOT_APPLICABLE, UNKNOWN_FIELD, apply_payload, save_page
from app.formkit.validation import remove_item as remove
from tests.formkit.conftest import answers_from
from tests.formkit.example_journey import COMPLETE_PAYLOAD, EXAMPLE

HOUSEHOLD = EXAMPLE.section_by_id["household"]
MEMBERS = EXAMPLE.group_by_id["members"]
JOBS = MEMBERS.group_by_id["jobs"]

CHILD = {"member_name": "Byron", "member_age": 8, "member_relationship": "child"}
ADULT = {"member_name": "Ada", "member_age": 40}
TEEN = {"member_name": "Cy", "member_age": 17}


def keys(answers):
    return [step.key for step in runner.section_steps(HOUSEHOLD, answers)]


def save(key, form, answers):
    step = runner.find_step(EXAMPLE, answers, key)
    assert step is not None, key
    return save_page(EXAMPLE, step, MultiDict(form), answers)


# -- the definition --------------------------------------------------------------------------


def test_a_group_lists_its_inner_groups_apart_from_its_own_pages():
    assert MEMBERS.groups == (JOBS,)
    assert [page.id for page in MEMBERS.item_pages] == ["details", "member_relationship"]
    assert [q.id for q in MEMBERS.questions] == ["member_name", "member_age", "member_relationship"]
    assert MEMBERS.all_groups() == (MEMBERS, JOBS)
    # Every question is checked at import, inner ones too.
    assert {"job_title", "job_hours"} <= {q.id for q in EXAMPLE.all_questions}


def test_an_inner_required_question_without_its_message_is_refused():
    inner = RepeatingGroup(
        id="inner", item_name="inner", pages=(Page.of(Text(id="name", label="Name")),)
    )
    outer = RepeatingGroup(
        id="outer",
        item_name="outer",
        pages=(Page.of(Text(id="x", label="X", required=False)), inner),
    )
    with pytest.raises(ValueError, match="'name' needs a written message"):
        Journey(id="j", title="J", sections=(Section(id="s", title="S", pages=(outer,)),))


def test_a_field_declared_twice_in_one_item_is_refused():
    same = Text(id="x", label="X", required=False)
    inner = RepeatingGroup(id="x", item_name="inner", pages=(Page.of(same),))
    outer = RepeatingGroup(id="outer", item_name="outer", pages=(Page.of(same), inner))
    with pytest.raises(ValueError, match="'x' is declared twice in 'outer'"):
        Journey(id="j", title="J", sections=(Section(id="s", title="S", pages=(outer,)),))


# -- the route -------------------------------------------------------------------------------


def test_an_inner_group_is_asked_inside_each_item_it_applies_to():
    answers = {"members": [CHILD, {**ADULT, "jobs": [{"job_title": "Nurse"}]}]}

    assert keys(answers) == [
        "members/0/details",
        "members/0/member_relationship",
        # A child has no jobs: the inner group's condition reads the item's age.
        "members/1/details",
        "members/1/jobs/0/job_title",
        "members/1/jobs",  # the inner "add another" page
        "members",
    ]


def test_an_inner_items_conditions_read_the_outer_items_answers():
    answers = {"members": [{**TEEN, "jobs": [{"job_title": "Paper round"}]}]}

    assert "members/0/jobs/0/job_hours" in keys(answers)
    step = runner.find_step(EXAMPLE, answers, "members/0/jobs/0/job_hours")
    scope = runner.step_scope(step, answers)
    assert scope["job_title"] == "Paper round"
    assert scope["member_age"] == 17  # the outer item's
    assert "members/0/jobs/0/job_hours" not in keys({"members": [{**ADULT, "jobs": [{}]}]})


def test_a_new_inner_items_page_is_found_and_nothing_past_it():
    answers = {"members": [{**ADULT, "jobs": [{"job_title": "Nurse"}]}]}

    step = runner.find_step(EXAMPLE, answers, "members/0/jobs/1/job_title")
    assert step.key == "members/0/jobs/1/job_title"
    assert step.parents == ((MEMBERS, 0),)
    assert (step.group, step.index) == (JOBS, 1)
    assert runner.find_step(EXAMPLE, answers, "members/0/jobs/2/job_title") is None
    assert runner.find_step(EXAMPLE, answers, "members/0/jobs/1/nonsense") is None
    assert runner.find_step(EXAMPLE, answers, "members/1/jobs/0/job_title") is None
    child = {"members": [CHILD]}
    assert runner.find_step(EXAMPLE, child, "members/0/jobs/0/job_title") is None
    full = {"members": [{**ADULT, "jobs": [{"job_title": "A"}, {"job_title": "B"}]}]}
    assert runner.find_step(EXAMPLE, full, "members/0/jobs/2/job_title") is None  # max_count


def test_back_from_a_new_inner_items_page():
    with_job = {"members": [{**ADULT, "jobs": [{"job_title": "Nurse"}]}]}
    step = runner.find_step(EXAMPLE, with_job, "members/0/jobs/1/job_title")
    assert runner.previous_step(EXAMPLE, with_job, step).key == "members/0/jobs"

    without = {"members": [ADULT]}
    step = runner.find_step(EXAMPLE, without, "members/0/jobs/0/job_title")
    # The first member is asked their relationship after their details.
    assert runner.previous_step(EXAMPLE, without, step).key == "members/0/member_relationship"


# -- status ----------------------------------------------------------------------------------


def test_a_section_waits_for_each_inner_list():
    base = answers_from(COMPLETE_PAYLOAD)
    adult_without_jobs = {**base, "members": [CHILD, ADULT]}

    assert runner.section_status(EXAMPLE, HOUSEHOLD, adult_without_jobs) is (
        SectionStatus.IN_PROGRESS
    )
    assert runner.record_status(EXAMPLE, adult_without_jobs) is RecordStatus.IN_PROGRESS
    assert runner.first_unanswered_step(EXAMPLE, adult_without_jobs).key == "members/1/jobs"
    assert not runner.progress(EXAMPLE, adult_without_jobs).settled

    none = {**base, "members": [CHILD, {**ADULT, "jobs": []}]}  # "none"
    assert runner.section_status(EXAMPLE, HOUSEHOLD, none) is SectionStatus.COMPLETED
    assert runner.record_status(EXAMPLE, none) is RecordStatus.COMPLETED


def test_missing_answers_name_inner_items():
    answers = {"members": [{**TEEN, "jobs": [{"job_title": "Paper round"}]}]}

    missing = runner.missing_answers(EXAMPLE, answers)

    assert missing["members[0].jobs[0].job_hours"] == ["Enter the hours they work a week"]


def test_with_optional_answers_skipped_says_none_for_inner_lists_not_given():
    answers = {"members": [CHILD, ADULT]}

    filled = runner.with_optional_answers_skipped(EXAMPLE, answers)

    assert filled["members"][1]["jobs"] == []
    assert "jobs" not in filled["members"][0]  # does not apply to a child
    assert answers == {"members": [CHILD, ADULT]}  # unchanged


# -- pages -----------------------------------------------------------------------------------


def test_a_page_saves_a_new_inner_item_and_then_changes_it():
    answers = {"members": [CHILD, ADULT]}

    outcome = save("members/1/jobs/0/job_title", {"job_title": "Nurse"}, answers)
    assert outcome.ok
    assert outcome.answers["members"][1]["jobs"] == [{"job_title": "Nurse"}]
    assert outcome.answers["members"][0] == CHILD

    again = save("members/1/jobs/0/job_title", {"job_title": "Doctor"}, outcome.answers)
    assert again.answers["members"][1]["jobs"] == [{"job_title": "Doctor"}]
    assert answers == {"members": [CHILD, ADULT]}  # never changed in place


def test_an_inner_pages_errors_are_shown_on_it():
    answers = {"members": [{**TEEN, "jobs": [{"job_title": "Paper round"}]}]}

    outcome = save("members/0/jobs/0/job_hours", {"job_hours": "60"}, answers)

    assert outcome.errors == {"job_hours": ["Hours a week must be between 1 and 40"]}
    assert outcome.answers == answers


def test_removing_an_inner_item_leaves_the_others():
    jobs = [{"job_title": "A"}, {"job_title": "B"}]
    answers = {"members": [CHILD, {**ADULT, "jobs": jobs}]}

    after = remove(EXAMPLE, JOBS, 0, answers, ((MEMBERS, 1),))

    assert after["members"][1]["jobs"] == [{"job_title": "B"}]
    assert after["members"][0] == CHILD


# -- clearing --------------------------------------------------------------------------------


def test_inner_answers_that_stop_applying_are_cleared():
    teen = {**TEEN, "jobs": [{"job_title": "Paper round", "job_hours": 6}]}

    grown_up = runner.clear_inapplicable(EXAMPLE, {"members": [{**teen, "member_age": 30}]})
    assert grown_up["members"][0]["jobs"] == [{"job_title": "Paper round"}]

    child = runner.clear_inapplicable(EXAMPLE, {"members": [{**teen, "member_age": 12}]})
    assert "jobs" not in child["members"][0]


def test_an_inner_list_is_cut_to_its_maximum():
    jobs = [{"job_title": str(n)} for n in range(4)]

    cleaned = runner.clear_inapplicable(EXAMPLE, {"members": [{**ADULT, "jobs": jobs}]})

    assert len(cleaned["members"][0]["jobs"]) == JOBS.max_count


# -- JSON payloads ---------------------------------------------------------------------------


def test_a_payload_gives_inner_lists():
    members = [CHILD, {**ADULT, "jobs": [{"job_title": "Nurse"}]}, {**TEEN, "jobs": []}]

    outcome = apply_payload(EXAMPLE, {"members": members}, {})

    assert outcome.ok, outcome.errors
    assert outcome.answers["members"][1]["jobs"] == [{"job_title": "Nurse"}]
    assert outcome.answers["members"][2]["jobs"] == []


def test_inner_errors_have_their_whole_path():
    members = [
        {**TEEN, "jobs": [{"job_title": "Paper round", "job_hours": 99}, {"shoe_size": 9}]},
        {**ADULT, "jobs": "Nurse"},
    ]

    outcome = apply_payload(EXAMPLE, {"members": members}, {})

    assert outcome.errors == {
        "members[0].jobs[0].job_hours": ["Hours a week must be between 1 and 40"],
        "members[0].jobs[1].shoe_size": [UNKNOWN_FIELD],
        "members[1].jobs": ["Give their jobs as a list"],
    }
    assert outcome.answers == {}


def test_too_many_inner_items_are_refused():
    jobs = [{"job_title": str(n)} for n in range(3)]

    outcome = apply_payload(EXAMPLE, {"members": [{**ADULT, "jobs": jobs}]}, {})

    assert outcome.errors == {"members[0].jobs": ["You can add up to 2 jobs"]}


def test_inner_answers_that_do_not_apply_are_refused():
    outcome = apply_payload(
        EXAMPLE,
        {
            "members": [
                {**CHILD, "jobs": [{"job_title": "Paper round"}]},  # a child has no jobs
                {**ADULT, "jobs": [{"job_title": "Nurse", "job_hours": 30}]},  # adults' hours
            ]
        },
        {},
    )

    assert outcome.errors == {
        "members[0].jobs": [NOT_APPLICABLE],
        "members[1].jobs[0].job_hours": [NOT_APPLICABLE],
    }


# -- outputs ---------------------------------------------------------------------------------


@pytest.fixture
def household():
    jobs = [{"job_title": "Nurse"}, {"job_title": "Author"}]
    return answers_from({"members": [CHILD, {**ADULT, "jobs": jobs}, {**TEEN, "jobs": []}]})


def test_json_has_the_inner_lists(household):
    data = outputs.to_json(EXAMPLE, household)

    assert data["members"][0]["jobs"] is None  # not asked
    assert data["members"][1]["jobs"] == [
        {"job_title": "Nurse", "job_hours": None},
        {"job_title": "Author", "job_hours": None},
    ]
    assert data["members"][2]["jobs"] == []
    schema = outputs.json_schema(EXAMPLE)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
    bad = {"members": [{"jobs": [{"job_title": 5}]}]}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_the_csv_flattens_inner_items_in_stable_columns(household):
    columns = outputs.csv_columns(EXAMPLE)
    cell = dict(zip(columns, outputs.csv_row(EXAMPLE, household), strict=True))

    assert cell["members_2_jobs_1_job_title"] == "Nurse"
    assert cell["members_2_jobs_2_job_title"] == "Author"
    assert cell["members_1_jobs_1_job_title"] == ""
    assert cell["members_3_jobs_1_job_title"] == ""
    position = columns.index
    assert position("members_1_member_relationship") < position("members_1_jobs_1_job_title")
    assert position("members_1_jobs_2_job_hours") < position("members_2_member_name")


def test_check_answers_shows_inner_items_under_their_item(household):
    (summary,) = outputs.check_answers(EXAMPLE, household, HOUSEHOLD)
    (group, items) = summary.groups[0]

    assert group is MEMBERS
    assert [item.label for item in items] == ["Byron", "Ada", "Cy"]
    assert items[0].groups == []  # a child is not asked about jobs
    inner, summary_key, jobs = items[1].groups[0]
    assert (inner, summary_key) == (JOBS, "members/1/jobs")
    assert [job.label for job in jobs] == ["Nurse", "Author"]
    assert [(row.label, row.value, row.step_key) for row in jobs[1].rows] == [
        ("Job", "Author", "members/1/jobs/1/job_title")
    ]
    assert items[2].groups == [(JOBS, "members/2/jobs", [])]


# -- at any depth ----------------------------------------------------------------------------

rooms = RepeatingGroup(
    id="rooms",
    item_name="room",
    pages=(Page.of(Text(id="room", label="Room", messages={"required": "Enter the room"})),),
)
floors = RepeatingGroup(
    id="floors",
    item_name="floor",
    pages=(
        Page.of(YesNo(id="lift", label="Is there a lift?", messages={"required": "Select"})),
        rooms,
    ),
)
buildings = RepeatingGroup(
    id="buildings",
    item_name="building",
    isolated=True,
    pages=(
        Page.of(Text(id="name", label="Name", messages={"required": "Enter the name"})),
        RepeatingGroup(
            id="floors",
            item_name="floor",
            pages=floors.pages,
            when=Equals("name", "Tower"),
        ),
    ),
)
DEEP = Journey(
    id="deep",
    title="Deep",
    sections=(
        Section(
            id="site",
            title="Site",
            pages=(
                Page.of(Text(id="name", label="Site", messages={"required": "Enter the site"})),
                buildings,
            ),
        ),
    ),
)
TOWER = {"name": "Tower", "floors": [{"lift": True, "rooms": [{"room": "Kitchen"}]}]}


def test_three_deep_route_and_keys():
    answers = {"name": "Tower", "buildings": [TOWER]}

    assert [step.key for step in runner.route(DEEP, answers)] == [
        "name",
        "buildings/0/name",
        "buildings/0/floors/0/lift",
        "buildings/0/floors/0/rooms/0/room",
        "buildings/0/floors/0/rooms",
        "buildings/0/floors",
        "buildings",
    ]
    step = runner.find_step(DEEP, answers, "buildings/0/floors/0/rooms/1/room")
    assert [index for _, index in step.parents] == [0, 0]


def test_an_isolated_items_inner_groups_do_not_read_the_record():
    # The site is named "Tower", but the building is not: no floors are asked of it.
    answers = {"name": "Tower", "buildings": [{"name": "Shed"}]}

    assert [step.key for step in runner.route(DEEP, answers)] == [
        "name",
        "buildings/0/name",
        "buildings",
    ]
    step = runner.find_step(
        DEEP, {"name": "Tower", "buildings": [TOWER]}, "buildings/0/floors/0/lift"
    )
    assert runner.step_scope(step, {"name": "Site", "buildings": [TOWER]})["name"] == "Tower"


def test_three_deep_payload_errors_status_and_csv():
    floors = [{"rooms": [{"door": 1}]}]
    bad = apply_payload(DEEP, {"buildings": [{**TOWER, "floors": floors}]}, {})
    assert bad.errors == {"buildings[0].floors[0].rooms[0].door": [UNKNOWN_FIELD]}

    no_rooms = {"name": "Tower", "floors": [{"lift": False}]}
    outcome = apply_payload(DEEP, {"name": "Site", "buildings": [no_rooms]}, {})
    assert outcome.ok, outcome.errors
    # The innermost list is not answered yet: the record waits for it, three levels down.
    assert runner.record_status(DEEP, outcome.answers) is RecordStatus.IN_PROGRESS
    assert runner.first_unanswered_step(DEEP, outcome.answers).key == "buildings/0/floors/0/rooms"
    done = runner.with_optional_answers_skipped(DEEP, outcome.answers)
    assert done["buildings"][0]["floors"][0]["rooms"] == []
    assert runner.record_status(DEEP, done) is RecordStatus.COMPLETED

    finished = apply_payload(DEEP, {"buildings": [TOWER]}, outcome.answers)
    assert finished.ok
    cell = dict(
        zip(outputs.csv_columns(DEEP), outputs.csv_row(DEEP, finished.answers), strict=True)
    )
    assert cell["buildings_1_floors_1_rooms_1_room"] == "Kitchen"
    assert cell["buildings_1_floors_1_lift"] == "true"


def test_compare_on_an_outer_items_answer_reaches_two_levels_down():
    deep_rooms = RepeatingGroup(
        id="rooms",
        item_name="room",
        pages=(
            Page.of(
                Text(id="room", label="Room", required=False),
                when=Compare("storeys", ">", 1),  # the building's answer, two levels up
            ),
        ),
    )
    journey = Journey(
        id="deep2",
        title="Deep",
        sections=(
            Section(
                id="s",
                title="S",
                pages=(
                    RepeatingGroup(
                        id="buildings",
                        item_name="building",
                        pages=(
                            Page.of(Text(id="storeys", label="Storeys", required=False)),
                            RepeatingGroup(
                                id="floors",
                                item_name="floor",
                                pages=(
                                    Page.of(Text(id="floor", label="Floor", required=False)),
                                    deep_rooms,
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
    keys_for = [
        step.key
        for step in runner.route(
            journey, {"buildings": [{"storeys": 3, "floors": [{"rooms": [{}]}]}]}
        )
    ]
    assert "buildings/0/floors/0/rooms/0/room" in keys_for
    keys_for = [
        step.key
        for step in runner.route(
            journey, {"buildings": [{"storeys": 1, "floors": [{"rooms": [{}]}]}]}
        )
    ]
    assert "buildings/0/floors/0/rooms/0/room" not in keys_for


# -- the JSON API ----------------------------------------------------------------------------


def test_the_api_takes_and_gives_inner_lists_with_whole_error_paths(api):
    created = api("POST", "/api/example", {"members": [CHILD, {**TEEN, "jobs": []}]})
    assert created.status_code == 201, created.json
    record_id = created.json["id"]
    assert created.json["members"][1]["jobs"] == []

    refused = api(
        "PATCH",
        f"/api/example/{record_id}",
        {"members": [CHILD, {**TEEN, "jobs": [{"job_title": "Paper round", "job_hours": 0}]}]},
    )
    assert refused.status_code == 422
    assert refused.json["errors"] == {
        "members[1].jobs[0].job_hours": ["Hours a week must be between 1 and 40"]
    }

    jobs = [{"job_title": "Paper round", "job_hours": 6}]
    updated = api(
        "PATCH", f"/api/example/{record_id}", {"members": [CHILD, {**TEEN, "jobs": jobs}]}
    )
    assert updated.status_code == 200, updated.json
    assert api("GET", f"/api/example/{record_id}").json["members"][1]["jobs"] == jobs
