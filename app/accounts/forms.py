"""Web forms for accounts. Rules that are not about the form itself live in service.py."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import HiddenField, PasswordField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    StopValidation,
    ValidationError,
)

from app.accounts.passwords import password_problem
from app.accounts.roles import ORGANISATION_ROLES
from app.accounts.service import (
    NAME_MAX_LENGTH,
    NAME_TOO_LONG_MESSAGE,
    SELECT_A_ROLE_MESSAGE,
    USER_NAME_MISSING_MESSAGE,
    email_problem,
)


def strip_whitespace(value):
    return value.strip() if isinstance(value, str) else value


def add_field_error(form, field_name: str, message: str) -> None:
    """Show a rule broken outside the form (for example, a taken email) against its field."""
    field = getattr(form, field_name)
    field.errors = [*field.errors, message]


def valid_email(form, field):
    if field.data and (problem := email_problem(field.data)):
        raise ValidationError(problem)


def acceptable_password(form, field):
    if field.data and (problem := password_problem(field.data)):
        raise ValidationError(problem)


class RequiredRadioField(RadioField):
    """Radios whose only message, when nothing is chosen, is the one we give."""

    def __init__(self, label, message, **kwargs):
        super().__init__(label, widget=GovRadioInput(), **kwargs)
        self.required_message = message

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.choices}:
            raise StopValidation(self.required_message)


def _email_field(label="Email address", message="Enter your email address"):
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[DataRequired(message), Length(max=255), valid_email],
    )


def _name_field(label, message):
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message),
            Length(max=NAME_MAX_LENGTH, message=NAME_TOO_LONG_MESSAGE),
        ],
    )


def _new_password_fields():
    password = PasswordField(
        "Create a password",
        widget=GovPasswordInput(),
        description="Must be at least 12 characters. You can use a short sentence.",
        validators=[InputRequired("Enter a password"), acceptable_password],
    )
    confirm = PasswordField(
        "Confirm your password",
        widget=GovPasswordInput(),
        validators=[
            InputRequired("Confirm your password"),
            EqualTo("password", message="Passwords do not match"),
        ],
    )
    return password, confirm


class SignInForm(FlaskForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[InputRequired("Enter your email address")],
    )
    password = PasswordField(
        "Password", widget=GovPasswordInput(), validators=[InputRequired("Enter your password")]
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class RegisterForm(FlaskForm):
    name = _name_field("Full name", "Enter your full name")
    email = _email_field()
    password, confirm_password = _new_password_fields()
    submit = SubmitField("Create account", widget=GovSubmitInput())


class AcceptInvitationForm(FlaskForm):
    password, confirm_password = _new_password_fields()
    submit = SubmitField("Save password and continue", widget=GovSubmitInput())


class ForgotPasswordForm(FlaskForm):
    email = _email_field()
    submit = SubmitField("Send link", widget=GovSubmitInput())


class ResetPasswordForm(FlaskForm):
    password, confirm_password = _new_password_fields()
    submit = SubmitField("Save password", widget=GovSubmitInput())


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter your current password")],
    )
    password, confirm_password = _new_password_fields()
    submit = SubmitField("Save password", widget=GovSubmitInput())


class ChangeEmailForm(FlaskForm):
    email = _email_field("New email address", "Enter your new email address")
    password = PasswordField(
        "Your password",
        widget=GovPasswordInput(),
        description="We ask for your password because your email address is how you get "
        "back into your account.",
        validators=[InputRequired("Enter your password")],
    )
    submit = SubmitField("Send confirmation link", widget=GovSubmitInput())


class TokenForm(FlaskForm):
    name = StringField(
        "Name for the token",
        widget=GovTextInput(),
        description="So you can tell your tokens apart, for example ‘Finance system’.",
        filters=[strip_whitespace],
        validators=[
            DataRequired("Enter a name for the token"),
            Length(max=100, message="Token name must be 100 characters or fewer"),
        ],
    )
    # Shown, and checked by the view, only when the password was not entered recently.
    password = PasswordField(
        "Enter your password to continue",
        widget=GovPasswordInput(),
        description="A token can act as you, so we ask for your password when you have not "
        "entered it recently.",
    )
    # The form's single-use key (token_form.py): sent again, the form makes nothing.
    form_key = HiddenField()
    submit = SubmitField("Create token", widget=GovSubmitInput())


def _role_field():
    return RequiredRadioField(
        "Role",
        SELECT_A_ROLE_MESSAGE,
        choices=[SelectChoice(role.value, role.label) for role in ORGANISATION_ROLES],
    )


class InviteUserForm(FlaskForm):
    name = _name_field("Full name", USER_NAME_MISSING_MESSAGE)
    email = _email_field(message="Enter the user’s email address")
    role = _role_field()
    submit = SubmitField("Invite user", widget=GovSubmitInput())


class ChangeUserForm(FlaskForm):
    """A user's name and role. Users outside an organisation (support staff) have no role to
    choose: the view removes the field."""

    name = _name_field("Full name", USER_NAME_MISSING_MESSAGE)
    role = _role_field()
    submit = SubmitField("Save changes", widget=GovSubmitInput())
