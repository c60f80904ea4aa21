"""Emails to applicants about their applications: "application received" when they submit
one, and "application returned" when a housing provider sends one back with a reason.

A signed-in applicant is emailed at their account's address once it is confirmed (and not
before: see accounts/notices.py). A signed-out applicant is emailed at the address their
answers give, with a link that lets them claim the application for an account with that
address (claim.py). Each email is a row added to the session: the submission or return
commits it.
"""

from __future__ import annotations

from app.accounts import email_links
from app.accounts.models import User
from app.accounts.notices import email_user, link_to
from app.accounts.service import email_problem, normalise_email
from app.applications.models import Application
from app.emails.outbox import send_email
from app.extensions import db
from app.formkit import store
from app.formkit.models import FormRecord
from app.journeys.shared_ownership_application import SHARED_OWNERSHIP_APPLICATION


def recipient(record: FormRecord) -> tuple[User | None, str | None]:
    """Who emails about the record go to: its owner's account (if they may be sent one:
    active, with a confirmed address), or for a signed-out application, the address its
    answers give. (None, None) if nobody."""
    if record.owner_id is not None:
        owner = db.session.get(User, record.owner_id)
        if owner is None or not owner.active or not owner.email_confirmed:
            return None, None
        return owner, owner.email
    address = record.answers.get("email")
    if not isinstance(address, str) or email_problem(address):
        return None, None
    return None, normalise_email(address)


def _send(record: FormRecord, template: str, owner_link: str, **personalisation: str) -> None:
    """To the owner's account (with `owner_link`), or to a signed-out applicant's address
    (with a link to claim the record)."""
    owner, address = recipient(record)
    if owner is not None:
        email_user(owner, template, link=owner_link, **personalisation)
    elif address is not None:
        secret = email_links.issue(email_links.CLAIM_APPLICATION, address, record_id=record.id)
        claim = link_to("applications.claim", secret=secret)
        send_email(address, template, {"link": claim, **personalisation})


def tell_received(record: FormRecord) -> None:
    """On submission, in its transaction."""
    application = db.session.get(Application, record.id)
    if application is None:
        return
    _send(
        record,
        "application_received",
        link_to("applications.view", record_id=record.id),
        reference=record.reference,
        listing_name=application.listing.title,
    )


def tell_returned(original: Application, copy: FormRecord, reason: str) -> None:
    """When a provider returns an application: the link opens the draft copy made for the
    applicant to change and send again. In the return's transaction."""
    _send(
        copy,
        "application_returned",
        link_to("applications.resume", record_id=copy.id),
        reference=original.record.reference,
        listing_name=original.listing.title,
        reason=reason,
    )


store.on_submission(SHARED_OWNERSHIP_APPLICATION, tell_received)
