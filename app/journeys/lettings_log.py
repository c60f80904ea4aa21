"""The CORE lettings case log: housing staff record each new social letting.

Every field of the seed contract (lettings-case-log-openapi.json) is declared here once, with
the seed's names and enum values. Pages, the /case_logs API, check answers, CSV and the
OpenAPI schema all come from this definition.
"""

from __future__ import annotations

from app.formkit.conditions import Compare, Equals, OneOf
from app.formkit.definition import Derived, Journey, Page, Section
from app.formkit.questions import (
    Checkboxes,
    Date,
    Number,
    Option,
    Radios,
    Select,
    Text,
    Textarea,
    UKPostcode,
    YesNo,
)
from app.formkit.versions import AddPage, RenameOption, ReplaceRule, revise
from app.journeys import lettings_options as opts
from app.journeys.lettings_rules import (
    RULES,
    dates_before_the_tenancy,
    total_charge,
    void_date_at_most_years_before,
)
from app.journeys.lettings_soft_checks import SOFT_CHECKS
from app.journeys.lettings_years import VersionsByYear
from app.outbox.catalogue import LETTINGS_LOG_SUBMITTED

MAX_OTHER_MEMBERS = 7


def choices(values, divider_before: str | None = None, also_accepted=()) -> tuple[Option, ...]:
    """Options whose stored value is also their label, as the seed's enums are. Values
    `also_accepted` are accepted but not offered on the page (see Option.offered)."""
    offered = tuple(
        Option(value, value, divider_before="or" if value == divider_before else None)
        for value in values
    )
    return offered + tuple(Option(value, value, offered=False) for value in also_accepted)


def booleans(
    prefix: str,
    labels: dict[str, str],
    exclusive: tuple[str, ...],
    dividers_before: tuple[str, ...] | None = None,
):
    """Checkbox options each stored as its own boolean field, `prefix_<key>`. An "or" divider
    goes before each of `dividers_before`, by default before the first exclusive option."""
    dividers = exclusive[:1] if dividers_before is None else dividers_before
    return tuple(
        Option(
            key,
            label,
            field=f"{prefix}_{key}",
            exclusive=key in exclusive,
            divider_before="or" if key in dividers else None,
        )
        for key, label in labels.items()
    )


def money(id: str, label: str, **kwargs) -> Number:
    return Number(id=id, label=label, whole=False, min=0, prefix="£", **kwargs)


def yes_no_text(id: str, label: str, values=opts.YES_NO, also_accepted=(), **kwargs) -> Radios:
    """A question the seed types as a free string, answered from a short list."""
    return Radios(
        id=id,
        label=label,
        options=choices(values, also_accepted=also_accepted),
        inline=len(values) == 2,
        **kwargs,
    )


def lettings_date(id: str, label: str, **kwargs) -> Date:
    return Date(id=id, label=label, json_format="dmy", hint="For example, 27 3 2024", **kwargs)


# -- household characteristics ---------------------------------------------------------------


LEAD_TENANT = "Lead tenant"


def persons(number: int) -> str:
    """ "the lead tenant’s", "person 2’s": whose answer a question asks for."""
    return "the lead tenant’s" if number == 1 else f"person {number}’s"


def person_age(number: int) -> Number:
    return Number(
        id=f"person_{number}_age",
        label="What is the lead tenant’s age?" if number == 1 else f"Person {number}’s age",
        cya_label="Age",
        # Every message about the answer names it as the seed's does: "Tenant age must be …".
        noun="tenant age" if number == 1 else f"person {number}’s age",
        min=0,
        max=120,
        suffix="years",
        messages={
            "required": f"Enter {persons(number)} age",
            "range": "{Noun} must be between 0 and 120",
        },
    )


def person_gender(number: int) -> Radios:
    return Radios(
        id=f"person_{number}_gender",
        label=f"Which of these best describes {persons(number)} gender identity?",
        cya_label="Gender identity",
        messages={"required": f"Select {persons(number)} gender identity"},
        options=choices(opts.GENDERS, divider_before="Prefer not to say"),
    )


