"""What a journey's answers turn into: JSON, CSV, check-answers rows and a JSON Schema."""

import copy
import json

import jsonschema
import pytest

from app.formkit import outputs
from app.formkit.validation import apply_payload
from tests.formkit.example_journey import COMPLETE_PAYLOAD, EXAMPLE


def answers_for(payload: dict, existing: dict | None = None) -> dict:
    outcome = apply_payload(EXAMPLE, payload, existing or {})
    assert outcome.ok, outcome.errors
    return outcome.answers


@pytest.fixture(scope="module")
def complete():
    return answers_for(COMPLETE_PAYLOAD)


@pytest.fixture
def answers(complete):
    return copy.deepcopy(complete)


TWO_MEMBERS = [
    {"member_name": "Byron", "member_age": 8, "member_relationship": "child"},
    {"member_name": "Ada", "member_age": 40},
]

# -- to_json ---------------------------------------------------------------------------------


def test_to_json_has_every_field_in_order(answers):
    assert list(outputs.to_json(EXAMPLE, answers)) == EXAMPLE.all_field_ids()
    assert list(outputs.to_json(EXAMPLE, {})) == EXAMPLE.all_field_ids()


def test_to_json_of_a_complete_record(answers):
    data = outputs.to_json(EXAMPLE, answers)

    assert data == {
        "full_name": "Ada Lovelace",
        "age": 36,
        "move_in_date": "01/02/2020",  # the question's json_format is "dmy"
        "contact_method": "email",
        "contact_email": "ada@example.com",
        "contact_phone": None,
        "postcode": "SW1A 1AA",
        "no_postcode_reason": None,
        "region": "wales",
        "region_detail": None,
        "has_partner": False,
        "partner_name": None,
        "partner_care": None,
        "rent": 120.5,
        "service_charge": 10.0,
        "access_needs": ["none"],
        "support_benefits": True,
        "support_debt": False,
        "support_none": False,
        "notes": None,
        "savings": 5000,
        "deposit": 1000,
        "members": [
            {"member_name": "Byron", "member_age": 8, "member_relationship": "child", "jobs": None}
        ],
        "total_charge": 130.5,
        "household_size": 2,
    }
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_to_json_of_nothing_is_all_null():
    data = outputs.to_json(EXAMPLE, {})

    assert all(value is None for value in data.values())


def test_an_unanswered_group_is_null_in_json():
    data = outputs.to_json(EXAMPLE, {"full_name": "Ada"})
    assert data["members"] is None

    sent_back = {key: value for key, value in data.items() if value is not None}
    again = answers_for(sent_back)
    assert "members" not in again


def test_to_json_group_items_have_every_item_field(answers):
    answers = answers_for({"members": TWO_MEMBERS}, answers)

    assert outputs.to_json(EXAMPLE, answers)["members"] == [
        {"member_name": "Byron", "member_age": 8, "member_relationship": "child", "jobs": None},
        # Only the first member is asked their relationship.
        {"member_name": "Ada", "member_age": 40, "member_relationship": None, "jobs": None},
    ]
    assert outputs.to_json(EXAMPLE, answers)["household_size"] == 3


def test_to_json_of_a_partly_answered_item():
    answers = answers_for({"members": [{"member_name": "Byron"}]})

    assert outputs.to_json(EXAMPLE, answers)["members"] == [
        {"member_name": "Byron", "member_age": None, "member_relationship": None, "jobs": None}
    ]


def test_to_json_derived_values(answers):
    assert outputs.to_json(EXAMPLE, answers)["total_charge"] == 130.5

    changed = answers_for({"rent": 100, "service_charge": None}, answers)
    assert outputs.to_json(EXAMPLE, changed)["total_charge"] == 100

    no_rent = {k: v for k, v in answers.items() if k not in ("rent", "total_charge")}
    assert outputs.to_json(EXAMPLE, no_rent)["total_charge"] is None


def test_to_json_reads_answers_without_changing_them(answers):
    before = copy.deepcopy(answers)
    outputs.to_json(EXAMPLE, answers)
    assert answers == before


def test_to_json_round_trips_through_apply_payload(answers):
    answers = answers_for({"members": TWO_MEMBERS}, answers)
    data = outputs.to_json(EXAMPLE, answers)
    sent = {key: value for key, value in data.items() if value is not None}

    again = answers_for(sent)

    assert outputs.to_json(EXAMPLE, again) == data


# -- CSV -------------------------------------------------------------------------------------


