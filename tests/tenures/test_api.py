"""The /tenures API: the seed's paths and shapes, ETags, and who may see what."""

import re

import pytest

from app.accounts.roles import Role
from tests.tenures.conftest import person


def test_create_returns_the_whole_record_with_location_and_etag(staff, seed_tenure):
    response = staff("POST", "/tenures", seed_tenure)
    assert response.status_code == 201
    body = response.json
    assert response.headers["Location"] == f"/tenures/{body['id']}"
    assert response.headers["ETag"] == '"0"'
    assert body["tenureType"] == {"code": "INT", "description": "Introductory"}
    [member] = body["householdMembers"]
    assert member == {
        "id": "TWVoZGlLaW1ha2hlCg==",
        "type": "Person",
        "fullName": "Mehdi Kimakhe",
        "isResponsible": True,
        "dateOfBirth": "1951-02-11",
        "personTenureType": "Tenant",
    }
    assert body["tenuredAsset"]["postcode"] == "E8 1DY"
    assert body["notices"][0]["servedDate"] == "2021-03-29"
    assert body["legacyReferences"] == [{"name": "u_saff_tenancy", "value": "123456"}]
    assert body["isActive"] is True
    assert body["inArrears"] is False
    assert set(seed_tenure) | {"id", "isActive", "inArrears"} == set(body)


def test_a_client_id_is_kept_and_a_taken_one_is_refused(staff, seed_tenure, as_user):
    first = staff("POST", "/tenures", {**seed_tenure, "id": "tenure-1"})
    assert first.status_code == 201
    assert first.json["id"] == "tenure-1"
    again = as_user(Role.DATA_PROVIDER)("POST", "/tenures", {**seed_tenure, "id": "tenure-1"})
    assert again.status_code == 409
    assert again.json == {"error": "A tenure with this id already exists"}


def _without_nonce(headers) -> list:
    """The headers, but for the CSP nonce, which is new in every response."""
    return sorted((name, re.sub(r"'nonce-[^']*'", "'nonce'", value)) for name, value in headers)


def test_the_seeds_create_path_gives_the_id(staff, seed_tenure):
    response = staff("POST", "/tenures/tenure-7", seed_tenure)
    assert response.status_code == 201, response.json
    assert response.json["id"] == "tenure-7"
    assert response.headers["Location"] == "/tenures/tenure-7"
    assert response.headers["ETag"] == '"0"'
    assert staff("GET", "/tenures/tenure-7").json["paymentReference"] == "228001234"
    # The same id in the body is no contradiction.
    same = staff("POST", "/tenures/tenure-8", {**seed_tenure, "id": "tenure-8"})
    assert same.status_code == 201
    assert staff("POST", "/tenures/tenure-7", seed_tenure).status_code == 409


def test_a_body_id_that_is_not_the_paths_is_422(staff, seed_tenure):
    response = staff("POST", "/tenures/tenure-7", {**seed_tenure, "id": "tenure-9"})
    assert response.status_code == 422
    assert response.json["errors"] == {
        "id": [
            "The id in the body is not the id in the path, tenure-7: send the same id, or "
            "leave it out"
        ]
    }
    assert staff("GET", "/tenures/tenure-7").status_code == 404
    assert staff("GET", "/tenures/tenure-9").status_code == 404


def test_a_path_id_that_is_not_valid_is_400(staff, seed_tenure):
    response = staff("POST", "/tenures/bad%20id", seed_tenure)
    assert response.status_code == 400
    assert "An id must be" in response.json["error"]


def test_an_id_taken_in_another_organisation_is_refused_exactly_as_one_taken_in_yours(
    staff, seed_tenure, as_user, other_organisation
):
    """Ids are global; the 409 must not tell whose tenure holds one, as GET does not."""
    staff("POST", "/tenures", {**seed_tenure, "id": "ours"})
    as_user(org=other_organisation)("POST", "/tenures", {**seed_tenure, "id": "theirs"})
    colleague = as_user(Role.DATA_PROVIDER)
    assert colleague("GET", "/tenures/theirs").status_code == 404

    def create(tenure_id):
        headers = {"x-correlation-id": "the-same-for-both"}
        return colleague("POST", "/tenures", {**seed_tenure, "id": tenure_id}, headers=headers)

    ours, theirs = create("ours"), create("theirs")
    assert ours.status_code == theirs.status_code == 409
    assert (
        ours.get_data()
        == theirs.get_data()
        == b'{"error":"A tenure with this id already exists"}\n'
    )
    assert _without_nonce(ours.headers) == _without_nonce(theirs.headers)
    assert "ETag" not in theirs.headers and "Location" not in theirs.headers


