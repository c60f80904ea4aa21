"""A small journey that uses every feature of the engine. It exists only for the tests."""

import re

from app.formkit.conditions import ITEM_INDEX, Compare, Equals, NotAnswered, OneOf
from app.formkit.definition import (
    Derived,
    Journey,
    Page,
    Problem,
    RepeatingGroup,
    Section,
    SoftCheck,
)
from app.formkit.questions import (
    Checkboxes,
    Date,
    Email,
    Number,
    Option,
    Radios,
    Select,
    Text,
    Textarea,
    UKPhone,
    UKPostcode,
    YesNo,
)
from app.formkit.versions import (
    AddPage,
    ChangeQuestion,
    JourneyVersions,
    RemoveQuestion,
    RenameOption,
    ReplaceRule,
    ReplaceSoftCheck,
    revise,
)

full_name = Text(
    id="full_name",
    label="What is your full name?",
    cya_label="Full name",
    messages={"required": "Enter your full name"},
    max_length=50,
)
age = Number(
    id="age",
    label="How old are you?",
    cya_label="Age",
    min=16,
    max=120,
    suffix="years",
    messages={"required": "Enter your age"},
)
move_in = Date(
    id="move_in_date",
    label="When did you move in?",
    cya_label="Move-in date",
    past=True,
    json_format="dmy",
    messages={"required": "Enter the date you moved in"},
)
contact = Radios(
    id="contact_method",
    label="How should we contact you?",
    cya_label="Contact method",
    messages={"required": "Select how we should contact you"},
    options=(
        Option("email", "Email", reveals=("contact_email",)),
        Option("phone", "Phone", reveals=("contact_phone",)),
        Option("none", "Do not contact me", divider_before="or"),
    ),
)
contact_email = Email(
    id="contact_email",
    label="Email address",
    noun="your email address",
    messages={"required": "Enter your email address"},
)
contact_phone = UKPhone(
    id="contact_phone",
    label="Phone number",
    noun="your phone number",
    messages={"required": "Enter your phone number"},
)
postcode = UKPostcode(
    id="postcode", label="What is your postcode?", cya_label="Postcode", required=False
)
no_postcode_reason = Text(
    id="no_postcode_reason",
    label="Why do you not have a postcode?",
    cya_label="Reason for no postcode",
    messages={"required": "Enter why you do not have a postcode"},
)
# A few postcode areas and their regions: enough to suggest an answer, never to decide it.
REGION_BY_POSTCODE_AREA = {"CF": "wales", "M": "north", "SW": "south"}


def suggested_region(answers):
    """The region of the postcode's area, as a prefilled suggestion; None if not known."""
    area = re.match(r"[A-Z]+", answers.get("postcode") or "")
    return REGION_BY_POSTCODE_AREA.get(area.group()) if area else None


region = Select(
    id="region",
    label="Which region do you live in?",
    cya_label="Region",
    messages={"required": "Select the region you live in"},
    options=(Option("north", "North"), Option("south", "South"), Option("wales", "Wales")),
    prefill=suggested_region,
)
region_detail = Text(
    id="region_detail",
    label="Which English county?",
    cya_label="County",
    messages={"required": "Enter the county"},
)

has_partner = YesNo(
    id="has_partner",
    label="Do you live with a partner?",
    cya_label="Partner",
    messages={"required": "Select yes if you live with a partner"},
)
partner_name = Text(
    id="partner_name",
    label="What is your partner’s name?",
    cya_label="Partner’s name",
    messages={"required": "Enter your partner’s name"},
)
partner_care = YesNo(
    id="partner_care",
    label="Does your partner need care?",
    cya_label="Partner needs care",
    messages={"required": "Select yes if your partner needs care"},
)
rent = Number(
    id="rent",
    label="How much is your weekly rent?",
    cya_label="Rent",
    whole=False,
    min=0,
    max=5000,
    prefix="£",
    noun="the rent",
    messages={"required": "Enter your weekly rent"},
)
service_charge = Number(
    id="service_charge",
    label="How much is the service charge?",
    cya_label="Service charge",
    whole=False,
    min=0,
    prefix="£",
    required=False,
)
access_needs = Checkboxes(
    id="access_needs",
    label="Do you have any access needs?",
    cya_label="Access needs",
    messages={"required": "Select your access needs, or select ‘None of these’"},
    options=(
        Option("wheelchair", "Wheelchair access"),
        Option("step_free", "Step-free access"),
        Option("hearing", "Hearing loop"),
        Option("none", "None of these", divider_before="or", exclusive=True),
    ),
)
support = Checkboxes(
    id="support",
    label="What support do you need?",
    cya_label="Support",
    messages={"required": "Select the support you need, or select ‘No support’"},
    as_booleans=True,
    options=(
        Option("benefits", "Help with benefits", field="support_benefits"),
        Option("debt", "Help with debt", field="support_debt"),
        Option("none", "No support", field="support_none", exclusive=True, divider_before="or"),
    ),
)
notes = Textarea(
    id="notes",
    label="Anything else we should know?",
    cya_label="Notes",
    required=False,
    max_length=200,
)

