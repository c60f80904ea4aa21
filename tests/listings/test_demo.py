"""The demo listings: in real local authorities, one closed, and safe to load twice."""

from sqlalchemy import func, select

from app.demo import DEMO_ORGANISATIONS
from app.extensions import db
from app.listings.demo import load_demo_listings
from app.listings.models import Development, Listing, Property
from app.listings.service import local_authority_name


def counts() -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Development, Property, Listing)
    )


def test_demo_listings_load_once(app):
    from app.accounts import service

    for name, kind in DEMO_ORGANISATIONS.items():
        service.find_or_create_organisation(name, kind)
    db.session.commit()

    load_demo_listings()
    first = counts()
    assert all(first)
    load_demo_listings()
    assert counts() == first

    developments = db.session.scalars(select(Development)).all()
    assert {d.organisation.name for d in developments} == set(DEMO_ORGANISATIONS)
    assert {local_authority_name(d.local_authority_id) for d in developments} >= {
        "Greenwich",
        "Leeds",
    }
    listings = db.session.scalars(select(Listing)).all()
    assert [listing.accepts_applications for listing in listings].count(False) == 1


def test_demo_listings_need_the_demo_organisations(app):
    load_demo_listings()
    assert counts() == (0, 0, 0)
