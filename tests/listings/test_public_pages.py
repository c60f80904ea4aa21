"""The public listing pages: open listings with filters and pagination, and one listing."""

from datetime import timedelta

from app.extensions import db
from app.listings.models import CLOSED
from app.listings.web import PAGE_SIZE
from app.reference.lists import local_authority_by_code
from tests.helpers import page
from tests.listings.conftest import GREENWICH, LEEDS


def titles(soup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".app-listings h3 a")]


def test_only_listings_that_take_applications_are_shown(
    client, make_development, make_listing, listing
):
    development = make_development()
    make_listing(development, status=CLOSED, title="Closed one")
    make_listing(development, closes_in=-1, title="Past its closing date")
    make_listing(development, closes_in=0, title="Closing today")
    response = client.get("/listings")
    assert response.status_code == 200
    soup = page(response)
    assert soup.title.get_text(strip=True).startswith("Find a shared ownership home – ")
    assert sorted(titles(soup)) == ["Closing today", "Riverside flat"]
    assert "2 homes open" in soup.select_one("#results").get_text()


def test_a_listing_summary(client, listing):
    soup = page(client.get("/listings"))
    item = soup.select_one(".app-listings__item")
    assert item.h3.a["href"] == f"/listings/{listing.id}"
    rows = {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in item.select(".govuk-summary-list__row")
    }
    assert rows["Bedrooms"] == "2"
    assert rows["Full market value"] == "£300,000"
    assert rows["Minimum share"] == "25%, costing £75,000"
    assert "Riverside, London (Greenwich)" in item.get_text()


def test_filter_by_local_authority_and_bedrooms(
    client, make_development, make_property, make_listing
):
    leeds = make_development(local_authority=LEEDS)
    greenwich = make_development(local_authority=GREENWICH)
    make_listing(leeds, make_property(leeds, bedrooms=3), title="Leeds house")
    make_listing(greenwich, make_property(greenwich, bedrooms=1), title="Greenwich flat")
    make_listing(greenwich, make_property(greenwich, bedrooms=3), title="Greenwich house")

    soup = page(client.get("/listings"))
    options = {
        select["name"]: [o.get_text(strip=True) for o in select.select("option")]
        for select in soup.select("main form select")
    }
    # Only the local authorities and bedroom counts that have open listings are offered.
    assert options == {
        "local_authority": ["Any local authority", "Greenwich", "Leeds"],
        "bedrooms": ["Any number of bedrooms", "1 bedroom", "3 bedrooms"],
    }
    assert soup.select_one("main form")["method"] == "get"

    soup = page(client.get(f"/listings?local_authority={GREENWICH.id}&bedrooms=3"))
    assert titles(soup) == ["Greenwich house"]
    assert soup.select_one("#local_authority option[selected]")["value"] == str(GREENWICH.id)
    assert soup.select_one("#bedrooms option[selected]")["value"] == "3"
    assert soup.find("a", string="Clear filters")["href"] == "/listings"

    assert titles(page(client.get(f"/listings?local_authority={LEEDS.id}"))) == ["Leeds house"]
    soup = page(client.get("/listings?bedrooms=2"))
    assert titles(soup) == []
    assert "match your filters" in soup.select_one("main").get_text()
    # Nonsense in the query string is ignored rather than an error.
    assert len(titles(page(client.get("/listings?bedrooms=x&local_authority=-3")))) == 3


def test_pagination_keeps_the_filters(client, make_development, make_listing):
    development = make_development(local_authority=LEEDS)
    listings = [make_listing(development, title=f"Home {n:02}") for n in range(PAGE_SIZE + 3)]
    for minutes, listing in enumerate(listings):  # newest first: Home 12 … Home 00
        listing.created_at = listing.created_at + timedelta(minutes=minutes)
    db.session.commit()

    soup = page(client.get(f"/listings?local_authority={LEEDS.id}"))
    assert len(titles(soup)) == PAGE_SIZE
    assert titles(soup)[0] == f"Home {PAGE_SIZE + 2:02}"
    next_link = soup.select_one(".govuk-pagination__next a")["href"]
    assert f"local_authority={LEEDS.id}" in next_link
    assert "page=2" in next_link

    soup = page(client.get(next_link))
    assert titles(soup) == ["Home 02", "Home 01", "Home 00"]
    assert soup.select_one(".govuk-pagination__item--current").get_text(strip=True) == "2"
    # A page past the end shows the last page.
    assert titles(page(client.get("/listings?page=99"))) == ["Home 02", "Home 01", "Home 00"]


