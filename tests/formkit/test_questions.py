"""Every question type, through both ways an answer arrives: a web form and a JSON payload.

The web path is `parse_form(MultiDict, id)`; the JSON path is `parse_json_field(field, raw)`.
Both must store the same value, and reject bad input with the same message.
"""

import json
import re
from datetime import date

import jsonschema
import pytest
from werkzeug.datastructures import MultiDict

from app.formkit.questions import (
    Date,
    Email,
    Invalid,
    Number,
    Option,
    Radios,
    Text,
    Textarea,
    TextList,
    UKPhone,
    UKPostcode,
)
from app.formkit.questions import date as date_module
from app.formkit.questions.text import postcode_in
from tests.formkit.example_journey import access_needs, has_partner, region, rent, support

# Questions built here, not taken from the example journey, so each test states its setup.
NAME = Text(id="full_name", label="What is your full name?", cya_label="Full name", max_length=10)
NOTES = Textarea(id="notes", label="Anything else?", cya_label="Notes", max_length=20)
EMAIL = Email(id="email", label="Email address")
PHONE = UKPhone(id="phone", label="Phone number", noun="your phone number")
POSTCODE = UKPostcode(id="postcode", label="What is your postcode?", cya_label="Postcode")
AGE = Number(id="age", label="How old are you?", cya_label="Age", min=16, max=120, suffix="years")
SAVINGS = Number(id="savings", label="Savings", prefix="£", min=0)
DEBT = Number(id="debt", label="Debt", max=10)
HALF = Number(id="half", label="Half", whole=False, min=0.5, decimals=1)
BEDROOMS = Number(id="bedrooms", label="Bedrooms", above=0, max=10)
CHARGE = Number(id="charge", label="Charge", whole=False, above=0, prefix="£")
OVER_HALF = Number(id="share", label="Share", whole=False, above=0.5)
PLOTS = TextList(
    id="plots",
    label="Which plots are you applying for?",
    cya_label="Plot numbers",
    max_items=3,
    max_length=5,
)
MOVE_IN = Date(id="move_in", label="When did you move in?", cya_label="Move-in date", past=True)
MOVE_IN_DMY = Date(id="move_in", label="Move-in date", past=True, json_format="dmy")
VISIT = Date(id="visit", label="Visit date", future=True)
ANY_DATE = Date(id="when", label="Date")
CONTACT = Radios(
    id="contact",
    label="How should we contact you?",
    cya_label="Contact method",
    options=(
        Option("email", "Email"),
        Option("phone", "Phone"),
        Option("none", "Do not contact me", divider_before="or"),
    ),
)
ROOMS = Radios(id="rooms", label="Rooms", options=(Option(1, "One"), Option(2, "Two")))
# The example journey's choice questions, reused rather than declared again.
NEEDS, PARTNER, REGION, SUPPORT, RENT = access_needs, has_partner, region, support, rent

FAR_PAST = "1901-03-04"
FAR_FUTURE = "2999-03-04"


def web(question, value):
    """Send one value through the web path, as the form's single input."""
    return question.parse_form(MultiDict({question.id: value}), question.id)


def web_date(question, day="", month="", year=""):
    form = MultiDict(
        {f"{question.id}-day": day, f"{question.id}-month": month, f"{question.id}-year": year}
    )
    return question.parse_form(form, question.id)


def web_checked(question, *values):
    return question.parse_form(MultiDict([(question.id, v) for v in values]), question.id)


def message_from(call, *args):
    with pytest.raises(Invalid) as raised:
        call(*args)
    assert str(raised.value) == raised.value.message
    return raised.value.message


# -- messages and naming ---------------------------------------------------------------------


def test_the_noun_defaults_to_the_short_label_in_lower_case():
    assert NAME.short_label == "Full name"
    assert NAME.message("too_long", max_length=3) == "Full name must be 3 characters or fewer"


def test_the_noun_defaults_to_the_label_without_a_cya_label():
    question = Text(id="x", label="Town or city", max_length=3)

    assert question.short_label == "Town or city"
    assert question.message("too_long", max_length=3) == (
        "Town or city must be 3 characters or fewer"
    )


def test_a_required_message_is_written_for_the_question_never_made_from_its_label():
    """ "Enter time lived in local authority" read badly: a question without its own
    required message has none, and a journey refuses it (see test_definition)."""
    with pytest.raises(LookupError, match="declares no 'required' message"):
        NAME.message("required")
    for question in (CONTACT, PLOTS, Date(id="d", label="Date of birth")):
        with pytest.raises(LookupError):
            question.message("required")
    written = Text(id="town", label="Town", messages={"required": "Enter your town"})
    assert written.required_message == written.message("required") == "Enter your town"


def test_the_noun_parameter_names_the_answer_in_messages():
    assert message_from(web, PHONE, "12345").startswith("Enter a telephone number")
    assert message_from(web, RENT, "abc") == "The rent must be a number"
    assert message_from(RENT.parse_json_field, "rent", "abc") == "The rent must be a number"


def test_custom_messages_override_the_defaults():
    question = Number(
        id="age",
        label="Age",
        min=16,
        max=120,
        messages={"required": "Enter your age", "range": "Age must be {min} to {max}"},
    )

    assert question.message("required") == "Enter your age"
    assert message_from(web, question, "200") == "Age must be 16 to 120"
    assert message_from(question.parse_json_field, "age", 200) == "Age must be 16 to 120"
    # Messages it does not override keep their defaults.
    assert message_from(web, question, "abc") == "Age must be a number"


def test_custom_messages_can_use_the_noun():
    question = Text(id="t", label="Town", noun="your town", messages={"too_long": "{Noun}!"})

    assert message_from(question.parse_json_field, "t", "x" * 300) == "Your town!"


def test_an_unknown_message_key_falls_back_to_the_key():
    assert NAME.message("no_such_message") == "no_such_message"


# -- Text ------------------------------------------------------------------------------------


