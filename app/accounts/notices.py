"""Emails to a user's own address, and the one rule about them: until an applicant has
confirmed their address, it is sent only the link to confirm it and password resets. Every
email to an account goes through `email_user`, so no other path can break that rule.

Like every email (app/emails/outbox.py), it is a row added to the session: the caller
commits it with the change that caused it.
"""

from __future__ import annotations

from flask import current_app, has_request_context, url_for

from app.accounts.models import User
from app.emails.models import Email
from app.emails.outbox import send_email

# Sent whether or not the address is confirmed: these are how someone shows it is theirs.
SENT_BEFORE_CONFIRMATION = frozenset({"email_confirmation", "password_reset"})


def email_user(user: User, template: str, **personalisation: str) -> Email | None:
    """Email the user at their address, if it may be sent this email; the Email, or None."""
    if template not in SENT_BEFORE_CONFIRMATION and not user.email_confirmed:
        return None
    return send_email(user.email, template, personalisation)


def link_to(endpoint: str, **values) -> str:
    """A link for an email: absolute, as an email is read away from the service, on the
    host the request came to. Emails are asked for by requests; a test calling a domain
    function directly gets a link on http://localhost/, as the test client's requests do."""
    if not has_request_context() and current_app.testing:
        with current_app.test_request_context():
            return url_for(endpoint, _external=True, **values)
    return url_for(endpoint, _external=True, **values)
