"""Every email the service sends: its key, the configuration variable holding its GOV.UK Notify
template id, its personalisation fields (all strings), and the plain text of its subject and
body. Notify holds the real templates; this text is what development prints and shows, and what
docs/emails.md gives whoever sets the templates up in Notify. Placeholders are Notify's own,
((field)), so the same text can be pasted into Notify.

This module imports nothing from the app: configuration reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\(\(([a-z_]+)\)\)")


@dataclass(frozen=True)
class EmailTemplate:
    key: str
    fields: tuple[str, ...]
    subject: str
    body: str

    @property
    def config_variable(self) -> str:
        """The environment variable holding its Notify template id."""
        return f"NOTIFY_TEMPLATE_{self.key.upper()}"

    def render(self, personalisation: dict[str, str], service_name: str) -> tuple[str, str]:
        """Subject and body with the fields filled in, as plain text (never markup), signed
        with the service's name as the Notify template is."""

        def fill(text: str) -> str:
            return PLACEHOLDER.sub(lambda match: personalisation.get(match[1], ""), text)

        return fill(self.subject), f"{fill(self.body)}\n\nFrom {service_name}"


_TEMPLATES = (
    EmailTemplate(
        "password_reset",
        ("link",),
        "Reset your password",
        "Someone asked to reset the password for your account.\n\n"
        "To choose a new password, use this link within 1 hour:\n\n((link))\n\n"
        "The link works once. If you did not ask for this, you can ignore this email: "
        "your password has not changed.",
    ),
    EmailTemplate(
        "password_changed",
        ("link",),
        "Your password has been changed",
        "The password for your account has just been changed.\n\n"
        "If you did not change it, reset your password now:\n\n((link))",
    ),
    EmailTemplate(
        "email_confirmation",
        ("link",),
        "Confirm your email address",
        "Use this link to confirm the email address for your account:\n\n((link))",
    ),
    EmailTemplate(
        "email_change_confirmation",
        ("link",),
        "Confirm your new email address",
        "Someone asked to use this email address for their account.\n\n"
        "To confirm it, use this link:\n\n((link))\n\n"
        "If this was not you, you can ignore this email.",
    ),
    EmailTemplate(
        "email_changed_notice",
        ("link",),
        "The email address for your account is changing",
        "Someone asked to change the email address for your account to a new one.\n\n"
        "If this was not you, contact us:\n\n((link))",
    ),
    EmailTemplate(
        "invitation",
        ("organisation_name", "link", "expires"),
        "You have been invited to ((organisation_name))",
        "You have been invited to join ((organisation_name)).\n\n"
        "To accept, use this link by ((expires)):\n\n((link))",
    ),
    EmailTemplate(
        "application_received",
        ("reference", "listing_name", "link"),
        "Application received: ((reference))",
        "We have received your application for ((listing_name)).\n\n"
        "Your reference is ((reference)).\n\nYou can see your application here:\n\n((link))",
    ),
    EmailTemplate(
        "application_returned",
        ("reference", "listing_name", "reason", "link"),
        "Your application has been returned: ((reference))",
        "Your application ((reference)) for ((listing_name)) has been returned to you.\n\n"
        "The reason given was:\n\n((reason))\n\n"
        "You can change your application and send it again:\n\n((link))",
    ),
    EmailTemplate(
        "account_locked",
        ("link",),
        "Your account has been locked",
        "Your account was locked after too many attempts to sign in.\n\n"
        "To unlock it now, use this link:\n\n((link))\n\n"
        "Or wait and try again later. If this was not you, reset your password.",
    ),
)

EMAIL_TEMPLATES: dict[str, EmailTemplate] = {template.key: template for template in _TEMPLATES}