def test_text_web_path_strips_and_blanks_are_none():
    assert web(NAME, "  Ada  ") == {"full_name": "Ada"}
    assert web(NAME, "") == {"full_name": None}
    assert web(NAME, "   ") == {"full_name": None}
    assert NAME.parse_form(MultiDict(), "full_name") == {"full_name": None}


def test_text_json_path():
    assert NAME.parse_json_field("full_name", "  Ada ") == "Ada"
    assert NAME.parse_json_field("full_name", "") is None
    assert NAME.parse_json_field("full_name", "  ") is None
    assert NAME.parse_json_field("full_name", None) is None


def test_text_json_reads_numbers_as_text():
    assert NAME.parse_json_field("full_name", 1234) == "1234"
    assert NAME.parse_json_field("full_name", 12.5) == "12.5"


@pytest.mark.parametrize("raw", [True, False, ["Ada"], {"name": "Ada"}])
def test_text_json_rejects_other_types(raw):
    assert message_from(NAME.parse_json_field, "full_name", raw) == "Full name must be text"


def test_text_too_long_on_both_paths():
    expected = "Full name must be 10 characters or fewer"

    assert web(NAME, "x" * 10) == {"full_name": "x" * 10}
    assert message_from(web, NAME, "x" * 11) == expected
    assert message_from(NAME.parse_json_field, "full_name", "x" * 11) == expected
    # The length is counted after stripping.
    assert web(NAME, "  " + "x" * 10 + "  ") == {"full_name": "x" * 10}
    # A number sent for text is checked as its text.
    assert message_from(NAME.parse_json_field, "full_name", 12345678901) == expected


def test_text_output():
    assert NAME.fields() == ("full_name",)
    assert NAME.display({"full_name": "Ada"}) == "Ada"
    assert NAME.display({}) == ""
    assert NAME.to_json({"full_name": "Ada"}) == {"full_name": "Ada"}
    assert NAME.to_json({}) == {"full_name": None}
    assert NAME.json_schema() == {"full_name": {"type": ["string", "null"], "maxLength": 10}}
    assert NAME.form_value({}) == ""
    assert NAME.is_answered({"full_name": "Ada"})
    assert not NAME.is_answered({"full_name": ""})
    assert not NAME.is_answered({})


def test_textarea():
    assert Textarea(id="t", label="T").max_length == 1200
    assert web(NOTES, " line one\nline two ") == {"notes": "line one\nline two"}
    assert NOTES.parse_json_field("notes", "short") == "short"
    expected = "Notes must be 20 characters or fewer"
    assert message_from(web, NOTES, "x" * 21) == expected
    assert message_from(NOTES.parse_json_field, "notes", "x" * 21) == expected
    assert NOTES.json_schema() == {"notes": {"type": ["string", "null"], "maxLength": 20}}
    assert NOTES.kind == "textarea"


# -- TextList --------------------------------------------------------------------------------

PLOTS_TYPE = "Plot numbers must be a list of text"


def test_text_list_web_path_splits_on_commas():
    assert web(PLOTS, "12, 14A ,3") == {"plots": ["12", "14A", "3"]}
    # Blank parts are dropped, and the same answer twice is kept once, in the order given.
    assert web(PLOTS, "14A,, 12 , 14A,") == {"plots": ["14A", "12"]}
    assert web(PLOTS, "") == {"plots": None}
    assert web(PLOTS, " , ,") == {"plots": None}


def test_text_list_json_path_takes_an_array_of_text():
    assert PLOTS.parse_json_field("plots", ["12", " 14A ", "3"]) == ["12", "14A", "3"]
    # Numbers are read as their text, so 12 and "12" are the same plot.
    assert PLOTS.parse_json_field("plots", [12, "12", 3]) == ["12", "3"]
    assert PLOTS.parse_json_field("plots", ["B", "A", "B"]) == ["B", "A"]
    assert PLOTS.parse_json_field("plots", []) is None
    assert PLOTS.parse_json_field("plots", ["", "  "]) is None
    assert PLOTS.parse_json_field("plots", None) is None


@pytest.mark.parametrize(
    "raw",
    [[True], [False], [1.5], [None], [["12"]], [{"plot": "12"}], {"a": 1}, True, 12, 1.5],
    ids=repr,
)
def test_text_list_json_refuses_other_types(raw):
    assert message_from(PLOTS.parse_json_field, "plots", raw) == PLOTS_TYPE


def test_text_list_too_many_on_both_paths():
    expected = "Give 3 or fewer of plot numbers"
    assert web(PLOTS, "1, 2, 3") == {"plots": ["1", "2", "3"]}
    assert message_from(web, PLOTS, "1, 2, 3, 4") == expected
    assert message_from(PLOTS.parse_json_field, "plots", ["1", "2", "3", "4"]) == expected
    # Counted once each: the same plot given twice is one plot.
    assert web(PLOTS, "1, 2, 3, 3, 1") == {"plots": ["1", "2", "3"]}
    default = TextList(id="plots", label="Plot numbers")
    assert default.parse_json_field("plots", list(range(20))) == [str(n) for n in range(20)]
    assert message_from(default.parse_json_field, "plots", list(range(21))) == (
        "Give 20 or fewer of plot numbers"
    )


def test_text_list_too_long_on_both_paths():
    expected = "Each of plot numbers must be 5 characters or fewer"
    assert web(PLOTS, "12345, 1") == {"plots": ["12345", "1"]}
    assert message_from(web, PLOTS, "1, 123456") == expected
    assert message_from(PLOTS.parse_json_field, "plots", ["1", "123456"]) == expected
    assert message_from(PLOTS.parse_json_field, "plots", [123456]) == expected
    # Each part is measured after stripping.
    assert web(PLOTS, "  12345  ") == {"plots": ["12345"]}


