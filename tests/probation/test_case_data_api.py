"""GET /case-data/{crn}/{eventId} and /case-data/{crn}/personal-details: the seed's shapes,
active contacts and circumstances only, its 404s, and the limited-access 403."""

from pathlib import Path

import pytest

from app.probation.schema import CASE_DETAILS, PERSONAL_DETAILS, Field, record
from tests.probation.conftest import FULL_CASE, SENTENCE, circumstance, contact, on

LAO = {
    "status": 403,
    "reason": "LAO_PERMISSION",
    "message": "You do not have permission to access this record",
}
SEED = Path(__file__).resolve().parents[3] / "shared/seeds/probation-case-data-api.md"


def _without_dates(entries):
    return [{k: v for k, v in e.items() if k not in ("startDate", "endDate")} for e in entries]


def test_case_details_are_the_seed_fields_of_the_case_and_the_event(staff, make_case):
    make_case()
    response = staff("GET", "/case-data/X320741/101")
    assert response.status_code == 200
    expected = {key: value for key, value in FULL_CASE.items() if key != "events"}
    expected["sentence"] = SENTENCE
    for key in ("personalCircumstances", "personalContacts"):
        expected[key] = _without_dates(FULL_CASE[key])
    assert response.json == expected
    assert list(response.json) == list(CASE_DETAILS)


def _assert_every_field(field: Field, value, path="") -> None:
    """The value has every field the seed gives its shape, at every depth."""
    for key, sub in (field.fields or {}).items():
        assert key in value, f"{path}{key} is missing"
        inner = value[key]
        if sub.kind == "object" and inner is not None:
            _assert_every_field(sub, inner, f"{path}{key}.")
        if sub.kind == "list" and sub.item.kind == "object":
            for index, item in enumerate(inner):
                _assert_every_field(sub.item, item, f"{path}{key}.{index}.")


def test_a_sparse_case_still_has_every_seed_field(staff, make_case, full_case):
    sparse = {
        "crn": "X320741",
        "name": {"forename": "Priya", "surname": "Raman"},
        "dateOfBirth": "2001-01-30",
        "events": [{"eventId": 7}],
    }
    make_case(**{**{key: None for key in full_case}, **sparse})
    body = staff("GET", "/case-data/X320741/7").json
    _assert_every_field(record(CASE_DETAILS), body)
    assert body["name"] == {"forename": "Priya", "middleName": None, "surname": "Raman"}
    assert body["aliases"] == [] and body["personalContacts"] == []
    assert body["mainAddress"] is None and body["sentence"] is None and body["gender"] is None
    personal = staff("GET", "/case-data/X320741/personal-details").json
    assert personal == {"crn": "X320741", "personalCircumstances": [], "personalContacts": []}


def test_nested_optional_fields_are_present_as_null(staff, make_case):
    make_case(personalContacts=[{**contact("Smith"), "address": {"postcode": "LS9 7LN"}}])
    [person] = staff("GET", "/case-data/X320741/personal-details").json["personalContacts"]
    assert person["address"]["buildingName"] is None
    assert person["address"]["postcode"] == "LS9 7LN"


def test_personal_details_are_the_crn_and_active_contacts_and_circumstances(staff, make_case):
    make_case()
    response = staff("GET", "/case-data/X320741/personal-details")
    assert response.status_code == 200
    assert response.json == {
        "crn": "X320741",
        "personalCircumstances": _without_dates(FULL_CASE["personalCircumstances"]),
        "personalContacts": _without_dates(FULL_CASE["personalContacts"]),
    }
    assert list(response.json) == list(PERSONAL_DETAILS)


DATED = [
    ("open-ended", on(-100), None, True),
    ("starts today", on(0), None, True),
    ("starts tomorrow", on(1), None, False),
    ("ends today", on(-100), on(0), True),
    ("ends tomorrow", on(-100), on(1), True),
    ("ended yesterday", on(-100), on(-1), False),
]
ACTIVE = [name for name, _, _, active in DATED if active]