def test_csv_columns():
    columns = outputs.csv_columns(EXAMPLE)
    top = [f for q in EXAMPLE.top_level_questions for f in q.fields()]
    item_fields = ["member_name", "member_age", "member_relationship"]
    # Each member's jobs follow the member's own fields: members_1_jobs_2_job_title.
    job_fields = [f"jobs_{j}_{f}" for j in range(1, 3) for f in ("job_title", "job_hours")]

    assert columns[: len(top)] == top
    assert columns[len(top) : -2] == [
        f"members_{n}_{f}" for n in range(1, 4) for f in item_fields + job_fields
    ]
    assert columns[-2:] == ["total_charge", "household_size"]
    assert len(columns) == len(set(columns))


def test_csv_row_lines_up_with_the_columns(answers):
    columns = outputs.csv_columns(EXAMPLE)
    row = outputs.csv_row(EXAMPLE, answers)
    cell = dict(zip(columns, row, strict=True))

    assert len(row) == len(columns)
    assert cell["full_name"] == "Ada Lovelace"
    assert cell["age"] == 36
    assert cell["move_in_date"] == "01/02/2020"
    assert cell["postcode"] == "SW1A 1AA"
    assert cell["has_partner"] == "false"
    assert cell["support_benefits"] == "true"
    assert cell["support_debt"] == "false"
    assert cell["access_needs"] == "none"
    assert cell["rent"] == 120.5
    assert cell["members_1_member_name"] == "Byron"
    assert cell["members_1_member_age"] == 8
    assert cell["members_1_member_relationship"] == "child"
    assert cell["total_charge"] == 130.5
    assert cell["household_size"] == 2
    # Unanswered and absent: empty cells.
    for column in ("contact_phone", "notes", "partner_name", "members_2_member_name"):
        assert cell[column] == ""
    assert all(cell[f"members_3_{f}"] == "" for f in ("member_name", "member_age"))


def test_csv_joins_lists_and_fills_later_items(answers):
    answers = answers_for(
        {"access_needs": ["hearing", "wheelchair"], "members": TWO_MEMBERS}, answers
    )
    cell = dict(zip(outputs.csv_columns(EXAMPLE), outputs.csv_row(EXAMPLE, answers), strict=True))

    assert cell["access_needs"] == "wheelchair; hearing"
    assert cell["members_2_member_name"] == "Ada"
    assert cell["members_2_member_age"] == 40
    assert cell["members_2_member_relationship"] == ""
    assert cell["household_size"] == 3


def test_csv_row_of_nothing_is_empty():
    row = outputs.csv_row(EXAMPLE, {})

    assert row == [""] * len(outputs.csv_columns(EXAMPLE))


# -- JSON Schema -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator():
    schema = outputs.json_schema(EXAMPLE)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def messages(validator, instance) -> list[str]:
    return [error.message for error in validator.iter_errors(instance)]


def test_the_schema_describes_every_field(validator):
    schema = validator.schema

    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert schema["title"] == "Example application"
    assert list(schema["properties"]) == EXAMPLE.all_field_ids()
    assert schema["properties"]["age"] == {
        "title": "Age",
        "type": ["integer", "null"],
        "minimum": 16,
        "maximum": 120,
    }
    assert schema["properties"]["region"]["enum"] == ["north", "south", "wales", None]
    assert schema["properties"]["deposit"] == {
        "title": "Deposit",
        "type": ["integer", "null"],
        "exclusiveMinimum": 0,
    }
    members = schema["properties"]["members"]
    assert members["title"] == "Household members"
    assert members["maxItems"] == 3
    assert members["items"]["additionalProperties"] is False
    assert list(members["items"]["properties"]) == [
        "member_name",
        "member_age",
        "member_relationship",
        "jobs",
    ]
    jobs = members["items"]["properties"]["jobs"]
    assert jobs["maxItems"] == 2
    assert list(jobs["items"]["properties"]) == ["job_title", "job_hours"]
    assert schema["properties"]["total_charge"]["type"] == ["number", "null"]


def test_the_complete_payload_is_valid(validator):
    assert messages(validator, COMPLETE_PAYLOAD) == []


def test_the_json_output_is_valid(validator, answers):
    assert messages(validator, outputs.to_json(EXAMPLE, answers)) == []
    assert messages(validator, outputs.to_json(EXAMPLE, {})) == []
    assert messages(validator, {}) == []


@pytest.mark.parametrize(
    "change",
    [
        {"favourite_colour": "blue"},
        {"region": "mars"},
        {"contact_method": "post"},
        {"access_needs": ["lift"]},
        {"access_needs": ["none", "none"]},
        {"age": 12},
        {"age": 36.5},
        {"deposit": 0},
        {"age": "36"},
        {"has_partner": "yes"},
        {"move_in_date": "1 Feb 2020"},
        {"full_name": "x" * 51},
        {"support_debt": 1},
        {"members": [{"member_name": "Byron", "pet": "cat"}]},
        {"members": [{"member_relationship": "cousin"}]},
        {"members": [{"member_name": "A"}] * 4},
        {"members": {"member_name": "Byron"}},
    ],
    ids=lambda change: next(iter(change)),
)
def test_the_schema_rejects_bad_payloads(validator, change):
    assert messages(validator, {**COMPLETE_PAYLOAD, **change}) != []