def test_text_list_output():
    values = {"plots": ["12", "14A"]}
    assert PLOTS.display(values) == "12, 14A"
    assert PLOTS.form_value(values) == "12, 14A"
    assert PLOTS.display({}) == ""
    assert PLOTS.form_value({"plots": None}) == ""
    assert PLOTS.to_json(values) == values
    assert PLOTS.to_json({}) == {"plots": None}
    assert PLOTS.is_answered(values)
    assert not PLOTS.is_answered({"plots": []})
    assert not PLOTS.is_answered({"plots": None})
    assert PLOTS.json_schema() == {
        "plots": {
            "type": ["array", "null"],
            "items": {"type": "string", "maxLength": 5},
            "maxItems": 3,
        }
    }
    # What the page shows reads back as the same answer.
    assert web(PLOTS, PLOTS.form_value(values)) == values


# -- Email -----------------------------------------------------------------------------------

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"


def test_email_valid_on_both_paths():
    assert web(EMAIL, " ada@example.com ") == {"email": "ada@example.com"}
    assert EMAIL.parse_json_field("email", "ada@example.com") == "ada@example.com"


@pytest.mark.parametrize("raw", ["x@", "ada", "@example.com", "ada@example", "a b@example.com"])
def test_email_invalid_on_both_paths(raw):
    assert message_from(web, EMAIL, raw) == EMAIL_FORMAT
    assert message_from(EMAIL.parse_json_field, "email", raw) == EMAIL_FORMAT


def test_email_too_long_is_reported_as_too_long():
    raw = "a" * 250 + "@example.com"
    assert message_from(web, EMAIL, raw) == "Email address must be 255 characters or fewer"


def test_email_json_rejects_non_text():
    assert message_from(EMAIL.parse_json_field, "email", True) == "Email address must be text"


def test_email_schema():
    assert EMAIL.json_schema() == {
        "email": {"type": ["string", "null"], "maxLength": 255, "format": "email"}
    }
    assert EMAIL.display({"email": "ada@example.com"}) == "ada@example.com"


# -- UK phone --------------------------------------------------------------------------------

PHONE_FORMAT = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"


@pytest.mark.parametrize(
    "raw", ["07700 900 982", "07700900982", "01632 960 001", "+44 808 157 0192", "(01632) 960-001"]
)
def test_uk_phone_valid_numbers_are_kept_as_typed(raw):
    assert web(PHONE, raw) == {"phone": raw}
    assert PHONE.parse_json_field("phone", raw) == raw


@pytest.mark.parametrize(
    "raw", ["12345", "077009009", "077009009821", "+33 1 23 45 67 89", "phone", "0800-CALL"]
)
def test_uk_phone_invalid_numbers(raw):
    assert message_from(web, PHONE, raw) == PHONE_FORMAT
    assert message_from(PHONE.parse_json_field, "phone", raw) == PHONE_FORMAT


def test_uk_phone_too_long_and_numeric_json():
    expected = "Your phone number must be 20 characters or fewer"
    assert message_from(web, PHONE, "0" * 21) == expected
    # A JSON number loses its leading zero, so it is not a UK number.
    assert message_from(PHONE.parse_json_field, "phone", 7700900982) == PHONE_FORMAT
    assert PHONE.json_schema() == {"phone": {"type": ["string", "null"], "maxLength": 20}}


# -- UK postcode -----------------------------------------------------------------------------

POSTCODE_FORMAT = "Enter a postcode in the correct format, for example AA1 1AA"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("  ec1a   1bb ", "EC1A 1BB"),
        ("m11ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("cr2 6xh", "CR2 6XH"),
    ],
)
def test_postcodes_are_normalised_on_both_paths(raw, stored):
    assert web(POSTCODE, raw) == {"postcode": stored}
    assert POSTCODE.parse_json_field("postcode", raw) == stored


@pytest.mark.parametrize("raw", ["nope", "SW1A", "1AA SW1A", "SW1A 1A", "SW1A-1AA", "ABC1 1AA"])
def test_bad_postcodes_on_both_paths(raw):
    assert message_from(web, POSTCODE, raw) == POSTCODE_FORMAT
    assert message_from(POSTCODE.parse_json_field, "postcode", raw) == POSTCODE_FORMAT


def test_postcode_json_number_and_schema():
    assert message_from(POSTCODE.parse_json_field, "postcode", 12345) == POSTCODE_FORMAT
    assert message_from(POSTCODE.parse_json_field, "postcode", False) == "Postcode must be text"
    assert POSTCODE.json_schema() == {"postcode": {"type": ["string", "null"], "maxLength": 8}}
    assert POSTCODE.display({"postcode": "SW1A 1AA"}) == "SW1A 1AA"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Flat 3, 12 Mare Street, London E8 1DY", "E8 1DY"),
        ("12 Mare Street, london e81dy", "E8 1DY"),
        ("Unit SW1A 1AA, Whitehall, London SW1A 2AA", "SW1A 2AA"),
        ("12 Mare Street, London", None),
        ("Flat AB12CDE", None),
        ("", None),
    ],
)
def test_the_last_postcode_in_a_text_is_found(text, found):
    assert postcode_in(text) == found


# -- Number: whole ---------------------------------------------------------------------------


def test_whole_number_web_path():
    assert web(AGE, "36") == {"age": 36}
    assert isinstance(web(AGE, "36")["age"], int)
    assert web(AGE, " 36 ") == {"age": 36}
    assert web(AGE, "") == {"age": None}


def test_whole_number_json_path():
    assert AGE.parse_json_field("age", 36) == 36
    assert AGE.parse_json_field("age", "36") == 36
    assert AGE.parse_json_field("age", 36.0) == 36
    assert isinstance(AGE.parse_json_field("age", 36.0), int)
    assert AGE.parse_json_field("age", None) is None
    assert AGE.parse_json_field("age", "") is None