def person_economic_status(number: int) -> Radios:
    return Radios(
        id=f"person_{number}_economic_status",
        label=f"Which of these best describes {persons(number)} working situation?",
        cya_label="Working situation",
        messages={"required": f"Select {persons(number)} working situation"},
        options=choices(opts.ECONOMIC_STATUSES, divider_before="Prefer not to say"),
    )


def other_person_page(number: int) -> Page:
    relationship = Radios(
        id=f"person_{number}_relationship",
        label=f"What is person {number}’s relationship to the lead tenant?",
        cya_label="Relationship to the lead tenant",
        messages={"required": f"Select person {number}’s relationship to the lead tenant"},
        options=choices(opts.RELATIONSHIPS, divider_before="Prefer not to say"),
    )
    return Page(
        id=f"person_{number}",
        title=f"Person {number}",
        card=f"Person {number}",
        questions=(
            relationship,
            person_age(number),
            person_gender(number),
            person_economic_status(number),
        ),
        # Persons 2 to 8 are asked only up to the number of other household members.
        when=Compare("household_number_of_other_members", ">=", number - 1),
    )


household_characteristics = Section(
    id="household_characteristics",
    title="Household characteristics",
    pages=(
        Page.of(
            Text(
                id="tenant_code",
                label="What is the tenant code?",
                cya_label="Tenant code",
                messages={"required": "Enter the tenant code"},
                hint="This is how you usually refer to this tenancy on your own systems.",
                width="10",
            )
        ),
        Page.of(person_age(1), card=LEAD_TENANT),
        Page.of(person_gender(1), card=LEAD_TENANT),
        Page.of(
            Radios(
                id="tenant_ethnic_group",
                label="What is the lead tenant’s ethnic group?",
                cya_label="Ethnic group",
                messages={"required": "Select the lead tenant’s ethnic group"},
                options=choices(opts.ETHNIC_GROUPS, divider_before="Prefer not to say"),
            ),
            card=LEAD_TENANT,
        ),
        Page.of(
            Radios(
                id="tenant_nationality",
                label="What is the lead tenant’s nationality?",
                cya_label="Nationality",
                messages={"required": "Select the lead tenant’s nationality"},
                options=choices(opts.NATIONALITIES, divider_before="Prefer not to say"),
            ),
            card=LEAD_TENANT,
        ),
        Page.of(person_economic_status(1), card=LEAD_TENANT),
        Page.of(
            Number(
                id="household_number_of_other_members",
                label="How many other people live in the household?",
                cya_label="Number of other household members",
                hint="Do not include the lead tenant.",
                min=0,
                max=MAX_OTHER_MEMBERS,
                messages={
                    "required": "Enter how many other people live in the household",
                    "range": "Number of other household members must be between 0 and 7",
                },
            )
        ),
        *(other_person_page(number) for number in range(2, MAX_OTHER_MEMBERS + 2)),
    ),
)

# -- household situation ---------------------------------------------------------------------

household_situation = Section(
    id="household_situation",
    title="Household situation",
    pages=(
        Page.of(
            Text(
                id="previous_housing_situation",
                label="Where was the household living before this letting?",
                cya_label="Previous housing situation",
                messages={"required": "Enter where the household was living before this letting"},
            )
        ),
        Page.of(
            UKPostcode(
                id="previous_postcode",
                label="What is the postcode of the household’s last settled home?",
                cya_label="Postcode of last settled home",
                messages={"required": "Enter the postcode of the household’s last settled home"},
            )
        ),
        Page.of(
            yes_no_text(
                "homelessness",
                "Was the household homeless immediately before this letting?",
                opts.HOMELESSNESS,
                opts.HOMELESSNESS_ALSO_ACCEPTED,
                cya_label="Homeless before this letting",
                messages={
                    "required": "Select yes if the household was homeless immediately before this "
                    "letting"
                },
            )
        ),
        Page.of(
            Select(
                id="reason_for_leaving_last_settled_home",
                label="What is the main reason the household left their last settled home?",
                cya_label="Reason for leaving last settled home",
                messages={
                    "required": "Select the main reason the household left their last settled home"
                },
                options=choices(opts.REASONS_FOR_LEAVING),
            )
        ),
        Page.of(
            Textarea(
                id="other_reason_for_leaving_last_settled_home",
                label="Give details of the reason the household left",
                cya_label="Details of reason for leaving",
                messages={"required": "Enter details of the reason the household left"},
                max_length=255,
            ),
            when=OneOf("reason_for_leaving_last_settled_home", opts.REASONS_WITH_DETAILS),
        ),
        Page.of(
            Radios(
                id="benefit_cap_spare_room_subsidy",
                label="Was the household affected by the benefit cap or the removal of "
                "the spare room subsidy?",
                cya_label="Benefit cap or spare room subsidy",
                messages={
                    "required": "Select whether the household was affected by the benefit cap or "
                    "the removal of the spare room subsidy"
                },
                options=choices(opts.BENEFIT_CAP, divider_before="Do not know"),
            )
        ),
    ),
)

