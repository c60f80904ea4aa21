"""The public listings API: open listings newest first, filters, and one listing by id."""

from datetime import timedelta

import pytest

from app.extensions import db
from app.listings.models import CLOSED
from app.listings.service import development_json, listing_json, property_json
from tests.listings.conftest import GREENWICH, LEEDS

URL = "/api/rest/portal/listings"


def test_a_listing_in_full(client, listing):
    response = client.get(f"{URL}/{listing.id}")
    assert response.status_code == 200
    development, home = listing.development, listing.property
    assert response.get_json() == {
        "id": listing.id,
        "title": "Riverside flat",
        "description": "Homes for shared ownership.",
        "status": "open",
        "acceptingApplications": True,
        "closingDate": listing.closing_date.isoformat(),
        "developmentId": development.id,
        "propertyId": home.id,
        "createdAt": listing.created_at.isoformat(),
        "updatedAt": listing.updated_at.isoformat(),
        "development": {
            "id": development.id,
            "name": "Riverside",
            "addressLine1": "1 High Street",
            "addressLine2": None,
            "town": "London",
            "postcode": "SE10 9NF",
            "localAuthorityId": GREENWICH.id,
            "localAuthority": "Greenwich",
        },
        "property": {
            "id": home.id,
            "plotNumber": "7",
            "bedrooms": 2,
            "propertyType": "Flat",
            "fullMarketValue": 300_000,
            "minimumShare": 25,
        },
        "properties": [property_json(home)],
    }


def test_the_shapes_other_apis_embed(listing):
    body = listing_json(listing)
    assert set(body) == {
        "id",
        "title",
        "description",
        "status",
        "acceptingApplications",
        "closingDate",
        "developmentId",
        "propertyId",
        "createdAt",
        "updatedAt",
    }
    assert listing_json(listing, embed=True) == {
        **body,
        "development": development_json(listing.development),
        "property": property_json(listing.property),
        "properties": [property_json(listing.property)],
    }


def test_a_whole_development_listing_has_no_property_but_all_its_properties(
    client, make_development, make_property, make_listing
):
    development = make_development()
    homes = [make_property(development, plot=str(n)) for n in (1, 2)]
    listing = make_listing(development)
    body = client.get(f"{URL}/{listing.id}").get_json()
    assert body["propertyId"] is None
    assert body["property"] is None
    assert [p["id"] for p in body["properties"]] == [h.id for h in homes]


def test_a_closed_listing_can_still_be_read(client, make_development, make_listing):
    listing = make_listing(make_development(), status=CLOSED)
    body = client.get(f"{URL}/{listing.id}").get_json()
    assert (body["status"], body["acceptingApplications"]) == ("closed", False)


def test_an_unknown_listing_is_a_json_404(client, app):
    response = client.get(f"{URL}/999")
    assert response.status_code == 404
    assert response.get_json() == {"error": "Listing 999 not found"}


@pytest.mark.parametrize("listing_id", ["2147483648", "99999999999999999999999"])
def test_an_id_no_listing_could_have_is_a_json_404(client, app, listing_id):
    response = client.get(f"{URL}/{listing_id}")
    assert response.status_code == 404
    assert response.get_json() == {"error": "Not found"}


def test_the_list_has_open_listings_newest_first(client, make_development, make_listing, listing):
    development = make_development()
    newer = make_listing(development)
    newer.created_at = listing.created_at + timedelta(minutes=1)
    db.session.commit()
    make_listing(development, status=CLOSED)
    make_listing(development, closes_in=-1)
    response = client.get(URL)
    assert response.status_code == 200
    data = response.get_json()["data"]
    assert [item["id"] for item in data] == [newer.id, listing.id]
    assert data[1]["development"]["name"] == "Riverside"


def test_filters(client, make_development, make_property, make_listing):
    leeds = make_development(local_authority=LEEDS)
    greenwich = make_development(local_authority=GREENWICH)
    leeds_house = make_listing(leeds, make_property(leeds, bedrooms=3))
    leeds_flats = make_listing(leeds)  # the whole development: a 1 and a 2 bedroom flat
    make_property(leeds, bedrooms=1)
    greenwich_flat = make_listing(greenwich, make_property(greenwich, bedrooms=2))

    def ids(query: str) -> set[int]:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200, response.get_json()
        return {item["id"] for item in response.get_json()["data"]}

    assert ids(f"localAuthorityId={LEEDS.id}") == {leeds_house.id, leeds_flats.id}
    # The whole-development listing offers every plot, the 3 bedroom house among them.
    assert ids("bedrooms=3") == {leeds_house.id, leeds_flats.id}
    assert ids("bedrooms=1") == {leeds_flats.id}
    assert ids(f"bedrooms=2&localAuthorityId={GREENWICH.id}") == {greenwich_flat.id}
    assert ids("bedrooms=5") == set()
    assert ids("bedrooms=&localAuthorityId=") == {
        leeds_house.id,
        leeds_flats.id,
        greenwich_flat.id,
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("bedrooms=two", "bedrooms"),
        ("bedrooms=0", "bedrooms"),
        ("bedrooms=-1", "bedrooms"),
        ("bedrooms=99999999999999999999", "bedrooms"),
        ("localAuthorityId=abc", "localAuthorityId"),
        ("localAuthorityId=99999", "localAuthorityId"),
    ],
)
def test_bad_filters_are_a_json_400(client, app, query, field):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "The filters are not valid"
    assert list(body["errors"]) == [field]
