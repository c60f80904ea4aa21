"""Finding listings, and the JSON shapes other parts of the service embed.

The portal API embeds these shapes in its application responses, so they are a contract:
add keys if you must, but do not rename or remove them.

`listing_json(listing)`::

    {
      "id": 12,
      "title": "Two-bedroom flats at Riverside Quarter",
      "description": "Shared ownership flats near the station.",
      "status": "open",                  # as set by the provider: "open" or "closed"
      "acceptingApplications": true,     # open, and the closing date is today or later
      "closingDate": "2027-03-31",       # the last day applications are taken (UK date)
      "developmentId": 3,
      "propertyId": 7,                   # null when the listing is for the whole development
      "createdAt": "2026-11-22T10:15:00+00:00",
      "updatedAt": "2026-11-22T10:15:00+00:00"
    }

`listing_json(listing, embed=True)` adds ``"development"`` (as below), ``"property"`` (as
below, or null for a whole development) and ``"properties"`` (every property the listing
offers, so the plots an applicant may prefer).

`development_json(development)`::

    {
      "id": 3,
      "name": "Riverside Quarter",
      "addressLine1": "1 River Way",
      "addressLine2": null,
      "town": "London",
      "postcode": "SE10 0AA",
      "localAuthorityId": 102,           # the id in the "local-authorities" reference list
      "localAuthority": "Greenwich"      # its name (null if the id is no longer listed)
    }

`property_json(property)`::

    {
      "id": 7,
      "plotNumber": "12",
      "bedrooms": 2,
      "propertyType": "Flat",            # House, Flat, Maisonette or Bungalow
      "fullMarketValue": 300000,         # whole pounds
      "minimumShare": 25                 # per cent
    }
"""

from __future__ import annotations

import re

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import selectinload

from app import clock
from app.db_ids import is_id
from app.extensions import db
from app.listings.models import Development, Listing, Property
from app.reference.lists import find

LOCAL_AUTHORITIES = "local-authorities"


def find_listing(listing_id) -> Listing | None:
    """The listing with this id, or None (also for anything that is not a possible id)."""
    return db.session.get(Listing, listing_id) if is_id(listing_id) else None


def open_listing(listing_id) -> Listing | None:
    """The listing, if it exists and accepts applications today."""
    listing = find_listing(listing_id)
    return listing if listing is not None and listing.accepts_applications else None


def local_authority_name(local_authority_id: int) -> str | None:
    item = find(LOCAL_AUTHORITIES, local_authority_id)
    return item.name if item is not None else None


# Official names put the kind of authority last: "Bristol, City of".
_AUTHORITY_KIND = re.compile(r"^(?P<place>.+),\s*(?P<kind>City|County|Borough) of$")


def place(town: str, local_authority: str | None) -> str:
    """Where a development is, in a list: its town, and its local authority only when that
    names somewhere else: "Bristol" (not "Bristol (Bristol, City of)"), "Leeds" (not "Leeds
    (Leeds)"), but "Hebden Bridge (Calderdale)" and "Hull (City of Kingston upon Hull)"."""
    if not local_authority:
        return town
    authority, named = local_authority.strip(), local_authority.strip()
    if match := _AUTHORITY_KIND.match(authority):
        named = match["place"].strip()
        authority = f"{match['kind']} of {named}"
    if named.casefold() == town.strip().casefold():
        return town
    return f"{town} ({authority})"


def development_place(development: Development) -> str:
    return place(development.town, local_authority_name(development.local_authority_id))


# -- JSON ----------------------------------------------------------------------------------


def property_json(property: Property) -> dict:
    return {
        "id": property.id,
        "plotNumber": property.plot_number,
        "bedrooms": property.bedrooms,
        "propertyType": property.property_type,
        "fullMarketValue": property.full_market_value,
        "minimumShare": property.minimum_share,
    }


def development_json(development: Development) -> dict:
    return {
        "id": development.id,
        "name": development.name,
        "addressLine1": development.address_line_1,
        "addressLine2": development.address_line_2,
        "town": development.town,
        "postcode": development.postcode,
        "localAuthorityId": development.local_authority_id,
        "localAuthority": local_authority_name(development.local_authority_id),
    }


def listing_json(listing: Listing, *, embed: bool = False) -> dict:
    body = {
        "id": listing.id,
        "title": listing.title,
        "description": listing.description,
        "status": listing.status,
        "acceptingApplications": listing.accepts_applications,
        "closingDate": listing.closing_date.isoformat(),
        "developmentId": listing.development_id,
        "propertyId": listing.property_id,
        "createdAt": listing.created_at.isoformat(),
        "updatedAt": listing.updated_at.isoformat(),
    }
    if embed:
        body["development"] = development_json(listing.development)
        body["property"] = property_json(listing.property) if listing.property else None
        body["properties"] = [property_json(p) for p in listing.offered_properties]
    return body


# -- the open listings, filtered -------------------------------------------------------------


def _offered_by_listing():
    """Joins a property to a listing that offers it (its own, or its development's)."""
    return or_(
        Property.id == Listing.property_id,
        and_(Listing.property_id.is_(None), Property.development_id == Listing.development_id),
    )


def open_listings(local_authority_id: int | None = None, bedrooms: int | None = None) -> Select:
    """Listings accepting applications today, newest first, with what pages and JSON need."""
    query = (
        select(Listing)
        .join(Listing.development)
        .where(Listing.accepts_applications_on(clock.uk_today()))
        .options(
            selectinload(Listing.development).selectinload(Development.properties),
            selectinload(Listing.property),
        )
        .order_by(Listing.created_at.desc(), Listing.id.desc())
    )
    if local_authority_id is not None:
        query = query.where(Development.local_authority_id == local_authority_id)
    if bedrooms is not None:
        offers = select(Property.id).where(_offered_by_listing(), Property.bedrooms == bedrooms)
        query = query.where(offers.exists())
    return query


def local_authorities_with_open_listings() -> list[tuple[int, str]]:
    """(id, name) of each local authority with a development that has an open listing."""
    ids = db.session.scalars(
        select(Development.local_authority_id)
        .distinct()
        .join(Listing, Listing.development_id == Development.id)
        .where(Listing.accepts_applications_on(clock.uk_today()))
    )
    named = [(id, local_authority_name(id)) for id in ids]
    return sorted(((id, name) for id, name in named if name), key=lambda item: item[1])


def bedrooms_in_open_listings() -> list[int]:
    return list(
        db.session.scalars(
            select(Property.bedrooms)
            .distinct()
            .join(Listing, _offered_by_listing())
            .where(Listing.accepts_applications_on(clock.uk_today()))
            .order_by(Property.bedrooms)
        )
    )
