"""A member of a tenure's household, as the seed's person object (`tenure-api.md`).

One definition serves the staff page that adds a member and the person API that adds or
updates one, so both refuse the same values with the same messages. `id` and
`personTenureType` are not questions: the id names the member in the URL, and the person
tenure type is derived from the tenure type (app/tenures/tenure_types.py).
"""

from __future__ import annotations

from app.formkit.definition import Journey, Page, Section
from app.formkit.questions import Date, Option, Radios, Text, YesNo
from app.formkit.versions import JourneyVersions

PERSON, ORGANISATION = "Person", "Organisation"

MEMBER_PAGE = Page(
    id="household_member",
    title="Household member",
    questions=(
        Text(
            id="fullName",
            label="Full name",
            noun="the full name",
            messages={"required": "Enter the full name"},
            max_length=200,
            autocomplete="off",
        ),
        Radios(
            id="type",
            label="Is the household member a person or an organisation?",
            noun="whether the household member is a person or an organisation",
            messages={
                "required": "Select whether the household member is a person or an organisation"
            },
            # The seed's own examples send both "person" and "Person".
            case_insensitive=True,
            options=(
                Option(PERSON, "A person", reveals=("dateOfBirth",)),
                Option(ORGANISATION, "An organisation"),
            ),
        ),
        Date(
            id="dateOfBirth",
            label="Date of birth",
            noun="the date of birth",
            messages={"required": "Enter the date of birth"},
            hint="For example, 27 3 1985",
            past=True,
        ),
        YesNo(
            id="isResponsible",
            label="Are they responsible for the tenure?",
            hint="The tenant, leaseholder or freeholder named on it, not another member of "
            "the household",
            noun="whether they are responsible for the tenure",
            messages={"required": "Select whether they are responsible for the tenure"},
        ),
    ),
)

HOUSEHOLD_MEMBER = Journey(
    id="tenure_household_member",
    title="Household member",
    record_name="household member",
    sections=(Section(id="household_member", title="Household member", pages=(MEMBER_PAGE,)),),
)

# Every version of the journey; records keep the one they were started on.
HOUSEHOLD_MEMBER_VERSIONS = JourneyVersions([HOUSEHOLD_MEMBER])
