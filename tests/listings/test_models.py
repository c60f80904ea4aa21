"""Listings take applications while open and until their closing date; what they offer."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.clock import uk_today
from app.extensions import db
from app.listings.models import CLOSED, OPEN, Listing, Property
from app.listings.service import find_listing, open_listing


@pytest.mark.parametrize(
    ("status", "closes_in", "accepting"),
    [
        (OPEN, 10, True),
        (OPEN, 0, True),  # the closing date is the last day to apply
        (OPEN, -1, False),
        (CLOSED, 10, False),
        (CLOSED, -1, False),
    ],
)
def test_accepts_applications_by_status_and_closing_date(
    make_development, make_listing, status, closes_in, accepting
):
    listing = make_listing(make_development(), status=status, closes_in=closes_in)
    assert listing.accepts_applications is accepting
    # The same rule in SQL, for the queries that list open listings.
    found = db.session.scalars(
        select(Listing.id).where(Listing.accepts_applications_on(uk_today()))
    ).all()
    assert found == ([listing.id] if accepting else [])
    assert (open_listing(listing.id) is not None) is accepting


def test_accepts_applications_on_a_given_day(make_development, make_listing):
    listing = make_listing(make_development(), closes_in=5)
    assert listing.accepts_applications_on(uk_today() + timedelta(days=5))
    assert not listing.accepts_applications_on(uk_today() + timedelta(days=6))


def test_a_listing_offers_its_property_or_the_whole_development(
    make_development, make_property, make_listing
):
    development = make_development()
    plots = [make_property(development, plot=plot) for plot in ("2", "1", "3")]
    assert [p.plot_number for p in make_listing(development).offered_properties] == [
        "1",
        "2",
        "3",
    ]
    assert make_listing(development, property=plots[0]).offered_properties == [plots[0]]


def test_minimum_share_cost_is_to_the_penny(make_development, make_property):
    development = make_development()
    assert (
        make_property(development, full_market_value=250_000, minimum_share=25).minimum_share_cost
        == 62_500
    )
    odd = make_property(development, full_market_value=245_995, minimum_share=10)
    assert odd.minimum_share_cost == Decimal("24599.5")


def test_plot_numbers_are_unique_within_a_development(make_development, make_property):
    first, second = make_development(), make_development()
    make_property(first, plot="1")
    make_property(second, plot="1")  # another development may use the same plot number
    with pytest.raises(IntegrityError):
        make_property(first, plot="1")
    db.session.rollback()


@pytest.mark.parametrize(
    "fields",
    [
        {"bedrooms": 0},
        {"property_type": "Castle"},
        {"full_market_value": 0},
        {"minimum_share": 9},
        {"minimum_share": 76},
    ],
)
def test_the_database_refuses_impossible_properties(make_development, fields):
    development = make_development()
    values = {
        "plot_number": "1",
        "bedrooms": 2,
        "property_type": "Flat",
        "full_market_value": 200_000,
        "minimum_share": 25,
        **fields,
    }
    db.session.add(Property(development=development, **values))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize("listing_id", [None, "1", True, 0, -1, 2**31, 10**30])
def test_find_listing_is_none_for_anything_but_a_possible_id(app, listing_id):
    assert find_listing(listing_id) is None
