"""What a probation case can tell a lettings log about its lead tenant.

Only values that map onto the log's own options are suggested; anything that does not map
is left for the member of staff to ask. The answers are in the lettings API's values, so the
engine checks them exactly as it checks a client's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.clock import uk_today
from app.journeys import lettings_options as opts
from app.probation.models import ProbationCase

SOURCE = "From probation record"
DISCHARGED_FROM_PRISON = "Discharged from prison"

_GENDERS = {
    "male": "Male",
    "female": "Female",
    "non-binary": "Non-binary",
    "nonbinary": "Non-binary",
}

# nDelius's ethnicity descriptions, as the census words them, onto CORE's.
_ETHNIC_GROUPS = {
    "white: british/english/welsh/scottish/northern irish": opts.ETHNIC_GROUPS[0],
    "white: english/welsh/scottish/northern irish/british": opts.ETHNIC_GROUPS[0],
    "white: irish": "White: Irish",
    "white: gypsy or irish traveller": "White: Gypsy/Irish Traveller",
    "white: any other white background": "White: Other",
    "mixed: white and black caribbean": "Mixed: White & Black Caribbean",
    "mixed: white and black african": "Mixed: White & Black African",
    "mixed: white and asian": "Mixed: White & Asian",
    "mixed: any other mixed background": "Mixed: Other",
    "asian or asian british: indian": "Asian or Asian British: Indian",
    "asian or asian british: pakistani": "Asian or Asian British: Pakistani",
    "asian or asian british: bangladeshi": "Asian or Asian British: Bangladeshi",
    "asian or asian british: chinese": "Asian or Asian British: Chinese",
    "asian or asian british: any other asian background": "Asian or Asian British: Other",
    "black or black british: caribbean": "Black: Caribbean",
    "black or black british: african": "Black: African",
    "black or black british: any other black background": "Black: Other",
    "other ethnic group: arab": "Other Ethnic Group: Arab",
    "other ethnic group: any other ethnic group": "Other Ethnic Group: Other",
}

# Words in a disability's type or condition, onto what CORE asks the condition affects.
_EFFECTS = (
    (("visual", "sight", "blind"), "condition_effects_vision"),
    (("hearing", "deaf"), "condition_effects_hearing"),
    (("mobility", "physical", "wheelchair"), "condition_effects_mobility"),
    (("dexterity",), "condition_effects_dexterity"),
    (("stamina", "breathing", "fatigue"), "condition_effects_stamina"),
    (("learning", "dyslexia", "concentrat"), "condition_effects_learning"),
    (("memory", "dementia"), "condition_effects_memory"),
    (("mental",), "condition_effects_mental_health"),
    (("autis", "asperger", "behaviour"), "condition_effects_social_or_behavioral"),
)


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _tenancy_start(answers: dict[str, Any]) -> date:
    """The age asked for is at the start of the tenancy: today, until that is known."""
    start = answers.get("tenancy_start_date")
    return date.fromisoformat(start) if start else uk_today()


def _condition_effects(case: ProbationCase) -> dict[str, bool]:
    effects: dict[str, bool] = {}
    for disability in case.disabilities:
        words = " ".join(
            str((disability.get(part) or {}).get("description") or "").lower()
            for part in ("type", "condition")
        )
        for keywords, field_id in _EFFECTS:
            if any(keyword in words for keyword in keywords):
                effects[field_id] = True
    return effects


def lettings_answers(case: ProbationCase, answers: dict[str, Any]) -> dict[str, Any]:
    """The lead tenant's answers the case gives, as a lettings API payload."""
    suggested: dict[str, Any] = {
        "person_1_age": age_on(case.date_of_birth, _tenancy_start(answers))
    }
    identity = case.data.get("genderIdentity") or case.gender or ""
    if gender := _GENDERS.get(identity.strip().lower()) or _GENDERS.get(
        (case.gender or "").lower()
    ):
        suggested["person_1_gender"] = gender
    if ethnic_group := _ETHNIC_GROUPS.get((case.ethnicity or "").strip().lower()):
        suggested["tenant_ethnic_group"] = ethnic_group
    if effects := _condition_effects(case):
        suggested["medical_conditions"] = opts.YES
        suggested.update(effects)
    if case.released_from_prison:
        suggested["reason_for_leaving_last_settled_home"] = DISCHARGED_FROM_PRISON
    return suggested
