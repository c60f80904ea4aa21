"""Service navigation: which links a user sees depends on whether and how they are signed in."""

from dataclasses import dataclass

from flask import current_app, request, url_for
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
    # Blueprints whose every page belongs to this item: a log's pages come under
    # "Lettings logs", so it is marked there too, not only on the list itself.
    sections: tuple[str, ...] = ()


STAFF = frozenset({Role.DATA_PROVIDER, Role.DATA_COORDINATOR, Role.SUPPORT})

APPLICANTS = frozenset({Role.APPLICANT})

NAV_ITEMS = (
    NavItem("Find a home", "listings.index", roles=APPLICANTS, public=True, sections=("listings",)),
    NavItem(
        "Your applications", "applications.index", roles=APPLICANTS, sections=("applications",)
    ),
    NavItem("Lettings logs", "logs.index", roles=STAFF, sections=("logs", "lettings")),
    NavItem("Applications", "review.index", roles=STAFF, sections=("review",)),
    NavItem("Listings", "manage_listings.index", roles=STAFF, sections=("manage_listings",)),
    NavItem("Tenures", "tenures.index", roles=STAFF, sections=("tenures",)),
    NavItem(
        "Users",
        "users.index",
        roles=frozenset({Role.DATA_COORDINATOR, Role.SUPPORT}),
        sections=("users",),
    ),
    NavItem(
        "Feedback", "feedback.received", roles=frozenset({Role.SUPPORT}), sections=("feedback",)
    ),
    NavItem(
        "Failed jobs",
        "failed_jobs.index",
        roles=frozenset({Role.SUPPORT}),
        sections=("failed_jobs",),
    ),
    NavItem("Your account", "accounts.account"),
    # "Sign out" follows these: a form button, not a link (components/sign_out_button.html).
    NavItem("Create an account", "accounts.register", signed_out_only=True),
    NavItem("Sign in", "accounts.sign_in", signed_out_only=True),
)


def _visible(item: NavItem, role: Role | None) -> bool:
    """`role`: the signed-in user's, or None when signed out."""
    if role is None:
        return item.signed_out_only or item.public
    if item.signed_out_only:
        return False
    return item.roles is None or role in item.roles


def _href(endpoint: str) -> str:
    """A menu item's URL, built once per app and script root rather than on every request,
    since it never changes."""
    hrefs = current_app.extensions.setdefault("navigation_hrefs", {})
    key = (request.script_root, endpoint)
    if key not in hrefs:
        hrefs[key] = url_for(endpoint)
    return hrefs[key]


def navigation_items() -> list[dict]:
    """Items in the shape govukServiceNavigation takes, with the current page marked: as the
    page itself (`current`, aria-current="page") or as a page within the item's section
    (`active`, aria-current="true")."""
    role = current_user.role_enum if current_user.is_authenticated else None
    endpoint, blueprint = request.endpoint, request.blueprint
    items = []
    for item in NAV_ITEMS:
        if not _visible(item, role):
            continue
        current = endpoint == item.endpoint
        items.append(
            {
                "text": item.text,
                "href": _href(item.endpoint),
                "current": current,
                "active": current or blueprint in item.sections,
            }
        )
    return items