# -- household needs -------------------------------------------------------------------------

SERVED = OneOf("armed_forces", opts.SERVED_IN_ARMED_FORCES)
HAS_CONDITION = Equals("medical_conditions", opts.YES)

household_needs = Section(
    id="household_needs",
    title="Household needs",
    pages=(
        Page.of(
            yes_no_text(
                "armed_forces",
                "Has anyone in the household served in the UK armed forces?",
                opts.ARMED_FORCES,
                cya_label="Served in the armed forces",
                messages={
                    "required": "Select whether anyone in the household has served in the UK "
                    "armed forces"
                },
            )
        ),
        Page.of(
            yes_no_text(
                "armed_forces_active",
                "Are they still serving?",
                opts.STILL_SERVING,
                opts.STILL_SERVING_ALSO_ACCEPTED,
                cya_label="Still serving",
                messages={"required": "Select whether they are still serving"},
            ),
            when=SERVED,
        ),
        Page.of(
            yes_no_text(
                "armed_forces_injured",
                "Were they seriously injured or ill as a result of their service?",
                opts.YES_NO_PREFER_NOT_TO_SAY,
                opts.INJURED_IN_SERVICE_ALSO_ACCEPTED,
                cya_label="Injured or ill from service",
                messages={
                    "required": "Select whether they were seriously injured or ill as a result of "
                    "their service"
                },
            ),
            when=SERVED,
        ),
        Page.of(
            yes_no_text(
                "armed_forces_partner",
                "Is a surviving partner of someone who served in the household?",
                opts.ARMED_FORCES_PARTNER,
                opts.ARMED_FORCES_PARTNER_ALSO_ACCEPTED,
                cya_label="Surviving partner of armed forces member",
                messages={
                    "required": "Select whether a surviving partner of someone who served is in "
                    "the household"
                },
            ),
            when=SERVED,
        ),
        Page.of(
            yes_no_text(
                "medical_conditions",
                "Does anyone in the household have a "
                "physical or mental health condition lasting 12 months or more?",
                opts.YES_NO_DO_NOT_KNOW,
                cya_label="Health conditions",
                messages={
                    "required": "Select whether anyone in the household has a physical or mental "
                    "health condition lasting 12 months or more"
                },
            )
        ),
        Page.of(
            Textarea(
                id="condition_effects",
                label="Describe how the conditions affect the household",
                cya_label="Effect of health conditions",
                messages={"required": "Enter how the conditions affect the household"},
                max_length=500,
            ),
            when=HAS_CONDITION,
        ),
        Page.of(
            Checkboxes(
                id="condition_effects_types",
                label="Do the conditions affect any of these?",
                cya_label="Affected by health conditions",
                messages={
                    "required": "Select what the conditions affect, or select ‘Prefer not to say’"
                },
                hint="Select all that apply.",
                as_booleans=True,
                options=booleans(
                    "condition_effects",
                    {
                        "vision": "Vision",
                        "hearing": "Hearing",
                        "mobility": "Mobility",
                        "dexterity": "Dexterity",
                        "stamina": "Stamina or breathing or fatigue",
                        "learning": "Learning or understanding or concentrating",
                        "memory": "Memory",
                        "mental_health": "Mental health",
                        "social_or_behavioral": "Socially or behaviourally",
                        "other": "Other",
                        "prefer_not_to_say": "Prefer not to say",
                    },
                    exclusive=("prefer_not_to_say",),
                ),
            ),
            when=HAS_CONDITION,
        ),
        Page.of(
            yes_no_text(
                "pregnancy",
                "Is anyone in the household pregnant?",
                ("Yes", "No", "Prefer not to say"),
                cya_label="Pregnancy",
                messages={"required": "Select whether anyone in the household is pregnant"},
            )
        ),
        Page.of(
            yes_no_text(
                "accessibility_requirements",
                "Does the household have any disabled access needs?",
                opts.YES_NO_DO_NOT_KNOW,
                cya_label="Disabled access needs",
                messages={"required": "Select whether the household has any disabled access needs"},
            )
        ),
        Page.of(
            Checkboxes(
                id="accessibility_requirements_types",
                label="What access needs does the household have?",
                cya_label="Access needs",
                messages={
                    "required": "Select the household’s access needs, or select ‘No disability "
                    "requirements’"
                },
                hint="Select all that apply.",
                as_booleans=True,
                options=booleans(
                    "accessibility_requirements",
                    {
                        "fully_wheelchair_accessible_housing": (
                            "Fully wheelchair accessible housing"
                        ),
                        "wheelchair_access_to_essential_rooms": (
                            "Wheelchair access to essential rooms"
                        ),
                        "level_access_housing": "Level access housing",
                        "other_disability_requirements": "Other disability requirements",
                        "no_disability_requirements": "No disability requirements",
                        "do_not_know": "Do not know",
                        "prefer_not_to_say": "Prefer not to say",
                    },
                    exclusive=("no_disability_requirements", "do_not_know", "prefer_not_to_say"),
                    # Where CORE's form put them.
                    dividers_before=("do_not_know", "prefer_not_to_say"),
                ),
            )
        ),
    ),
)

