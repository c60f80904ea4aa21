"""GET /tenures: search by household members' names and the asset's postcode, paginated."""

import pytest

from app.accounts.roles import Role
from tests.tenures.conftest import person


def _tenure(make_tenure, names, postcode="E8 1DY", start="2020-01-01", **changes):
    members = [person(name, responsible=index == 0) for index, name in enumerate(names)]
    return make_tenure(
        householdMembers=members,
        tenuredAsset={"fullAddress": "1 Road", "postcode": postcode},
        startOfTenureDate=start,
        **changes,
    )


def _found(staff, query):
    response = staff("GET", f"/tenures?{query}")
    assert response.status_code == 200, response.json
    return sorted(
        m["fullName"]
        for t in response.json["data"]
        for m in t["householdMembers"]
        if m["isResponsible"]
    )


def test_names_match_by_case_insensitive_prefix(staff, make_tenure):
    _tenure(make_tenure, ["Zoë O'Brien", "Tom O'Brien"])
    _tenure(make_tenure, ["Mr Ben Smith"])
    _tenure(make_tenure, ["Benedict Smithson"], postcode="N1 9GU")
    assert _found(staff, "firstname=ZOE") == ["Zoë O'Brien"]
    assert _found(staff, "lastname=smith") == ["Benedict Smithson", "Mr Ben Smith"]
    assert _found(staff, "firstname=ben&lastname=smith") == ["Benedict Smithson", "Mr Ben Smith"]
    # Both names belong to the same member.
    assert _found(staff, "firstname=tom&lastname=smith") == []
    # A tenure with two matching members is found once.
    assert _found(staff, "lastname=o'b") == ["Zoë O'Brien"]


def test_postcodes_match_in_full_or_by_outward_code(staff, make_tenure):
    _tenure(make_tenure, ["Ann A"], postcode="E8 1DY")
    _tenure(make_tenure, ["Bob B"], postcode="E8 3AB")
    _tenure(make_tenure, ["Cat C"], postcode="E18 2AA")
    assert _found(staff, "postcode=e81dy") == ["Ann A"]
    assert _found(staff, "postcode=E8%201DY") == ["Ann A"]
    assert _found(staff, "postcode=e8") == ["Ann A", "Bob B"]
    assert _found(staff, "postcode=E8&lastname=b") == ["Bob B"]


def test_results_are_newest_first_in_pages_with_metadata(staff, make_tenure):
    for year in range(2001, 2026):
        _tenure(make_tenure, [f"Alex{year} Jones"], start=f"{year}-06-01")
    first = staff("GET", "/tenures?lastname=jones").json
    assert first["metadata"] == {"limit": 20, "offset": 0, "totalResults": 25}
    assert len(first["data"]) == 20
    assert first["data"][0]["startOfTenureDate"] == "2025-06-01"
    rest = staff("GET", "/tenures?lastname=jones&limit=10&offset=20").json
    assert rest["metadata"] == {"limit": 10, "offset": 20, "totalResults": 25}
    assert [t["startOfTenureDate"][:4] for t in rest["data"]] == [
        "2005",
        "2004",
        "2003",
        "2002",
        "2001",
    ]
    assert staff("GET", "/tenures").json["metadata"]["totalResults"] == 25


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "limit=ten",
        "offset=-1",
        "offset=1.5",
        "postcode=NOTAPOSTCODE",
        "firstname=two%20names",
        f"lastname={'a' * 101}",
    ],
)
def test_a_bad_parameter_is_400_json(staff, query):
    response = staff("GET", f"/tenures?{query}")
    assert response.status_code == 400
    assert response.json["error"]


def test_the_largest_page_is_100(staff):
    assert staff("GET", "/tenures?limit=100").json["metadata"]["limit"] == 100


def test_search_sees_only_the_users_organisation(make_tenure, as_user, other_organisation):
    _tenure(make_tenure, ["Ann Jones"])
    outsider = as_user(Role.DATA_PROVIDER, org=other_organisation)
    assert outsider("GET", "/tenures?lastname=jones").json["data"] == []
    assert len(as_user(Role.SUPPORT)("GET", "/tenures?lastname=jones").json["data"]) == 1


def test_a_changed_start_date_reorders_name_searches(staff, make_tenure):
    older = _tenure(make_tenure, ["Ann Jones"], start="2001-01-01")
    _tenure(make_tenure, ["Bob Jones"], start="2010-01-01")
    assert _first_names(staff, "lastname=jones") == ["Bob Jones", "Ann Jones"]
    staff(
        "PATCH",
        f"/tenures/{older['id']}",
        {"startOfTenureDate": "2020-01-01"},
        headers={"If-Match": '"0"'},
    )
    assert _first_names(staff, "lastname=jones") == ["Ann Jones", "Bob Jones"]


def _first_names(staff, query):
    data = staff("GET", f"/tenures?{query}").json["data"]
    return [tenure["householdMembers"][0]["fullName"] for tenure in data]


# -- the address's postcode ------------------------------------------------------------------


def _at_address(make_tenure, name, address, **asset):
    return make_tenure(
        householdMembers=[person(name, responsible=True)],
        tenuredAsset={"fullAddress": address, **asset},
    )


def test_a_tenure_with_its_postcode_only_in_the_full_address_is_found_by_it(staff, make_tenure):
    # The seed's request object has no postcode field: the address holds it.
    _at_address(make_tenure, "Ann A", "Flat 3, 12 Mare Street, London e81dy")
    _at_address(make_tenure, "Bob B", "4 High Street, London E8 3AB")
    _at_address(make_tenure, "Cat C", "Flat 5, 12 Mare Street, London")
    assert _found(staff, "postcode=E8%201DY") == ["Ann A"]
    assert _found(staff, "postcode=e8") == ["Ann A", "Bob B"]
    assert _found(staff, "postcode=e8&firstname=bob") == ["Bob B"]


def test_the_postcode_field_wins_over_the_address(staff, make_tenure):
    _at_address(make_tenure, "Ann A", "12 Mare Street, London E8 1DY", postcode="N1 9GU")
    assert _found(staff, "postcode=N1%209GU") == ["Ann A"]
    assert _found(staff, "postcode=E8%201DY") == []


def test_a_changed_address_is_searched_by_its_new_postcode(staff, make_tenure):
    tenure = _at_address(make_tenure, "Ann A", "12 Mare Street, London E8 1DY")
    changed = staff(
        "PATCH",
        f"/tenures/{tenure['id']}",
        {"tenuredAsset": {"fullAddress": "1 Upper Street, London N1 9GU"}},
        headers={"If-Match": '"0"'},
    )
    assert changed.status_code == 204, changed.json
    assert _found(staff, "postcode=E8%201DY") == []
    assert _found(staff, "postcode=N1") == ["Ann A"]
