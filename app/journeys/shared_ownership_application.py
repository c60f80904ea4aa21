"""The shared-ownership application, declared once from the seed's tables
(`shared-ownership-application-api.md`): field names, limits and conditional rules.

Every applicant answers the same questions. The main applicant's answers are the record's
top-level answers, asked section by section; each joint applicant is an item of the isolated
`jointApplicants` group, which asks the same questions (built by the same functions) about
them. The portal API shows both as the seed's `applicants` array (see
app/applications/portal_shape.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import g, has_app_context

from app.formkit.conditions import Equals, OneOf
from app.formkit.definition import Journey, Page, Problem, RepeatingGroup, Section
from app.formkit.questions import (
    Date,
    Email,
    Number,
    Option,
    Radios,
    Select,
    Text,
    Textarea,
    TextList,
    UKPostcode,
    YesNo,
)
from app.formkit.versions import JourneyVersions
from app.outbox.catalogue import APPLICATION_SUBMITTED
from app.reference.lists import REFERENCE_LISTS, WORKING_CIRCUMSTANCE_IDS

MAX_JOINT_APPLICANTS = 3
PREVIOUS_ADDRESS_LIMIT = 120


def reference_options(list_name: str) -> tuple[Option, ...]:
    """A reference list's items as options: the stored value is the item's id."""
    return tuple(Option(item.id, item.name) for item in REFERENCE_LISTS[list_name])


def suggested_local_authority(postcode_field: str):
    """A prefill: the local authority of the postcode just given, from postcode data."""

    def suggest(answers: Mapping[str, Any]) -> int | None:
        from app.reference.postcodes import local_authority_for

        postcode = answers.get(postcode_field)
        found = local_authority_for(postcode) if postcode else None
        return found.id if found else None

    return suggest


@dataclass(frozen=True)
class Wording:
    """The same question asked of the main applicant ("you") or about a joint applicant
    ("they"), so each question is written once."""

    joint: bool

    @property
    def you(self) -> str:
        return "they" if self.joint else "you"

    @property
    def your(self) -> str:
        return "their" if self.joint else "your"

    @property
    def You(self) -> str:  # noqa: N802 (sentence case)
        return self.you.capitalize()

    @property
    def Your(self) -> str:  # noqa: N802
        return self.your.capitalize()


def text(id: str, label: str, max_length: int = 255, **kwargs) -> Text:
    return Text(id=id, label=label, max_length=max_length, **kwargs)


def money(id: str, label: str, **kwargs) -> Number:
    """An amount in pounds, at least 0 unless the seed says more."""
    kwargs.setdefault("min", 0)
    return Number(id=id, label=label, whole=False, prefix="£", width="10", **kwargs)


def count(id: str, label: str, **kwargs) -> Number:
    return Number(id=id, label=label, min=0, width="3", **kwargs)


# A yes/no answer that is neither (a number sent in JSON, a changed form): the label would
# read badly as the message's noun ("Select do you own a property? from the list of options").
YES_OR_NO = {"choice": "Select yes or no"}


def optional_yes_no(id: str, label: str, **kwargs) -> YesNo:
    return YesNo(id=id, label=label, required=False, messages=YES_OR_NO, **kwargs)


WORKING = OneOf("workingCircumstance", tuple(sorted(WORKING_CIRCUMSTANCE_IDS)))


# -- about the applicant ---------------------------------------------------------------------


def about_pages(w: Wording) -> tuple[Page, ...]:
    relationship = (
        (
            Page.of(
                Radios(
                    id="relationshipToPrimary",
                    label="What is their relationship to the main applicant?",
                    cya_label="Relationship to the main applicant",
                    noun="their relationship to the main applicant",
                    options=reference_options("relationship-statuses"),
                    required=False,
                )
            ),
        )
        if w.joint
        else ()
    )
    return (
        *relationship,
        Page(
            id="name",
            title=f"What is {w.your} name?",
            questions=(
                text(
                    "title",
                    "Title",
                    max_length=50,
                    width="5",
                    hint="For example, Ms, Mr or Dr",
                    noun=f"{w.your} title",
                    messages={"required": f"Enter {w.your} title"},
                ),
                text(
                    "firstName",
                    "First name",
                    autocomplete=None if w.joint else "given-name",
                    noun=f"{w.your} first name",
                    messages={"required": f"Enter {w.your} first name"},
                ),
                text(
                    "middleNames",
                    "Middle names",
                    required=False,
                    autocomplete=None if w.joint else "additional-name",
                ),
                text(
                    "lastName",
                    "Last name",
                    autocomplete=None if w.joint else "family-name",
                    noun=f"{w.your} last name",
                    messages={"required": f"Enter {w.your} last name"},
                ),
            ),
        ),
        Page.of(
            text(
                "previousSurname",
                f"Have {w.you} had a different last name? If so, what was it?",
                cya_label="Previous last name",
                required=False,
                hint="Leave this blank if not.",
            )
        ),
        Page.of(
            Date(
                id="dateOfBirth",
                label=f"What is {w.your} date of birth?",
                cya_label="Date of birth",
                noun=f"{w.your} date of birth",
                hint="For example, 27 3 1990",
                json_format="iso",
                past=True,
                messages={"required": f"Enter {w.your} date of birth"},
            )
        ),
        Page(
            id="contact",
            title=f"How can we contact {'them' if w.joint else 'you'}?",
            questions=(
                Email(
                    id="email",
                    label="Email address",
                    max_length=255,
                    noun=f"{w.your} email address",
                    messages={"required": f"Enter {w.your} email address"},
                ),
                text(
                    "phone",
                    "Main phone number",
                    max_length=20,
                    width="20",
                    noun=f"{w.your} main phone number",
                    messages={"required": f"Enter {w.your} main phone number"},
                ),
                text("homePhone", "Home phone number", max_length=20, width="20", required=False),
                text("workPhone", "Work phone number", max_length=20, width="20", required=False),
                text(
                    "mobilePhone", "Mobile phone number", max_length=20, width="20", required=False
                ),
            ),
        ),
        Page.of(
            text(
                "nationalInsuranceNumber",
                f"What is {w.your} National Insurance number?",
                cya_label="National Insurance number",
                hint="It’s on a National Insurance card, payslip or P60. "
                "For example, QQ 12 34 56 C",
                required=False,
                width="10",
            )
        ),
        Page.of(
            Radios(
                id="maritalStatus",
                label=f"What is {w.your} marital status?",
                cya_label="Marital status",
                noun=f"{w.your} marital status",
                options=reference_options("marital-statuses"),
                messages={"required": f"Select {w.your} marital status"},
            )
        ),
        Page.of(
            Radios(
                id="gender",
                label=f"What is {w.your} gender?",
                cya_label="Gender",
                noun=f"{w.your} gender",
                options=reference_options("genders"),
                messages={"required": f"Select {w.your} gender"},
            )
        ),
    )


# -- where the applicant lives now -------------------------------------------------------------


def home_pages(w: Wording) -> tuple[Page, ...]:
    # A joint applicant may share the main applicant's address; the main applicant has one.
    own_address = Equals("addressSameAsMainApplicant", False) if w.joint else None
    same_address = (
        (
            Page.of(
                YesNo(
                    id="addressSameAsMainApplicant",
                    label="Do they live at the same address as the main applicant?",
                    cya_label="Same address as the main applicant",
                    messages={
                        **YES_OR_NO,
                        "required": "Select yes if they live at the same address as the main "
                        "applicant",
                    },
                )
            ),
        )
        if w.joint
        else ()
    )
    return (
        *same_address,
        Page(
            id="homeAddress",
            title=f"What is {w.your} home address?",
            when=own_address,
            questions=(
                text(
                    "homeAddressLine1",
                    "Address line 1",
                    noun="address line 1",
                    messages={"required": f"Enter the first line of {w.your} home address"},
                ),
                text(
                    "homeAddressLine2",
                    "Address line 2",
                    noun="address line 2",
                    messages={"required": f"Enter the second line of {w.your} home address"},
                ),
                text("homeTown", "Town or city", required=False, width="two-thirds"),
                Select(
                    id="homeCounty",
                    label="County",
                    options=reference_options("counties"),
                    required=False,
                ),
                UKPostcode(
                    id="homePostcode",
                    label="Postcode",
                    noun=f"{w.your} home postcode",
                    messages={"required": f"Enter {w.your} home postcode"},
                ),
            ),
        ),
        Page.of(
            Select(
                id="homeLocalAuthorityId",
                label=f"Which local authority is {w.your} home in?",
                cya_label="Home local authority",
                noun=f"the local authority {w.your} home is in",
                hint="We have filled this in from the postcode. Change it if it is wrong.",
                options=reference_options("local-authorities"),
                prefill=suggested_local_authority("homePostcode"),
                messages={"required": f"Select the local authority {w.your} home is in"},
            ),
            when=own_address,
        ),
        Page.of(
            Date(
                id="homeMoveInDate",
                label=f"When did {w.you} move into {w.your} current home?",
                cya_label="Moved into current home",
                noun=f"the date {w.you} moved into {w.your} current home",
                hint="For example, 1 6 2019",
                json_format="iso",
                past=True,
                messages={"required": f"Enter the date {w.you} moved into {w.your} current home"},
            )
        ),
        Page.of(
            Radios(
                id="livingCircumstance",
                label=f"Which of these best describes where {w.you} live now?",
                cya_label="Living circumstances",
                noun=f"where {w.you} live now",
                options=reference_options("living-circumstances"),
                messages={
                    "required": f"Select which of these best describes where {w.you} live now"
                },
            )
        ),
        Page(
            id="currentHome",
            title=f"About {w.your} current home",
            questions=(
                optional_yes_no("ownsProperty", f"Do {w.you} own a property?"),
                Radios(
                    id="homeOwnershipStatus",
                    label="Home ownership",
                    options=reference_options("home-ownership-statuses"),
                    required=False,
                ),
                count("currentHomeBeds", "Number of bedrooms", required=False),
                money("monthlyRent", "Monthly rent", required=False),
                text(
                    "councilWaitingListReferenceNumber",
                    "Council waiting list reference number",
                    required=False,
                    width="10",
                ),
            ),
        ),
    )


def previous_address_group(w: Wording) -> RepeatingGroup:
    """Every applicant's previous homes: the main applicant's in "Where you live now", and
    each joint applicant's inside their item (a group inside a group)."""
    limit = PREVIOUS_ADDRESS_LIMIT
    return RepeatingGroup(
        id="previousAddresses",
        item_name="previous address",
        item_plural="previous addresses",
        title=f"{w.Your} previous addresses",
        max_count=10,
        describe=lambda item, index: (
            ", ".join(part for part in (item.get("addressLine1"), item.get("postcode")) if part)
            or f"Previous address {index + 1}"
        ),
        pages=(
            Page(
                id="address",
                title="What was the address?",
                questions=(
                    text(
                        "addressLine1",
                        "Address line 1",
                        max_length=limit,
                        messages={"required": "Enter the first line of the address"},
                    ),
                    text(
                        "addressLine2",
                        "Address line 2",
                        max_length=limit,
                        messages={"required": "Enter the second line of the address"},
                    ),
                    text("town", "Town or city", max_length=limit, required=False),
                    Select(
                        id="county",
                        label="County",
                        options=reference_options("counties"),
                        required=False,
                    ),
                    UKPostcode(
                        id="postcode",
                        label="Postcode",
                        messages={"required": "Enter the postcode of the address"},
                    ),
                ),
            ),
            Page.of(
                Select(
                    id="localAuthorityId",
                    label="Which local authority was it in?",
                    cya_label="Local authority",
                    hint="We have filled this in from the postcode. Change it if it is wrong.",
                    options=reference_options("local-authorities"),
                    prefill=suggested_local_authority("postcode"),
                    messages={"required": "Select the local authority the address was in"},
                )
            ),
            Page.of(
                Date(
                    id="dateMovedIn",
                    label=f"When did {w.you} move in there?",
                    cya_label="Date moved in",
                    json_format="iso",
                    past=True,
                    messages={"required": f"Enter the date {w.you} moved in there"},
                )
            ),
        ),
    )