# -- tenancy ---------------------------------------------------------------------------------

tenancy_information = Section(
    id="tenancy_information",
    title="Tenancy information",
    pages=(
        Page.of(
            Text(
                id="tenancy_code",
                label="What is the tenancy code?",
                cya_label="Tenancy code",
                messages={"required": "Enter the tenancy code"},
                width="10",
            )
        ),
        Page.of(
            lettings_date(
                "tenancy_start_date",
                "What is the tenancy start date?",
                cya_label="Tenancy start date",
                messages={"required": "Enter the tenancy start date"},
            )
        ),
        Page.of(
            yes_no_text(
                "starter_tenancy",
                "Is this a starter tenancy?",
                cya_label="Starter tenancy",
                messages={"required": "Select yes if this is a starter tenancy"},
            )
        ),
        Page.of(
            Text(
                id="fixed_term_tenancy",
                label="Is this a fixed-term tenancy? If so, for how many years?",
                cya_label="Fixed-term tenancy",
                messages={
                    "required": "Enter No, or the length of the fixed term in years, from 2 to 99"
                },
                hint="Enter No, or the length of the fixed term in years, from 2 to 99.",
                width="5",
            )
        ),
        Page.of(
            Text(
                id="tenancy_type",
                label="What is the type of tenancy?",
                cya_label="Type of tenancy",
                messages={"required": "Enter the type of tenancy"},
            )
        ),
        Page.of(
            Text(
                id="letting_type",
                label="What is the type of letting?",
                cya_label="Type of letting",
                messages={"required": "Enter the type of letting"},
            )
        ),
        Page.of(
            Text(
                id="letting_provider",
                label="Who is the letting provider?",
                cya_label="Letting provider",
                messages={"required": "Enter the letting provider"},
            )
        ),
    ),
)

# -- property --------------------------------------------------------------------------------