def test_whole_number_bounds_are_inclusive():
    assert AGE.parse_json_field("age", 16) == 16
    assert AGE.parse_json_field("age", 120) == 120
    assert message_from(AGE.parse_json_field, "age", 15) == "Age must be between 16 and 120"
    assert message_from(AGE.parse_json_field, "age", 121) == "Age must be between 16 and 120"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("abc", "Age must be a number"),
        ("36 years", "Age must be a number"),
        ("NaN", "Age must be a number"),
        ("Infinity", "Age must be a number"),
        ("-inf", "Age must be a number"),
        ("36.5", "Age must be a whole number"),
        ("200", "Age must be between 16 and 120"),
        ("-1", "Age must be between 16 and 120"),
    ],
)
def test_whole_number_bad_text_on_both_paths(raw, message):
    assert message_from(web, AGE, raw) == message
    assert message_from(AGE.parse_json_field, "age", raw) == message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (True, "Age must be a number"),
        (False, "Age must be a number"),
        ([36], "Age must be a number"),
        ({"age": 36}, "Age must be a number"),
        (float("nan"), "Age must be a number"),
        (float("inf"), "Age must be a number"),
        (36.5, "Age must be a whole number"),
        (200, "Age must be between 16 and 120"),
    ],
)
def test_whole_number_bad_json_values(raw, message):
    assert message_from(AGE.parse_json_field, "age", raw) == message


def test_one_sided_bounds():
    assert message_from(web, SAVINGS, "-1") == "Savings must be 0 or more"
    assert message_from(SAVINGS.parse_json_field, "savings", -5) == "Savings must be 0 or more"
    assert message_from(web, DEBT, "11") == "Debt must be 10 or less"
    assert DEBT.parse_json_field("debt", -1000) == -1000
    # A bound that is not whole is shown as it is.
    assert message_from(HALF.parse_json_field, "half", 0.4) == "Half must be 0.5 or more"


def test_whole_number_with_commas_and_prefix_on_the_web():
    assert web(SAVINGS, "1,000") == {"savings": 1000}
    assert web(SAVINGS, "£1,000") == {"savings": 1000}
    assert web(SAVINGS, "£ 1 000") == {"savings": 1000}
    assert SAVINGS.parse_json_field("savings", "£2,500") == 2500
    assert message_from(web, SAVINGS, "$1000") == "Savings must be a number"
    assert message_from(web, SAVINGS, "££10") == "Savings must be a number"


def test_whole_number_output():
    assert AGE.display({"age": 36}) == "36 years"
    assert AGE.display({}) == ""
    assert SAVINGS.display({"savings": 1234567}) == "£1,234,567"
    assert AGE.to_json({"age": 36}) == {"age": 36}
    assert AGE.to_json({}) == {"age": None}
    assert AGE.json_schema() == {
        "age": {"type": ["integer", "null"], "minimum": 16, "maximum": 120}
    }
    assert SAVINGS.json_schema() == {"savings": {"type": ["integer", "null"], "minimum": 0}}


# -- Number: decimal -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("12.50", 12.5), ("£12.50", 12.5), ("1,000", 1000.0), ("£1,000.05", 1000.05), ("0", 0.0)],
)
def test_decimal_number_web_path(raw, stored):
    parsed = web(RENT, raw)
    assert parsed == {"rent": stored}
    assert isinstance(parsed["rent"], float)


def test_decimal_number_json_path():
    assert RENT.parse_json_field("rent", 120.5) == 120.5
    assert RENT.parse_json_field("rent", 120) == 120.0
    assert isinstance(RENT.parse_json_field("rent", 120), float)
    assert RENT.parse_json_field("rent", "120.50") == 120.5
    assert RENT.parse_json_field("rent", "£12.50") == 12.5


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("12.505", "The rent must have 2 decimal places or fewer"),
        ("5000.01", "The rent must be between 0 and 5000"),
        ("-0.01", "The rent must be between 0 and 5000"),
        ("twelve", "The rent must be a number"),
        ("12.50£", "The rent must be a number"),
    ],
)
def test_decimal_number_bad_input_on_both_paths(raw, message):
    assert message_from(web, RENT, raw) == message
    assert message_from(RENT.parse_json_field, "rent", raw) == message


def test_decimal_places_are_configurable():
    assert HALF.parse_json_field("half", 1.5) == 1.5
    assert message_from(HALF.parse_json_field, "half", 1.25) == (
        "Half must have 1 decimal places or fewer"
    )


def test_decimal_number_output():
    assert RENT.display({"rent": 1000.0}) == "£1,000.00"
    assert RENT.display({"rent": 12.5}) == "£12.50"
    assert RENT.to_json({"rent": 12.5}) == {"rent": 12.5}
    assert RENT.json_schema() == {
        "rent": {"type": ["number", "null"], "minimum": 0, "maximum": 5000}
    }
    assert RENT.kind == "number"


# -- Number: an exclusive lower bound (above) -------------------------------------------------


@pytest.mark.parametrize("raw", ["0", "-1", "0.00", "£0", "-0"])
def test_above_refuses_the_bound_itself_and_below_on_both_paths(raw):
    assert message_from(web, CHARGE, raw) == "Charge must be more than 0"
    assert message_from(CHARGE.parse_json_field, "charge", raw) == "Charge must be more than 0"


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        (CHARGE, 0, "Charge must be more than 0"),
        (CHARGE, 0.0, "Charge must be more than 0"),
        (CHARGE, -0.01, "Charge must be more than 0"),
        (BEDROOMS, 0, "Bedrooms must be more than 0"),
        (BEDROOMS, -1, "Bedrooms must be more than 0"),
    ],
)
def test_above_refuses_json_numbers_at_or_below_the_bound(question, raw, message):
    assert message_from(question.parse_json_field, question.id, raw) == message


