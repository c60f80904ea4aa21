"""Account rules: creating, registering, signing in, inviting and deactivating users."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accounts import confirmation, throttle, tokens, unlocking, user_sessions
from app.accounts.models import Organisation, User, UserSession
from app.accounts.notices import email_user, link_to
from app.accounts.passwords import hash_password, password_problem, verify_password
from app.accounts.roles import ORGANISATION_ROLES, ProviderType, Role
from app.accounts.secrets import hash_secret, new_secret
from app.db_types import utcnow
from app.extensions import db
from app.templating import govuk_date

SIGN_IN_FAILED_MESSAGE = "Enter a correct email address and password"
# Said whether or not the account exists (and whether or not a link was sent).
ACCOUNT_LOCKED_MESSAGE = (
    "You have tried to sign in too many times. Wait 15 minutes, then try again. If you have "
    "an account, check your email for a link to unlock it now."
)
EMAIL_FORMAT_MESSAGE = "Enter an email address in the correct format, like name@example.com"
EMAIL_TAKEN_MESSAGE = "An account already exists with this email address. Sign in instead"
# Inviting: the person invited is not the one reading, so "Sign in instead" would be wrong.
INVITEE_HAS_ACCOUNT_MESSAGE = "This email address already has an account"
ALREADY_INVITED_MESSAGE = "{name} has already been invited"
ALREADY_A_USER_MESSAGE = "{name} already has an account in your organisation"
DEACTIVATED_USER_MESSAGE = "{name} has a deactivated account. Reactivate it from the list of users"
PASSWORD_MISSING_MESSAGE = "Enter your password to continue"  # noqa: S105 (a message)
PASSWORD_WRONG_MESSAGE = "The password is not correct"  # noqa: S105 (a message)
NAME_MAX_LENGTH = 255
NAME_TOO_LONG_MESSAGE = f"Name must be {NAME_MAX_LENGTH} characters or fewer"
USER_NAME_MISSING_MESSAGE = "Enter the user’s full name"
SELECT_A_ROLE_MESSAGE = "Select a role"


class AccountError(ValueError):
    """A rule was broken. `field` names the input the message belongs to, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class SignInThrottled(AccountError):
    """Too many failed sign-ins for this account or address."""


class EmailTaken(AccountError):
    """An account already has this email address: an answer that tells someone exists."""

    def __init__(self, message: str = EMAIL_TAKEN_MESSAGE):
        super().__init__(message, "email")


class AlreadyManaged(AccountError):
    """The address is already a user the inviter manages: one they can see in their list of
    users, so saying so tells them nothing new. `user` is that user."""

    def __init__(self, user: User):
        if not user.active:
            template = DEACTIVATED_USER_MESSAGE
        elif user.has_accepted_invitation:
            template = ALREADY_A_USER_MESSAGE
        else:
            template = ALREADY_INVITED_MESSAGE
        super().__init__(template.format(name=user.name), "email")
        self.user = user


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_problem(email: str) -> str | None:
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return EMAIL_FORMAT_MESSAGE
    return None


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def find_or_create_organisation(
    name: str, provider_type: ProviderType = ProviderType.LOCAL_AUTHORITY
) -> Organisation:
    name = name.strip()
    organisation = db.session.scalar(
        select(Organisation).where(func.lower(Organisation.name) == name.lower())
    )
    if organisation is None:
        organisation = Organisation(name=name, provider_type=ProviderType(provider_type).value)
        db.session.add(organisation)
        db.session.flush()
    return organisation


def _check_new_user(email: str, name: str, role: Role, organisation: Organisation | None):
    if not name.strip():
        raise AccountError("Enter a name", "name")
    if problem := email_problem(email):
        raise AccountError(problem, "email")
    if find_user_by_email(email) is not None:
        raise EmailTaken()
    if role.needs_organisation and organisation is None:
        raise AccountError(f"A {role.label.lower()} must belong to an organisation", "org")
    if role is Role.APPLICANT and organisation is not None:
        raise AccountError("An applicant does not belong to an organisation", "org")