# -- work and income ---------------------------------------------------------------------------


def work_pages(w: Wording) -> tuple[Page, ...]:
    return (
        Page.of(
            Radios(
                id="workingCircumstance",
                label=f"Which of these best describes {w.your} work?",
                cya_label="Working circumstances",
                noun=f"{w.your} working circumstances",
                options=reference_options("working-circumstances"),
                messages={"required": f"Select which of these best describes {w.your} work"},
            )
        ),
        Page.of(
            text("occupation", f"What is {w.your} occupation?", required=False),
        ),
        Page(
            id="employer",
            title=f"Who do {w.you} work for?",
            when=WORKING,
            questions=(
                text(
                    "employerName",
                    "Employer’s name",
                    messages={"required": f"Enter the name of {w.your} employer"},
                ),
                text(
                    "employmentStartDate",
                    "When did you start working there?" if not w.joint else "Start date",
                    hint="For example, March 2021",
                    required=False,
                    width="10",
                ),
                text("employersContactNumber", "Employer’s phone number", required=False),
                Email(
                    id="employersContactEmail",
                    label="Employer’s email address",
                    required=False,
                    max_length=255,
                ),
            ),
        ),
        Page(
            id="workAddress",
            title=f"Where do {w.you} work?",
            when=WORKING,
            questions=(
                text(
                    "workAddressLine1",
                    "Address line 1",
                    noun="work address line 1",
                    messages={"required": f"Enter the first line of {w.your} work address"},
                ),
                text(
                    "workAddressLine2",
                    "Address line 2",
                    noun="work address line 2",
                    messages={"required": f"Enter the second line of {w.your} work address"},
                ),
                text("workTown", "Town or city", required=False),
                Select(
                    id="workCounty",
                    label="County",
                    options=reference_options("counties"),
                    required=False,
                ),
                UKPostcode(
                    id="workPostcode",
                    label="Postcode",
                    noun=f"{w.your} work postcode",
                    messages={"required": f"Enter {w.your} work postcode"},
                ),
            ),
        ),
        Page.of(
            Select(
                id="workLocalAuthorityId",
                label=f"Which local authority do {w.you} work in?",
                cya_label="Work local authority",
                noun=f"the local authority {w.you} work in",
                hint="We have filled this in from the postcode. Change it if it is wrong.",
                options=reference_options("local-authorities"),
                prefill=suggested_local_authority("workPostcode"),
                messages={"required": f"Select the local authority {w.you} work in"},
            ),
            when=WORKING,
        ),
        Page(
            id="income",
            title=f"{w.Your} yearly income",
            questions=(
                money(
                    "annualSalary",
                    "Annual salary before tax",
                    noun=f"{w.your} annual salary",
                    min=None,
                    above=0,
                    hint="Buying a share needs an income. Include income from self-employment "
                    "or a pension.",
                    messages={"required": f"Enter {w.your} annual salary before tax"},
                ),
                money("annualBonuses", "Bonuses each year", required=False),
            ),
        ),
        Page(
            id="monthlyIncome",
            title=f"{w.Your} other monthly income",
            questions=(
                money("monthlyOtherIncome", "Other income each month", required=False),
                money("monthlyTaxCredits", "Tax credits each month", required=False),
                money(
                    "monthlyDisabilityAllowance",
                    "Disability allowance each month",
                    required=False,
                ),
            ),
        ),
    )