@pytest.mark.parametrize("url", ["/case-data/X320741/101", "/case-data/X320741/personal-details"])
def test_only_contacts_and_circumstances_active_today_are_given(staff, make_case, url):
    make_case(
        personalCircumstances=[circumstance(name, start, end) for name, start, end, _ in DATED],
        personalContacts=[contact(name, start, end) for name, start, end, _ in DATED],
    )
    body = staff("GET", url).json
    assert [entry["notes"] for entry in body["personalCircumstances"]] == ACTIVE
    assert [entry["name"]["surname"] for entry in body["personalContacts"]] == ACTIVE
    assert "startDate" not in body["personalContacts"][0]


def test_each_event_gives_its_own_sentence(staff, make_case):
    other = {**SENTENCE, "startDate": "2025-06-30"}
    make_case(events=[{"eventId": 101, "sentence": SENTENCE}, {"eventId": 102, "sentence": other}])
    assert staff("GET", "/case-data/X320741/102").json["sentence"]["startDate"] == "2025-06-30"
    assert staff("GET", "/case-data/X320741/101").json["sentence"]["startDate"] == "2024-04-12"


@pytest.mark.parametrize("url", ["/case-data/X999999/101", "/case-data/X999999/personal-details"])
def test_an_unknown_crn_is_404_in_the_seed_shape(staff, make_case, url):
    make_case()
    response = staff("GET", url)
    assert response.status_code == 404
    assert response.json == {"status": 404, "message": "Person with crn of X999999 not found"}


def test_an_unknown_event_is_404(staff, make_case):
    make_case()
    response = staff("GET", "/case-data/X320741/999")
    assert response.status_code == 404
    assert response.json == {"status": 404, "message": "Event with id of 999 not found"}


def test_an_event_of_another_case_is_404(staff, make_case):
    make_case()
    make_case(crn="X487213", events=[{"eventId": 555, "sentence": SENTENCE}])
    response = staff("GET", "/case-data/X320741/555")
    assert response.status_code == 404
    assert response.json == {"status": 404, "message": "Event with id of 555 not found"}
    assert staff("GET", "/case-data/X487213/555").status_code == 200


def test_an_event_id_too_large_for_any_database_is_404(staff, make_case):
    make_case()
    response = staff("GET", f"/case-data/X320741/{2**70}")
    assert response.status_code == 404
    assert response.json == {"error": "Not found"}


def test_an_event_id_that_is_not_a_number_is_a_json_404(staff, make_case):
    make_case()
    response = staff("GET", "/case-data/X320741/personal")
    assert response.status_code == 404
    assert response.is_json


def test_personal_details_is_not_taken_for_an_event_id(staff, make_case):
    make_case()
    assert staff("GET", "/case-data/X320741/personal-details").json["crn"] == "X320741"


def _excluding(email):
    return {"exclusions": [{"username": email, "message": "Secret exclusion"}]}


def _restricting(email):
    return {"restriction": {"allowedUsers": [], "message": "Secret restriction"}}


@pytest.mark.parametrize("limit", [_excluding, _restricting])
@pytest.mark.parametrize(
    "url",
    ["/case-data/X320741/101", "/case-data/X320741/999", "/case-data/X320741/personal-details"],
)
def test_an_excluded_or_restricted_user_gets_403_without_the_message(staff, make_case, limit, url):
    make_case(**limit(staff.user.email))
    response = staff("GET", url)
    assert response.status_code == 403
    assert response.json == LAO
    assert "Secret" not in response.get_data(as_text=True)


def test_a_user_on_the_allow_list_reads_a_restricted_case(staff, make_case):
    make_case(restriction={"allowedUsers": [staff.user.email.upper()], "message": "Restricted"})
    assert staff("GET", "/case-data/X320741/101").status_code == 200


def test_an_ended_exclusion_no_longer_refuses(staff, make_case):
    make_case(exclusions=[{"username": staff.user.email, "endDate": on(-1)}])
    assert staff("GET", "/case-data/X320741/personal-details").status_code == 200


@pytest.mark.skipif(not SEED.exists(), reason="the seed is not beside the repository")
def test_the_declared_shapes_name_every_field_of_the_seed_schemas():
    text = SEED.read_text()
    for name, fields in (("CaseDetails", CASE_DETAILS), ("PersonalDetails", PERSONAL_DETAILS)):
        section = text.split(f"\n{name}\n\nNameTypeRequiredDescriptionSchema\n", 1)[1]
        rows = section.split("\n\n", 1)[0].splitlines()
        assert [row.split(" ")[0] for row in rows] == list(fields), name
