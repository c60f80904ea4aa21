"""Question types. Import them from here."""

from app.formkit.questions.base import Invalid, Question
from app.formkit.questions.choice import Checkboxes, Option, Radios, Select, YesNo
from app.formkit.questions.date import Date
from app.formkit.questions.number import Number
from app.formkit.questions.text import Email, Text, Textarea, TextList, UKPhone, UKPostcode

__all__ = [
    "Checkboxes",
    "Date",
    "Email",
    "Invalid",
    "Number",
    "Option",
    "Question",
    "Radios",
    "Select",
    "Text",
    "TextList",
    "Textarea",
    "UKPhone",
    "UKPostcode",
    "YesNo",
]
