"""Listings on the web: public pages for people looking for a home, and staff pages where a
housing provider manages its developments, properties and listings."""

from __future__ import annotations

from decimal import Decimal
from math import ceil

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accounts.forms import add_field_error
from app.accounts.models import Organisation
from app.accounts.roles import Role
from app.case_logs.web import staff_only
from app.clock import uk_today
from app.db_ids import parse_id
from app.extensions import db
from app.listings import service
from app.listings.forms import DevelopmentForm, ListingForm, PropertyForm
from app.listings.models import Development, Listing, Property
from app.pagination import pagination_here, requested_page
from app.reference.lists import REFERENCE_LISTS

PAGE_SIZE = 10

listings = Blueprint("listings", __name__, url_prefix="/listings")
manage = Blueprint("manage_listings", __name__, url_prefix="/manage-listings")
manage.before_request(staff_only)


def pounds(value: int | Decimal) -> str:
    """£250,000, or £24,599.50 when there are pence."""
    if value == int(value):
        return f"£{int(value):,}"
    return f"£{value:,.2f}"


def offer_rows(listing: Listing) -> list[dict]:
    """Summary list rows for the homes a listing offers: bedrooms, types, prices, shares."""
    homes = listing.offered_properties
    if not homes:
        return [{"key": {"text": "Homes"}, "value": {"text": "Details to follow"}}]
    cheapest = min(homes, key=lambda home: home.full_market_value)
    smallest = min(homes, key=lambda home: home.minimum_share_cost)
    value = pounds(cheapest.full_market_value)
    rows = {
        "Bedrooms": ", ".join(str(n) for n in sorted({home.bedrooms for home in homes})),
        "Type": ", ".join(sorted({home.property_type for home in homes})),
        "Full market value": value if len(homes) == 1 else f"From {value}",
        "Minimum share": (
            f"{min(home.minimum_share for home in homes)}%, "
            f"costing {'from ' if len(homes) > 1 else ''}{pounds(smallest.minimum_share_cost)}"
        ),
    }
    return [{"key": {"text": key}, "value": {"text": text}} for key, text in rows.items()]


@listings.context_processor
@manage.context_processor
def helpers():
    return {
        "pounds": pounds,
        "local_authority_name": service.local_authority_name,
        "development_place": service.development_place,
        "offer_rows": offer_rows,
    }


# -- public pages ------------------------------------------------------------------------------