# -- savings, deposit and outgoings ------------------------------------------------------------


def money_pages(w: Wording) -> tuple[Page, ...]:
    has_loans = Equals("hasLoans", True)
    return (
        Page(
            id="savings",
            title=f"{w.Your} savings and deposit",
            questions=(
                money(
                    "savings",
                    "Savings",
                    noun=f"{w.your} savings",
                    messages={"required": f"Enter {w.your} savings, or 0 if {w.you} have none"},
                ),
                money(
                    "deposit",
                    "Deposit",
                    hint="The amount you will put towards the share.",
                    noun=f"{w.your} deposit",
                    messages={"required": f"Enter {w.your} deposit, or 0 if {w.you} have none"},
                ),
                money("monetaryGift", "Money given as a gift", required=False),
            ),
        ),
        Page(
            id="outgoings",
            title=f"{w.Your} monthly outgoings",
            questions=(
                money("monthlyMaintenance", "Maintenance paid each month", required=False),
                money(
                    "monthlyCreditCardAndLoanPayments",
                    "Credit card and loan payments each month",
                    required=False,
                ),
                money("creditCardBalance", "Credit card balance", required=False),
            ),
        ),
        Page.of(optional_yes_no("hasLoans", f"Do {w.you} have any loans?", cya_label="Loans")),
        Page(
            id="loan",
            title=f"About {w.your} loans",
            when=has_loans,
            questions=(
                money(
                    "loanBalance",
                    "Loan balance",
                    noun="the loan balance",
                    messages={"required": "Enter the loan balance"},
                ),
                text(
                    "loanPurpose",
                    "What is the loan for?",
                    cya_label="Loan purpose",
                    noun="what the loan is for",
                    messages={"required": "Enter what the loan is for"},
                ),
                Date(
                    id="loanEndDate",
                    label="When does the loan end?",
                    cya_label="Loan end date",
                    noun="the date the loan ends",
                    json_format="iso",
                    future=True,
                    messages={"required": "Enter the date the loan ends"},
                ),
            ),
        ),
    )


