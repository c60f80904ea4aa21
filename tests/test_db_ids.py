"""Every route with a database id in its path answers 404 for an id no row could have (beyond
32 bits, 0, or written with digits other than ASCII), never a 500 and never another record."""

from __future__ import annotations

from functools import cached_property

import pytest

from app.accounts.roles import Role
from app.accounts.tokens import create_token
from app.applications import service as applications
from app.db_ids import MAX_BIG_ID, MAX_ID, parse_id
from app.formkit import store
from app.journeys.lettings_log import LETTINGS_LOG
from tests.applications.conftest import MAIN_APPLICANT
from tests.formkit.example_journey import EXAMPLE
from tests.helpers import csrf_token_from, sign_in
from tests.listings.conftest import (  # noqa: F401 (fixtures)
    make_development,
    make_listing,
    make_property,
)
from tests.probation.conftest import full_case, make_case  # noqa: F401 (fixtures)

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
NO_ROW = [str(MAX_ID + 1), "99999999999999999999", "0"]
NO_EVENT = [str(MAX_BIG_ID + 1), "99999999999999999999", "0"]

# (who asks, method, path): a signed-in user ("staff", "applicant"), an API token
# ("staff_token", "applicant_token"), or "nobody".
PAGES = [
    ("staff", "GET", "/logs/{log}/"),
    ("staff", "GET", "/logs/{log}/check-answers"),
    ("staff", "GET", "/logs/{log}/probation-record"),
    ("staff", "GET", "/manage-applications/{application}"),
    ("staff", "GET", "/manage-applications/{application}/return"),
    ("staff", "GET", "/listings/{listing}"),
    ("staff", "GET", "/manage-listings/developments/{development}"),
    ("staff", "GET", "/manage-listings/developments/{development}/edit"),
    ("staff", "GET", "/manage-listings/developments/{development}/properties/new"),
    ("staff", "GET", "/manage-listings/developments/{development}/listings/new"),
    ("staff", "GET", "/manage-listings/properties/{property}/edit"),
    ("staff", "GET", "/manage-listings/listings/{listing}/edit"),
    ("staff", "POST", "/account/tokens/{token}/revoke"),
    ("staff", "POST", "/manage-users/{colleague}/deactivate"),
    ("applicant", "GET", "/applications/{draft}/"),
    ("applicant", "GET", "/applications/{draft}/check-answers"),
]
APIS = [
    ("staff_token", "GET", "/case_logs/{log}"),
    ("staff_token", "PATCH", "/case_logs/{log}"),
    ("staff_token", "DELETE", "/case_logs/{log}"),
    ("nobody", "GET", "/api/rest/portal/listings/{listing}"),
    ("applicant_token", "GET", "/api/rest/portal/profile/assessment/{draft}"),
    ("applicant_token", "PUT", "/api/rest/portal/profile/assessment/{draft}"),
    ("staff_token", "GET", "/api/example/{example}"),
    ("staff_token", "PATCH", "/api/example/{example}"),
]


class World:
    """Real records and the clients to ask for them, each made when a test first needs it."""

    def __init__(self, request):
        self.app = request.getfixturevalue("app")
        self.fixture = request.getfixturevalue

    def __getattr__(self, name: str):
        if name.startswith("make_"):  # the factory fixtures, set up when first used
            return self.fixture(name)
        raise AttributeError(name)

    @cached_property
    def staff(self):
        return self.make_user(Role.DATA_COORDINATOR)

    @cached_property
    def applicant(self):
        return self.make_user(Role.APPLICANT)

    @cached_property
    def listing(self):
        development = self.make_development()
        return self.make_listing(development, self.make_property(development))

    def client(self, who: str):
        client = self.app.test_client()
        if who != "nobody":
            sign_in(client, getattr(self, who))
        return client

    def token(self, who: str) -> str:
        return create_token(self.staff if who == "staff_token" else self.applicant)[1]

    def record_id(self, kind: str) -> int:
        staff = self.staff
        if kind == "log":
            owner = {"owner_id": staff.id, "organisation_id": staff.organisation_id}
            return store.create_record(LETTINGS_LOG, **owner).id
        if kind == "example":
            return store.create_record(EXAMPLE, owner_id=staff.id).id
        if kind == "draft":
            listing = self.listing
            plot = listing.offered_properties[0]
            return applications.start(listing, plot, owner_id=self.applicant.id).record_id
        if kind == "application":
            return self._sent_application()
        if kind in ("listing", "development", "property"):
            listing = self.listing
            return {"listing": listing, "development": listing.development}.get(
                kind, listing.offered_properties[0]
            ).id
        if kind == "token":
            return create_token(staff)[0].id
        if kind == "colleague":
            return self.make_user(Role.DATA_PROVIDER).id
        self.make_case()
        return 101  # the event of the probation fixtures' case

    def _sent_application(self) -> int:
        response = self.app.test_client().post(
            "/api/rest/portal/profile/assessment",
            json={"listingId": self.listing.id, "applicants": [MAIN_APPLICANT]},
            headers={"Authorization": f"Bearer {self.token('applicant_token')}"},
        )
        assert response.status_code == 201, response.json
        # Sent to the staff member's organisation.
        return response.json["id"]