property_information = Section(
    id="property_information",
    title="Property information",
    pages=(
        Page.of(
            Text(
                id="property_reference",
                label="What is the property reference?",
                cya_label="Property reference",
                messages={"required": "Enter the property reference"},
                width="10",
            )
        ),
        Page.of(
            Text(
                id="property_location",
                label="Which local authority is the property in?",
                cya_label="Property location",
                messages={"required": "Enter the local authority the property is in"},
            )
        ),
        Page.of(
            UKPostcode(
                id="property_postcode",
                label="What is the property’s postcode?",
                cya_label="Property postcode",
                messages={"required": "Enter the property’s postcode"},
            )
        ),
        Page.of(
            yes_no_text(
                "property_relet",
                "Is this property a relet?",
                cya_label="Relet",
                messages={"required": "Select yes if this property is a relet"},
            )
        ),
        Page.of(
            Text(
                id="property_vacancy_reason",
                label="What is the reason for the property being vacant?",
                cya_label="Reason for vacancy",
                messages={"required": "Enter the reason the property was vacant"},
            )
        ),
        Page.of(
            Text(
                id="property_unit_type",
                label="What type of unit is the property?",
                cya_label="Type of unit",
                messages={"required": "Enter the type of unit"},
            )
        ),
        Page.of(
            Text(
                id="property_building_type",
                label="What type of building is the property?",
                cya_label="Type of building",
                messages={"required": "Enter the type of building"},
            )
        ),
        Page.of(
            Number(
                id="property_number_of_bedrooms",
                label="How many bedrooms does the property have?",
                cya_label="Number of bedrooms",
                min=1,
                max=12,
                messages={
                    "required": "Enter the number of bedrooms",
                    "range": "Number of bedrooms must be between 1 and 12",
                },
            )
        ),
        Page.of(
            lettings_date(
                "property_void_date",
                "What is the void date?",
                cya_label="Void date",
                messages={"required": "Enter the void date"},
            )
        ),
        Page.of(
            yes_no_text(
                "property_major_repairs",
                "Were major repairs carried out during the void period?",
                cya_label="Major repairs",
                messages={
                    "required": "Select yes if major repairs were carried out during the void "
                    "period"
                },
            )
        ),
        Page.of(
            lettings_date(
                "property_major_repairs_date",
                "When were the major repairs completed?",
                cya_label="Major repairs date",
                messages={"required": "Enter the date the major repairs were completed"},
            ),
            when=Equals("property_major_repairs", opts.YES),
        ),
        Page.of(
            Number(
                id="property_number_of_times_relet",
                label="How many times has the property been relet?",
                cya_label="Number of times relet",
                min=0,
                max=20,
                messages={
                    "required": "Enter the number of times the property has been relet",
                    "range": "Number of times relet must be between 0 and 20",
                },
            )
        ),
        Page.of(
            YesNo(
                id="property_wheelchair_accessible",
                label="Is the property built or adapted to wheelchair-user standards?",
                cya_label="Wheelchair accessible",
                messages={
                    "required": "Select yes if the property is built or adapted to "
                    "wheelchair-user standards"
                },
            )
        ),
    ),
)

# -- income ----------------------------------------------------------------------------------

income_benefits_and_outgoings = Section(
    id="income_benefits_and_outgoings",
    title="Income, benefits and outgoings",
    pages=(
        Page(
            id="net_income",
            title="What is the household’s combined income after tax?",
            questions=(
                money(
                    "net_income",
                    "Net income",
                    cya_label="Net income",
                    messages={"required": "Enter the household’s combined income after tax"},
                ),
                Radios(
                    id="net_income_frequency",
                    label="How often do they receive this?",
                    cya_label="Net income frequency",
                    messages={"required": "Select how often the household receives this income"},
                    options=choices(opts.INCOME_FREQUENCIES),
                    inline=True,
                ),
            ),
        ),
        Page.of(
            Radios(
                id="net_income_uc_proportion",
                label="How much of the household’s income is from Universal Credit, "
                "state pensions or benefits?",
                cya_label="Income from benefits",
                messages={
                    "required": "Select how much of the household’s income is from Universal "
                    "Credit, state pensions or benefits"
                },
                options=choices(opts.UC_PROPORTIONS, divider_before="Do not know"),
            )
        ),
        Page.of(
            Radios(
                id="housing_benefit",
                label="Is the household likely to be receiving any of these housing benefits?",
                cya_label="Housing benefits",
                messages={
                    "required": "Select whether the household is likely to be receiving any of "
                    "these housing benefits"
                },
                options=choices(opts.HOUSING_BENEFITS, divider_before="Do not know"),
            )
        ),
    ),
)

