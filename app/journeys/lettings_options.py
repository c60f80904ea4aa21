"""The answer options of the CORE lettings case log.

The values are the seed contract's enum strings, stored and returned exactly as they are.
Options the seed does not list (it types those fields as free strings) are marked as ours.
"""

GENDERS = (
    "Female",
    "Male",
    "Non-binary",
    "Prefer not to say",
)

ETHNIC_GROUPS = (
    "White: English/Scottish/Welsh/Northern Irish/British",
    "White: Irish",
    "White: Gypsy/Irish Traveller",
    "White: Other",
    "Mixed: White & Black Caribbean",
    "Mixed: White & Black African",
    "Mixed: White & Asian",
    "Mixed: Other",
    "Asian or Asian British: Indian",
    "Asian or Asian British: Pakistani",
    "Asian or Asian British: Bangladeshi",
    "Asian or Asian British: Chinese",
    "Asian or Asian British: Other",
    "Black: Caribbean",
    "Black: African",
    "Black: Other",
    "Other Ethnic Group: Arab",
    "Other Ethnic Group: Other",
    "Prefer not to say",
)

NATIONALITIES = (
    "UK national resident in UK",
    "A current or former reserve in the UK Armed Forces (exc. National Service)",
    "UK national returning from residence overseas",
    "Czech Republic",
    "Estonia",
    "Hungary",
    "Latvia",
    "Lithuania",
    "Poland",
    "Slovakia",
    "Bulgaria",
    "Romania",
    "Ireland",
    "Other EU Economic Area (EEA country)",
    "Any other country",
    "Prefer not to say",
)

GOVERNMENT_TRAINING = "In government training into work, such as New Deal"
ECONOMIC_STATUSES = (
    "Part-time - Less than 30 hours",
    "Full-time - 30 hours or more",
    GOVERNMENT_TRAINING,
    "Jobseeker",
    "Retired",
    "Not seeking work",
    "Full-time student",
    "Unable to work because of long term sick or disability",
    "Child under 16",
    "Other",
    "Prefer not to say",
)

RELATIONSHIPS = (
    "Partner",
    "Child - includes young adult and grown-up",
    "Other",
    "Prefer not to say",
)

REASONS_FOR_LEAVING = (
    "Permanently decanted from another property owned by this landlord",
    "Left home country as a refugee",
    "Loss of tied accommodation",
    "Domestic abuse",
    "(Non violent) relationship breakdown with partner",
    "Asked to leave by family or friends",
    "Racial harassment",
    "Other problems with neighbours",
    "Property unsuitable because of overcrowding",
    "End of assured shorthold tenancy - no fault",
    "End of assured shorthold tenancy - tenant's fault",
    "End of fixed term tenancy - no fault",
    "End of fixed term tenancy - tenant's fault",
    "Repossession",
    "Under occupation - offered incentive to downsize",
    "Under occupation - no incentive",
    "Property unsuitable because of ill health / disability",
    "Property unsuitable because of poor condition",
    "Couldn't afford fees attached to renewing the tenancy",
    "Couldn't afford increase in rent",
    "Couldn't afford rent or mortgage - welfare reforms",
    "Couldn't afford rent or mortgage - employment",
    "Couldn't afford rent or mortgage - other",
    "To move nearer to family / friends / school",
    "To move nearer to work",
    "To move to accomodation with support",
    "To move to independent accomodation",
    "Hate crime",
    "Death of household member in last settled accomodation",
    "Discharged from prison",
    "Discharged from long stay hospital or similar institution",
    "Other",
    "Do not know",
    "Prefer not to say",
)

BENEFIT_CAP = (
    "Yes - benefit cap",
    "Yes - removal of the spare room subsidy",
    "Yes - both the benefit cap and the removal of the spare room subsidy",
    "No",
    "Do not know",
    "Prefer not to say",
)

UC_PROPORTIONS = (
    "All",
    "Some",
    "None",
    "Do not know",
)

FULL_TIME = "Full-time - 30 hours or more"
PART_TIME = "Part-time - Less than 30 hours"
IN_WORK = (FULL_TIME, PART_TIME)
CHILD_UNDER_16 = "Child under 16"
RETIRED = "Retired"
PARTNER = "Partner"
CHILD = "Child - includes young adult and grown-up"
FEMALE = "Female"
OTHER = "Other"
# "Other problems with neighbours" also asks for details, as the seed's example shows.
REASONS_WITH_DETAILS = ("Other", "Other problems with neighbours")

