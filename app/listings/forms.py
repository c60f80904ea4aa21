"""Staff forms for developments, properties and listings, with GOV.UK messages."""

from __future__ import annotations

from copy import deepcopy
from datetime import date, datetime
from typing import ClassVar

from flask_wtf import FlaskForm
from govuk_frontend_wtf.main import wtforms_errors
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovDateInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, StopValidation, ValidationError

from app.accounts.forms import RequiredRadioField, strip_whitespace
from app.clock import uk_today
from app.formkit.questions.text import normalise_postcode
from app.listings.models import (
    CLOSED,
    MAX_SHARE,
    MIN_SHARE,
    OPEN,
    PROPERTY_TYPES,
    Property,
)

MAX_BEDROOMS = 20
MAX_FULL_MARKET_VALUE = 100_000_000
MAX_DESCRIPTION = 1000


class GovForm(FlaskForm):
    """A form that one generic template can render: each field's GOV.UK macro parameters
    live here, beside the field, and are copied for every render (the widgets change them)."""

    field_params: ClassVar[dict[str, dict]] = {}

    def params_for(self, name: str) -> dict:
        params = deepcopy(self.field_params.get(name, {}))
        field = self[name]
        if legend := params.get("fieldset", {}).get("legend"):
            # Our fieldset replaces the widget's, so it needs the legend's text.
            legend.setdefault("text", field.label.text)
        if not field.description:
            params.setdefault("hint", None)  # radios would show an empty hint
        return params

    def error_list(self) -> list[dict]:
        """The error summary's links, pointing at the first input of a date."""
        errors = wtforms_errors(self)["errorList"] if self.errors else []
        for error in errors:
            field = self._fields.get(error["href"].lstrip("#"))
            if field is not None and isinstance(field.widget, GovDateInput):
                error["href"] += "-day"
        return errors


def _text(
    label: str, required: str | None, max_length: int = 255, extra=(), widget=None, **kwargs
) -> StringField:
    name = label.removesuffix(" (optional)")
    validators = [
        *extra,
        Length(max=max_length, message=f"{name} must be {max_length:,} characters or fewer"),
    ]
    if required:
        validators.insert(0, DataRequired(required))
    return StringField(
        label,
        widget=widget or GovTextInput(),
        filters=[strip_whitespace],
        validators=validators,
        **kwargs,
    )


class RequiredSelectField(SelectField):
    """A select whose first option is a prompt; choosing nothing gives our message."""

    def __init__(self, label, message, **kwargs):
        super().__init__(label, widget=GovSelect(), **kwargs)
        self.required_message = message

    def pre_validate(self, form):
        if not self.data or self.data not in {str(choice[0]) for choice in self.choices}:
            raise StopValidation(self.required_message)


class PropertyChoiceField(SelectField):
    """One of the development's properties, or nothing for the whole development."""

    def __init__(self, label, **kwargs):
        super().__init__(label, widget=GovSelect(), **kwargs)

    def pre_validate(self, form):
        if not self.data:
            self.data = ""
        elif self.data not in {value for value, _ in self.choices}:
            raise StopValidation("Select a property of this development, or the whole development")


class ParsedField:
    """A field whose text is read into a value: one message when it is left empty, another
    when it cannot be read. Mixed into a WTForms field class, before it."""

    def __init__(self, label, *, required: str, invalid: str, **kwargs):
        super().__init__(label, **kwargs)
        self.required_message = required
        self.invalid_message = invalid

    def text(self, valuelist) -> str:
        return valuelist[0].strip() if valuelist else ""

    def parse(self, text: str):
        raise NotImplementedError

    def process_formdata(self, valuelist):
        self.data = None
        if text := self.text(valuelist):
            try:
                self.data = self.parse(text)
            except ValueError:
                raise ValueError(self.invalid_message) from None

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()
        if self.data is None:
            raise StopValidation(self.required_message)


class WholeNumberField(ParsedField, IntegerField):
    """A whole number typed as text: "250,000" and "£250000" are fine."""

    def __init__(self, label, **kwargs):
        super().__init__(label, widget=GovTextInput(), **kwargs)

    def text(self, valuelist) -> str:
        return super().text(valuelist).replace(",", "").removeprefix("£")

    def parse(self, text: str) -> int:
        return int(text)


class GovDateField(ParsedField, DateField):
    """A GOV.UK date input: day, month and year boxes."""

    def __init__(self, label, **kwargs):
        super().__init__(label, format="%d %m %Y", widget=GovDateInput(), **kwargs)

    def text(self, valuelist) -> str:
        # Exactly three boxes, whatever was posted, so the widget can show them again.
        self.raw_data = parts = [part.strip() for part in [*valuelist, "", "", ""][:3]]
        return " ".join(parts) if any(parts) else ""

    def parse(self, text: str) -> date:
        if len(text.rsplit(" ", 1)[-1]) != 4:
            raise ValueError("the year needs four digits")
        return datetime.strptime(text, "%d %m %Y").date()


def postcode_format(form, field):
    if field.data:
        postcode = normalise_postcode(field.data)
        if postcode is None:
            raise ValidationError("Enter a full UK postcode, like SE10 9NF")
        field.data = postcode