def test_above_accepts_anything_over_the_bound():
    assert web(CHARGE, "0.01") == {"charge": 0.01}
    assert web(CHARGE, "£1") == {"charge": 1.0}
    assert CHARGE.parse_json_field("charge", 0.01) == 0.01
    assert CHARGE.parse_json_field("charge", 1) == 1.0
    assert web(BEDROOMS, "1") == {"bedrooms": 1}
    assert BEDROOMS.parse_json_field("bedrooms", 1) == 1
    # A whole number is still a whole number: 0.01 is refused for that, not for the bound.
    assert message_from(web, BEDROOMS, "0.01") == "Bedrooms must be a whole number"
    assert message_from(BEDROOMS.parse_json_field, "bedrooms", 0.01) == (
        "Bedrooms must be a whole number"
    )


def test_above_works_with_an_upper_bound_and_a_bound_that_is_not_whole():
    assert BEDROOMS.parse_json_field("bedrooms", 10) == 10
    assert message_from(web, BEDROOMS, "11") == "Bedrooms must be 10 or less"
    assert message_from(OVER_HALF.parse_json_field, "share", 0.5) == "Share must be more than 0.5"
    assert message_from(web, OVER_HALF, "0.50") == "Share must be more than 0.5"
    assert OVER_HALF.parse_json_field("share", 0.51) == 0.51


def test_above_message_can_be_overridden():
    question = Number(
        id="rooms", label="Rooms", above=0, messages={"above": "{Noun} must be at least 1"}
    )
    assert message_from(web, question, "0") == "Rooms must be at least 1"


def test_above_is_exclusive_minimum_in_the_schema():
    assert CHARGE.json_schema() == {"charge": {"type": ["number", "null"], "exclusiveMinimum": 0}}
    assert BEDROOMS.json_schema() == {
        "bedrooms": {"type": ["integer", "null"], "maximum": 10, "exclusiveMinimum": 0}
    }
    # The schema and the engine agree on the bound itself.
    validator = jsonschema.Draft202012Validator(CHARGE.json_schema()["charge"])
    assert not validator.is_valid(0)
    assert validator.is_valid(0.01)
    assert "exclusiveMinimum" not in RENT.json_schema()["rent"]


# -- Date ------------------------------------------------------------------------------------


def test_date_web_path_stores_iso():
    assert web_date(MOVE_IN, "1", "2", "2020") == {"move_in": "2020-02-01"}
    assert web_date(MOVE_IN, " 01 ", "02", "2020") == {"move_in": "2020-02-01"}
    assert web_date(MOVE_IN) == {"move_in": None}
    assert web_date(MOVE_IN, " ", " ", " ") == {"move_in": None}


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("01/02/2020", "2020-02-01"),
        ("1/2/2020", "2020-02-01"),
        ("2020-02-01", "2020-02-01"),
        ("2020-2-1", "2020-02-01"),
        (" 29/02/2020 ", "2020-02-29"),
    ],
)
def test_date_json_path_accepts_dmy_and_iso(raw, stored):
    assert MOVE_IN.parse_json_field("move_in", raw) == stored
    assert MOVE_IN_DMY.parse_json_field("move_in", raw) == stored


@pytest.mark.parametrize(
    ("day", "month", "year", "missing"),
    [
        ("1", "", "2020", "month"),
        ("", "2", "2020", "day"),
        ("1", "2", "", "year"),
        ("", "", "2020", "day and month"),
        ("", "2", "", "day and year"),
        ("1", "", "", "month and year"),
    ],
)
def test_incomplete_dates(day, month, year, missing):
    assert message_from(web_date, MOVE_IN, day, month, year) == (
        f"Move-in date must include a {missing}"
    )


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("31", "2", "2020"),
        ("29", "2", "2021"),
        ("1", "13", "2020"),
        ("0", "1", "2020"),
        ("x", "1", "2020"),
        ("1", "Feb", "2020"),
        ("1", "2", "20"),
        ("1", "2", "20200"),
        ("1", "2", "0000"),
        ("-1", "2", "2020"),
    ],
)
def test_unreal_dates_on_the_web(day, month, year):
    assert message_from(web_date, MOVE_IN, day, month, year) == "Move-in date must be a real date"


@pytest.mark.parametrize(
    "raw",
    [
        "31/02/2020",
        "2021-02-29",
        "2020-13-01",
        "01-02-2020",
        "2020/02/01",
        "1 Feb 2020",
        "01/02/20",
    ],
)
def test_unreal_dates_in_json(raw):
    assert message_from(MOVE_IN.parse_json_field, "move_in", raw) == (
        "Move-in date must be a real date"
    )


@pytest.mark.parametrize("raw", [20200201, 2020.5, True, ["2020-02-01"], {"day": 1}])
def test_date_json_rejects_non_text(raw):
    assert message_from(MOVE_IN.parse_json_field, "move_in", raw) == "Move-in date must be a date"


def test_past_dates():
    assert MOVE_IN.parse_json_field("move_in", FAR_PAST) == FAR_PAST
    assert web_date(MOVE_IN, "4", "3", "1901") == {"move_in": FAR_PAST}
    expected = "Move-in date must be in the past"
    assert message_from(MOVE_IN.parse_json_field, "move_in", FAR_FUTURE) == expected
    assert message_from(web_date, MOVE_IN, "4", "3", "2999") == expected


def test_future_dates():
    assert VISIT.parse_json_field("visit", "04/03/2999") == FAR_FUTURE
    assert web_date(VISIT, "4", "3", "2999") == {"visit": FAR_FUTURE}
    expected = "Visit date must be in the future"
    assert message_from(VISIT.parse_json_field, "visit", FAR_PAST) == expected
    assert message_from(web_date, VISIT, "4", "3", "1901") == expected


def test_today_is_neither_past_nor_future(monkeypatch):
    monkeypatch.setattr(date_module, "today", lambda: date(2024, 6, 15))

    assert message_from(MOVE_IN.parse_json_field, "move_in", "2024-06-15") == (
        "Move-in date must be in the past"
    )
    assert MOVE_IN.parse_json_field("move_in", "2024-06-14") == "2024-06-14"
    assert message_from(VISIT.parse_json_field, "visit", "2024-06-15") == (
        "Visit date must be in the future"
    )
    assert VISIT.parse_json_field("visit", "2024-06-16") == "2024-06-16"
    # With neither flag, any real date will do.
    assert ANY_DATE.parse_json_field("when", "2999-01-01") == "2999-01-01"
    assert ANY_DATE.parse_json_field("when", "1000-01-01") == "1000-01-01"