@listings.get("")
def index():
    """Listings that accept applications today; closed ones are not shown."""
    local_authority_id = parse_id(request.args.get("local_authority"))
    bedrooms = parse_id(request.args.get("bedrooms"))  # a count, in an id's range
    query = service.open_listings(local_authority_id, bedrooms)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, ceil(total / PAGE_SIZE))
    page = requested_page(pages)
    found = db.session.scalars(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()

    return render_template(
        "listings/index.html",
        listings=found,
        total=total,
        pagination=pagination_here(page, pages),
        local_authorities=service.local_authorities_with_open_listings(),
        bedroom_counts=service.bedrooms_in_open_listings(),
        chosen={"local_authority": local_authority_id, "bedrooms": bedrooms},
    )


@listings.get("/<id:listing_id>")
def show(listing_id: int):
    listing = service.find_listing(listing_id)
    if listing is None:
        abort(404)
    return render_template("listings/show.html", listing=listing)


# -- staff pages -------------------------------------------------------------------------------


def _is_support() -> bool:
    return current_user.role_enum is Role.SUPPORT


def _may_manage(development: Development) -> bool:
    return _is_support() or development.organisation_id == current_user.organisation_id


def _managed(model, record_id: int):
    """A development, property or listing of the user's organisation; any other is 404."""
    record = db.session.get(model, record_id)
    development = (
        record if isinstance(record, Development) else getattr(record, "development", None)
    )
    if development is None or not _may_manage(development):
        abort(404)
    return record


def _render_form(form, *, heading: str, caption: str, back: str, status: int = 200):
    return (
        render_template(
            "listings/manage/form.html", form=form, heading=heading, caption=caption, back=back
        ),
        status,
    )


@manage.get("/", endpoint="index")
def manage_index():
    developments = select(Development).order_by(Development.name, Development.id)
    listings_query = (
        select(Listing).join(Listing.development).order_by(Listing.created_at.desc(), Listing.id)
    )
    if not _is_support():
        developments = developments.where(
            Development.organisation_id == current_user.organisation_id
        )
        listings_query = listings_query.where(
            Development.organisation_id == current_user.organisation_id
        )
    return render_template(
        "listings/manage/index.html",
        developments=db.session.scalars(developments).all(),
        listings=db.session.scalars(listings_query).all(),
        show_organisation=_is_support(),
        today=uk_today(),
    )


def _development_form(**kwargs) -> DevelopmentForm:
    organisations = None
    if _is_support():
        organisations = db.session.scalars(select(Organisation).order_by(Organisation.name))
    return DevelopmentForm(
        organisations=organisations,
        local_authorities=REFERENCE_LISTS[service.LOCAL_AUTHORITIES],
        **kwargs,
    )


def _save_development(form: DevelopmentForm, development: Development) -> None:
    development.name = form.name.data
    development.address_line_1 = form.address_line_1.data
    development.address_line_2 = form.address_line_2.data or None
    development.town = form.town.data
    development.postcode = form.postcode.data
    development.local_authority_id = int(form.local_authority_id.data)
    if "organisation_id" in form:
        development.organisation_id = int(form.organisation_id.data)
    db.session.add(development)
    db.session.commit()


@manage.route("/developments/new", methods=["GET", "POST"])
def new_development():
    form = _development_form()
    if form.validate_on_submit():
        development = Development(organisation_id=current_user.organisation_id)
        _save_development(form, development)
        flash(f"{development.name} has been added.", "success")
        return redirect(url_for(".show_development", development_id=development.id))
    return _render_form(
        form, heading="Add a development", caption="Listings", back=url_for(".index")
    )


@manage.get("/developments/<id:development_id>")
def show_development(development_id: int):
    development = _managed(Development, development_id)
    return render_template(
        "listings/manage/development.html", development=development, today=uk_today()
    )


@manage.route("/developments/<id:development_id>/edit", methods=["GET", "POST"])
def edit_development(development_id: int):
    development = _managed(Development, development_id)
    form = _development_form(obj=development)
    if form.validate_on_submit():
        _save_development(form, development)
        flash(f"{development.name} has been updated.", "success")
        return redirect(url_for(".show_development", development_id=development.id))
    return _render_form(
        form,
        heading="Change the development",
        caption=development.name,
        back=url_for(".show_development", development_id=development.id),
    )


def _save_property(form: PropertyForm, property: Property) -> bool:
    """Saves the property; False, with the message on the form, if its plot is taken."""
    taken = db.session.scalar(
        select(Property.id).where(
            Property.development_id == property.development_id,
            Property.plot_number == form.plot_number.data,
        )
    )
    if taken is None or taken == property.id:
        property.plot_number = form.plot_number.data
        property.bedrooms = form.bedrooms.data
        property.property_type = form.property_type.data
        property.full_market_value = form.full_market_value.data
        property.minimum_share = form.minimum_share.data
        db.session.add(property)
        try:
            db.session.commit()
            return True
        except IntegrityError:  # someone else took the plot a moment ago
            db.session.rollback()
    add_field_error(
        form, "plot_number", f"Plot {form.plot_number.data} is already in this development"
    )
    return False


@manage.route("/developments/<id:development_id>/properties/new", methods=["GET", "POST"])
def new_property(development_id: int):
    development = _managed(Development, development_id)
    form = PropertyForm()
    back = url_for(".show_development", development_id=development.id)
    if form.validate_on_submit() and _save_property(form, Property(development_id=development.id)):
        flash(f"Plot {form.plot_number.data} has been added.", "success")
        return redirect(back)
    return _render_form(form, heading="Add a property", caption=development.name, back=back)


@manage.route("/properties/<id:property_id>/edit", methods=["GET", "POST"])
def edit_property(property_id: int):
    property = _managed(Property, property_id)
    form = PropertyForm(obj=property)
    back = url_for(".show_development", development_id=property.development_id)
    if form.validate_on_submit() and _save_property(form, property):
        flash(f"Plot {property.plot_number} has been updated.", "success")
        return redirect(back)
    return _render_form(
        form,
        heading=f"Change plot {property.plot_number}",
        caption=property.development.name,
        back=back,
    )


def _save_listing(form: ListingForm, listing: Listing) -> None:
    listing.property_id = form.chosen_property_id
    listing.title = form.title.data
    listing.description = form.description.data
    listing.status = form.status.data
    listing.closing_date = form.closing_date.data
    db.session.add(listing)
    db.session.commit()


@manage.route("/developments/<id:development_id>/listings/new", methods=["GET", "POST"])
def new_listing(development_id: int):
    development = _managed(Development, development_id)
    form = ListingForm(properties=development.properties)
    back = url_for(".show_development", development_id=development.id)
    if form.validate_on_submit():
        listing = Listing(development_id=development.id)
        _save_listing(form, listing)
        flash(f"{listing.title} has been created.", "success")
        return redirect(back)
    return _render_form(form, heading="Create a listing", caption=development.name, back=back)


@manage.route("/listings/<id:listing_id>/edit", methods=["GET", "POST"])
def edit_listing(listing_id: int):
    listing = _managed(Listing, listing_id)
    form = ListingForm(obj=listing, properties=listing.development.properties)
    back = url_for(".show_development", development_id=listing.development_id)
    if form.validate_on_submit():
        _save_listing(form, listing)
        flash(f"{listing.title} has been updated.", "success")
        return redirect(back)
    return _render_form(form, heading="Change the listing", caption=listing.title, back=back)
