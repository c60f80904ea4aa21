"""Organisations, users, their web sessions, API tokens and sign-in attempts."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.roles import ProviderType, Role
from app.db_types import UTCDateTime, utcnow
from app.extensions import db


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    provider_type: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="organisation")

    @property
    def provider_type_label(self) -> str:
        return ProviderType(self.provider_type).label


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id"), index=True, default=None
    )
    # Null until an invited user chooses their password.
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    invitation_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    invitation_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # When the user last showed that the address is theirs, by a link emailed to it.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organisation: Mapped[Organisation | None] = relationship(back_populates="users")
    api_tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", order_by="ApiToken.created_at.desc()"
    )

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def has_accepted_invitation(self) -> bool:
        return self.password_hash is not None

    @property
    def email_confirmed(self) -> bool:
        """Whether the address may be sent more than links to confirm it or to reset the
        password. Staff addresses are given by their organisation; applicants confirm theirs."""
        return self.email_confirmed_at is not None or self.role_enum.is_staff

    # Set on the signed-in user of a web request (see user_sessions.py): the session they are
    # signed in through, and its secret, which Flask-Login keeps in the cookie in place of
    # the user's id (its `id_attribute`, see session.py).
    web_session = None
    session_secret = None
    # Also set then, for the header, which error pages show without a query (errors.py).
    organisation_name = None

    def get_session_secret(self) -> str | None:
        return self.session_secret


class UserSession(db.Model):
    """One sign-in to the web pages. The session cookie carries a secret whose hash is here;
    the cookie counts only while this row is live, so ending the row ends the sign-in."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    signed_in_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # When the user last entered their password in this session: at sign-in, and again when
    # a sensitive action asked for it.
    last_authenticated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # SHA-256 of the token: tokens are long random strings, so a fast hash is safe here.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters of the token, so a user can tell their tokens apart.
    token_prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # Sign-in tokens (the portal's access tokens) expire; tokens made for integrations do not.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # A partner system's token (made only with `flask tokens create --service`): it may ask
    # about other users where a person's token may ask only about its own user.
    is_service: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    user: Mapped[User] = relationship(back_populates="api_tokens")

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_live(self, now: datetime) -> bool:
        return not self.is_revoked and (self.expires_at is None or now < self.expires_at)


class EmailLink(db.Model):
    """A link emailed to someone: resetting a password, confirming an address, unlocking an
    account, claiming an application. The link carries a secret whose hash is here; it works
    once, until `expires_at`, and only for the address it was sent to (`email`)."""

    __tablename__ = "email_links"
    __table_args__ = (Index("ix_email_links_user_id_purpose", "user_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(40))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The address the link was sent to: the account's, or the new one of a change of address.
    email: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), default=None
    )
    # The application a link claims.
    record_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_records.id", ondelete="CASCADE"), index=True, default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    user: Mapped[User | None] = relationship()


class SignInAttempt(db.Model):
    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_email_attempted_at", "email", "attempted_at"),
        Index("ix_sign_in_attempts_ip_address_attempted_at", "ip_address", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255))
    ip_address: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool] = mapped_column(Boolean)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