def test_date_to_json_formats():
    assert MOVE_IN.to_json({"move_in": "2020-02-01"}) == {"move_in": "2020-02-01"}
    assert MOVE_IN_DMY.to_json({"move_in": "2020-02-01"}) == {"move_in": "01/02/2020"}
    assert MOVE_IN.to_json({}) == {"move_in": None}
    assert MOVE_IN_DMY.to_json({}) == {"move_in": None}


def test_date_json_output_reads_back_as_the_same_date():
    stored = {"move_in": "2020-02-01"}
    for question in (MOVE_IN, MOVE_IN_DMY):
        sent = question.to_json(stored)["move_in"]
        assert question.parse_json_field("move_in", sent) == "2020-02-01"


def test_dmy_output_of_an_early_year_is_dd_mm_yyyy():
    stored = web_date(MOVE_IN_DMY, "1", "1", "0999")
    assert stored == {"move_in": "0999-01-01"}

    sent = MOVE_IN_DMY.to_json(stored)["move_in"]

    assert sent == "01/01/0999"
    assert MOVE_IN_DMY.parse_json_field("move_in", sent) == "0999-01-01"


@pytest.mark.parametrize("day", ["²", "①"])
def test_unicode_digit_like_characters_are_not_a_real_date(day):
    assert message_from(web_date, MOVE_IN, day, "1", "2000") == "Move-in date must be a real date"


def test_date_display_and_form_value():
    assert MOVE_IN.display({"move_in": "2020-02-01"}) == "1 February 2020"
    assert MOVE_IN.display({"move_in": "1999-12-25"}) == "25 December 1999"
    assert MOVE_IN.display({}) == ""
    assert MOVE_IN.form_value({"move_in": "2020-02-01"}) == {"day": 1, "month": 2, "year": 2020}
    assert MOVE_IN.form_value({}) == {}


def test_date_schema_accepts_both_formats():
    schema = MOVE_IN.json_schema()["move_in"]
    assert schema["type"] == ["string", "null"]
    pattern = re.compile(schema["pattern"])
    for accepted in ("01/02/2020", "1/2/2020", "2020-02-01", "2020-2-1"):
        assert pattern.search(accepted)
    for rejected in ("2020/02/01", "01-02-2020", "1 Feb 2020", "01/02/20"):
        assert not pattern.search(rejected)


# -- Radios and Select -----------------------------------------------------------------------


@pytest.mark.parametrize("question", [CONTACT, REGION], ids=["radios", "select"])
def test_choice_both_paths(question):
    first = question.options[0]
    assert web(question, first.value) == {question.id: first.value}
    assert question.parse_json_field(question.id, first.value) == first.value
    assert question.parse_json_field(question.id, f" {first.value} ") == first.value
    assert web(question, "") == {question.id: None}
    assert question.parse_json_field(question.id, None) is None


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (CONTACT, "Select contact method from the list of options"),
        (REGION, "Select region from the list of options"),
    ],
    ids=["radios", "select"],
)
@pytest.mark.parametrize("raw", ["post", "Email", "North", "EMAIL"])
def test_choice_rejects_values_not_offered(question, message, raw):
    assert message_from(web, question, raw) == message
    assert message_from(question.parse_json_field, question.id, raw) == message


@pytest.mark.parametrize("raw", [1, True, ["email"], {"value": "email"}, 1.5])
def test_choice_json_rejects_other_types(raw):
    assert message_from(CONTACT.parse_json_field, "contact", raw) == (
        "Select contact method from the list of options"
    )


def test_choice_with_number_values():
    assert web(ROOMS, "2") == {"rooms": 2}
    assert ROOMS.parse_json_field("rooms", 2) == 2
    assert ROOMS.parse_json_field("rooms", "2") == 2
    # True == 1 in Python, but it is not the option 1.
    assert message_from(ROOMS.parse_json_field, "rooms", True) == (
        "Select rooms from the list of options"
    )
    assert message_from(ROOMS.parse_json_field, "rooms", 3) == (
        "Select rooms from the list of options"
    )
    assert ROOMS.form_value({"rooms": 2}) == "2"


def test_choice_output():
    assert CONTACT.display({"contact": "none"}) == "Do not contact me"
    assert CONTACT.display({"contact": "gone"}) == ""
    assert CONTACT.display({}) == ""
    assert CONTACT.to_json({"contact": "phone"}) == {"contact": "phone"}
    assert CONTACT.to_json({}) == {"contact": None}
    assert CONTACT.json_schema() == {"contact": {"enum": ["email", "phone", "none", None]}}
    assert REGION.json_schema() == {"region": {"enum": ["north", "south", "wales", None]}}
    assert REGION.form_value({"region": "wales"}) == "wales"
    assert REGION.form_value({}) == ""
    assert (CONTACT.kind, REGION.kind) == ("radios", "select")


# -- YesNo -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "stored"), [("yes", True), ("no", False)])
def test_yes_no_web_path(raw, stored):
    assert web(PARTNER, raw) == {"has_partner": stored}


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        (True, True),
        (False, False),
        ("yes", True),
        ("No", False),
        ("TRUE", True),
        ("false", False),
        (" yes ", True),
    ],
)
def test_yes_no_json_path(raw, stored):
    assert PARTNER.parse_json_field("has_partner", raw) is stored


@pytest.mark.parametrize("raw", ["maybe", "y", "1"])
def test_yes_no_bad_text_on_both_paths(raw):
    expected = "Select partner from the list of options"
    assert message_from(web, PARTNER, raw) == expected
    assert message_from(PARTNER.parse_json_field, "has_partner", raw) == expected


