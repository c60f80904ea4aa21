"""Staff manage their organisation's developments, properties and listings."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.roles import Role
from app.clock import uk_today
from app.extensions import db
from app.listings.models import CLOSED, Development, Listing, Property
from tests.helpers import error_summary, field_error, page, sign_in, submit_form
from tests.listings.conftest import GREENWICH, LEEDS

DEVELOPMENT = {
    "name": "Canal Wharf",
    "address_line_1": "3 Towpath Lane",
    "address_line_2": "",
    "town": "Leeds",
    "postcode": "ls11ur",
    "local_authority_id": str(LEEDS.id),
}
PROPERTY = {
    "plot_number": "4",
    "bedrooms": "2",
    "property_type": "House",
    "full_market_value": "£240,000",
    "minimum_share": "25",
}


def date_fields(day) -> dict:
    return {"closing_date": [str(day.day), str(day.month), str(day.year)]}


@pytest.fixture
def provider(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    return user


def test_signed_out_users_are_sent_to_sign_in(client, app):
    response = client.get("/manage-listings/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_applicants_are_forbidden(client, make_user, make_development):
    development = make_development()
    sign_in(client, make_user(Role.APPLICANT))
    for url in (
        "/manage-listings/",
        "/manage-listings/developments/new",
        f"/manage-listings/developments/{development.id}",
    ):
        assert client.get(url).status_code == 403
    assert client.post("/manage-listings/developments/new").status_code in (400, 403)


def test_create_a_development_then_a_property_then_a_listing(client, provider):
    soup = page(client.get("/manage-listings/"))
    assert soup.h1.get_text(strip=True) == "Developments and listings"

    response = submit_form(client, "/manage-listings/developments/new", DEVELOPMENT)
    assert response.status_code == 302
    development = db.session.scalars(select(Development)).one()
    assert development.organisation_id == provider.organisation_id
    assert development.postcode == "LS1 1UR"
    assert development.address_line_2 is None
    assert response.headers["Location"] == f"/manage-listings/developments/{development.id}"

    base = f"/manage-listings/developments/{development.id}"
    response = submit_form(client, f"{base}/properties/new", PROPERTY)
    assert response.status_code == 302
    home = db.session.scalars(select(Property)).one()
    assert (home.plot_number, home.bedrooms, home.property_type) == ("4", 2, "House")
    assert (home.full_market_value, home.minimum_share) == (240_000, 25)

    form = page(client.get(f"{base}/listings/new"))
    assert [legend.get_text(strip=True) for legend in form.select("legend")] == [
        "Status",
        "Closing date",
    ]
    assert [o.get_text(strip=True) for o in form.select("#property_id option")] == [
        "The whole development (1 property)",
        "Plot 4: 2 bedroom house",
    ]
    closing = uk_today() + timedelta(days=14)
    response = submit_form(
        client,
        f"{base}/listings/new",
        {
            "property_id": str(home.id),
            "title": "A house by the canal",
            "description": "Two bedrooms and a garden.",
            "status": "open",
            **date_fields(closing),
        },
    )
    assert response.status_code == 302
    listing = db.session.scalars(select(Listing)).one()
    assert (listing.property_id, listing.closing_date) == (home.id, closing)
    assert listing.accepts_applications

    soup = page(client.get(base))
    assert "A house by the canal has been created." in soup.get_text()
    assert [td.get_text(strip=True) for td in soup.select("#properties tbody tr > *")][:5] == [
        "4",
        "2",
        "House",
        "£240,000",
        "25%",
    ]
    assert "Open" in soup.select_one("#listings tbody tr").get_text()
    index = page(client.get("/manage-listings/"))
    assert "Canal Wharf" in index.select_one("#developments").get_text()
    assert "A house by the canal" in index.select_one("#listings").get_text()


def test_edit_and_close(client, provider, make_development, make_property, make_listing):
    development = make_development()
    home = make_property(development, plot="1")
    listing = make_listing(development, home)

    url = f"/manage-listings/developments/{development.id}/edit"
    form = page(client.get(url))
    assert form.select_one("#name")["value"] == development.name
    assert form.select_one("#local_authority_id option[selected]")["value"] == str(GREENWICH.id)
    response = submit_form(client, url, {**DEVELOPMENT, "name": "Renamed"})
    assert response.status_code == 302
    assert db.session.get(Development, development.id).name == "Renamed"

    url = f"/manage-listings/properties/{home.id}/edit"
    assert page(client.get(url)).select_one("#full_market_value")["value"] == "300000"
    response = submit_form(client, url, {**PROPERTY, "plot_number": "1", "bedrooms": "3"})
    assert response.status_code == 302
    assert db.session.get(Property, home.id).bedrooms == 3

    url = f"/manage-listings/listings/{listing.id}/edit"
    soup = page(client.get(url))
    assert soup.select_one("#closing_date-year")["value"] == str(listing.closing_date.year)
    assert soup.select_one("input[name=status][value=open]").has_attr("checked")
    response = submit_form(
        client,
        url,
        {
            "property_id": "",
            "title": listing.title,
            "description": "Now the whole development.",
            "status": "closed",
            # A closed listing may keep a closing date in the past.
            **date_fields(uk_today() - timedelta(days=3)),
        },
    )
    assert response.status_code == 302
    listing = db.session.get(Listing, listing.id)
    assert (listing.status, listing.property_id) == (CLOSED, None)
    assert not listing.accepts_applications


@pytest.mark.parametrize(
    ("url", "data", "expected"),
    [
        (
            "/manage-listings/developments/new",
            {},
            {
                "name": "Enter the development name",
                "address_line_1": "Enter address line 1, typically the street",
                "town": "Enter the town or city",
                "postcode": "Enter the postcode",
                "local_authority_id": "Select the local authority",
            },
        ),
        (
            "/manage-listings/developments/new",
            {**DEVELOPMENT, "postcode": "NOT A POSTCODE", "local_authority_id": "99999"},
            {
                "postcode": "Enter a full UK postcode, like SE10 9NF",
                "local_authority_id": "Select the local authority",
            },
        ),
        (
            "/manage-listings/developments/{id}/properties/new",
            {},
            {
                "plot_number": "Enter the plot number",
                "bedrooms": "Enter the number of bedrooms",
                "property_type": "Select the property type",
                "full_market_value": "Enter the full market value",
                "minimum_share": "Enter the minimum share",
            },
        ),
        (
            "/manage-listings/developments/{id}/properties/new",
            {
                **PROPERTY,
                "bedrooms": "0",
                "full_market_value": "250000.50",
                "minimum_share": "80",
                "property_type": "Castle",
            },
            {
                "bedrooms": "Number of bedrooms must be between 1 and 20",
                "full_market_value": (
                    "Full market value must be a whole number of pounds, like 250000"
                ),
                "minimum_share": "Minimum share must be between 10% and 75%",
                "property_type": "Select the property type",
            },
        ),
        (
            "/manage-listings/developments/{id}/listings/new",
            {"status": "open"},
            {
                "title": "Enter a title for the listing",
                "description": "Enter a description",
                "closing_date": "Enter the closing date",
            },
        ),
        (
            "/manage-listings/developments/{id}/listings/new",
            {
                "title": "A title",
                "description": "x" * 1001,
                "status": "",
                "closing_date": ["31", "2", "2030"],
            },
            {
                "description": "Description must be 1,000 characters or fewer",
                "status": "Select whether the listing is open or closed",
                "closing_date": "Closing date must be a real date",
            },
        ),
        (
            "/manage-listings/developments/{id}/listings/new",
            {
                "title": "A title",
                "description": "Text",
                "status": "open",
                "closing_date": ["1", "1", "2020"],
            },
            {"closing_date": "The closing date of an open listing must be today or later"},
        ),
    ],
)
def test_validation_messages(client, provider, make_development, url, data, expected):
    development = make_development()
    response = submit_form(client, url.format(id=development.id), data)
    assert response.status_code == 200
    soup = page(response)
    assert soup.title.get_text().startswith("Error: ")
    assert sorted(error_summary(soup)) == sorted(expected.values())
    for field, message in expected.items():
        assert field_error(soup, field) == message
    links = [a["href"] for a in soup.select(".govuk-error-summary a")]
    if "closing_date" in expected:
        assert "#closing_date-day" in links
    assert db.session.scalars(select(Listing)).all() == []


def test_a_plot_number_is_used_once_in_a_development(
    client, provider, make_development, make_property
):
    development = make_development()
    make_property(development, plot="4")
    response = submit_form(
        client, f"/manage-listings/developments/{development.id}/properties/new", PROPERTY
    )
    assert response.status_code == 200
    assert field_error(page(response), "plot_number") == "Plot 4 is already in this development"


def test_another_organisations_records_are_not_found(
    client, provider, other_organisation, make_development, make_property, make_listing
):
    theirs = make_development(org=other_organisation, name="Not yours")
    home = make_property(theirs)
    listing = make_listing(theirs)
    for url in (
        f"/manage-listings/developments/{theirs.id}",
        f"/manage-listings/developments/{theirs.id}/edit",
        f"/manage-listings/developments/{theirs.id}/properties/new",
        f"/manage-listings/developments/{theirs.id}/listings/new",
        f"/manage-listings/properties/{home.id}/edit",
        f"/manage-listings/listings/{listing.id}/edit",
        "/manage-listings/listings/999999/edit",
    ):
        assert client.get(url).status_code == 404, url
    assert "Not yours" not in client.get("/manage-listings/").get_data(as_text=True)


def test_support_manages_every_organisation(
    client, make_user, other_organisation, make_development
):
    theirs = make_development(org=other_organisation, name="Theirs")
    sign_in(client, make_user(Role.SUPPORT))
    index = page(client.get("/manage-listings/"))
    assert "Other Housing Association" in index.select_one("#developments").get_text()
    assert client.get(f"/manage-listings/developments/{theirs.id}").status_code == 200

    response = submit_form(
        client,
        "/manage-listings/developments/new",
        {**DEVELOPMENT, "organisation_id": str(other_organisation.id)},
    )
    assert response.status_code == 302
    created = db.session.scalar(select(Development).where(Development.name == "Canal Wharf"))
    assert created.organisation_id == other_organisation.id


def test_support_must_choose_the_housing_provider(client, make_user, organisation):
    sign_in(client, make_user(Role.SUPPORT))
    response = submit_form(client, "/manage-listings/developments/new", DEVELOPMENT)
    assert field_error(page(response), "organisation_id") == "Select the housing provider"
