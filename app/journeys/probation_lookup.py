"""The question that links a lettings log's lead tenant to a probation case, so that what the
case knows can be filled in. Asked on its own page, offered from the log's task list: the CRN
is not part of the lettings log contract and is never stored in the log."""

from __future__ import annotations

from dataclasses import dataclass

from app.formkit.definition import Journey, Page, Section
from app.formkit.questions import Invalid, Option, Text, YesNo
from app.formkit.versions import JourneyVersions
from app.probation.importer import CRN


@dataclass(frozen=True, kw_only=True, eq=False)
class CaseReferenceNumber(Text):
    max_length: int = 7
    width: str | None = "10"

    def check(self, value):
        value = value.strip().upper()
        if not CRN.match(value):
            raise Invalid("Enter a CRN in the correct format, for example X123456")
        return value


LOOKUP_PAGE = Page(
    id="probation_record",
    questions=(
        YesNo(
            id="known_to_probation",
            label="Is the lead tenant known to the probation service?",
            noun="whether the lead tenant is known to the probation service",
            messages={
                "required": "Select yes if the lead tenant is known to the probation service"
            },
            hint="If they are, answers the probation record holds can be filled in for you "
            "to check.",
            options=(Option(True, "Yes", reveals=("crn",)), Option(False, "No")),
        ),
        CaseReferenceNumber(
            id="crn",
            label="Case reference number (CRN)",
            noun="the case reference number (CRN)",
            messages={"required": "Enter the lead tenant’s case reference number (CRN)"},
            hint="For example, X123456",
            autocomplete="off",
        ),
    ),
)

PROBATION_LOOKUP = Journey(
    id="probation_lookup",
    title="Probation record",
    sections=(Section(id="probation_record", title="Probation record", pages=(LOOKUP_PAGE,)),),
)

# Every version of the journey; records keep the one they were started on.
PROBATION_LOOKUP_VERSIONS = JourneyVersions([PROBATION_LOOKUP])
