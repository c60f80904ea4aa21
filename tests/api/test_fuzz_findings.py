"""Bad input that schemathesis (scripts/fuzz_api.py) once turned into a 500: now a 4xx."""

from __future__ import annotations

import pytest

from app.accounts.roles import Role
from tests.api.test_openapi import conforms
from tests.tenures.conftest import SEED_TENURE


@pytest.fixture
def staff(as_user):
    return as_user(Role.DATA_PROVIDER)


@pytest.mark.parametrize("page", ["136540023155158007808", "2147483648", "²", "-1", "0"])
def test_a_case_log_page_beyond_any_offset_is_a_bad_request(staff, page):
    response = staff("GET", f"/case_logs?page={page}")
    assert response.status_code == 400
    assert response.json["error"].startswith("page must be a whole number")
    conforms(response, "/case_logs", "get")


def test_the_last_possible_case_log_page_is_empty(staff):
    response = staff("GET", "/case_logs?page=2147483647&page_size=100")
    assert response.status_code == 200
    assert response.json["data"] == []


@pytest.mark.parametrize("person_id", [{}, [], 5])
def test_a_household_member_id_that_is_not_text_is_invalid(staff, person_id):
    member = {**SEED_TENURE["householdMembers"][0], "id": person_id}
    response = staff("POST", "/tenures", {**SEED_TENURE, "householdMembers": [member]})
    assert response.status_code == 422
    assert "householdMembers.0.id" in response.json["errors"]
    conforms(response, "/tenures", "post")


def test_a_case_log_id_beyond_the_database_is_not_found(staff):
    response = staff("PATCH", "/case_logs/4153191851", {"person_1_age": 30})
    assert response.status_code == 404
    conforms(response, "/case_logs/{log_id}", "patch")


@pytest.mark.parametrize(
    ("method", "url", "body", "path"),
    [
        ("GET", "/tenures?firstname=%00O", None, "/tenures"),
        ("GET", "/case-data/X%00/personal-details", None, "/case-data/{crn}/personal-details"),
        ("GET", "/tenures/a%00b", None, "/tenures/{tenure_id}"),
        ("POST", "/case_logs", {"tenancycode": "a\x00b"}, "/case_logs"),
        ("POST", "/case_logs", {"\x00": 1}, "/case_logs"),
        ("GET", "/api/rest/portal/listings?bedrooms=%00", None, "/api/rest/portal/listings"),
    ],
)
def test_a_nul_character_anywhere_in_a_request_is_a_bad_request(staff, method, url, body, path):
    response = staff(method, url, body)
    assert response.status_code == 400
    assert response.json == {"error": "Text must not contain the NUL character (U+0000)"}
    conforms(response, path, method.lower())


def test_a_tenure_search_offset_beyond_any_database_is_a_bad_request(staff):
    response = staff("GET", "/tenures?firstname=ann&offset=73804327831912763621376")
    assert response.status_code == 400
    assert response.json["error"] == "offset must be a whole number between 0 and 2147483647"
    conforms(response, "/tenures", "get")


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/tenures?offset=" + "9" * 5000, "/tenures"),
        ("/tenures?limit=" + "9" * 5000, "/tenures"),
        ("/case_logs?page=" + "9" * 5000, "/case_logs"),
    ],
)
def test_a_number_too_long_for_int_is_a_bad_request(staff, url, path):
    """int() refuses a number of more than 4,300 digits with a ValueError of its own."""
    response = staff("GET", url)
    assert response.status_code == 400
    assert response.json["error"].split()[0] in ("offset", "limit", "page")
    conforms(response, path, "get")


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/tenures?offset=" + "0" * 5000, "/tenures"),
        ("/tenures?limit=" + "0" * 5000 + "1", "/tenures"),
        ("/case_logs?page=" + "0" * 5000 + "1", "/case_logs"),
    ],
)
def test_leading_zeros_past_the_int_limit_are_the_number_they_spell(staff, url, path):
    """int() counts leading zeros towards its 4,300 digits: the offset was a 500."""
    response = staff("GET", url)
    assert response.status_code == 200
    conforms(response, path, "get")