def test_the_person_tenure_type_sent_is_not_trusted(staff, seed_tenure):
    seed_tenure["tenureType"] = {"code": "TGA"}
    seed_tenure["householdMembers"] = [
        {**person("Lodger"), "personTenureType": "Freeholder"},
        {**person("Owner", responsible=True), "personTenureType": "Occupant"},
    ]
    members = staff("POST", "/tenures", seed_tenure).json["householdMembers"]
    assert [(m["fullName"], m["personTenureType"]) for m in members] == [
        ("Owner", "Tenant"),
        ("Lodger", "Occupant"),
    ]


def test_an_ended_tenure_in_arrears(make_tenure):
    body = make_tenure(endOfTenureDate="2020-01-01", charges={"currentBalance": 120.5})
    assert body["isActive"] is False
    assert body["inArrears"] is True


def test_invalid_tenures_get_422_with_every_error_by_path(staff, seed_tenure):
    seed_tenure["tenureType"] = {"code": "ZZZ"}
    seed_tenure["endOfTenureDate"] = "2010-01-01"
    seed_tenure["charges"]["rent"] = "lots"
    seed_tenure["householdMembers"][0]["dateOfBirth"] = "2999-01-01"
    response = staff("POST", "/tenures", seed_tenure)
    assert response.status_code == 422
    errors = response.json["errors"]
    assert response.json["error"] == "The tenure has errors"
    assert set(errors) == {
        "tenureType.code",
        "charges.rent",
        "householdMembers.0.dateOfBirth",
        "endOfTenureDate",
    }
    assert errors["householdMembers.0.dateOfBirth"] == ["The date of birth must be in the past"]
    assert errors["charges.rent"] == ["The rent must be a number"]
    assert staff("GET", "/tenures").json["metadata"]["totalResults"] == 0