# -- rent ------------------------------------------------------------------------------------

rent_and_charges = Section(
    id="rent_and_charges",
    title="Rent and charges",
    pages=(
        Page.of(
            Radios(
                id="rent_frequency",
                label="How often does the household pay rent and other charges?",
                cya_label="Rent period",
                messages={"required": "Select how often the household pays rent and other charges"},
                options=choices(
                    opts.RENT_FREQUENCIES, also_accepted=opts.RENT_FREQUENCIES_ALSO_ACCEPTED
                ),
            )
        ),
        Page(
            id="charges",
            title="What are the rent and charges?",
            hint="The total charge is worked out for you.",
            questions=(
                money(
                    "basic_rent",
                    "Basic rent",
                    cya_label="Basic rent",
                    messages={"required": "Enter the basic rent"},
                ),
                money(
                    "service_charge",
                    "Service charge",
                    cya_label="Service charge",
                    messages={"required": "Enter the service charge"},
                ),
                money(
                    "personal_service_charge",
                    "Personal service charge",
                    cya_label="Personal service charge",
                    messages={"required": "Enter the personal service charge"},
                ),
                money(
                    "support_charge",
                    "Support charge",
                    cya_label="Support charge",
                    messages={"required": "Enter the support charge"},
                ),
            ),
        ),
        Page.of(
            yes_no_text(
                "outstanding_amount",
                "After the household has received any "
                "housing benefit, is there an outstanding amount to pay?",
                cya_label="Any outstanding amount after housing benefit",
                messages={
                    "required": "Select yes if there is an outstanding amount to pay after "
                    "housing benefit"
                },
            )
        ),
        Page.of(
            money(
                "outstanding_rent_or_charges",
                "What is the outstanding amount?",
                cya_label="Outstanding amount",
                messages={"required": "Enter the outstanding amount"},
            ),
            when=Equals("outstanding_amount", opts.YES),
        ),
    ),
)

# -- local authority -------------------------------------------------------------------------

HAS_PREFERENCE = Equals("reasonable_preference", opts.YES)

