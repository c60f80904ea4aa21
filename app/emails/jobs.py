"""Emails as a kind of background job: for the sweep, the health check and support's page of
failed jobs (app/jobs/kinds.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select, update

from app.db_types import utcnow
from app.emails.models import FAILED, PENDING, Email
from app.extensions import db
from app.jobs.after_commit import queue_after_commit
from app.jobs.kinds import FailedJob, JobKind

# Rows queued again by one sweep, at most: a long outage's backlog goes out over a few sweeps.
SWEEP_BATCH = 1000


def _oldest_pending() -> datetime | None:
    return db.session.scalar(select(func.min(Email.created_at)).where(Email.status == PENDING))


def _requeue_stale(untouched_since: datetime) -> int:
    from app.emails.tasks import send_email_task

    now = utcnow()
    ids = db.session.scalars(
        select(Email.id)
        .where(
            Email.status == PENDING,
            Email.updated_at < untouched_since,
            or_(Email.claimed_until.is_(None), Email.claimed_until < now),
        )
        .order_by(Email.created_at)
        .limit(SWEEP_BATCH)
    ).all()
    if ids:
        # Touched now, so the next sweep leaves them to this one's tasks for a while.
        db.session.execute(
            update(Email)
            .where(Email.id.in_(ids), Email.status == PENDING)
            .values(updated_at=now)
            .execution_options(synchronize_session=False)
        )
        for email_id in ids:
            queue_after_commit(send_email_task, email_id)
    db.session.commit()
    return len(ids)


def _summary(email: Email) -> str:
    return f"“{email.template.replace('_', ' ').capitalize()}” email to {email.to_address}"


def _failed(limit: int) -> list[FailedJob]:
    emails = db.session.scalars(
        select(Email)
        .where(Email.status == FAILED)
        .order_by(Email.updated_at.desc(), Email.id)
        .limit(limit)
    ).all()
    return [
        FailedJob(
            id=email.id,
            summary=_summary(email),
            error=email.last_error,
            attempts=email.attempts,
            failed_at=email.updated_at,
        )
        for email in emails
    ]


def _count_failed() -> int:
    return db.session.scalar(select(func.count()).select_from(Email).where(Email.status == FAILED))


def _try_again(email_id: str) -> bool:
    from app.emails.tasks import send_email_task

    changed = db.session.execute(
        update(Email)
        .where(Email.id == email_id, Email.status == FAILED)
        # A fresh count, so that it is not given up on at its first temporary failure.
        .values(status=PENDING, attempts=0, claimed_until=None, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed:
        queue_after_commit(send_email_task, email_id)
    return changed == 1


EMAIL_JOBS = JobKind(
    name="emails",
    label="Emails",
    oldest_pending=_oldest_pending,
    requeue_stale=_requeue_stale,
    failed=_failed,
    count_failed=_count_failed,
    try_again=_try_again,
)