@pytest.mark.parametrize("body", ["not json", "[1, 2]", "null"])
def test_a_body_that_is_not_a_json_object_is_400(staff, body):
    response = staff("POST", "/tenures", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json == {"error": "Send the request body as a JSON object"}


def test_read_gives_the_etag_and_304_when_the_client_has_it(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}"
    response = staff("GET", url)
    assert response.status_code == 200
    assert response.json == tenure
    assert response.headers["ETag"] == '"0"'
    for header in ('"0"', 'W/"0"', '"7", "0"', "*"):
        cached = staff("GET", url, headers={"If-None-Match": header})
        assert cached.status_code == 304, header
        assert cached.data == b""
        assert cached.headers["ETag"] == '"0"'
    assert staff("GET", url, headers={"If-None-Match": '"1"'}).status_code == 200


def test_unknown_tenures_are_404_json(staff):
    response = staff("GET", "/tenures/nope")
    assert response.status_code == 404
    assert response.json == {"error": "Tenure nope not found"}


def test_other_organisations_tenures_read_as_404(make_tenure, as_user, other_organisation):
    tenure = make_tenure()
    outsider = as_user(Role.DATA_COORDINATOR, org=other_organisation)
    url = f"/tenures/{tenure['id']}"
    assert outsider("GET", url).status_code == 404
    assert (
        outsider("PATCH", url, {"paymentReference": "x"}, headers={"If-Match": '"0"'}).status_code
        == 404
    )
    assert outsider("DELETE", f"{url}/person/TWVoZGlLaW1ha2hlCg==").status_code == 404
    assert outsider("GET", "/tenures").json["metadata"]["totalResults"] == 0
    # Support staff look after every organisation.
    assert as_user(Role.SUPPORT)("GET", url).status_code == 200


def test_support_staff_without_an_organisation_cannot_create(as_user, seed_tenure):
    response = as_user(Role.SUPPORT)("POST", "/tenures", seed_tenure)
    assert response.status_code == 403


def test_only_staff_with_a_token_get_in(client, as_user, make_tenure):
    tenure = make_tenure()
    response = client.get(f"/tenures/{tenure['id']}")
    assert response.status_code == 401
    assert response.is_json
    assert as_user(Role.APPLICANT)("GET", "/tenures").status_code == 403


def test_a_client_that_will_not_take_json_gets_406(staff):
    response = staff("GET", "/tenures", headers={"Accept": "text/html"})
    assert response.status_code == 406
    assert response.is_json


# -- PATCH /tenures/{id} ---------------------------------------------------------------------


def test_a_change_needs_if_match(staff, make_tenure):
    tenure = make_tenure()
    response = staff("PATCH", f"/tenures/{tenure['id']}", {"paymentReference": "9"})
    assert response.status_code == 428
    assert "If-Match" in response.json["error"]
    assert staff("GET", f"/tenures/{tenure['id']}").json["paymentReference"] == "228001234"


def test_the_seeds_ifmatch_header_is_read_as_if_match(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}"
    changed = staff("PATCH", url, {"paymentReference": "1"}, headers={"ifMatch": '"0"'})
    assert changed.status_code == 204
    assert changed.headers["ETag"] == '"1"'
    stale = staff("PATCH", url, {"paymentReference": "2"}, headers={"ifMatch": '"0"'})
    assert stale.status_code == 412
    assert staff("GET", url).json["paymentReference"] == "1"


def test_a_stale_etag_is_412_and_changes_nothing(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}"
    assert (
        staff("PATCH", url, {"paymentReference": "1"}, headers={"If-Match": '"0"'}).status_code
        == 204
    )
    stale = staff("PATCH", url, {"paymentReference": "2"}, headers={"If-Match": '"0"'})
    assert stale.status_code == 412
    assert stale.headers["ETag"] == '"1"'
    assert "has changed since you read it" in stale.json["error"]
    assert staff("GET", url).json["paymentReference"] == "1"


def test_a_change_is_204_with_the_new_etag_and_only_the_given_fields_change(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}"
    response = staff(
        "PATCH",
        url,
        {"endOfTenureDate": "2030-03-31", "charges": {"rent": 95.5}, "tenureType": {"code": "SEC"}},
        headers={"If-Match": '"0"'},
    )
    assert response.status_code == 204
    assert response.data == b""
    assert response.headers["ETag"] == '"1"'
    after = staff("GET", url)
    assert after.headers["ETag"] == '"1"'
    expected = {
        **tenure,
        "endOfTenureDate": "2030-03-31",
        "charges": {**tenure["charges"], "rent": 95.5},
        "tenureType": {"code": "SEC", "description": "Secure"},
    }
    assert after.json == expected


def test_changing_the_tenure_type_changes_what_members_are(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}"
    staff("PATCH", url, {"tenureType": {"code": "LEA"}}, headers={"If-Match": '"0"'})
    [member] = staff("GET", url).json["householdMembers"]
    assert member["personTenureType"] == "Leaseholder"


def test_the_end_date_is_checked_against_the_stored_start(staff, make_tenure):
    tenure = make_tenure()
    response = staff(
        "PATCH",
        f"/tenures/{tenure['id']}",
        {"endOfTenureDate": "2018-03-31"},
        headers={"If-Match": '"0"'},
    )
    assert response.status_code == 422
    assert response.json["errors"] == {
        "endOfTenureDate": [
            "The end of tenure date must be the same as or after the start of tenure date"
        ]
    }


def test_members_and_ids_are_not_changed_by_a_tenure_patch(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}"
    response = staff(
        "PATCH", url, {"householdMembers": [], "id": "other"}, headers={"If-Match": '"0"'}
    )
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"householdMembers", "id"}
    # A client that sends back what it read, derived values and all, changes nothing.
    same = staff(
        "PATCH",
        url,
        {k: v for k, v in tenure.items() if k != "householdMembers"},
        headers={"If-Match": '"0"'},
    )
    assert same.status_code == 204
    assert same.headers["ETag"] == '"0"'


def test_patching_an_unknown_tenure_is_404(staff):
    response = staff(
        "PATCH", "/tenures/nope", {"paymentReference": "1"}, headers={"If-Match": '"0"'}
    )
    assert response.status_code == 404