local_authority = Section(
    id="local_authority",
    title="Local authority",
    pages=(
        Page.of(
            Text(
                id="time_lived_in_la",
                label="How long has the household lived in the local authority area?",
                cya_label="Time lived in local authority",
                messages={
                    "required": "Enter how long the household has lived in the local authority area"
                },
            )
        ),
        Page.of(
            Text(
                id="time_on_la_waiting_list",
                label="How long has the household been on the local authority waiting list?",
                cya_label="Time on waiting list",
                messages={
                    "required": "Enter how long the household has been on the local authority "
                    "waiting list"
                },
            )
        ),
        Page.of(
            Text(
                id="previous_la",
                label="Which local authority did the household live in before?",
                cya_label="Previous local authority",
                messages={"required": "Enter the local authority the household lived in before"},
            )
        ),
        Page.of(
            yes_no_text(
                "reasonable_preference",
                "Was the household given reasonable preference by the local authority?",
                opts.YES_NO,
                opts.REASONABLE_PREFERENCE_ALSO_ACCEPTED,
                cya_label="Reasonable preference",
                messages={
                    "required": "Select whether the household was given reasonable preference by "
                    "the local authority"
                },
            )
        ),
        Page.of(
            Textarea(
                id="reasonable_preference_reason",
                label="Describe why the household was given reasonable preference",
                cya_label="Reasonable preference details",
                # The seed contract's message for this field.
                messages={"required": "If reasonable preference is Yes, a reason must be given"},
                max_length=255,
            ),
            when=HAS_PREFERENCE,
        ),
        Page.of(
            Checkboxes(
                id="reasonable_preference_reasons",
                label="Why was the household given reasonable preference?",
                # The seed's key for errors about the reasons as a whole.
                error_key="reasonable_preference_reason",
                cya_label="Reasons for reasonable preference",
                hint="Select all that apply.",
                as_booleans=True,
                options=booleans(
                    "reasonable_preference_reason",
                    {
                        "homeless": "They were homeless or about to lose their home",
                        "unsatisfactory_housing": "They were living in insanitary, overcrowded or "
                        "unsatisfactory housing",
                        "medical_grounds": "They needed to move on medical and welfare grounds",
                        "avoid_hardship": "They needed to move to avoid hardship to themselves or "
                        "others",
                        "do_not_know": "Do not know",
                    },
                    exclusive=("do_not_know",),
                ),
                messages={
                    "required": "Select why the household was given reasonable preference, or "
                    "select ‘Do not know’",
                    "not_applicable": "Only give a reason if reasonable preference is Yes",
                },
            ),
            when=HAS_PREFERENCE,
        ),
        Page.of(
            YesNo(
                id="cbl_letting",
                label="Was the letting made under choice-based lettings (CBL)?",
                cya_label="Choice-based lettings",
                messages={
                    "required": "Select yes if the letting was made under choice-based lettings "
                    "(CBL)"
                },
            )
        ),
        Page.of(
            YesNo(
                id="chr_letting",
                label="Was the letting made under the Common Housing Register (CHR)?",
                cya_label="Common Housing Register",
                messages={
                    "required": "Select yes if the letting was made under the Common Housing "
                    "Register (CHR)"
                },
            )
        ),
        Page.of(
            YesNo(
                id="cap_letting",
                label="Was the letting made under the Common Allocation Policy (CAP)?",
                cya_label="Common Allocation Policy",
                messages={
                    "required": "Select yes if the letting was made under the Common Allocation "
                    "Policy (CAP)"
                },
            )
        ),
    ),
)

LETTINGS_LOG = Journey(
    id="lettings_log",
    # The seed contract's form, for every tenancy starting before 1 April 2027.
    version="2026/27",
    title="Lettings log",
    record_name="lettings log",
    reference_prefix="LL-",
    submitted_event=LETTINGS_LOG_SUBMITTED,
    declaration="I confirm that the information in this log is correct to the best of my "
    "knowledge.",
    sections=(
        household_characteristics,
        household_situation,
        household_needs,
        tenancy_information,
        property_information,
        income_benefits_and_outgoings,
        rent_and_charges,
        local_authority,
    ),
    rules=RULES,
    soft_checks=SOFT_CHECKS,
    derived=(
        Derived(
            id="total_charge",
            label="Total charge",
            compute=total_charge,
            mismatch_message="Total charge must be {expected:.2f}, the sum of basic rent, "
            "service charge, personal service charge and support charge",
        ),
    ),
)

# -- later collection years: each a change to the year before -------------------------------

LETTINGS_LOG_2027 = revise(
    LETTINGS_LOG,
    "2027/28",
    [
        AddPage(
            into="tenancy_information",
            after="tenancy_start_date",
            page=Page.of(
                YesNo(
                    id="renewal",
                    label="Is this letting a renewal of a social housing tenancy in the same "
                    "property?",
                    cya_label="Renewal",
                    hint="A renewal is a new tenancy agreement for the same tenant in the same "
                    "property, such as at the end of a fixed term.",
                    messages={"required": "Select yes if this letting is a renewal"},
                )
            ),
        ),
        # The New Deal ended in 2011: the option keeps its stored value, reworded.
        *(
            RenameOption(
                f"person_{number}_economic_status",
                opts.GOVERNMENT_TRAINING,
                "In government training into work",
            )
            for number in range(1, MAX_OTHER_MEMBERS + 2)
        ),
        ReplaceRule(dates_before_the_tenancy, void_date_at_most_years_before(5)),
    ],
)

# Every version of the journey, named after the first collection year it is for; a log is read
# with its year's (app/journeys/lettings_years.py).
LETTINGS_LOG_VERSIONS = VersionsByYear([LETTINGS_LOG, LETTINGS_LOG_2027])
