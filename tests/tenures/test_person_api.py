"""PATCH and DELETE /tenures/{id}/person/{personId}: household members, with If-Match."""

from tests.tenures.conftest import person

LEAD = "TWVoZGlLaW1ha2hlCg=="


def _members(staff, tenure_id):
    return {m["id"]: m for m in staff("GET", f"/tenures/{tenure_id}").json["householdMembers"]}


def test_adding_a_member_is_204_with_the_new_etag(staff, make_tenure):
    tenure = make_tenure()
    response = staff(
        "PATCH",
        f"/tenures/{tenure['id']}/person/p-2",
        person("Sam Kimakhe", born="2010-09-01"),
        headers={"If-Match": '"0"'},
    )
    assert response.status_code == 204
    assert response.headers["ETag"] == '"1"'
    assert _members(staff, tenure["id"])["p-2"] == {
        "id": "p-2",
        "type": "Person",
        "fullName": "Sam Kimakhe",
        "isResponsible": False,
        "dateOfBirth": "2010-09-01",
        "personTenureType": "HouseholdMember",
    }


def test_the_seeds_person_object_is_accepted(staff, make_tenure):
    tenure = make_tenure()
    seed_person = {
        "type": "Person",
        "fullName": "Person Full Name",
        "isResponsible": True,
        "dateOfBirth": "1951-02-11T00:00:00",
    }
    url = f"/tenures/{tenure['id']}/person/new-person"
    assert staff("PATCH", url, seed_person, headers={"If-Match": '"0"'}).status_code == 204
    assert _members(staff, tenure["id"])["new-person"]["personTenureType"] == "Tenant"


def test_updating_a_member_changes_only_the_fields_given(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}/person/{LEAD}"
    response = staff("PATCH", url, {"fullName": "Mehdi K. Kimakhe"}, headers={"If-Match": '"0"'})
    assert response.status_code == 204
    member = _members(staff, tenure["id"])[LEAD]
    assert member["fullName"] == "Mehdi K. Kimakhe"
    assert member["dateOfBirth"] == "1951-02-11"
    assert member["isResponsible"] is True


def test_a_new_member_must_be_complete_and_valid(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}/person/p-2"
    response = staff("PATCH", url, {"type": "Person"}, headers={"If-Match": '"0"'})
    assert response.status_code == 422
    assert response.json["errors"] == {
        "fullName": ["Enter the full name"],
        "dateOfBirth": ["Enter the date of birth"],
        "isResponsible": ["Select whether they are responsible for the tenure"],
    }
    response = staff(
        "PATCH", url, person(born="2999-01-01", fullName="x" * 201), headers={"If-Match": '"0"'}
    )
    assert response.json["errors"] == {
        "dateOfBirth": ["The date of birth must be in the past"],
        "fullName": ["The full name must be 200 characters or fewer"],
    }
    assert staff("GET", f"/tenures/{tenure['id']}").headers["ETag"] == '"0"'


def test_person_writes_need_a_current_if_match(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}/person/p-2"
    assert staff("PATCH", url, person()).status_code == 428
    assert staff("PATCH", url, person(), headers={"If-Match": '"3"'}).status_code == 412
    assert "p-2" not in _members(staff, tenure["id"])


def test_a_person_of_an_unknown_tenure_is_404(staff):
    response = staff("PATCH", "/tenures/nope/person/p-1", person(), headers={"If-Match": '"0"'})
    assert response.status_code == 404


def test_a_person_id_must_be_usable(staff, make_tenure):
    tenure = make_tenure()
    response = staff(
        "PATCH", f"/tenures/{tenure['id']}/person/a%20b", person(), headers={"If-Match": '"0"'}
    )
    assert response.status_code == 400


def test_removing_a_member_is_204_with_the_new_etag(staff, make_tenure):
    tenure = make_tenure()
    response = staff("DELETE", f"/tenures/{tenure['id']}/person/{LEAD}")
    assert response.status_code == 204
    assert response.headers["ETag"] == '"1"'
    assert _members(staff, tenure["id"]) == {}
    assert staff("GET", "/tenures?lastname=kimakhe").json["metadata"]["totalResults"] == 0


def test_removing_honours_if_match_when_given(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}/person/{LEAD}"
    assert staff("DELETE", url, headers={"If-Match": '"5"'}).status_code == 412
    assert LEAD in _members(staff, tenure["id"])
    assert staff("DELETE", url, headers={"If-Match": '"0"'}).status_code == 204


def test_removing_an_unknown_person_or_from_an_unknown_tenure_is_404(staff, make_tenure):
    tenure = make_tenure()
    unknown_person = staff("DELETE", f"/tenures/{tenure['id']}/person/nobody")
    assert unknown_person.status_code == 404
    assert unknown_person.json == {
        "error": f"Person nobody is not a member of tenure {tenure['id']}"
    }
    assert staff("DELETE", f"/tenures/nope/person/{LEAD}").status_code == 404