@pytest.fixture
def world(request):
    return World(request)


def asker(world: World, who: str):
    """A function asking `who` for (method, path)."""
    if who.endswith("_token"):
        headers = {"Authorization": f"Bearer {world.token(who)}", "Accept": "application/json"}
        client = world.client("nobody")

        def ask_api(method, path):
            body = {} if method in ("PATCH", "PUT") else None
            return client.open(path, method=method, headers=headers, json=body)

        return ask_api
    client = world.client(who)

    def ask_page(method, path):
        if method == "POST":
            token = csrf_token_from(client.get("/account"))
            return client.post(path, data={"csrf_token": token})
        return client.get(path)

    return ask_page


def _split(template: str) -> tuple[str, str, str]:
    before, rest = template.split("{", 1)
    kind, after = rest.split("}", 1)
    return before, kind, after


def _check(world, who, method, template, bad_ids, not_found):
    before, kind, after = _split(template)
    ask = asker(world, who)
    record_id = world.record_id(kind)
    # "１" is a digit to Python's int() and to werkzeug's <int:>, so it used to name record 1.
    for bad_id in [*bad_ids, str(record_id).translate(FULLWIDTH)]:
        response = ask(method, f"{before}{bad_id}{after}")
        assert response.status_code == 404, bad_id
        not_found(response)
    # With ASCII digits, the same path is the record: the paths above named a real one.
    assert ask(method, f"{before}{record_id}{after}").status_code != 404


def _page_not_found(response):
    assert "Page not found" in response.get_data(as_text=True)


def _json_not_found(response):
    assert response.json == {"error": "Not found"}


@pytest.mark.parametrize(("who", "method", "template"), PAGES)
def test_a_page_for_an_id_no_row_could_have_is_not_found(world, who, method, template):
    _check(world, who, method, template, NO_ROW, _page_not_found)


def test_signed_out_an_application_id_no_row_could_have_is_not_found(world):
    """The applications' before_request looked the id up before any check: a 500."""
    ask = asker(world, "nobody")
    for bad_id in NO_ROW:
        response = ask("GET", f"/applications/{bad_id}/")
        assert response.status_code == 404
        _page_not_found(response)


@pytest.mark.parametrize(("who", "method", "template"), APIS)
def test_an_api_id_no_row_could_have_is_a_json_404(world, who, method, template):
    _check(world, who, method, template, NO_ROW, _json_not_found)


def test_a_probation_event_id_beyond_64_bits_is_a_json_404(world):
    _check(world, "staff_token", "GET", "/case-data/X320741/{event}", NO_EVENT, _json_not_found)


def test_a_probation_event_id_beyond_32_bits_is_a_real_event_id(world):
    """Delius's event ids are 64-bit: the seed's are ten digits, beyond 2³¹."""
    world.make_case()
    response = asker(world, "staff_token")("GET", f"/case-data/X320741/{MAX_ID + 1}")
    assert response.json["message"] == f"Event with id of {MAX_ID + 1} not found"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("0", None),
        ("01", None),
        ("-1", None),
        ("１", None),
        ("²", None),
        (" 1", None),
        ("9" * 5000, None),
        ("", None),
        (None, None),
    ],
)
def test_parse_id_takes_only_ascii_ids_a_row_could_have(text, expected):
    assert parse_id(text) == expected


# -- numbers in queries and forms: "²" is a digit to isdigit() but not to int() ---------------


@pytest.mark.parametrize(
    "query", ["page=²", "page=" + "9" * 5000, "organisation=²", "organisation=2147483648"]
)
@pytest.mark.parametrize("path", ["/logs/", "/manage-applications/"])
def test_a_list_page_takes_any_number_in_its_query(client, make_user, path, query):
    sign_in(client, make_user(Role.SUPPORT))
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200


def test_the_listings_take_any_number_in_their_query(client):
    response = client.get("/listings?page=²&bedrooms=²&local_authority=²")
    assert response.status_code == 200


def test_applying_for_a_listing_written_in_other_digits_is_not_found(world):
    listing_id = world.listing.id
    client = world.client("nobody")
    token = csrf_token_from(client.get(f"/listings/{listing_id}"))
    for written in ("²", str(listing_id).translate(FULLWIDTH), "99999999999999999999"):
        response = client.post(
            "/applications/new", data={"csrf_token": token, "listing_id": written}
        )
        assert response.status_code == 404
    sent = client.post("/applications/new", data={"csrf_token": token, "listing_id": listing_id})
    assert sent.status_code == 302