# -- credit history ----------------------------------------------------------------------------


def credit_pages(w: Wording) -> tuple[Page, ...]:
    return (
        Page(
            id="credit",
            title=f"{w.Your} credit history",
            questions=(
                YesNo(
                    id="failedLoanOrCreditAgreement",
                    label=f"Have {w.you} ever failed to keep up payments on a loan or any "
                    "credit agreement?",
                    cya_label="Failed to keep up a loan or credit agreement",
                    messages={
                        **YES_OR_NO,
                        "required": f"Select yes if {w.you} have failed to keep up payments",
                    },
                ),
                YesNo(
                    id="declaredBankrupt",
                    label=f"Have {w.you} been declared bankrupt, or had a county court "
                    "judgment (CCJ) that is not paid, in the last 6 years?",
                    cya_label="Bankrupt or unsatisfied CCJ in the last 6 years",
                    messages={
                        **YES_OR_NO,
                        "required": f"Select yes if {w.you} have been declared bankrupt or "
                        "had a CCJ that is not paid",
                    },
                ),
                YesNo(
                    id="enteredIVA",
                    label=f"Have {w.you} entered an Individual Voluntary Arrangement (IVA)?",
                    cya_label="Individual Voluntary Arrangement",
                    messages={
                        **YES_OR_NO,
                        "required": f"Select yes if {w.you} have entered an IVA",
                    },
                ),
            ),
        ),
    )


