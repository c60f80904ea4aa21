"""The kinds of background job whose rows the sweep, the health check and the support page
see. Each kind owns its table; this is what they have in common. To add one (bulk uploads,
events), write its JobKind beside its model and add it to `job_kinds()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FailedJob:
    """A job that will not be tried again unless support says so."""

    id: str
    # What it was, for support: "Password reset email to a@example.com".
    summary: str
    error: str | None
    attempts: int
    failed_at: datetime


@dataclass(frozen=True)
class JobKind:
    # In URLs: /support/failed-jobs/<name>/<id>/try-again
    name: str
    # A heading on the support page: "Emails".
    label: str
    # When the oldest row still waiting was asked for, or None.
    oldest_pending: Callable[[], datetime | None]
    # Queue again every row pending and untouched since this moment; how many.
    requeue_stale: Callable[[datetime], int]
    # Failed rows, newest first, at most `limit`; and how many there are.
    failed: Callable[[int], list[FailedJob]]
    count_failed: Callable[[], int]
    # Make a failed row pending again and queue it after commit (the caller commits).
    # False if there is no such failed row.
    try_again: Callable[[str], bool]


def job_kinds() -> dict[str, JobKind]:
    from app.emails.jobs import EMAIL_JOBS

    return {kind.name: kind for kind in (EMAIL_JOBS,)}
