"""GET /api/rest/portal/<list>: the reference lists over JSON, public."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from app.extensions import db
from app.reference import load_sample_postcodes
from app.reference.lists import REFERENCE_LISTS
from app.reference.models import Postcode

URL = "/api/rest/portal"


@pytest.mark.parametrize("name", sorted(REFERENCE_LISTS))
def test_each_list_needs_no_token_and_gives_ids_and_names(client, name):
    response = client.get(f"{URL}/{name}")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = response.get_json()["data"]
    assert [item["id"] for item in data] == [item.id for item in REFERENCE_LISTS[name]]
    assert [item["name"] for item in data] == [item.name for item in REFERENCE_LISTS[name]]
    keys = {"id", "name", "code"} if name in ("local-authorities", "counties") else {"id", "name"}
    assert all(set(item) == keys for item in data)


def test_local_authorities_carry_their_ons_codes(client):
    data = client.get(f"{URL}/local-authorities").get_json()["data"]
    assert len(data) == 296
    assert {"id": 281, "name": "Westminster", "code": "E09000033"} in data


def test_an_unknown_list_is_a_json_404(client):
    response = client.get(f"{URL}/unknown-things")
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert "error" in response.get_json()


@pytest.mark.parametrize(
    "path", ["/register", "/login", "/listings", "/profile/assessments", "/assessment"]
)
def test_the_list_route_never_claims_the_portal_api_routes(app, path):
    adapter = app.url_map.bind("localhost")
    for method in ("GET", "POST", "PUT"):
        try:
            endpoint, _ = adapter.match(URL + path, method=method)
        except (NotFound, MethodNotAllowed):
            continue
        assert not endpoint.startswith("reference_api.")


def test_the_local_authority_of_a_postcode(client):
    load_sample_postcodes()

    response = client.get(f"{URL}/local-authorities", query_string={"postcode": "SE2 6RT"})

    assert response.status_code == 200
    assert response.get_json() == {"data": [{"id": 102, "name": "Greenwich", "code": "E09000011"}]}
    again = client.get(f"{URL}/local-authorities?postcode=se26rt")
    assert again.get_json() == response.get_json()


@pytest.mark.parametrize("postcode", ["not a postcode", "", "SE2", "12345"])
def test_an_invalid_postcode_is_a_400(client, postcode):
    response = client.get(f"{URL}/local-authorities", query_string={"postcode": postcode})

    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "Enter a real postcode, like SW1A 1AA"
    assert body["errors"] == {"postcode": ["Enter a real postcode, like SW1A 1AA"]}


def test_a_postcode_we_do_not_know_is_a_404(client):
    response = client.get(f"{URL}/local-authorities", query_string={"postcode": "sw1a9zz"})

    assert response.status_code == 404
    assert response.get_json() == {
        "error": "No local authority was found for the postcode SW1A 9ZZ"
    }


def test_a_postcode_from_the_provider_is_kept(client, provider):
    provider.found("SE1 9SG", "E09000028")

    response = client.get(f"{URL}/local-authorities", query_string={"postcode": "SE1 9SG"})

    assert response.status_code == 200
    assert response.get_json()["data"][0]["name"] == "Southwark"
    assert db.session.get(Postcode, "SE1 9SG").local_authority_code == "E09000028"


def test_a_failing_provider_is_a_404_not_a_500(client, provider):
    provider.answers["SE1 9SG"] = (500, "oops", 0)
    response = client.get(f"{URL}/local-authorities", query_string={"postcode": "SE1 9SG"})
    assert response.status_code == 404