# The seed types the rest as free strings. Where our pages ask them as a choice, the options
# are those of CORE's own 2021/22 form (config/forms/2021_2022.json at commit 2c1f24635, the
# seed's date), in its order. `*_ALSO_ACCEPTED` values are accepted but not offered: the value
# the seed's own example sends, and values an earlier version of this service offered, which
# stored logs and clients may still use.
YES = "Yes"
NO = "No"
YES_NO = ("Yes", "No")
PREFER_NOT_TO_SAY = "Prefer not to say"
DO_NOT_KNOW = "Do not know"
YES_NO_DO_NOT_KNOW = ("Yes", "No", "Do not know", "Prefer not to say")
YES_NO_PREFER_NOT_TO_SAY = ("Yes", "No", "Prefer not to say")
ARMED_FORCES = ("Yes - a regular", "Yes - a reserve", "No", "Prefer not to say")
SERVED_IN_ARMED_FORCES = ("Yes - a regular", "Yes - a reserve")
HOMELESSNESS = (
    "Yes - assessed as homeless by a local authority and owed a homelessness duty. "
    "Including if threatened with homelessness within 56 days",
    # CORE's form ends this value with a space; its own fixture sends it without, and JSON
    # values are trimmed here, so this spelling is the one stored.
    "Yes - other homelessness",
    "No",
)
HOMELESSNESS_ALSO_ACCEPTED = ("Yes",)
STILL_SERVING = (
    "Yes",
    "No - they left up to 5 years ago",
    "No - they left more than 5 years ago",
    "Prefer not to say",
)
STILL_SERVING_ALSO_ACCEPTED = ("No", "Do not know")
INJURED_IN_SERVICE_ALSO_ACCEPTED = ("Do not know",)
ARMED_FORCES_PARTNER = (
    "Yes - was the spouse or civil partner of a UK Armed Forces member and have separated "
    "within the last 2 years",
    "Yes - was the spouse or civil partner of a UK Armed Forces member who died within the "
    "last 2 years",
    "No",
    "Prefer not to say",
)
ARMED_FORCES_PARTNER_ALSO_ACCEPTED = ("Yes", "Do not know")
REASONABLE_PREFERENCE_ALSO_ACCEPTED = ("Do not know",)
INCOME_FREQUENCIES = ("Weekly", "Monthly", "Yearly")
RENT_FREQUENCIES = (
    "Weekly for 52 weeks",
    "Fortnightly",
    "Four-weekly",
    "Calendar monthly",
    "Weekly for 50 weeks",
    "Weekly for 49 weeks",
    "Weekly for 48 weeks",
    "Weekly for 47 weeks",
    "Weekly for 46 weeks",
    "Weekly for 53 weeks",
)
RENT_FREQUENCIES_ALSO_ACCEPTED = ("Weekly", "Every 4 weeks", "Monthly")
# CORE's two fixed-term tenancy types both begin so. The seed types the tenancy type as free
# text, so the test is on these words, not on one spelling of the dash after them.
FIXED_TERM_TYPE_PREFIX = "fixed term"
HOUSING_BENEFITS = (
    "Housing Benefit, but not Universal Credit",
    "Universal Credit with housing element, but not Housing Benefit",
    "Universal Credit without housing element and no Housing Benefit",
    "Universal Credit and Housing Benefit",
    "Not Housing Benefit or Universal Credit",
    "Do not know",
    "Prefer not to say",
)

# Net income limits in £ a week by the lead tenant's economic status, as CORE publishes them:
# (soft minimum, soft maximum, hard minimum, hard maximum).
NET_INCOME_RANGES = {
    "Full-time - 30 hours or more": (143, 730, 90, 1230),
    "Part-time - Less than 30 hours": (67, 620, 50, 950),
    "In government training into work, such as New Deal": (80, 480, 40, 990),
    "Jobseeker": (50, 370, 10, 450),
    "Retired": (50, 380, 10, 690),
    "Not seeking work": (53, 540, 10, 890),
    "Full-time student": (47, 460, 10, 1300),
    "Unable to work because of long term sick or disability": (54, 460, 10, 820),
    "Child under 16": (50, 450, 10, 750),
    "Other": (50, 580, 10, 1040),
    "Prefer not to say": (47, 730, 10, 1300),
}
WEEKS_PER = {"Weekly": 1, "Monthly": 52 / 12, "Yearly": 52}
