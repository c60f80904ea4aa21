"""Service navigation: which links a user sees depends on whether and how they are signed in."""

from dataclasses import dataclass

from flask import request, url_for
from flask_login import current_user

from app.accounts.roles import Role


@dataclass(frozen=True)
class NavItem:
    text: str
    endpoint: str
    roles: frozenset[Role] | None = None  # None: every signed-in user
    signed_out_only: bool = False
    # Also shown to signed-out users (and to signed-in users with one of `roles`).
    public: bool = False


STAFF = frozenset({Role.DATA_PROVIDER, Role.DATA_COORDINATOR, Role.SUPPORT})

APPLICANTS = frozenset({Role.APPLICANT})

NAV_ITEMS = (
    NavItem("Find a home", "listings.index", roles=APPLICANTS, public=True),
    NavItem("Your applications", "applications.index", roles=APPLICANTS),
    NavItem("Lettings logs", "logs.index", roles=STAFF),
    NavItem("Applications", "review.index", roles=STAFF),
    NavItem("Listings", "manage_listings.index", roles=STAFF),
    NavItem("Tenures", "tenures.index", roles=STAFF),
    NavItem("Users", "users.index", roles=frozenset({Role.DATA_COORDINATOR, Role.SUPPORT})),
    NavItem("Feedback", "feedback.received", roles=frozenset({Role.SUPPORT})),
    NavItem("Your account", "accounts.account"),
    # "Sign out" follows these: a form button, not a link (components/sign_out_button.html).
    NavItem("Create an account", "accounts.register", signed_out_only=True),
    NavItem("Sign in", "accounts.sign_in", signed_out_only=True),
)


def _visible(item: NavItem) -> bool:
    if not current_user.is_authenticated:
        return item.signed_out_only or item.public
    if item.signed_out_only:
        return False
    return item.roles is None or current_user.role_enum in item.roles


def navigation_items() -> list[dict]:
    """Items in the shape govukServiceNavigation takes, with the current page marked."""
    items = []
    for item in NAV_ITEMS:
        if not _visible(item):
            continue
        href = url_for(item.endpoint)
        items.append({"text": item.text, "href": href, "active": request.endpoint == item.endpoint})
    return items