member_name = Text(
    id="member_name",
    label="What is their name?",
    cya_label="Name",
    messages={"required": "Enter their name"},
)
member_age = Number(
    id="member_age",
    label="How old are they?",
    cya_label="Age",
    min=0,
    max=120,
    messages={"required": "Enter their age"},
)
member_relationship = Radios(
    id="member_relationship",
    label="What is their relationship to you?",
    cya_label="Relationship",
    messages={"required": "Select their relationship to you"},
    options=(Option("child", "Child"), Option("other", "Other")),
)
job_title = Text(
    id="job_title",
    label="What is the job?",
    cya_label="Job",
    messages={"required": "Enter the job"},
)
job_hours = Number(
    id="job_hours",
    label="How many hours a week do they work?",
    cya_label="Hours a week",
    min=1,
    max=40,
    messages={"required": "Enter the hours they work a week"},
)
# A group inside a group: each adult household member's jobs.
jobs = RepeatingGroup(
    id="jobs",
    item_name="job",
    max_count=2,
    title="Their jobs",
    when=Compare("member_age", ">=", 16),
    pages=(
        Page.of(job_title),
        # An inner item's conditions read its outer item's answers too: the member's age.
        Page.of(job_hours, when=Compare("member_age", "<", 18)),
    ),
    describe=lambda item, index: item.get("job_title") or f"Job {index + 1}",
)
members = RepeatingGroup(
    id="members",
    item_name="household member",
    min_count=0,
    max_count=3,
    title="Household members",
    pages=(
        Page(
            id="details", title="About this household member", questions=(member_name, member_age)
        ),
        # Only the first member is asked their relationship: a condition on the item index.
        Page.of(member_relationship, when=Compare(ITEM_INDEX, "==", 0)),
        jobs,
    ),
    describe=lambda item, index: item.get("member_name") or f"Household member {index + 1}",
)

savings = Number(
    id="savings",
    label="How much are your savings?",
    cya_label="Savings",
    prefix="£",
    min=0,
    messages={"required": "Enter your savings"},
)
# An exclusive lower bound: a deposit of £0 is no deposit.
deposit = Number(
    id="deposit",
    label="How much is your deposit?",
    cya_label="Deposit",
    prefix="£",
    above=0,
    messages={"required": "Enter your deposit"},
)


def deposit_within_savings(answers):
    deposit, savings = answers.get("deposit"), answers.get("savings")
    if deposit is not None and savings is not None and deposit > savings:
        yield Problem(("deposit", "savings"), "Your deposit cannot be more than your savings")


def rent_high(answers):
    rent = answers.get("rent")
    if rent is not None and rent > 1000:
        return "The weekly rent is higher than we usually see"
    return None


def charge_over_rent(answers):
    rent, charge = answers.get("rent"), answers.get("service_charge")
    if rent is not None and charge is not None and charge > rent:
        return "The service charge is more than the rent"
    return None


def total_charge(answers):
    if answers.get("rent") is None:
        return None
    return round(answers["rent"] + (answers.get("service_charge") or 0), 2)