@pytest.mark.parametrize("raw", [1, 0, 1.0, ["yes"], {"yes": True}])
def test_yes_no_json_rejects_non_booleans(raw):
    assert message_from(PARTNER.parse_json_field, "has_partner", raw) == (
        "Select partner from the list of options"
    )


def test_yes_no_output():
    assert PARTNER.display({"has_partner": True}) == "Yes"
    assert PARTNER.display({"has_partner": False}) == "No"
    assert PARTNER.display({}) == ""
    assert PARTNER.form_value({"has_partner": False}) == "no"
    assert PARTNER.form_value({"has_partner": True}) == "yes"
    assert PARTNER.to_json({"has_partner": False}) == {"has_partner": False}
    assert PARTNER.json_schema() == {"has_partner": {"type": ["boolean", "null"]}}
    assert PARTNER.is_answered({"has_partner": False})
    assert PARTNER.kind == "yes_no"


# -- Checkboxes: a list ----------------------------------------------------------------------

EXCLUSIVE = "Select ‘None of these’ on its own, or choose from the other options"


def test_checkboxes_web_path_keeps_option_order():
    assert web_checked(NEEDS, "hearing", "wheelchair") == {
        "access_needs": ["wheelchair", "hearing"]
    }
    assert web_checked(NEEDS, "none") == {"access_needs": ["none"]}
    assert web_checked(NEEDS) == {"access_needs": None}
    assert web_checked(NEEDS, "") == {"access_needs": None}
    assert web_checked(NEEDS, "hearing", "hearing") == {"access_needs": ["hearing"]}


def test_checkboxes_json_path():
    assert NEEDS.parse_json_field("access_needs", ["hearing", "wheelchair"]) == [
        "wheelchair",
        "hearing",
    ]
    assert NEEDS.parse_json_field("access_needs", ["none"]) == ["none"]
    assert NEEDS.parse_json_field("access_needs", []) is None
    assert NEEDS.parse_json_field("access_needs", None) is None


def test_checkboxes_exclusive_option_on_both_paths():
    assert message_from(web_checked, NEEDS, "none", "hearing") == EXCLUSIVE
    assert message_from(NEEDS.parse_json_field, "access_needs", ["hearing", "none"]) == EXCLUSIVE


def test_checkboxes_reject_options_not_offered():
    expected = "Select access needs from the list of options"
    assert message_from(web_checked, NEEDS, "hearing", "lift") == expected
    assert message_from(NEEDS.parse_json_field, "access_needs", ["lift"]) == expected
    assert message_from(NEEDS.parse_json_field, "access_needs", [["hearing"]]) == expected
    assert message_from(NEEDS.parse_json_field, "access_needs", [{"value": "hearing"}]) == expected
    assert message_from(NEEDS.parse_json_field, "access_needs", [1]) == expected


@pytest.mark.parametrize("raw", ["hearing", 1, True, {"hearing": True}])
def test_checkboxes_json_needs_a_list(raw):
    assert message_from(NEEDS.parse_json_field, "access_needs", raw) == (
        "Access needs must be a list of the listed options"
    )


def test_checkboxes_list_output():
    values = {"access_needs": ["wheelchair", "hearing"]}
    assert NEEDS.fields() == ("access_needs",)
    assert NEEDS.display(values) == "Wheelchair access\nHearing loop"
    assert NEEDS.display({}) == ""
    assert NEEDS.form_value(values) == ["wheelchair", "hearing"]
    assert NEEDS.to_json(values) == values
    assert NEEDS.to_json({}) == {"access_needs": None}
    assert NEEDS.is_answered(values)
    assert not NEEDS.is_answered({"access_needs": []})
    assert NEEDS.json_schema() == {
        "access_needs": {
            "type": ["array", "null"],
            "items": {"enum": ["wheelchair", "step_free", "hearing", "none"]},
            "uniqueItems": True,
        }
    }


# -- Checkboxes: one boolean per option ------------------------------------------------------

SUPPORT_FIELDS = ("support_benefits", "support_debt", "support_none")
SUPPORT_EXCLUSIVE = "Select ‘No support’ on its own, or choose from the other options"


def test_boolean_checkboxes_web_path():
    assert web_checked(SUPPORT, "debt") == {
        "support_benefits": False,
        "support_debt": True,
        "support_none": False,
    }
    assert web_checked(SUPPORT, "none") == {
        "support_benefits": False,
        "support_debt": False,
        "support_none": True,
    }
    assert web_checked(SUPPORT) == dict.fromkeys(SUPPORT_FIELDS)
    assert message_from(web_checked, SUPPORT, "none", "debt") == SUPPORT_EXCLUSIVE
    assert message_from(web_checked, SUPPORT, "rent") == ("Select support from the list of options")


@pytest.mark.parametrize(
    ("raw", "stored"),
    [(True, True), (False, False), (None, None), ("yes", True), (" No ", False), ("true", True)],
)
def test_boolean_checkboxes_json_path(raw, stored):
    for field_id in SUPPORT_FIELDS:
        assert SUPPORT.parse_json_field(field_id, raw) is stored


@pytest.mark.parametrize("raw", [1, 0, "maybe", "", ["benefits"], {"x": True}])
def test_boolean_checkboxes_json_rejects_non_booleans(raw):
    assert message_from(SUPPORT.parse_json_field, "support_debt", raw) == (
        "Support must be true or false"
    )


def test_boolean_checkboxes_check_together():
    SUPPORT.check_together({"support_benefits": True, "support_debt": True})
    SUPPORT.check_together({"support_none": True, "support_debt": False})
    SUPPORT.check_together({})
    with pytest.raises(Invalid) as raised:
        SUPPORT.check_together({"support_none": True, "support_debt": True})
    assert raised.value.message == SUPPORT_EXCLUSIVE


def test_list_checkboxes_have_nothing_to_check_together():
    NEEDS.check_together({"access_needs": ["none", "hearing"]})


