"""Queue a task once the current transaction has committed: "a DB row first, then a task".

`queue_after_commit(send_email_task, email_id)` or `queue_after_commit(lambda: ...)`: nothing is
queued if the transaction rolls back, and a broker that cannot be reached is logged, never
raised into the request (the periodic sweep queues the row's work later).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db

logger = logging.getLogger(__name__)

_KEY = "queue_after_commit"


def queue_after_commit(task_or_callable, *args, **kwargs) -> None:
    """Run `task.delay(*args, **kwargs)` (a Celery task or signature) or `callable(*args,
    **kwargs)` after the current `db.session` transaction commits."""
    if hasattr(task_or_callable, "delay"):

        def queue() -> None:
            task_or_callable.delay(*args, **kwargs)

    else:

        def queue() -> None:
            task_or_callable(*args, **kwargs)

    session = db.session()
    if not session.in_transaction():
        # So that a close without a commit ends it, and forgets what was queued.
        session.begin()
    session.info.setdefault(_KEY, []).append(queue)


def _run(queued: list[Callable[[], None]]) -> None:
    for queue in queued:
        try:
            queue()
        except Exception:
            # The row is committed: the sweep will queue it again. The request must not fail.
            logger.exception("Could not queue a task after commit; the sweep will retry it")


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    _run(session.info.pop(_KEY, []))


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction) -> None:
    """After a rollback or a close (and after a commit, which has run them already), the
    outermost transaction is over: forget anything still queued."""
    if transaction.parent is None:
        session.info.pop(_KEY, None)