# -- household and needs -----------------------------------------------------------------------


def household_pages(w: Wording) -> tuple[Page, ...]:
    return (
        Page(
            id="household",
            title="Who will live in the new home",
            questions=(
                count("adultsLiveInHome", "Number of adults", required=False),
                count("dependants", "Number of dependants", required=False),
                YesNo(
                    id="ownPets",
                    label=f"Do {w.you} have pets?",
                    cya_label="Pets",
                    messages={**YES_OR_NO, "required": f"Select yes if {w.you} have pets"},
                ),
            ),
        ),
        Page(
            id="needs",
            title="Disability and access needs",
            questions=(
                optional_yes_no(
                    "anyoneInHouseholdDisabled",
                    "Is anyone in the household disabled?",
                    cya_label="Anyone in the household disabled",
                ),
                optional_yes_no("registeredDisabled", f"Are {w.you} registered disabled?"),
                optional_yes_no("wheelchairUser", f"Are {w.you} a wheelchair user?"),
                Textarea(
                    id="accessibilityNeeds",
                    label="Accessibility needs",
                    hint="Tell us about anything the new home needs, such as level access.",
                    max_length=255,
                    required=False,
                ),
            ),
        ),
        Page.of(
            YesNo(
                id="MODWorker",
                label=f"Are {w.you} a Ministry of Defence worker, or the surviving partner of one?",
                cya_label="Ministry of Defence worker or surviving partner",
                messages={
                    **YES_OR_NO,
                    "required": f"Select yes if {w.you} are a Ministry of Defence worker or "
                    "surviving partner",
                },
            )
        ),
        Page.of(
            optional_yes_no(
                "relatedToHAWorker",
                f"Are {w.you} related to, or do {w.you} know, anyone who works for the housing "
                "association or sits on its board?",
                cya_label="Connected to the housing association",
            )
        ),
        Page.of(
            Radios(
                id="relationshipToHAWorker",
                label="What is the connection?",
                cya_label="Connection to the housing association",
                noun="the connection to the housing association",
                options=reference_options("relationships"),
                messages={"required": "Select the connection to the housing association"},
            ),
            when=Equals("relatedToHAWorker", True),
        ),
        Page.of(
            optional_yes_no(
                "immediateFamilyInLocalAuthority",
                f"Do {w.you} have immediate family who live in the local authority where the "
                "home is?",
                cya_label="Immediate family in the local authority",
            )
        ),
        Page.of(
            text(
                "immediateFamilyRelation",
                "How are they related to you?" if not w.joint else "How are they related?",
                cya_label="Immediate family relation",
                noun=f"how {w.your} immediate family are related to {'them' if w.joint else 'you'}",
                hint="For example, mother or brother.",
                messages={
                    "required": f"Enter how {w.your} immediate family are related to "
                    f"{'them' if w.joint else 'you'}"
                },
            ),
            when=Equals("immediateFamilyInLocalAuthority", True),
        ),
        Page(
            id="helpToBuy",
            title="Help to Buy and housing registers",
            questions=(
                optional_yes_no("helpToBuyRegistered", "Registered with Help to Buy"),
                text(
                    "helpToBuyReference",
                    "Help to Buy reference",
                    max_length=100,
                    required=False,
                    width="20",
                ),
                optional_yes_no("completedHTB", "Completed a Help to Buy application"),
                text(
                    "HTBApplicationNumber",
                    "Help to Buy application number",
                    required=False,
                    width="20",
                ),
                optional_yes_no("homeBuyRegistered", "Registered with Home Buy"),
                optional_yes_no("laRegistered", "Registered with a London authority"),
            ),
        ),
    )