def create_user(
    email: str,
    name: str,
    role: Role | str,
    password: str | None,
    organisation: Organisation | None = None,
    then: Callable[[User], object] | None = None,
) -> User:
    """Create an active user. With no password, the user must be sent an invitation.
    `then` is done to the new user in the same transaction (sending an email, say)."""
    role = Role(role)
    _check_new_user(email, name, role, organisation)
    if password is not None and (problem := password_problem(password)):
        raise AccountError(problem, "password")
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        role=role.value,
        organisation=organisation,
        password_hash=hash_password(password) if password is not None else None,
    )
    db.session.add(user)
    try:
        db.session.flush()
        if then is not None:
            then(user)
        db.session.commit()
    except IntegrityError as error:
        # Another request took the address between our check and this insert.
        db.session.rollback()
        raise EmailTaken() from error
    return user


def register_applicant(name: str, email: str, password: str) -> User:
    """A new applicant, sent a link to confirm their address (confirmation.py)."""
    return create_user(email, name, Role.APPLICANT, password, then=confirmation.send_link)


def sign_in(email: str, password: str, ip_address: str) -> User:
    """Return the user for a correct email and password, or raise AccountError.

    Every failure reads the same, so the answer never tells whether an account exists.
    """
    email = normalise_email(email)
    attempt = throttle.start_attempt(email, ip_address)
    if attempt is None:
        if throttle.is_locked(email):
            # (Its unlock link went when the failure that locked it was made.)
            raise SignInThrottled(ACCOUNT_LOCKED_MESSAGE)
        raise SignInThrottled(throttle.THROTTLED_MESSAGE)
    user = find_user_by_email(email)
    password_hash = user.password_hash if user is not None else None
    if not verify_password(password_hash, password) or not user.active:
        throttle.finish_attempt(attempt, succeeded=False)
        if unlocking.may_be_sent(user) and throttle.is_locked(email):
            unlocking.send_link_once(user)
        raise AccountError(SIGN_IN_FAILED_MESSAGE)
    throttle.finish_attempt(attempt, succeeded=True)
    return user


def confirm_password(user: User, password: str, ip_address: str) -> None:
    """A signed-in user entering their password again before a sensitive action. Wrong
    answers count towards sign-in throttling, so a stolen session cannot guess at it."""
    if not password:
        raise AccountError(PASSWORD_MISSING_MESSAGE, "password")
    attempt = throttle.start_attempt(user.email, ip_address)
    if attempt is None:
        raise SignInThrottled(throttle.THROTTLED_MESSAGE, "password")
    if not verify_password(user.password_hash, password):
        throttle.finish_attempt(attempt, succeeded=False)
        raise AccountError(PASSWORD_WRONG_MESSAGE, "password")
    throttle.finish_attempt(attempt, succeeded=True)
    user_sessions.password_entered(user)


def users_visible_to(actor: User) -> list[User]:
    """Support staff see every user; a coordinator sees their own organisation's."""
    query = select(User).order_by(User.name)
    if actor.role_enum is Role.SUPPORT:
        query = query.where(User.role != Role.APPLICANT.value)
    elif actor.role_enum is Role.DATA_COORDINATOR:
        query = query.where(User.organisation_id == actor.organisation_id)
    else:
        return []
    return list(db.session.scalars(query))


def can_manage(actor: User, user: User) -> bool:
    if actor.id == user.id:
        return False
    if actor.role_enum is Role.SUPPORT:
        return user.role_enum is not Role.APPLICANT
    return (
        actor.role_enum is Role.DATA_COORDINATOR and user.organisation_id == actor.organisation_id
    )


def invite_user(actor: User, email: str, name: str, role: Role | str) -> tuple[User, str]:
    """Add a user to the actor's organisation and return the secret for their invitation link.
    An address that is already a user says which kind, in words for the one inviting."""
    role = Role(role)
    if role not in ORGANISATION_ROLES:
        raise AccountError(SELECT_A_ROLE_MESSAGE, "role")
    existing = find_user_by_email(email)
    if existing is not None and can_manage(actor, existing):
        raise AlreadyManaged(existing)
    try:
        user = create_user(email, name, role, password=None, organisation=actor.organisation)
    except EmailTaken as error:
        raise EmailTaken(INVITEE_HAS_ACCOUNT_MESSAGE) from error
    return user, renew_invitation(user)


