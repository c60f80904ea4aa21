"""Asking for an email: `send_email(...)` adds its row to the session; the CALLER commits, in
the same transaction as the change that caused it, and the send task is queued after commit."""

from __future__ import annotations

import uuid

from app.emails.models import PENDING, Email
from app.emails.templates import EMAIL_TEMPLATES
from app.extensions import db
from app.jobs.after_commit import queue_after_commit


def send_email(to_address: str, template: str, personalisation: dict[str, str]) -> Email:
    """An unknown template, personalisation fields other than the template's, values that are
    not strings, or an address the project's validator refuses, are a programming error (the
    caller validates what people type): ValueError."""
    from app.accounts.service import email_problem

    if email_problem(to_address):
        raise ValueError(f"Not an email address: {to_address!r}")
    if template not in EMAIL_TEMPLATES:
        raise ValueError(f"There is no email template {template!r}")
    expected = set(EMAIL_TEMPLATES[template].fields)
    given = set(personalisation)
    if given != expected:
        raise ValueError(
            f"The {template!r} email needs exactly {sorted(expected)}; "
            f"missing {sorted(expected - given)}, extra {sorted(given - expected)}"
        )
    if not all(isinstance(value, str) for value in personalisation.values()):
        raise ValueError(f"The {template!r} email's personalisation must be strings")
    email = Email(
        id=uuid.uuid4().hex,
        template=template,
        to_address=to_address,
        personalisation=dict(personalisation),
        status=PENDING,
        attempts=0,
    )
    db.session.add(email)
    from app.emails.tasks import send_email_task

    queue_after_commit(send_email_task, email.id)
    return email
