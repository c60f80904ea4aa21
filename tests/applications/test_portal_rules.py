"""The seed's rules over HTTP, a selection of every kind: maximum lengths, email addresses,
past and future dates and their format, numbers at least 0 and above 0, each conditional
requirement, reference ids, and joint applicants. Each case sends a complete application
(a main applicant and a joint applicant) with one thing changed, and expects exactly that
thing's message under its dotted path."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.applications.portal_api import INVALID
from app.extensions import db
from app.formkit.models import FormRecord
from tests.applications.conftest import GREENWICH
from tests.applications.test_portal_assessments import FIRST, edit

EMAIL = "Enter an email address in the correct format, like name@example.com"
NOT_APPLICABLE = "This question does not apply, given the other answers"
TODAY = date.today()
TOMORROW = (TODAY + timedelta(days=1)).isoformat()
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()
LOAN = {"hasLoans": True, "loanBalance": 1500, "loanPurpose": "A car", "loanEndDate": TOMORROW}
PREVIOUS = {
    "addressLine1": "3 Old Road",
    "addressLine2": "Woolwich",
    "postcode": "SE18 6HQ",
    "localAuthorityId": GREENWICH.id,
    "dateMovedIn": "2015-03-01",
}
OWN_HOME = {
    "addressSameAsMainApplicant": False,
    "homeAddressLine1": "5 Park Row",
    "homeAddressLine2": "Greenwich",
    "homePostcode": "SE10 9NF",
    "homeLocalAuthorityId": GREENWICH.id,
}
WORK = {
    "workingCircumstance": 2,
    "employerName": "Royal Observatory",
    "workAddressLine1": "Blackheath Avenue",
    "workAddressLine2": "Greenwich",
    "workPostcode": "SE10 8XJ",
    "workLocalAuthorityId": GREENWICH.id,
}


@pytest.fixture
def send(portal, listing, main_applicant, joint_applicant):
    """Submit a complete application with changes to the main (0) and joint (1) applicant;
    None as a value leaves the field out. The response."""
    api = portal()

    def submit(main=None, joint=None):
        applicants = []
        for applicant, changes in ((main_applicant, main), (joint_applicant, joint)):
            merged = {**applicant, **(changes or {})}
            applicants.append({key: value for key, value in merged.items() if value is not None})
        return api(
            "POST", "/profile/assessment", {"listingId": listing.id, "applicants": applicants}
        )

    return submit


def assert_refused(response, errors: dict) -> None:
    assert response.status_code == 422, response.json
    assert response.json == {"message": INVALID, "errors": errors}
    assert db.session.scalar(select(func.count()).select_from(FormRecord)) == 0


def test_the_complete_application_is_accepted(send):
    assert send().status_code == 201


def main_error(field: str, message: str) -> dict:
    return {f"applicants.0.{field}": [message]}


def joint_error(field: str, message: str) -> dict:
    return {f"applicants.1.{field}": [message]}


# -- one bad value, one message ---------------------------------------------------------------

ONE_BAD_VALUE = {
    # maximum lengths
    "title over 50": (
        {"title": "M" * 51},
        None,
        main_error("title", "Your title must be 50 characters or fewer"),
    ),
    "first name over 255": (
        {"firstName": "A" * 256},
        None,
        main_error("firstName", "Your first name must be 255 characters or fewer"),
    ),
    "joint last name over 255": (
        None,
        {"lastName": "K" * 256},
        joint_error("lastName", "Their last name must be 255 characters or fewer"),
    ),
    "phone over 20": (
        {"phone": "0" * 21},
        None,
        main_error("phone", "Your main phone number must be 20 characters or fewer"),
    ),
    "mobile phone over 20": (
        {"mobilePhone": "0" * 21},
        None,
        main_error("mobilePhone", "Mobile phone number must be 20 characters or fewer"),
    ),
    "help to buy reference over 100": (
        {"helpToBuyReference": "H" * 101},
        None,
        main_error("helpToBuyReference", "Help to Buy reference must be 100 characters or fewer"),
    ),
    # email addresses
    "email": ({"email": "ada.example.com"}, None, main_error("email", EMAIL)),
    "joint email": (None, {"email": "william@"}, joint_error("email", EMAIL)),
    "email over 255": (
        {"email": "a" * 250 + "@example.com"},
        None,
        main_error("email", "Your email address must be 255 characters or fewer"),
    ),
    "employer's email": (
        {"employersContactEmail": "hr-at-engines"},
        None,
        main_error("employersContactEmail", EMAIL),
    ),
    # dates in the past
    "born tomorrow": (
        {"dateOfBirth": TOMORROW},
        None,
        main_error("dateOfBirth", "Your date of birth must be in the past"),
    ),
    "born today": (
        {"dateOfBirth": TODAY.isoformat()},
        None,
        main_error("dateOfBirth", "Your date of birth must be in the past"),
    ),
    "joint born tomorrow": (
        None,
        {"dateOfBirth": TOMORROW},
        joint_error("dateOfBirth", "Their date of birth must be in the past"),
    ),
    "moved in tomorrow": (
        {"homeMoveInDate": TOMORROW},
        None,
        main_error(
            "homeMoveInDate", "The date you moved into your current home must be in the past"
        ),
    ),
    # a date in the future
    "loan ended yesterday": (
        {**LOAN, "loanEndDate": YESTERDAY},
        None,
        main_error("loanEndDate", "The date the loan ends must be in the future"),
    ),
    "loan ends today": (
        {**LOAN, "loanEndDate": TODAY.isoformat()},
        None,
        main_error("loanEndDate", "The date the loan ends must be in the future"),
    ),
    # the date format
    "date as d/m/Y": (
        {"dateOfBirth": "10/12/1990"},
        None,
        main_error(
            "dateOfBirth", "Your date of birth must be in the format YYYY-MM-DD, like 2022-01-31"
        ),
    ),
    "date without leading zeros": (
        {"homeMoveInDate": "2019-6-1"},
        None,
        main_error(
            "homeMoveInDate",
            "The date you moved into your current home must be in the format YYYY-MM-DD, "
            "like 2022-01-31",
        ),
    ),
    "joint date as d/m/Y": (
        None,
        {"dateOfBirth": "21/05/1985"},
        joint_error(
            "dateOfBirth", "Their date of birth must be in the format YYYY-MM-DD, like 2022-01-31"
        ),
    ),
    "not a real date": (
        {"dateOfBirth": "1990-02-30"},
        None,
        main_error("dateOfBirth", "Your date of birth must be a real date"),
    ),
    "date as a number": (
        {"dateOfBirth": 19901210},
        None,
        main_error("dateOfBirth", "Your date of birth must be a date"),
    ),
    # at least 0
    "savings below 0": (
        {"savings": -1},
        None,
        main_error("savings", "Your savings must be 0 or more"),
    ),
    "joint deposit below 0": (
        None,
        {"deposit": -0.01},
        joint_error("deposit", "Their deposit must be 0 or more"),
    ),
    "monthly rent below 0": (
        {"monthlyRent": -1},
        None,
        main_error("monthlyRent", "Monthly rent must be 0 or more"),
    ),
    "dependants below 0": (
        {"dependants": -1},
        None,
        main_error("dependants", "Number of dependants must be 0 or more"),
    ),
    "loan balance below 0": (
        {**LOAN, "loanBalance": -1},
        None,
        main_error("loanBalance", "The loan balance must be 0 or more"),
    ),
    # above 0
    "salary of 0": (
        {"annualSalary": 0},
        None,
        main_error("annualSalary", "Your annual salary must be more than 0"),
    ),
    "joint salary below 0": (
        None,
        {"annualSalary": -5},
        joint_error("annualSalary", "Their annual salary must be more than 0"),
    ),
    "salary as text": (
        {"annualSalary": "lots"},
        None,
        main_error("annualSalary", "Your annual salary must be a number"),
    ),
    # reference ids
    "marital status 999": (
        {"maritalStatus": 999},
        None,
        main_error("maritalStatus", "Select your marital status from the list of options"),
    ),
    "home local authority 99999": (
        {"homeLocalAuthorityId": 99999},
        None,
        main_error(
            "homeLocalAuthorityId",
            "Select the local authority your home is in from the list of options",
        ),
    ),
    "work local authority 0": (
        {"workLocalAuthorityId": 0},
        None,
        main_error(
            "workLocalAuthorityId",
            "Select the local authority you work in from the list of options",
        ),
    ),
    "nationality 999": (
        {"nationality": 999},
        None,
        main_error("nationality", "Select your nationality from the list of options"),
    ),
    "joint ethnicity 999": (
        None,
        {"ethnicity": 999},
        joint_error("ethnicity", "Select their ethnic group from the list of options"),
    ),
    "gender true": (
        {"gender": True},
        None,
        main_error("gender", "Select your gender from the list of options"),
    ),
    "relationship to the main applicant 99": (
        None,
        {"relationshipToPrimary": 99},
        joint_error(
            "relationshipToPrimary",
            "Select their relationship to the main applicant from the list of options",
        ),
    ),
    "home county 999": (
        {"homeCounty": 999},
        None,
        main_error("homeCounty", "Select county from the list of options"),
    ),
    "yes or no as a number": (
        {"ownPets": 1},
        None,
        main_error("ownPets", "Select yes or no"),
    ),
    "an optional yes or no as a word": (
        None,
        {"ownsProperty": "maybe"},
        joint_error("ownsProperty", "Select yes or no"),
    ),
}


@pytest.mark.parametrize(("main", "joint", "errors"), ONE_BAD_VALUE.values(), ids=ONE_BAD_VALUE)
def test_one_bad_value_gets_its_message(send, main, joint, errors):
    assert_refused(send(main, joint), errors)


def test_a_bad_value_is_refused_in_a_draft_too(portal, listing):
    response = portal()(
        "PUT",
        "/profile/assessment",
        {
            "listingId": listing.id,
            "applicants": [
                {**FIRST, "phone": "0" * 21, "dateOfBirth": "10/12/1990", "maritalStatus": 999}
            ],
        },
    )

    assert_refused(
        response,
        {
            "applicants.0.dateOfBirth": [
                "Your date of birth must be in the format YYYY-MM-DD, like 2022-01-31"
            ],
            "applicants.0.phone": ["Your main phone number must be 20 characters or fewer"],
            "applicants.0.maritalStatus": ["Select your marital status from the list of options"],
        },
    )


# -- previous addresses -----------------------------------------------------------------------

PREVIOUS_ADDRESS_RULES = {
    "line 1 over 120": (
        {"addressLine1": "A" * 121},
        "addressLine1",
        "Address line 1 must be 120 characters or fewer",
    ),
    "town over 120": ({"town": "T" * 121}, "town", "Town or city must be 120 characters or fewer"),
    "postcode": (
        {"postcode": "NOT A POSTCODE"},
        "postcode",
        "Enter a postcode in the correct format, for example AA1 1AA",
    ),
    "moved in tomorrow": (
        {"dateMovedIn": TOMORROW},
        "dateMovedIn",
        "Date moved in must be in the past",
    ),
    "moved in as d/m/Y": (
        {"dateMovedIn": "01/03/2015"},
        "dateMovedIn",
        "Date moved in must be in the format YYYY-MM-DD, like 2022-01-31",
    ),
    "local authority 99999": (
        {"localAuthorityId": 99999},
        "localAuthorityId",
        "Select local authority from the list of options",
    ),
    "missing postcode": ({"postcode": None}, "postcode", "Enter the postcode of the address"),
    "missing date": ({"dateMovedIn": None}, "dateMovedIn", "Enter the date you moved in there"),
    "unknown field": ({"country": "England"}, "country", "This field is not recognised"),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), PREVIOUS_ADDRESS_RULES.values(), ids=PREVIOUS_ADDRESS_RULES
)
def test_previous_address_errors_are_keyed_by_address(send, changes, field, message):
    second = {key: value for key, value in {**PREVIOUS, **changes}.items() if value is not None}

    response = send({"previousAddresses": [PREVIOUS, second]})

    assert_refused(response, {f"applicants.0.previousAddresses.1.{field}": [message]})


def test_previous_addresses_are_the_main_applicants(send):
    assert send({"previousAddresses": [PREVIOUS]}).status_code == 201


def test_a_joint_applicants_previous_addresses_are_accepted_and_returned(send):
    response = send(None, {"previousAddresses": [PREVIOUS, {**PREVIOUS, "town": "London"}]})

    assert response.status_code == 201, response.json
    main, joint = response.json["formFields"]["applicants"]
    assert joint["previousAddresses"] == [
        {**PREVIOUS, "town": None, "county": None},
        {**PREVIOUS, "town": "London", "county": None},
    ]
    assert main["previousAddresses"] == []


@pytest.mark.parametrize(
    ("changes", "field", "message"), PREVIOUS_ADDRESS_RULES.values(), ids=PREVIOUS_ADDRESS_RULES
)
def test_a_joint_applicants_previous_address_errors_have_the_whole_path(
    send, changes, field, message
):
    second = {key: value for key, value in {**PREVIOUS, **changes}.items() if value is not None}

    response = send(None, {"previousAddresses": [PREVIOUS, second]})

    # Asked about them, not "you".
    message = message.replace("the date you moved", "the date they moved")
    assert_refused(response, {f"applicants.1.previousAddresses.1.{field}": [message]})


def test_main_and_joint_previous_address_errors_are_reported_together(send):
    response = send(
        {"previousAddresses": [{**PREVIOUS, "postcode": "NOT A POSTCODE"}]},
        {"previousAddresses": [PREVIOUS, PREVIOUS, {**PREVIOUS, "dateMovedIn": TOMORROW}]},
    )

    assert_refused(
        response,
        {
            "applicants.0.previousAddresses.0.postcode": [
                "Enter a postcode in the correct format, for example AA1 1AA"
            ],
            "applicants.1.previousAddresses.2.dateMovedIn": ["Date moved in must be in the past"],
        },
    )


def test_a_joint_applicants_previous_addresses_must_be_a_list_of_at_most_ten(send):
    assert_refused(
        send(None, {"previousAddresses": "3 Old Road"}),
        {"applicants.1.previousAddresses": ["Give their previous addresses as a list"]},
    )
    assert_refused(
        send(None, {"previousAddresses": [PREVIOUS] * 11}),
        {"applicants.1.previousAddresses": ["You can add up to 10 previous addresses"]},
    )
    assert_refused(
        send(None, {"previousAddresses": ["3 Old Road"]}),
        {"applicants.1.previousAddresses.0": ["Each previous address must be an object"]},
    )


# -- conditional requirements -----------------------------------------------------------------

CONDITIONAL = {
    # the home address: always the main applicant's; a joint applicant's only if not the same
    "joint applicant's own address": (None, OWN_HOME, {}),
    "joint applicant's own address missing": (
        None,
        {"addressSameAsMainApplicant": False},
        {
            "applicants.1.homeAddressLine1": ["Enter the first line of their home address"],
            "applicants.1.homeAddressLine2": ["Enter the second line of their home address"],
            "applicants.1.homePostcode": ["Enter their home postcode"],
            "applicants.1.homeLocalAuthorityId": ["Select the local authority their home is in"],
        },
    ),
    "joint applicant's address when the same": (
        None,
        {"addressSameAsMainApplicant": True, "homeAddressLine1": "5 Park Row"},
        joint_error("homeAddressLine1", NOT_APPLICABLE),
    ),
    "joint applicant's same address not said": (
        None,
        {"addressSameAsMainApplicant": None},
        joint_error(
            "addressSameAsMainApplicant",
            "Select yes if they live at the same address as the main applicant",
        ),
    ),
    "main applicant's address missing": (
        {"homeAddressLine1": None, "homePostcode": None, "homeLocalAuthorityId": None},
        None,
        {
            "applicants.0.homeAddressLine1": ["Enter the first line of your home address"],
            "applicants.0.homePostcode": ["Enter your home postcode"],
            "applicants.0.homeLocalAuthorityId": ["Select the local authority your home is in"],
        },
    ),
    "main applicant's address said to be the same": (
        {"addressSameAsMainApplicant": True},
        None,
        main_error(
            "addressSameAsMainApplicant",
            "The main applicant’s address is their own: give it as the home address",
        ),
    ),
    # employer and work address only if working
    "working without an employer": (
        None,
        {"workingCircumstance": 1},
        {
            "applicants.1.employerName": ["Enter the name of their employer"],
            "applicants.1.workAddressLine1": ["Enter the first line of their work address"],
            "applicants.1.workAddressLine2": ["Enter the second line of their work address"],
            "applicants.1.workPostcode": ["Enter their work postcode"],
            "applicants.1.workLocalAuthorityId": ["Select the local authority they work in"],
        },
    ),
    "joint applicant working": (None, WORK, {}),
    "main applicant not working": (
        {**dict.fromkeys(WORK), "workingCircumstance": 4},
        None,
        {},
    ),
    "an employer when not working": (
        {"workingCircumstance": 4, "workLocalAuthorityId": None, "workAddressLine1": None},
        None,
        {
            "applicants.0.employerName": [NOT_APPLICABLE],
            "applicants.0.workAddressLine2": [NOT_APPLICABLE],
            "applicants.0.workPostcode": [NOT_APPLICABLE],
        },
    ),
    "a work local authority when retired": (
        None,
        {"workLocalAuthorityId": GREENWICH.id},
        joint_error("workLocalAuthorityId", NOT_APPLICABLE),
    ),
    # loan details only if hasLoans
    "loans": ({**LOAN}, None, {}),
    "loans without details": (
        {"hasLoans": True},
        None,
        {
            "applicants.0.loanBalance": ["Enter the loan balance"],
            "applicants.0.loanPurpose": ["Enter what the loan is for"],
            "applicants.0.loanEndDate": ["Enter the date the loan ends"],
        },
    ),
    "loan details without loans": (
        {**LOAN, "hasLoans": False},
        None,
        {
            "applicants.0.loanBalance": [NOT_APPLICABLE],
            "applicants.0.loanPurpose": [NOT_APPLICABLE],
            "applicants.0.loanEndDate": [NOT_APPLICABLE],
        },
    ),
    "a loan balance with loans not said": (
        None,
        {"loanBalance": 10},
        joint_error("loanBalance", NOT_APPLICABLE),
    ),
    # relationshipToHAWorker only if relatedToHAWorker
    "related to a worker": ({"relatedToHAWorker": True, "relationshipToHAWorker": 3}, None, {}),
    "related to a worker without the connection": (
        {"relatedToHAWorker": True},
        None,
        main_error("relationshipToHAWorker", "Select the connection to the housing association"),
    ),
    "a connection when not related": (
        None,
        {"relatedToHAWorker": False, "relationshipToHAWorker": 1},
        joint_error("relationshipToHAWorker", NOT_APPLICABLE),
    ),
    # immediateFamilyRelation only if immediateFamilyInLocalAuthority
    "family in the local authority": (
        {"immediateFamilyInLocalAuthority": True, "immediateFamilyRelation": "Mother"},
        None,
        {},
    ),
    "family in the local authority without the relation": (
        {"immediateFamilyInLocalAuthority": True},
        None,
        main_error("immediateFamilyRelation", "Enter how your immediate family are related to you"),
    ),
    "joint family in the local authority without the relation": (
        None,
        {"immediateFamilyInLocalAuthority": True},
        joint_error(
            "immediateFamilyRelation", "Enter how their immediate family are related to them"
        ),
    ),
    "a relation without family in the local authority": (
        {"immediateFamilyInLocalAuthority": False, "immediateFamilyRelation": "Mother"},
        None,
        main_error("immediateFamilyRelation", NOT_APPLICABLE),
    ),
    # relationshipToPrimary only for joint applicants
    "joint applicant's relationship not given": (None, {"relationshipToPrimary": None}, {}),
    "main applicant's relationship to themselves": (
        {"relationshipToPrimary": 1},
        None,
        main_error(
            "relationshipToPrimary",
            "Only joint applicants have a relationship to the main applicant",
        ),
    ),
}


@pytest.mark.parametrize(("main", "joint", "errors"), CONDITIONAL.values(), ids=CONDITIONAL)
def test_each_conditional_requirement(send, main, joint, errors):
    response = send(main, joint)

    if errors:
        assert_refused(response, errors)
    else:
        assert response.status_code == 201, response.json
        assert response.json["status"] == "submitted"


def test_a_stored_answer_that_stops_applying_is_cleared(portal, listing, main_applicant):
    api = portal()
    draft = api(
        "PUT",
        "/profile/assessment",
        {"listingId": listing.id, "applicants": [{**main_applicant, **LOAN}]},
    ).json

    response = edit(api, draft, {"hasLoans": False})

    assert response.status_code == 200
    main = response.json["formFields"]["applicants"][0]
    assert main["hasLoans"] is False
    assert (main["loanBalance"], main["loanPurpose"], main["loanEndDate"]) == (None, None, None)


# -- joint applicants -------------------------------------------------------------------------


def test_up_to_three_joint_applicants(portal, listing, main_applicant, joint_applicant):
    api = portal()
    three = [dict(joint_applicant, email=f"joint{n}@example.com") for n in range(3)]

    accepted = api(
        "POST",
        "/profile/assessment",
        {"listingId": listing.id, "applicants": [main_applicant, *three]},
    )
    refused = api(
        "POST",
        "/profile/assessment",
        {"listingId": listing.id, "applicants": [main_applicant, *three, joint_applicant]},
    )

    assert accepted.status_code == 201
    assert len(accepted.json["formFields"]["applicants"]) == 4
    assert refused.status_code == 422
    assert refused.json == {
        "message": INVALID,
        "errors": {"applicants": ["You can add up to 3 joint applicants"]},
    }


def test_each_joint_applicants_errors_are_keyed_by_their_place(
    portal, listing, main_applicant, joint_applicant
):
    applicants = [
        main_applicant,
        joint_applicant,
        {**joint_applicant, "email": "not an email", "savings": None},
        {**joint_applicant, "dateOfBirth": TOMORROW},
    ]

    response = portal()(
        "POST", "/profile/assessment", {"listingId": listing.id, "applicants": applicants}
    )

    assert_refused(
        response,
        {
            "applicants.2.email": [EMAIL],
            "applicants.3.dateOfBirth": ["Their date of birth must be in the past"],
        },
    )


def test_a_missing_joint_answer_is_keyed_by_their_place(send):
    response = send(None, {"savings": None, "MODWorker": None})

    assert_refused(
        response,
        {
            "applicants.1.savings": ["Enter their savings, or 0 if they have none"],
            "applicants.1.MODWorker": [
                "Select yes if they are a Ministry of Defence worker or surviving partner"
            ],
        },
    )


@pytest.mark.parametrize("joint", ["William", None, [1]])
def test_each_applicant_must_be_an_object(portal, listing, main_applicant, joint):
    response = portal()(
        "POST",
        "/profile/assessment",
        {"listingId": listing.id, "applicants": [main_applicant, joint]},
    )

    assert_refused(response, {"applicants.1": ["Each applicant must be an object"]})