def test_the_schema_rejects_a_payload_that_is_not_an_object(validator):
    assert not validator.is_valid([COMPLETE_PAYLOAD])


# -- check answers ---------------------------------------------------------------------------


def rows_of(summary):
    return [(row.label, row.value) for row in summary.rows]


def test_check_answers_sections(answers):
    summaries = outputs.check_answers(EXAMPLE, answers)

    assert [s.section.id for s in summaries] == ["about", "home", "household", "money"]


def test_check_answers_rows(answers):
    about, home, household, money = outputs.check_answers(EXAMPLE, answers)

    # Questions that do not apply (no_postcode_reason, region_detail, contact_phone) are left out.
    assert rows_of(about) == [
        ("Full name", "Ada Lovelace"),
        ("Age", "36 years"),
        ("Move-in date", "1 February 2020"),
        ("Contact method", "Email"),
        ("Email address", "ada@example.com"),
        ("Postcode", "SW1A 1AA"),
        ("Region", "Wales"),
    ]
    assert rows_of(home) == [
        ("Partner", "No"),
        ("Rent", "£120.50"),
        ("Service charge", "£10.00"),
        ("Access needs", "None of these"),
        ("Support", "Help with benefits"),
        ("Notes", ""),
    ]
    assert household.rows == []
    assert rows_of(money) == [("Savings", "£5,000"), ("Deposit", "£1,000")]
    assert about.groups == home.groups == money.groups == []


def test_pages_with_the_same_card_are_shown_together(answers):
    with_partner = answers_for({"has_partner": True, "partner_name": "Charles"}, answers)
    home = outputs.check_answers(EXAMPLE, with_partner)[1]
    assert [(block.card, [row.label for row in block.rows]) for block in home.blocks] == [
        ("Your partner", ["Partner", "Partner’s name"]),
        (None, ["Rent", "Service charge", "Access needs", "Support", "Notes"]),
    ]


def test_check_answers_links_each_row_to_its_page(answers):
    about = outputs.check_answers(EXAMPLE, answers)[0]
    links = {row.anchor: row.step_key for row in about.rows}

    assert links["full_name"] == "full_name"
    assert links["contact_method"] == "contact"
    assert links["contact_email"] == "contact"


def test_check_answers_group_items(answers):
    answers = answers_for({"members": TWO_MEMBERS}, answers)
    household = outputs.check_answers(EXAMPLE, answers)[2]

    [(group, item_summaries)] = household.groups
    assert group is EXAMPLE.group_by_id["members"]
    assert [(s.label, s.index) for s in item_summaries] == [("Byron", 0), ("Ada", 1)]
    first, second = item_summaries
    assert rows_of(first) == [("Name", "Byron"), ("Age", "8"), ("Relationship", "Child")]
    assert [row.step_key for row in first.rows] == [
        "members/0/details",
        "members/0/details",
        "members/0/member_relationship",
    ]
    # The relationship is only asked of the first member.
    assert rows_of(second) == [("Name", "Ada"), ("Age", "40")]
    assert {row.step_key for row in second.rows} == {"members/1/details"}


def test_check_answers_follows_the_answers(answers):
    changed = answers_for(
        {
            "contact_method": "phone",
            "contact_phone": "07700 900 982",
            "postcode": None,
            "no_postcode_reason": "No fixed address",
            "region": "north",
            "region_detail": "Cumbria",
        },
        answers,
    )
    about = outputs.check_answers(EXAMPLE, changed)[0]

    assert rows_of(about) == [
        ("Full name", "Ada Lovelace"),
        ("Age", "36 years"),
        ("Move-in date", "1 February 2020"),
        ("Contact method", "Phone"),
        ("Phone number", "07700 900 982"),
        ("Postcode", ""),
        ("Reason for no postcode", "No fixed address"),
        ("Region", "North"),
        ("County", "Cumbria"),
    ]


def test_check_answers_of_an_empty_record():
    summaries = outputs.check_answers(EXAMPLE, {})

    assert [s.section.id for s in summaries] == ["about", "home", "household", "money"]
    about, home, household, money = summaries
    assert all(row.value == "" for row in about.rows + home.rows + money.rows)
    # With no members the group has no items; the summary still lists it.
    assert household.groups == [(EXAMPLE.group_by_id["members"], [])]


def test_check_answers_for_one_section(answers):
    money_section = EXAMPLE.section_by_id["money"]

    [summary] = outputs.check_answers(EXAMPLE, answers, only=money_section)

    assert summary.section is money_section
    assert rows_of(summary) == [("Savings", "£5,000"), ("Deposit", "£1,000")]
