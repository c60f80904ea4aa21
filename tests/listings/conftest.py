"""Factories for developments, properties and listings."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest

from app.clock import uk_today
from app.extensions import db
from app.listings.models import OPEN, Development, Listing, Property
from app.reference.lists import local_authority_by_code

_names = count(1)

GREENWICH = local_authority_by_code("E09000011")
LEEDS = local_authority_by_code("E08000035")


@pytest.fixture
def make_development(organisation):
    def build(org=None, local_authority=GREENWICH, **fields) -> Development:
        development = Development(
            organisation=org or organisation,
            name=fields.pop("name", f"Development {next(_names)}"),
            address_line_1=fields.pop("address_line_1", "1 High Street"),
            town=fields.pop("town", "London"),
            postcode=fields.pop("postcode", "SE10 9NF"),
            local_authority_id=local_authority.id,
            **fields,
        )
        db.session.add(development)
        db.session.commit()
        return development

    return build


@pytest.fixture
def make_property():
    def build(development, plot=None, bedrooms=2, **fields) -> Property:
        property = Property(
            development=development,
            plot_number=plot or str(next(_names)),
            bedrooms=bedrooms,
            property_type=fields.pop("property_type", "Flat"),
            full_market_value=fields.pop("full_market_value", 300_000),
            minimum_share=fields.pop("minimum_share", 25),
            **fields,
        )
        db.session.add(property)
        db.session.commit()
        return property

    return build


@pytest.fixture
def make_listing():
    def build(development, property=None, status=OPEN, closes_in=30, **fields) -> Listing:
        listing = Listing(
            development=development,
            property=property,
            title=fields.pop("title", f"Listing {next(_names)}"),
            description=fields.pop("description", "Homes for shared ownership."),
            status=status,
            closing_date=uk_today() + timedelta(days=closes_in),
            **fields,
        )
        db.session.add(listing)
        db.session.commit()
        return listing

    return build


@pytest.fixture
def listing(make_development, make_property, make_listing):
    """An open listing for one two-bedroom flat in Greenwich."""
    development = make_development(name="Riverside")
    return make_listing(development, make_property(development, plot="7"), title="Riverside flat")