# -- equality and preferences ------------------------------------------------------------------


def equality_pages(w: Wording) -> tuple[Page, ...]:
    hint = "This question is optional. You can choose ‘Prefer not to say’."
    return (
        Page.of(
            Select(
                id="nationality",
                label=f"What is {w.your} nationality?",
                cya_label="Nationality",
                noun=f"{w.your} nationality",
                hint=hint,
                options=reference_options("nationalities"),
                required=False,
            )
        ),
        Page.of(
            Radios(
                id="ethnicity",
                label=f"What is {w.your} ethnic group?",
                cya_label="Ethnic group",
                noun=f"{w.your} ethnic group",
                hint=hint,
                options=reference_options("ethnicities"),
                required=False,
            )
        ),
        Page.of(
            Radios(
                id="religion",
                label=f"What is {w.your} religion?",
                cya_label="Religion",
                noun=f"{w.your} religion",
                hint=hint,
                options=reference_options("religions"),
                required=False,
            )
        ),
        Page.of(
            Radios(
                id="sexuality",
                label=f"Which of these best describes {w.your} sexual orientation?",
                cya_label="Sexual orientation",
                noun=f"{w.your} sexual orientation",
                hint=hint,
                options=reference_options("sexualities"),
                required=False,
            )
        ),
    )