def test_boolean_checkboxes_output():
    values = {"support_benefits": True, "support_debt": False, "support_none": False}
    assert SUPPORT.fields() == SUPPORT_FIELDS
    assert SUPPORT.is_answered(values)
    assert not SUPPORT.is_answered(dict.fromkeys(SUPPORT_FIELDS, False))
    assert not SUPPORT.is_answered({})
    assert SUPPORT.display(values) == "Help with benefits"
    assert SUPPORT.display({"support_benefits": True, "support_debt": True}) == (
        "Help with benefits\nHelp with debt"
    )
    assert SUPPORT.form_value(values) == ["benefits"]
    assert SUPPORT.to_json(values) == values
    assert SUPPORT.to_json({}) == dict.fromkeys(SUPPORT_FIELDS)
    assert SUPPORT.json_schema() == {
        field_id: {"type": ["boolean", "null"]} for field_id in SUPPORT_FIELDS
    }


# -- the same message on both paths ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "form", "raw", "message"),
    [
        (AGE, {"age": "abc"}, "abc", "Age must be a number"),
        (AGE, {"age": "200"}, 200, "Age must be between 16 and 120"),
        (AGE, {"age": "36.5"}, 36.5, "Age must be a whole number"),
        (RENT, {"rent": "£12.505"}, 12.505, "The rent must have 2 decimal places or fewer"),
        (RENT, {"rent": "6,000"}, 6000, "The rent must be between 0 and 5000"),
        (POSTCODE, {"postcode": "nope"}, "nope", POSTCODE_FORMAT),
        (
            MOVE_IN,
            {"move_in-day": "31", "move_in-month": "02", "move_in-year": "2020"},
            "31/02/2020",
            "Move-in date must be a real date",
        ),
        (
            MOVE_IN,
            {"move_in-day": "4", "move_in-month": "3", "move_in-year": "2999"},
            "2999-03-04",
            "Move-in date must be in the past",
        ),
        (EMAIL, {"email": "x@"}, "x@", EMAIL_FORMAT),
        (PHONE, {"phone": "12345"}, "12345", PHONE_FORMAT),
        (NAME, {"full_name": "x" * 11}, "x" * 11, "Full name must be 10 characters or fewer"),
        (CHARGE, {"charge": "£0"}, 0, "Charge must be more than 0"),
        (BEDROOMS, {"bedrooms": "0"}, 0, "Bedrooms must be more than 0"),
        (PLOTS, {"plots": "1, 2, 3, 4"}, [1, 2, 3, 4], "Give 3 or fewer of plot numbers"),
        (
            PLOTS,
            {"plots": "1, 123456"},
            ["1", "123456"],
            "Each of plot numbers must be 5 characters or fewer",
        ),
        (CONTACT, {"contact": "post"}, "post", "Select contact method from the list of options"),
        (PARTNER, {"has_partner": "maybe"}, "maybe", "Select partner from the list of options"),
        (NEEDS, {"access_needs": ["none", "hearing"]}, ["none", "hearing"], EXCLUSIVE),
        (
            NEEDS,
            {"access_needs": ["lift"]},
            ["lift"],
            "Select access needs from the list of options",
        ),
    ],
    ids=lambda value: value.id if hasattr(value, "id") else None,
)
def test_the_same_bad_value_gets_the_same_message_on_both_paths(question, form, raw, message):
    formdata = MultiDict(
        [
            (key, v)
            for key, value in form.items()
            for v in (value if isinstance(value, list) else [value])
        ]
    )
    web_message = message_from(question.parse_form, formdata, question.id)
    json_message = message_from(question.parse_json_field, question.id, raw)

    assert web_message == json_message == message


@pytest.mark.parametrize(
    ("question", "form", "raw"),
    [
        (AGE, {"age": "36"}, 36),
        (RENT, {"rent": "£120.50"}, 120.5),
        (POSTCODE, {"postcode": "sw1a1aa"}, "sw1a1aa"),
        (
            MOVE_IN,
            {"move_in-day": "1", "move_in-month": "2", "move_in-year": "2020"},
            "01/02/2020",
        ),
        (EMAIL, {"email": "ada@example.com"}, "ada@example.com"),
        (PARTNER, {"has_partner": "yes"}, True),
        (CONTACT, {"contact": "phone"}, "phone"),
        (NEEDS, {"access_needs": ["hearing", "wheelchair"]}, ["wheelchair", "hearing"]),
        (CHARGE, {"charge": "£0.01"}, 0.01),
        (BEDROOMS, {"bedrooms": "1"}, 1),
        (PLOTS, {"plots": "12, 14A, 12"}, [12, "14A"]),
    ],
    ids=lambda value: value.id if hasattr(value, "id") else None,
)
def test_the_same_good_value_is_stored_the_same_on_both_paths(question, form, raw):
    formdata = MultiDict(
        [
            (key, v)
            for key, value in form.items()
            for v in (value if isinstance(value, list) else [value])
        ]
    )
    stored = question.parse_form(formdata, question.id)[question.id]

    assert stored is not None
    assert question.parse_json_field(question.id, raw) == stored
    # What the JSON output gives back is accepted as the same answer.
    sent = question.to_json({question.id: stored})[question.id]
    assert question.parse_json_field(question.id, sent) == stored
    assert json.loads(json.dumps(sent)) == sent


# -- numbers that cannot be exported ---------------------------------------------------------


@pytest.mark.parametrize("raw", ["1e400", 10**400], ids=["text", "int"])
def test_a_decimal_too_large_for_a_float_is_rejected(raw):
    unbounded = Number(id="charge", label="Charge", whole=False, min=0, prefix="£")
    try:
        stored = unbounded.parse_json_field("charge", raw)
    except Invalid:
        return
    assert json.loads(json.dumps(stored, allow_nan=False)) == stored


def test_a_whole_number_in_huge_exponent_notation_is_rejected():
    try:
        stored = web(SAVINGS, "1e5000")["savings"]
    except Invalid:
        return
    assert json.loads(json.dumps(stored)) == stored
