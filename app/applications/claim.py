"""Claiming an application sent while signed out: its emails carry a link that gives it to
an account with the address it was sent to, so that it shows under "Your applications".
Holding the link (it came to that address) and being signed in with the address are both
needed; the link works once."""

from __future__ import annotations

from app.accounts import confirmation, email_links
from app.accounts.email_links import CLAIM_APPLICATION
from app.accounts.models import EmailLink, User
from app.applications.models import Application
from app.extensions import db
from app.formkit.models import FormRecord


class NotTheirAddress(Exception):  # noqa: N818
    """The signed-in user's address is not the one the link was sent to."""


def check(secret: str) -> EmailLink:
    """The claim link, or email_links.LinkProblem."""
    return email_links.check(CLAIM_APPLICATION, secret)


def record_of(link: EmailLink) -> FormRecord | None:
    return db.session.get(FormRecord, link.record_id) if link.record_id is not None else None


def owned_by(link: EmailLink, user: User) -> bool:
    """Whether the user has the application already (claimed, or adopted on signing in)."""
    record = record_of(link)
    return record is not None and record.owner_id == user.id


def claim(link: EmailLink, user: User) -> FormRecord:
    """Give the application to the user: with it, the application it replaces, if a provider
    returned one. Their address is confirmed: the link came to it."""
    if user.email != link.email:
        raise NotTheirAddress
    record = record_of(link)
    if record is None or record.owner_id not in (None, user.id):
        raise email_links.LinkProblem(email_links.USED, link)
    email_links.use(link)
    for claimed in (record, _replaced(record)):
        if claimed is not None and claimed.owner_id is None:
            claimed.owner_id = user.id
            claimed.session_key_hash = None
    confirmation.mark_confirmed(user)
    db.session.commit()
    return record


def _replaced(record: FormRecord) -> FormRecord | None:
    application = db.session.get(Application, record.id)
    return application.copied_from if application is not None else None