def test_a_property_listing_page(client, listing):
    response = client.get(f"/listings/{listing.id}")
    assert response.status_code == 200
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "Riverside flat"
    text = soup.select_one("main").get_text(" ", strip=True)
    for expected in (
        "1 High Street London SE10 9NF",
        "Greenwich",
        "Test Borough Council",
        "£300,000",
        "25%",
        "£75,000",
    ):
        assert expected in text
    form = soup.select_one("main form")
    assert form["method"] == "post"
    assert form["action"] == "/applications/new"
    assert form.select_one("input[name=listing_id]")["value"] == str(listing.id)
    assert form.select_one("input[name=csrf_token]")["value"]
    assert form.button.get_text(strip=True) == "Apply"


def test_a_development_listing_page_has_a_table_of_its_homes(
    client, make_development, make_property, make_listing
):
    development = make_development()
    make_property(development, plot="1", bedrooms=1, full_market_value=245_995, minimum_share=10)
    make_property(development, plot="2", bedrooms=3, property_type="House")
    listing = make_listing(development)
    soup = page(client.get(f"/listings/{listing.id}"))
    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in soup.select("#properties tbody tr")
    ]
    assert rows == [
        ["1", "1", "Flat", "£245,995", "10%", "£24,599.50"],
        ["2", "3", "House", "£300,000", "25%", "£75,000"],
    ]


def test_a_closed_listing_says_so_and_has_no_apply_button(client, make_development, make_listing):
    for listing in (
        make_listing(make_development(), status=CLOSED),
        make_listing(make_development(), closes_in=-1),
    ):
        soup = page(client.get(f"/listings/{listing.id}"))
        assert "This listing is closed to new applications" in soup.select_one("main").get_text()
        assert soup.select_one("main form") is None


def test_an_unknown_listing_is_the_404_page(client, app):
    response = client.get("/listings/12345")
    assert response.status_code == 404
    assert page(response).h1.get_text(strip=True) == "Page not found"


def test_a_location_names_the_local_authority_only_when_it_is_somewhere_else(
    client, make_development, make_listing
):
    bristol = local_authority_by_code("E06000023")  # "Bristol, City of"
    hull = local_authority_by_code("E06000010")  # "Kingston upon Hull, City of"
    for name, town, authority in (
        ("Harbourside", "Bristol", bristol),
        ("Holbeck", "Leeds", LEEDS),
        ("Marina", "Hull", hull),
        ("Riverside", "London", GREENWICH),
    ):
        make_listing(make_development(name=name, town=town, local_authority=authority))
    soup = page(client.get("/listings"))
    places = {
        item.select_one("p").get_text(strip=True) for item in soup.select(".app-listings__item")
    }
    assert places == {
        "Harbourside, Bristol",
        "Holbeck, Leeds",
        "Marina, Hull (City of Kingston upon Hull)",
        "Riverside, London (Greenwich)",
    }


def test_the_homes_also_come_as_a_card_each_for_a_phone(
    client, make_development, make_property, make_listing
):
    """The same homes as the table, as summary cards; app.css shows one layout or the other."""
    development = make_development()
    make_property(development, plot="1", bedrooms=1, full_market_value=245_995, minimum_share=10)
    make_property(development, plot="2", bedrooms=3, property_type="House")
    soup = page(client.get(f"/listings/{make_listing(development).id}"))
    cards = {
        card.select_one(".govuk-summary-card__title").get_text(strip=True): {
            row.dt.get_text(strip=True): row.dd.get_text(strip=True)
            for row in card.select(".govuk-summary-list__row")
        }
        for card in soup.select("#properties-cards .govuk-summary-card")
    }
    assert cards == {
        "Plot 1": {
            "Bedrooms": "1",
            "Type": "Flat",
            "Full market value": "£245,995",
            "Minimum share": "10%",
            "Minimum share costs": "£24,599.50",
        },
        "Plot 2": {
            "Bedrooms": "3",
            "Type": "House",
            "Full market value": "£300,000",
            "Minimum share": "25%",
            "Minimum share costs": "£75,000",
        },
    }
    # Its own heading, as the table has its caption.
    assert soup.select_one("#properties-cards h2").get_text(strip=True) == "The homes"