def invitation_state(secret: str) -> tuple[User | None, bool]:
    """For an invitation link that no longer works: its user and True if it has expired;
    (None, False) if it was used, replaced or never made."""
    user = db.session.scalar(select(User).where(User.invitation_token_hash == hash_secret(secret)))
    if user is None or not user.active:
        return None, False
    return user, user.invitation_expires_at < utcnow()


def invitation_expired(user: User) -> bool:
    """An invitation not yet accepted whose link has run out."""
    return (
        not user.has_accepted_invitation
        and user.invitation_expires_at is not None
        and user.invitation_expires_at < utcnow()
    )


def may_resend_invitation(actor: User, user: User) -> bool:
    """An invitation not yet accepted, of an active user the actor manages."""
    return can_manage(actor, user) and user.active and not user.has_accepted_invitation


def renew_invitation(user: User) -> str:
    """A new invitation link, emailed to the user with the change; the old link stops
    working. The secret is returned for tests and tools: no page shows it."""
    secret = new_secret("invite")
    lifetime = timedelta(days=current_app.config["APP_CONFIG"].invitation_lifetime_days)
    user.invitation_token_hash = hash_secret(secret)
    user.invitation_expires_at = utcnow() + lifetime
    email_user(
        user,
        "invitation",
        organisation_name=user.organisation.name if user.organisation else "",
        link=link_to("accounts.accept_invitation", secret=secret),
        expires=govuk_date(user.invitation_expires_at),
    )
    db.session.commit()
    return secret


def user_for_invitation(secret: str) -> User | None:
    user = db.session.scalar(select(User).where(User.invitation_token_hash == hash_secret(secret)))
    if user is None or not user.active or user.invitation_expires_at < utcnow():
        return None
    return user


def accept_invitation(user: User, password: str) -> None:
    set_new_password(user, password)
    confirmation.mark_confirmed(user)  # the link came to this address
    db.session.commit()


def set_new_password(user: User, password: str, keep_session: UserSession | None = None) -> None:
    """Give the user a new password: every sign-in made with whatever came before it ends,
    but `keep_session` (or the caller starts the one this request needs), and so do the
    portal's sign-in tokens;
    integrations' API tokens are kept. An invitation not yet used is used up. The caller
    commits."""
    if problem := password_problem(password):
        raise AccountError(problem, "password")
    user.password_hash = hash_password(password)
    user.invitation_token_hash = None
    user.invitation_expires_at = None
    user_sessions.end_all(user, keep=keep_session)
    tokens.revoke_all(user, sign_in_tokens_only=True)


def change_user(actor: User, user: User, name: str, role: Role | str | None) -> None:
    """Change a user's name and, for a user in an organisation, their role: only to another
    role a coordinator may give (ORGANISATION_ROLES). Support staff keep theirs."""
    if not can_manage(actor, user):
        raise AccountError("You cannot change this user")
    name = name.strip()
    if not name:
        raise AccountError(USER_NAME_MISSING_MESSAGE, "name")
    if len(name) > NAME_MAX_LENGTH:
        raise AccountError(NAME_TOO_LONG_MESSAGE, "name")
    if user.role_enum in ORGANISATION_ROLES:
        if role is None or role not in {r.value for r in ORGANISATION_ROLES}:
            raise AccountError(SELECT_A_ROLE_MESSAGE, "role")
        user.role = Role(role).value
    user.name = name
    db.session.commit()


def set_active(actor: User, user: User, active: bool) -> None:
    if not can_manage(actor, user):
        raise AccountError("You cannot change this user")
    user.active = active
    if not active:
        # Ended for good, so that reactivating the user brings back none of them.
        user_sessions.end_all(user)
        tokens.revoke_all(user)
    db.session.commit()