def preference_pages(w: Wording) -> tuple[Page, ...]:
    return (
        Page.of(
            TextList(
                id="preferredPlots",
                label="Which plots would you prefer?",
                cya_label="Preferred plots",
                noun="the preferred plots",
                hint="Enter plot numbers from the listing, separated by commas. For example, 4, 7",
                required=False,
            )
        ),
        Page.of(
            text(
                "hearAbout",
                "Where did you first see or hear about the development?",
                cya_label="Heard about the development",
                required=False,
            )
        ),
        Page.of(
            optional_yes_no(
                "trustPilotConsent",
                f"Can Trustpilot contact {'them' if w.joint else 'you'} to ask about this service?",
                cya_label="Trustpilot may ask for a review",
            )
        ),
    )


TOPICS = (
    about_pages,
    home_pages,
    work_pages,
    money_pages,
    credit_pages,
    household_pages,
    equality_pages,
    preference_pages,
)
MAIN, JOINT = Wording(joint=False), Wording(joint=True)


# The plot numbers the application's listing offers, put on `flask.g` by whoever handles a
# request about an application (its pages, the portal API): answers alone do not say which
# listing they are for.
OFFERED_PLOTS = "application_offered_plots"


def preferred_plots_are_offered(answers: Mapping[str, Any]):
    offered = g.get(OFFERED_PLOTS) if has_app_context() else None
    chosen = answers.get("preferredPlots") or []
    unknown = [plot for plot in chosen if offered is not None and plot not in offered]
    if unknown:
        plots = ", ".join(unknown)
        not_offered = f"Plot {plots} is not" if len(unknown) == 1 else f"Plots {plots} are not"
        choices = ", ".join(offered) or "none"
        yield Problem(
            ("preferredPlots",), f"{not_offered} in this listing. Its plots are: {choices}"
        )


def joint_applicant_name(item: Mapping[str, Any], index: int) -> str:
    name = " ".join(part for part in (item.get("firstName"), item.get("lastName")) if part)
    return name or f"Joint applicant {index + 1}"


joint_applicants = RepeatingGroup(
    id="jointApplicants",
    item_name="joint applicant",
    title="Joint applicants",
    max_count=MAX_JOINT_APPLICANTS,
    isolated=True,
    describe=joint_applicant_name,
    pages=tuple(
        entry
        for topic in TOPICS
        for entry in (
            # After their home, their previous addresses, as the main applicant is asked.
            (*topic(JOINT), previous_address_group(JOINT)) if topic is home_pages else topic(JOINT)
        )
    ),
    # Each joint applicant's preferred plots are checked as the main applicant's are.
    rules=(preferred_plots_are_offered,),
)


def section(id: str, title: str, *pages) -> Section:
    return Section(id=id, title=title, pages=tuple(pages))


SHARED_OWNERSHIP_APPLICATION = Journey(
    id="shared_ownership_application",
    title="Shared ownership application",
    record_name="application",
    reference_prefix="SO-",
    submitted_event=APPLICATION_SUBMITTED,
    declaration="I confirm that the information in this application is true and complete. "
    "I understand that the housing provider may check it, and may withdraw an offer if it is "
    "not.",
    sections=(
        section("about_you", "About you", *about_pages(MAIN)),
        section("joint_applicants", "Joint applicants", joint_applicants),
        section(
            "where_you_live",
            "Where you live now",
            *home_pages(MAIN),
            previous_address_group(MAIN),
        ),
        section("work_and_income", "Work and income", *work_pages(MAIN)),
        section("savings", "Savings, deposit and outgoings", *money_pages(MAIN)),
        section("credit_history", "Credit history", *credit_pages(MAIN)),
        section("household", "Your household and needs", *household_pages(MAIN)),
        section("equality", "Equality questions", *equality_pages(MAIN)),
        section("preferences", "Your preferences", *preference_pages(MAIN)),
    ),
    rules=(preferred_plots_are_offered,),
)

# Every version of the journey; records keep the one they were started on.
SHARED_OWNERSHIP_APPLICATION_VERSIONS = JourneyVersions([SHARED_OWNERSHIP_APPLICATION])
