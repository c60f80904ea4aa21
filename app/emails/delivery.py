"""Sending one Email row, safely however often it is asked for.

A worker first claims the row with a guarded UPDATE (pending, and not held by another worker),
so two workers never send it at once and a sent email is never sent again. A retry first asks
Notify whether an earlier attempt got through (by the email's id, its `reference`).
"""

from __future__ import annotations

import enum
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import Connection, Row, or_

from app.db_types import utcnow
from app.emails import notify
from app.emails.models import FAILED, PENDING, SENT, Email
from app.emails.templates import EMAIL_TEMPLATES
from app.extensions import db

log = logging.getLogger("housing_forms.emails")

NO_KEY_IN_PRODUCTION = "Not sent: NOTIFY_API_KEY is not set"

_EMAILS = Email.__table__
# What sending needs of the row.
_READ = [_EMAILS.c[name] for name in ("id", "template", "to_address", "personalisation")]
_READ += [_EMAILS.c.attempts, _EMAILS.c.last_error]


class Outcome(enum.Enum):
    SENT = "sent"
    FAILED = "failed"
    RETRY = "retry"
    # Already sent or failed, or another worker holds it: nothing to do.
    NOT_MINE = "not mine"


def deliver(email_id: str) -> Outcome:
    # Each step is one guarded UPDATE, atomic by itself: run in autocommit, each is one round
    # trip to the database, on one connection taken from the pool for the whole delivery.
    connection = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    with connection:
        return _deliver(connection, email_id)


def _deliver(connection: Connection, email_id: str) -> Outcome:
    config = current_app.config["APP_CONFIG"]
    now = utcnow()
    # Long enough for a lookup and a send that both time out.
    held_until = now + timedelta(seconds=2 * config.notify_timeout_seconds + 30)
    # Claimed and read in one statement: the row, if it was still this worker's to take. (Core
    # statements on the table, not the ORM: this runs for every email, and rows are enough.)
    email = connection.execute(
        _EMAILS.update()
        .where(
            _EMAILS.c.id == email_id,
            _EMAILS.c.status == PENDING,
            or_(_EMAILS.c.claimed_until.is_(None), _EMAILS.c.claimed_until < now),
        )
        .values(claimed_until=held_until, attempts=_EMAILS.c.attempts + 1, updated_at=now)
        .returning(*_READ)
    ).one_or_none()
    if email is None:
        return Outcome.NOT_MINE

    def finish(status: str, **values) -> Outcome:
        """Record the attempt and let the row go, while it is still this worker's."""
        connection.execute(
            _EMAILS.update()
            .where(_EMAILS.c.id == email.id, _EMAILS.c.status == PENDING)
            .values(status=status, claimed_until=None, updated_at=utcnow(), **values)
        )
        return _OUTCOME[status]

    try:
        notify_id = _hand_over(config, email)
    except notify.PermanentFailure as failure:
        return finish(FAILED, last_error=str(failure))
    except notify.TemporaryFailure as failure:
        if email.attempts >= config.email_max_attempts:
            return finish(FAILED, last_error=f"Gave up after {email.attempts} attempts. {failure}")
        return finish(PENDING, last_error=str(failure))
    return finish(SENT, notify_id=notify_id, sent_at=utcnow(), last_error=None)


def _hand_over(config, email: Row) -> str | None:
    template = EMAIL_TEMPLATES[email.template]
    if not config.notify_api_key:
        if config.environment == "production":
            raise notify.PermanentFailure(NO_KEY_IN_PRODUCTION)
        subject, body = template.render(email.personalisation, config.service_name)
        log.info(
            f"Email {email.id} to {email.to_address} (not sent: no NOTIFY_API_KEY)\n"
            f"Subject: {subject}\n\n{body}"
        )
        return None
    template_id = config.notify_template_ids.get(email.template)
    if not template_id:
        raise notify.PermanentFailure(f"{template.config_variable} is not set")
    tried_before = email.attempts > 1 or email.last_error is not None
    if tried_before and (notify_id := notify.already_sent(config, email.id)):
        return notify_id
    return notify.send(
        config,
        email_id=email.id,
        to_address=email.to_address,
        template_id=template_id,
        fields=email.personalisation,
    )


_OUTCOME = {SENT: Outcome.SENT, FAILED: Outcome.FAILED, PENDING: Outcome.RETRY}
