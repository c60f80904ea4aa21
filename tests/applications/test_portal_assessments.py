"""The portal API's applications over HTTP: start, edit, submit (signed in or out), read and
list, with every status code the seed and the issue name."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.roles import Role
from app.applications import service
from app.applications.models import Application
from app.applications.portal_api import INVALID
from app.extensions import db
from app.formkit.models import FormRecord
from app.listings.models import CLOSED
from tests.helpers import csrf_token_from, page, sign_in

# What starting an application needs: the main applicant's name, email and phone.
FIRST = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "email": "ada@example.com",
    "phone": "020 7946 0000",
}
RESPONSE_KEYS = [
    "application",
    "createdAt",
    "development",
    "formFields",
    "id",
    "listing",
    "property",
    "status",
    "updatedAt",
]
# What a draft with only FIRST still needs before it can be submitted.
STILL_TO_ANSWER = {
    "applicants.0.title": ["Enter your title"],
    "applicants.0.dateOfBirth": ["Enter your date of birth"],
    "applicants.0.maritalStatus": ["Select your marital status"],
    "applicants.0.gender": ["Select your gender"],
    "applicants.0.homeAddressLine1": ["Enter the first line of your home address"],
    "applicants.0.homeAddressLine2": ["Enter the second line of your home address"],
    "applicants.0.homePostcode": ["Enter your home postcode"],
    "applicants.0.homeLocalAuthorityId": ["Select the local authority your home is in"],
    "applicants.0.homeMoveInDate": ["Enter the date you moved into your current home"],
    "applicants.0.livingCircumstance": ["Select which of these best describes where you live now"],
    "applicants.0.workingCircumstance": ["Select which of these best describes your work"],
    "applicants.0.annualSalary": ["Enter your annual salary before tax"],
    "applicants.0.savings": ["Enter your savings, or 0 if you have none"],
    "applicants.0.deposit": ["Enter your deposit, or 0 if you have none"],
    "applicants.0.failedLoanOrCreditAgreement": [
        "Select yes if you have failed to keep up payments"
    ],
    "applicants.0.declaredBankrupt": [
        "Select yes if you have been declared bankrupt or had a CCJ that is not paid"
    ],
    "applicants.0.enteredIVA": ["Select yes if you have entered an IVA"],
    "applicants.0.ownPets": ["Select yes if you have pets"],
    "applicants.0.MODWorker": [
        "Select yes if you are a Ministry of Defence worker or surviving partner"
    ],
}


def body(listing, *applicants, **extra) -> dict:
    return {"listingId": listing.id, "applicants": list(applicants), **extra}


def assert_invalid(response, errors: dict) -> None:
    assert response.status_code == 422, response.json
    assert response.json == {"message": INVALID, "errors": errors}


def stored_counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count()).select_from(FormRecord)),
        db.session.scalar(select(func.count()).select_from(Application)),
    )


def started(api, listing, *applicants) -> dict:
    response = api("PUT", "/profile/assessment", body(listing, *(applicants or (FIRST,))))
    assert response.status_code == 201, response.json
    return response.json


def submitted(api, listing, *applicants) -> dict:
    response = api("POST", "/profile/assessment", body(listing, *applicants))
    assert response.status_code == 201, response.json
    return response.json


def edit(api, draft: dict, *applicants):
    """PUT changes to these applicants of a draft."""
    return api("PUT", f"/profile/assessment/{draft['id']}", {"applicants": list(applicants)})


def assert_has(actual: dict, expected: dict) -> None:
    """Every expected field is in `actual` with the same value."""
    assert {key: actual.get(key) for key in expected} == expected


@pytest.fixture
def staff(make_user):
    return make_user(Role.DATA_COORDINATOR)


# -- PUT /profile/assessment: start a draft ------------------------------------------------------


def test_start_returns_the_seed_response_object(portal, listing):
    api = portal()

    response = api("PUT", "/profile/assessment", body(listing, FIRST))

    assert response.status_code == 201
    data = response.json
    assert sorted(data) == RESPONSE_KEYS
    record = db.session.get(FormRecord, data["id"])
    assert record.owner_id == api.user.id
    assert data["status"] == "draft"
    assert data["application"] == {
        "reference": record.reference,
        "submittedAt": None,
        "unsubmitReason": None,
        "copiedFromId": None,
    }
    assert data["listing"]["id"] == listing.id
    assert data["property"]["id"] == listing.property_id
    assert data["property"]["plotNumber"] == "7"
    assert data["development"]["id"] == listing.development_id
    assert data["development"]["localAuthority"] == "Greenwich"
    assert data["createdAt"] == record.created_at.isoformat()
    assert data["updatedAt"] == record.updated_at.isoformat()
    fields = data["formFields"]
    assert sorted(fields) == ["applicants", "listingId", "propertyId"]
    assert (fields["listingId"], fields["propertyId"]) == (listing.id, listing.property_id)
    [main] = fields["applicants"]
    assert_has(main, {**FIRST, "title": None, "dateOfBirth": None, "previousAddresses": []})


def test_start_stores_every_answer_under_the_request_names(
    portal, listing, main_applicant, joint_applicant
):
    previous = {
        "addressLine1": "3 Old Road",
        "addressLine2": "Woolwich",
        "postcode": "SE18 6HQ",
        "localAuthorityId": main_applicant["homeLocalAuthorityId"],
        "dateMovedIn": "2015-03-01",
    }
    main_applicant["previousAddresses"] = [previous]
    main_applicant["preferredPlots"] = ["7"]

    data = started(portal(), listing, main_applicant, joint_applicant)

    main, joint = data["formFields"]["applicants"]
    assert main.pop("previousAddresses") == [{**previous, "town": None, "county": None}]
    assert_has(main, {**main_applicant, "previousAddresses": None})
    assert_has(joint, joint_applicant)
    assert joint["previousAddresses"] == []  # each applicant has the array
    assert "relationshipToPrimary" not in main


def test_start_requires_the_listing_and_the_main_applicants_contact_details(portal):
    api = portal()

    response = api("PUT", "/profile/assessment", {"applicants": [{"firstName": "  "}]})

    assert_invalid(
        response,
        {
            "listingId": ["Give the id of a listing, as a number"],
            "applicants.0.firstName": ["Enter your first name"],
            "applicants.0.lastName": ["Enter your last name"],
            "applicants.0.email": ["Enter your email address"],
            "applicants.0.phone": ["Enter your main phone number"],
        },
    )
    assert stored_counts() == (0, 0)


@pytest.mark.parametrize("applicants", [None, [], "Ada", [["Ada"]]])
def test_start_requires_the_applicants_as_a_list(portal, listing, applicants):
    payload = {"listingId": listing.id}
    if applicants is not None:
        payload["applicants"] = applicants

    response = portal()("PUT", "/profile/assessment", payload)

    assert_invalid(
        response, {"applicants": ["Give the applicants as a list, the main applicant first"]}
    )


def test_start_refuses_an_unknown_or_closed_listing(portal, make_development, make_listing):
    api = portal()
    development = make_development()
    closed = make_listing(development, status=CLOSED)
    past_closing = make_listing(development, closes_in=-1)

    for listing_id in (closed.id, past_closing.id, 999_999, 2**63):
        response = api(
            "PUT", "/profile/assessment", {"listingId": listing_id, "applicants": [FIRST]}
        )
        assert_invalid(
            response, {"listingId": [f"Listing {listing_id} does not exist or is closed"]}
        )
    assert stored_counts() == (0, 0)


def test_start_checks_the_property_is_part_of_the_listing(
    portal, listing, make_development, make_property, make_listing
):
    api = portal()
    development = make_development()
    first, second = make_property(development), make_property(development)
    whole_development = make_listing(development)

    elsewhere = api("PUT", "/profile/assessment", body(whole_development, FIRST, propertyId=99))
    other_plot = api("PUT", "/profile/assessment", body(listing, FIRST, propertyId=second.id))
    not_a_number = api("PUT", "/profile/assessment", body(listing, FIRST, propertyId="7"))
    chosen = api("PUT", "/profile/assessment", body(whole_development, FIRST, propertyId=first.id))
    undecided = api("PUT", "/profile/assessment", body(whole_development, FIRST))

    assert_invalid(elsewhere, {"propertyId": ["Property 99 is not part of this listing"]})
    assert_invalid(
        other_plot, {"propertyId": [f"Property {second.id} is not part of this listing"]}
    )
    assert_invalid(not_a_number, {"propertyId": ["Give the id of a property, as a number"]})
    assert chosen.status_code == 201
    assert chosen.json["property"]["id"] == first.id
    assert chosen.json["formFields"]["propertyId"] == first.id
    assert undecided.status_code == 201
    assert undecided.json["property"] is None
    assert undecided.json["formFields"]["propertyId"] is None


@pytest.mark.parametrize("payload", [[{"listingId": 1}], "listing", 7])
def test_a_body_that_is_not_an_object_is_400(portal, listing, payload):
    api = portal()
    draft = started(api, listing)

    for method, path in [
        ("PUT", "/profile/assessment"),
        ("PUT", f"/profile/assessment/{draft['id']}"),
        ("POST", "/profile/assessment"),
    ]:
        response = api(method, path, payload)
        assert response.status_code == 400
        assert response.json == {"error": "Send the request body as a JSON object"}

    not_json = api("PUT", "/profile/assessment", data="listingId=1")
    assert not_json.status_code == 400
    assert not_json.json == {"error": "Send the request body as a JSON object"}


def test_unknown_fields_are_refused(portal, listing):
    response = portal()(
        "PUT", "/profile/assessment", body(listing, {**FIRST, "shoeSize": 9}, colour=1)
    )

    assert_invalid(
        response,
        {
            "colour": ["This field is not recognised"],
        },
    )
    response = portal()("PUT", "/profile/assessment", body(listing, {**FIRST, "shoeSize": 9}))
    assert_invalid(response, {"applicants.0.shoeSize": ["This field is not recognised"]})


# -- PUT /profile/assessment/{id}: edit a draft ---------------------------------------------------


def test_edit_is_a_partial_update_for_every_applicant(
    portal, listing, main_applicant, joint_applicant
):
    api = portal()
    draft = started(api, listing, main_applicant, joint_applicant)

    response = edit(api, draft, {"phone": "07700 900982"}, {"email": "bill@example.com"})

    assert response.status_code == 200
    assert response.json["id"] == draft["id"]
    assert response.json["status"] == "draft"
    main, joint = response.json["formFields"]["applicants"]
    assert_has(main, {**main_applicant, "phone": "07700 900982"})
    assert_has(joint, {**joint_applicant, "email": "bill@example.com"})
    assert api("GET", f"/profile/assessment/{draft['id']}").json == response.json


def test_edit_without_applicants_keeps_every_answer(portal, listing, main_applicant):
    api = portal()
    draft = started(api, listing, main_applicant)

    response = api(
        "PUT",
        f"/profile/assessment/{draft['id']}",
        {"listingId": listing.id, "propertyId": listing.property_id},
    )

    assert response.status_code == 200
    assert response.json["formFields"] == draft["formFields"]


def test_the_applicants_array_says_how_many_applicants_there_are(
    portal, listing, main_applicant, joint_applicant
):
    """An empty object keeps an applicant as stored; leaving one off the end removes them."""
    api = portal()
    second = {**joint_applicant, "firstName": "Grace", "email": "grace@example.com"}
    draft = started(api, listing, main_applicant, joint_applicant, second)
    path = f"/profile/assessment/{draft['id']}"

    kept = api("PUT", path, {"applicants": [{}, {}, {}]})
    removed = api("PUT", path, {"applicants": [{}, {}]})

    assert kept.json["formFields"] == draft["formFields"]
    assert [a["firstName"] for a in removed.json["formFields"]["applicants"]] == [
        "Ada",
        "William",
    ]


def test_edit_clears_a_joint_applicants_answers_that_stop_applying(
    portal, listing, main_applicant, joint_applicant
):
    api = portal()
    working = {
        **joint_applicant,
        "workingCircumstance": 2,
        "employerName": "Royal Observatory",
        "workAddressLine1": "Blackheath Avenue",
        "workAddressLine2": "Greenwich",
        "workPostcode": "SE10 8XJ",
        "workLocalAuthorityId": main_applicant["workLocalAuthorityId"],
        "addressSameAsMainApplicant": False,
        "homeAddressLine1": "5 Park Row",
        "homeAddressLine2": "Greenwich",
        "homePostcode": "SE10 9NF",
        "homeLocalAuthorityId": main_applicant["homeLocalAuthorityId"],
    }
    draft = started(api, listing, main_applicant, working)

    response = edit(api, draft, {}, {"workingCircumstance": 5, "addressSameAsMainApplicant": True})

    assert response.status_code == 200, response.json
    joint = response.json["formFields"]["applicants"][1]
    assert joint["workingCircumstance"] == 5
    for field in ("employerName", "workAddressLine1", "workPostcode", "homeAddressLine1"):
        assert joint[field] is None
    assert joint["firstName"] == "William"


def test_edit_validates_each_given_value_and_stores_nothing_if_one_is_bad(
    portal, listing, main_applicant, joint_applicant
):
    api = portal()
    draft = started(api, listing, main_applicant, joint_applicant)

    response = edit(api, draft, {"phone": "07700 900982", "savings": -1}, {"email": "bill-at-home"})

    assert_invalid(
        response,
        {
            "applicants.0.savings": ["Your savings must be 0 or more"],
            "applicants.1.email": [
                "Enter an email address in the correct format, like name@example.com"
            ],
        },
    )
    assert api("GET", f"/profile/assessment/{draft['id']}").json == draft


def test_edit_cannot_move_an_application_to_another_listing_or_property(
    portal, listing, make_development, make_property, make_listing
):
    api = portal()
    draft = started(api, listing)
    development = make_development()
    other = make_listing(development, make_property(development))
    path = f"/profile/assessment/{draft['id']}"
    message = "The listing and property of an application cannot be changed"

    assert_invalid(api("PUT", path, {"listingId": other.id}), {"listingId": [message]})
    assert_invalid(api("PUT", path, {"propertyId": other.property_id}), {"propertyId": [message]})
    assert_invalid(
        api("POST", "/profile/assessment", {"id": draft["id"], "listingId": other.id}),
        {"listingId": [message]},
    )
    assert api("GET", path).json == draft


def test_another_users_application_reads_as_not_found(portal, listing):
    owner, other = portal(), portal()
    draft = started(owner, listing)
    message = {"error": f"Application {draft['id']} not found"}

    for method, path, payload in [
        ("GET", f"/profile/assessment/{draft['id']}", None),
        ("PUT", f"/profile/assessment/{draft['id']}", {"applicants": [{"phone": "1"}]}),
        ("POST", "/profile/assessment", {"id": draft["id"]}),
    ]:
        response = other(method, path, payload)
        assert response.status_code == 404
        assert response.json == message
    assert owner("GET", f"/profile/assessment/{draft['id']}").json == draft


@pytest.mark.parametrize("record_id", [999_999, 2**63])
def test_an_application_that_does_not_exist_is_404(portal, record_id):
    api = portal()
    message = {"error": f"Application {record_id} not found"}
    # An id no row could have matches no path at all.
    in_path = message if record_id == 999_999 else {"error": "Not found"}

    for method, path, payload, expected in [
        ("GET", f"/profile/assessment/{record_id}", None, in_path),
        ("PUT", f"/profile/assessment/{record_id}", {}, in_path),
        ("POST", "/profile/assessment", {"id": record_id}, message),
    ]:
        response = api(method, path, payload)
        assert response.status_code == 404
        assert response.json == expected


def test_a_submitted_application_cannot_be_edited(portal, listing, main_applicant):
    api = portal()
    sent = submitted(api, listing, main_applicant)

    response = api("PUT", f"/profile/assessment/{sent['id']}", {"applicants": [{"phone": "1"}]})

    assert response.status_code == 409
    assert response.json == {
        "error": f"Application {sent['id']} has been submitted and can no longer be changed"
    }
    assert api("GET", f"/profile/assessment/{sent['id']}").json == sent


def test_an_unsubmitted_application_cannot_be_edited_but_its_copy_can(
    portal, listing, main_applicant, staff
):
    api = portal()
    sent = submitted(api, listing, main_applicant)
    copy = service.unsubmit(service.for_record(sent["id"]), staff, "Add your payslips")
    original_path = f"/profile/assessment/{sent['id']}"
    change = {"applicants": [{"phone": "07700 900982"}]}

    refused = api("PUT", original_path, change)
    resubmitted = api("POST", "/profile/assessment", {"id": sent["id"]})
    edited = api("PUT", f"/profile/assessment/{copy.record_id}", change)

    message = (
        f"Application {sent['id']} was returned to you by the housing provider and can no "
        f"longer be changed. Make your changes to application {copy.record_id} instead"
    )
    for response in (refused, resubmitted):
        assert response.status_code == 409
        assert response.json == {"error": message}
    original = api("GET", original_path).json
    assert original["status"] == "unsubmitted"
    assert original["formFields"] == sent["formFields"]
    assert original["application"]["unsubmitReason"] == "Add your payslips"
    assert edited.status_code == 200
    assert edited.json["status"] == "draft"
    assert edited.json["application"]["copiedFromId"] == sent["id"]
    assert edited.json["application"]["unsubmitReason"] == "Add your payslips"
    assert edited.json["formFields"]["applicants"][0]["phone"] == "07700 900982"


# -- POST /profile/assessment: submit -------------------------------------------------------------


def test_submit_a_draft_merged_with_the_fields_given(portal, listing, main_applicant):
    api = portal()
    draft = started(api, listing)
    rest = {key: value for key, value in main_applicant.items() if key not in FIRST}

    response = api("POST", "/profile/assessment", {"id": draft["id"], "applicants": [rest]})

    assert response.status_code == 200
    assert response.json["id"] == draft["id"]
    assert response.json["status"] == "submitted"
    record = db.session.get(FormRecord, draft["id"])
    assert record.status == "submitted"
    assert response.json["application"]["submittedAt"] == record.submitted_at.isoformat()
    main = response.json["formFields"]["applicants"][0]
    assert_has(main, main_applicant)
    # Optional questions not answered are sent as not given.
    assert main["middleNames"] is None and main["previousAddresses"] == []


def test_submit_a_draft_lists_every_required_answer_still_missing(portal, listing):
    api = portal()
    draft = started(api, listing)

    response = api("POST", "/profile/assessment", {"id": draft["id"]})

    assert_invalid(response, STILL_TO_ANSWER)
    assert api("GET", f"/profile/assessment/{draft['id']}").json == draft


def test_submit_a_draft_refuses_a_bad_value_and_keeps_the_draft(portal, listing, main_applicant):
    api = portal()
    draft = started(api, listing, main_applicant)

    response = api(
        "POST", "/profile/assessment", {"id": draft["id"], "applicants": [{"deposit": -5}]}
    )

    assert_invalid(response, {"applicants.0.deposit": ["Your deposit must be 0 or more"]})
    assert api("GET", f"/profile/assessment/{draft['id']}").json == draft


@pytest.mark.parametrize("record_id", ["1", True, 1.5, [1]])
def test_submit_wants_the_id_as_a_number(portal, listing, record_id):
    api = portal()
    started(api, listing)

    response = api("POST", "/profile/assessment", {"id": record_id})

    assert_invalid(response, {"id": ["Give the id of a draft application, as a number"]})
    assert db.session.scalar(select(FormRecord)).status == "in_progress"


def test_submit_a_complete_new_application_in_one_go(
    portal, listing, main_applicant, joint_applicant
):
    api = portal()

    response = api("POST", "/profile/assessment", body(listing, main_applicant, joint_applicant))

    assert response.status_code == 201
    assert sorted(response.json) == RESPONSE_KEYS
    assert response.json["status"] == "submitted"
    record = db.session.get(FormRecord, response.json["id"])
    assert (record.owner_id, record.status) == (api.user.id, "submitted")
    main, joint = response.json["formFields"]["applicants"]
    assert_has(main, main_applicant)
    assert_has(joint, joint_applicant)


def test_submit_with_a_null_id_is_a_new_application(portal, listing, main_applicant):
    response = portal()(
        "POST", "/profile/assessment", {"id": None, **body(listing, main_applicant)}
    )

    assert response.status_code == 201
    assert response.json["status"] == "submitted"


def test_submit_a_draft_refuses_unknown_fields(portal, listing, main_applicant):
    api = portal()
    draft = started(api, listing, main_applicant)

    response = api("POST", "/profile/assessment", {"id": draft["id"], "notes": "Thanks"})

    assert_invalid(response, {"notes": ["This field is not recognised"]})
    assert api("GET", f"/profile/assessment/{draft['id']}").json == draft


def test_submit_a_new_application_stores_nothing_unless_complete(portal, listing):
    response = portal()("POST", "/profile/assessment", body(listing, FIRST))

    assert_invalid(response, STILL_TO_ANSWER)
    assert stored_counts() == (0, 0)


def test_a_submitted_application_cannot_be_submitted_again(portal, listing, main_applicant):
    api = portal()
    sent = submitted(api, listing, main_applicant)

    response = api("POST", "/profile/assessment", {"id": sent["id"]})

    assert response.status_code == 409
    assert response.json == {
        "error": f"Application {sent['id']} has been submitted and can no longer be changed"
    }
    assert api("GET", f"/profile/assessment/{sent['id']}").json == sent


# -- POST /assessment: signed out -----------------------------------------------------------------


def signed_out(client, payload):
    return client.post("/api/rest/portal/assessment", json=payload)


def test_signed_out_a_complete_application_is_submitted_with_no_owner(
    client, listing, main_applicant, joint_applicant
):
    response = signed_out(client, body(listing, main_applicant, joint_applicant))

    assert response.status_code == 201
    assert sorted(response.json) == RESPONSE_KEYS
    assert response.json["status"] == "submitted"
    record = db.session.get(FormRecord, response.json["id"])
    assert record.status == "submitted"
    assert record.owner_id is None and record.session_key_hash is None
    assert record.organisation_id == listing.development.organisation_id
    assert_has(response.json["formFields"]["applicants"][1], joint_applicant)


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"applicants": [FIRST]}, STILL_TO_ANSWER),
        (
            {"applicants": []},
            {"applicants": ["Give the applicants as a list, the main applicant first"]},
        ),
        ({"listingId": None}, {"listingId": ["Give the id of a listing, as a number"]}),
        ({"id": 1}, {"id": ["This field is not recognised"]}),
    ],
)
def test_signed_out_an_incomplete_application_stores_nothing(
    client, listing, main_applicant, change, errors
):
    before = stored_counts()

    response = signed_out(client, {**body(listing, main_applicant), **change})

    assert_invalid(response, errors)
    assert stored_counts() == before


def test_signed_out_an_invalid_value_stores_nothing(client, listing, main_applicant):
    response = signed_out(client, body(listing, {**main_applicant, "annualSalary": 0}))

    assert_invalid(
        response, {"applicants.0.annualSalary": ["Your annual salary must be more than 0"]}
    )
    assert stored_counts() == (0, 0)


def test_signed_out_submissions_are_rate_limited(app, client, listing, main_applicant, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_SUBMISSIONS_LIMIT", "2 per hour")

    first = signed_out(client, body(listing, main_applicant))
    second = signed_out(client, body(listing, FIRST))
    third = signed_out(client, body(listing, main_applicant))

    assert (first.status_code, second.status_code) == (201, 422)
    assert third.status_code == 429
    assert third.mimetype == "application/json"
    assert int(third.headers["Retry-After"]) > 0
    assert third.json == {
        "error": "Too many applications have been sent from your connection. Try again later"
    }
    assert stored_counts() == (1, 1)


def test_signed_out_starts_on_the_web_share_the_submissions_allowance(
    app, client, listing, main_applicant, monkeypatch
):
    monkeypatch.setitem(app.config, "PORTAL_SUBMISSIONS_LIMIT", "2 per hour")
    browser = app.test_client()
    token = csrf_token_from(browser.get(f"/listings/{listing.id}"))
    apply = {"csrf_token": token, "listing_id": str(listing.id)}

    assert browser.post("/applications/new", data=apply).status_code == 302
    assert signed_out(client, body(listing, main_applicant)).status_code == 201
    refused_page = browser.post("/applications/new", data=apply)
    refused_api = signed_out(client, body(listing, main_applicant))

    assert refused_page.status_code == 429
    assert "too many applications" in page(refused_page).h1.get_text()
    assert refused_api.status_code == 429
    assert stored_counts() == (2, 2)


def test_signed_in_starts_on_the_web_are_not_limited(app, client, listing, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_SUBMISSIONS_LIMIT", "1 per hour")
    sign_in(client, make_user(Role.APPLICANT))
    token = csrf_token_from(client.get(f"/listings/{listing.id}"))
    for _ in range(2):
        response = client.post(
            "/applications/new", data={"csrf_token": token, "listing_id": str(listing.id)}
        )
        assert response.status_code == 302


def test_signed_out_a_body_that_is_not_an_object_is_400(client):
    response = signed_out(client, ["not", "an", "object"])

    assert response.status_code == 400
    assert response.json == {"error": "Send the request body as a JSON object"}


# -- GET /profile/assessment/{id} and the lists ---------------------------------------------------


def test_read_returns_the_application(portal, listing, main_applicant):
    api = portal()
    draft = started(api, listing, main_applicant)

    response = api("GET", f"/profile/assessment/{draft['id']}")

    assert response.status_code == 200
    assert response.json == draft


def test_the_lists_hold_the_users_applications_newest_first(portal, listing, main_applicant, staff):
    api, other = portal(), portal()
    oldest = started(api, listing)
    sent = submitted(api, listing, main_applicant)
    # Not the same answers, which would be refused as a resend of the first.
    returned = submitted(api, listing, {**main_applicant, "savings": 16000})
    newest = started(api, listing)
    started(other, listing)
    submitted(other, listing, main_applicant)
    copy = service.unsubmit(service.for_record(returned["id"]), staff, "Wrong plot")

    def ids(path):
        response = api("GET", path)
        assert response.status_code == 200
        assert sorted(response.json) == ["data"]
        assert all(sorted(item) == RESPONSE_KEYS for item in response.json["data"])
        return [(item["id"], item["status"]) for item in response.json["data"]]

    assert ids("/profile/assessments") == [
        (copy.record_id, "draft"),
        (newest["id"], "draft"),
        (returned["id"], "unsubmitted"),
        (sent["id"], "submitted"),
        (oldest["id"], "draft"),
    ]
    assert ids("/profile/assessments/draft") == [
        (copy.record_id, "draft"),
        (newest["id"], "draft"),
        (oldest["id"], "draft"),
    ]
    assert ids("/profile/assessments/submitted") == [(sent["id"], "submitted")]


def test_the_lists_are_empty_for_a_new_user(portal):
    api = portal()

    for path in (
        "/profile/assessments",
        "/profile/assessments/draft",
        "/profile/assessments/submitted",
    ):
        response = api("GET", path)
        assert response.status_code == 200
        assert response.json == {"data": []}
