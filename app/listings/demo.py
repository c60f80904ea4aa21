"""Demo developments, properties and listings for the demo organisations.

Safe to run again: a development that already exists (by name, for its organisation) is left
as it is, with its properties and listings.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import Organisation
from app.clock import uk_today
from app.extensions import db
from app.listings.models import CLOSED, OPEN, Development, Listing, Property
from app.reference.lists import local_authority_by_code

# (organisation, development, address line 1, town, postcode, ONS code of the local authority,
#  properties as (plot, bedrooms, type, full market value, minimum share),
#  listings as (title, description, plot or None for the whole development, status, days open))
DEMO_DEVELOPMENTS = (
    (
        "Demo Housing Association",
        "Riverside Quarter",
        "1 Thames Path",
        "London",
        "SE10 0DX",
        "E09000011",  # Greenwich
        (
            ("1", 1, "Flat", 285_000, 25),
            ("2", 2, "Flat", 365_000, 25),
            ("3", 2, "Flat", 370_000, 10),
            ("4", 3, "Maisonette", 450_000, 25),
        ),
        (
            (
                "Flats and maisonettes at Riverside Quarter",
                "New one to three bedroom homes by the river in Greenwich, close to the DLR.",
                None,
                OPEN,
                60,
            ),
        ),
    ),
    (
        "Demo Housing Association",
        "Kirkstall Gardens",
        "20 Abbey Road",
        "Leeds",
        "LS5 3HS",
        "E08000035",  # Leeds
        (
            ("12", 3, "House", 240_000, 10),
            ("14", 2, "House", 205_000, 10),
            ("15", 2, "Bungalow", 215_000, 25),
        ),
        (
            (
                "Three bedroom house at Kirkstall Gardens",
                "A family house with a garden, near Kirkstall Abbey.",
                "12",
                OPEN,
                30,
            ),
            (
                "Two bedroom bungalow at Kirkstall Gardens",
                "A bungalow with level access. All shares have now been sold.",
                "15",
                CLOSED,
                -10,
            ),
        ),
    ),
    (
        "Demo Borough Council",
        "Harbourside Court",
        "5 Canons Way",
        "Bristol",
        "BS1 5UH",
        "E06000023",  # Bristol
        (
            ("A1", 1, "Flat", 230_000, 25),
            ("A2", 2, "Flat", 310_000, 25),
        ),
        (
            (
                "Harbourside flats in central Bristol",
                "Council-built shared ownership flats by the harbour.",
                None,
                OPEN,
                45,
            ),
        ),
    ),
)


def load_demo_listings() -> None:
    """Create the demo developments that are missing, with their properties and listings."""
    organisations = {
        org.name: org
        for org in db.session.scalars(
            select(Organisation).where(
                Organisation.name.in_({demo[0] for demo in DEMO_DEVELOPMENTS})
            )
        )
    }
    for demo in DEMO_DEVELOPMENTS:
        org_name, name, line_1, town, postcode, la_code, homes, listings = demo
        organisation = organisations.get(org_name)
        if organisation is None:
            continue
        exists = db.session.scalar(
            select(Development.id).where(
                Development.organisation_id == organisation.id, Development.name == name
            )
        )
        if exists:
            continue
        development = Development(
            organisation=organisation,
            name=name,
            address_line_1=line_1,
            town=town,
            postcode=postcode,
            local_authority_id=local_authority_by_code(la_code).id,
        )
        plots = {
            plot: Property(
                development=development,
                plot_number=plot,
                bedrooms=bedrooms,
                property_type=kind,
                full_market_value=value,
                minimum_share=share,
            )
            for plot, bedrooms, kind, value, share in homes
        }
        for title, description, plot, status, days in listings:
            Listing(
                development=development,
                property=plots[plot] if plot else None,
                title=title,
                description=description,
                status=status,
                closing_date=uk_today() + timedelta(days=days),
            )
        db.session.add(development)
    db.session.commit()