EXAMPLE = Journey(
    id="example",
    title="Example application",
    record_name="application",
    reference_prefix="EX-",
    sections=(
        Section(
            id="about",
            title="About you",
            pages=(
                Page.of(full_name),
                Page.of(age),
                Page.of(move_in),
                Page(id="contact", questions=(contact, contact_email, contact_phone)),
                Page.of(postcode),
                Page.of(no_postcode_reason, when=NotAnswered("postcode")),
                Page.of(region),
                Page.of(region_detail, when=OneOf("region", ("north", "south"))),
            ),
        ),
        Section(
            id="home",
            title="Your home",
            pages=(
                Page.of(has_partner, card="Your partner"),
                Page.of(partner_name, when=Equals("has_partner", True), card="Your partner"),
                Page.of(
                    partner_care,
                    when=Equals("has_partner", True) & Compare("age", ">=", 60),
                    card="Your partner",
                ),
                Page.of(rent),
                Page.of(service_charge),
                Page.of(access_needs),
                Page.of(support),
                Page.of(notes),
            ),
        ),
        Section(id="household", title="Your household", pages=(members,)),
        Section(
            id="money",
            title="Money",
            depends_on=("about",),
            pages=(Page.of(savings), Page.of(deposit)),
        ),
    ),
    rules=(deposit_within_savings,),
    soft_checks=(
        SoftCheck(id="rent_high", fields=("rent",), check=rent_high),
        SoftCheck(
            id="charge_over_rent",
            fields=("rent", "service_charge"),
            check=charge_over_rent,
            title="Check the rent and service charge",
        ),
    ),
    derived=(
        Derived(
            id="total_charge",
            label="Total charge",
            compute=total_charge,
            mismatch_message="Total charge must be £{expected}, the sum of the charges",
        ),
        Derived(
            id="household_size",
            label="Household size",
            compute=lambda answers: 1 + len(answers["members"]) if "members" in answers else None,
        ),
    ),
)

# Answers that complete every section, for tests that need a finished record.
COMPLETE_PAYLOAD = {
    "full_name": "Ada Lovelace",
    "age": 36,
    "move_in_date": "01/02/2020",
    "contact_method": "email",
    "contact_email": "ada@example.com",
    "postcode": "sw1a1aa",
    "region": "wales",
    "has_partner": False,
    "rent": 120.5,
    "service_charge": 10,
    "access_needs": ["none"],
    "support_benefits": True,
    "support_debt": False,
    "support_none": False,
    "notes": None,
    "members": [{"member_name": "Byron", "member_age": 8, "member_relationship": "child"}],
    "savings": 5000,
    "deposit": 1000,
}

# The engine's tests that do not concern versions read every record with the first version.
EXAMPLE_VERSIONS = JourneyVersions([EXAMPLE])

# -- version 2: declared as a change to version 1 ---------------------------------------------
pet = YesNo(
    id="has_pet",
    label="Do you have a pet?",
    cya_label="Pet",
    messages={"required": "Select yes if you have a pet"},
)


def deposit_within_half_savings(answers):
    """Version 2's tighter rule: the deposit may be at most half the savings."""
    deposit, savings = answers.get("deposit"), answers.get("savings")
    if deposit is not None and savings is not None and deposit * 2 > savings:
        yield Problem(("deposit",), "Your deposit cannot be more than half your savings")


def rent_very_high(answers):
    rent = answers.get("rent")
    if rent is not None and rent > 800:
        return "The weekly rent is higher than we usually see in version 2"
    return None


EXAMPLE_V2 = revise(
    EXAMPLE,
    "2",
    [
        # A new required question: a version 1 draft is complete without it.
        AddPage(into="about", page=Page.of(pet), after="age"),
        RemoveQuestion("notes"),
        RenameOption("contact_method", "phone", "By phone or text message"),
        ChangeQuestion("age", min=18, messages={"required": "Enter your age"}),
        ReplaceRule(deposit_within_savings, deposit_within_half_savings),
        ReplaceSoftCheck(SoftCheck(id="rent_high", fields=("rent",), check=rent_very_high)),
    ],
)
# Version 2 deployed: a new record takes it, a version 1 record keeps version 1.
EXAMPLE_TWO_VERSIONS = JourneyVersions([EXAMPLE, EXAMPLE_V2])

# Versions chosen by an answer, as lettings logs are by their collection year: a move-in date
# before 2025 is read with version 1, a later one (or none yet) with version 2. A record of a
# move before 2000 is closed to changes, and no record may be started for one.
V2_FROM, CLOSED_BEFORE = "2025-01-01", "2000-01-01"
CLOSED = "Applications for moves before 2000 are closed and can no longer be changed"
TOO_EARLY = "Enter a move-in date from 1 January 2000"


def _version_by_move_in(answers) -> str:
    moved_in = answers.get("move_in_date")
    return "1" if moved_in is not None and moved_in < V2_FROM else "2"


def _closed_because(answers):
    moved_in = answers.get("move_in_date")
    return CLOSED if moved_in is not None and moved_in < CLOSED_BEFORE else None


def _refused(answers):
    return {"move_in_date": [TOO_EARLY]} if _closed_because(answers) else {}


EXAMPLE_BY_MOVE_IN = JourneyVersions(
    [EXAMPLE, EXAMPLE_V2],
    choose=_version_by_move_in,
    read_only_because=_closed_because,
    refuse_answers=_refused,
)
