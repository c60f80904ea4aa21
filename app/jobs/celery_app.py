"""The Celery app. `init_celery(flask_app)` (called by `create_app`) configures it from the
app's Config, and every task runs inside a Flask app context of its own.

Task modules are listed in TASK_MODULES and periodic tasks in BEAT_SCHEDULE: add yours here.
"""

from __future__ import annotations

from celery import Celery, Task
from flask import Flask, current_app, has_app_context
from kombu.transport import TRANSPORT_ALIASES

# BROKER_URL unset: "embedded+sqlite:///…" (see app/jobs/embedded_broker.py).
TRANSPORT_ALIASES.setdefault("embedded", "app.jobs.embedded_broker:Transport")

TASK_MODULES = [
    "app.emails.tasks",
    "app.jobs.sweep",
]

# Every minute, rows still pending a while after they were last tried are queued again: a
# message lost with a broker, or asked for while the broker was down, is still sent.
BEAT_SCHEDULE = {
    "requeue-pending-jobs": {"task": "jobs.requeue_pending", "schedule": 60.0},
}


class ContextTask(Task):
    """Runs inside an app context of its own, so a task has its own database session even
    when it runs inline (eager mode) inside a request."""

    abstract = True

    def __call__(self, *args, **kwargs):
        flask_app = current_app._get_current_object() if has_app_context() else self.app.flask_app
        with flask_app.app_context():
            return super().__call__(*args, **kwargs)


celery_app = Celery("housing_forms", task_cls=ContextTask, include=TASK_MODULES)
celery_app.flask_app = None


def init_celery(flask_app: Flask) -> Celery:
    config = flask_app.config["APP_CONFIG"]
    broker_url = config.effective_broker_url
    if celery_app.conf.broker_url not in (None, broker_url):
        # Another app in this process (the tests make several) used another broker: its pooled
        # connections must not carry on publishing there.
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
    celery_app.flask_app = flask_app
    celery_app.conf.update(
        broker_url=broker_url,
        task_always_eager=config.celery_task_always_eager,
        task_eager_propagates=True,
        # Nothing reads a task's return value: the rows it changes say what happened.
        task_ignore_result=True,
        result_backend=None,
        # A task is acknowledged once done, so a worker that dies mid-task leaves it queued for
        # another (tasks are idempotent), and takes one message at a time.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        # A request that queues a task must not hang on a broker that is down: one quick try,
        # then the sweep queues the work later.
        broker_connection_timeout=2,
        task_publish_retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.2},
        broker_transport_options=_transport_options(broker_url),
        beat_schedule=BEAT_SCHEDULE,
        beat_schedule_filename=str(flask_app.instance_path) + "/celerybeat-schedule",
        worker_hijack_root_logger=False,
        timezone="UTC",
    )
    flask_app.extensions["celery"] = celery_app
    from app.emails.notify import configuration_warning
    from app.observability import log

    if warning := configuration_warning(config):
        log.warning(warning)
    return celery_app


def _transport_options(broker_url: str) -> dict:
    if broker_url.startswith(("redis://", "rediss://")):
        return {"socket_connect_timeout": 2, "socket_timeout": 5, "visibility_timeout": 3600}
    # The embedded broker's options all go to SQLAlchemy's create_engine: none.
    return {}
