"""/development/emails: in development only (the blueprint is registered for no other
environment), the emails that were stored rather than sent, with their links, so that someone
trying the service can follow a reset link. Personalisation is shown as text, never markup."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from sqlalchemy import select

from app.emails.models import Email
from app.emails.templates import EMAIL_TEMPLATES
from app.extensions import db

SHOWN = 50

development_emails = Blueprint("development_emails", __name__, url_prefix="/development")


@development_emails.get("/emails")
def index():
    service_name = current_app.config["SERVICE_NAME"]
    emails = db.session.scalars(
        select(Email).order_by(Email.created_at.desc(), Email.id).limit(SHOWN)
    ).all()
    shown = []
    for email in emails:
        subject, body = EMAIL_TEMPLATES[email.template].render(email.personalisation, service_name)
        shown.append(
            {
                "email": email,
                "subject": subject,
                "paragraphs": [part for part in body.split("\n\n") if part.strip()],
                "link": _web_address(email.personalisation.get("link")),
            }
        )
    return render_template("emails/development.html", emails=shown, limit=SHOWN)


def _web_address(link: str | None) -> str | None:
    """Only an http(s) address becomes a link: never `javascript:` or the like."""
    return link if link and link.startswith(("https://", "http://")) else None