class DevelopmentForm(GovForm):
    organisation_id = RequiredSelectField("Housing provider", "Select the housing provider")
    name = _text("Development name", "Enter the development name")
    address_line_1 = _text("Address line 1", "Enter address line 1, typically the street")
    address_line_2 = _text("Address line 2 (optional)", None)
    town = _text("Town or city", "Enter the town or city")
    postcode = _text("Postcode", "Enter the postcode", max_length=10, extra=[postcode_format])
    local_authority_id = RequiredSelectField("Local authority", "Select the local authority")
    submit = SubmitField("Save development", widget=GovSubmitInput())

    field_params: ClassVar = {
        "address_line_1": {"attributes": {"autocomplete": "address-line1"}},
        "address_line_2": {"attributes": {"autocomplete": "address-line2"}},
        "town": {
            "classes": "govuk-!-width-two-thirds",
            "attributes": {"autocomplete": "address-level2"},
        },
        "postcode": {
            "classes": "govuk-input--width-10",
            "attributes": {"autocomplete": "postal-code"},
        },
    }

    def __init__(self, *args, organisations=None, local_authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            # Only support staff choose: everyone else adds developments for their own.
            del self.organisation_id
        else:
            self.organisation_id.choices = _prompted(
                "Choose a housing provider", ((o.id, o.name) for o in organisations)
            )
        self.local_authority_id.choices = _prompted(
            "Choose a local authority", ((la.id, la.name) for la in local_authorities)
        )


def _prompted(prompt: str, choices) -> list[tuple[str, str]]:
    return [("", prompt), *((str(value), label) for value, label in choices)]


class PropertyForm(GovForm):
    plot_number = _text("Plot number", "Enter the plot number", max_length=20)
    bedrooms = WholeNumberField(
        "Number of bedrooms",
        required="Enter the number of bedrooms",
        invalid="Number of bedrooms must be a whole number, like 2",
        validators=[
            NumberRange(1, MAX_BEDROOMS, f"Number of bedrooms must be between 1 and {MAX_BEDROOMS}")
        ],
    )
    property_type = RequiredRadioField(
        "Property type",
        "Select the property type",
        choices=[SelectChoice(kind, kind) for kind in PROPERTY_TYPES],
    )
    full_market_value = WholeNumberField(
        "Full market value",
        description="The price of the whole home, in pounds",
        required="Enter the full market value",
        invalid="Full market value must be a whole number of pounds, like 250000",
        validators=[
            NumberRange(
                1,
                MAX_FULL_MARKET_VALUE,
                f"Full market value must be between £1 and £{MAX_FULL_MARKET_VALUE:,}",
            )
        ],
    )
    minimum_share = WholeNumberField(
        "Minimum share",
        description="The smallest share a buyer can take, usually 10% to 25%",
        required="Enter the minimum share",
        invalid="Minimum share must be a whole number, like 25",
        validators=[
            NumberRange(
                MIN_SHARE,
                MAX_SHARE,
                # NumberRange formats its message with %, so each % is doubled.
                f"Minimum share must be between {MIN_SHARE}%% and {MAX_SHARE}%%",
            )
        ],
    )
    submit = SubmitField("Save property", widget=GovSubmitInput())

    field_params: ClassVar = {
        "plot_number": {"classes": "govuk-input--width-10", "spellcheck": False},
        "bedrooms": {"classes": "govuk-input--width-3", "inputmode": "numeric"},
        "property_type": {"fieldset": {"legend": {"classes": "govuk-fieldset__legend--s"}}},
        "full_market_value": {
            "classes": "govuk-input--width-10",
            "inputmode": "numeric",
            "prefix": {"text": "£"},
        },
        "minimum_share": {
            "classes": "govuk-input--width-3",
            "inputmode": "numeric",
            "suffix": {"text": "%"},
        },
    }


def describe_property(property: Property) -> str:
    return (
        f"Plot {property.plot_number}: {property.bedrooms} bedroom {property.property_type.lower()}"
    )


class ListingForm(GovForm):
    property_id = PropertyChoiceField("What the listing advertises")
    title = _text("Title", "Enter a title for the listing")
    description = _text(
        "Description",
        "Enter a description",
        max_length=MAX_DESCRIPTION,
        widget=GovCharacterCount(),
        description="A short summary for people looking for a home",
    )
    status = RequiredRadioField(
        "Status",
        "Select whether the listing is open or closed",
        choices=[
            SelectChoice(OPEN, "Open: takes applications until the closing date"),
            SelectChoice(CLOSED, "Closed: takes no applications"),
        ],
        default=OPEN,
    )
    closing_date = GovDateField(
        "Closing date",
        description="The last day to apply, for example 27 3 2027",
        required="Enter the closing date",
        invalid="Closing date must be a real date",
    )
    submit = SubmitField("Save listing", widget=GovSubmitInput())

    field_params: ClassVar = {
        "description": {"maxlength": MAX_DESCRIPTION, "rows": 4},
        "status": {"fieldset": {"legend": {"classes": "govuk-fieldset__legend--s"}}},
        "closing_date": {"fieldset": {"legend": {"classes": "govuk-fieldset__legend--s"}}},
    }

    def __init__(self, *args, properties=(), **kwargs):
        super().__init__(*args, **kwargs)
        count = len(properties)
        whole = f"The whole development ({count} {'property' if count == 1 else 'properties'})"
        self.property_id.choices = [("", whole)] + [
            (str(p.id), describe_property(p)) for p in properties
        ]

    def validate_closing_date(self, field):
        if self.status.data == OPEN and field.data is not None and field.data < uk_today():
            raise ValidationError("The closing date of an open listing must be today or later")

    @property
    def chosen_property_id(self) -> int | None:
        return int(self.property_id.data) if self.property_id.data else None
