"""The feedback form: what they want to tell us and, if they want a reply, an email address."""

from __future__ import annotations

from typing import ClassVar

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from app.accounts.forms import strip_whitespace, valid_email
from app.feedback.models import MAX_TEXT
from app.listings.forms import GovForm


class FeedbackForm(GovForm):
    text = StringField(
        "What would you like to tell us?",
        widget=GovCharacterCount(),
        filters=[strip_whitespace],
        validators=[
            DataRequired("Enter your feedback"),
            Length(max=MAX_TEXT, message=f"Your feedback must be {MAX_TEXT:,} characters or fewer"),
        ],
        description=(
            "Tell us what you were trying to do and how it went. Do not include personal or "
            "financial information, like your National Insurance number or bank details."
        ),
    )
    email = StringField(
        "Email address (optional)",
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=255, message="Email address must be 255 characters or fewer"),
            valid_email,
        ],
        description="Only if you would like a reply. We will use it for nothing else.",
    )
    submit = SubmitField("Send feedback", widget=GovSubmitInput())

    field_params: ClassVar = {
        "text": {
            "maxlength": MAX_TEXT,
            "rows": 6,
            "label": {"isPageHeading": False, "classes": "govuk-label--m"},
        },
        "email": {
            "type": "email",
            "autocomplete": "email",
            "spellcheck": False,
            "classes": "govuk-!-width-two-thirds",
        },
    }
