"""GET /healthcheck: whether the app is up and can reach its database, whether the broker of
background work answers and how long the oldest pending job has waited, and any warning about
its configuration (such as rate limits counted per process in production)."""

from flask import current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.api.responses import api_blueprint
from app.db_types import utcnow
from app.emails.notify import configuration_warning as notify_warning
from app.extensions import db
from app.jobs.broker import BROKER_UNAVAILABLE, broker_kind, broker_status
from app.jobs.kinds import job_kinds
from app.rate_limit_storage import storage_kind, storage_warning

health = api_blueprint("health", __name__)


@health.get("/healthcheck")
def healthcheck():
    config = current_app.config["APP_CONFIG"]
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        current_app.logger.exception("Health check could not reach the database")
        db.session.rollback()
        database = "unavailable"
    healthy = database == "ok"
    broker = broker_status(config)
    body = {
        "status": "ok" if healthy else "unavailable",
        "app": "ok",
        "database": database,
        "databaseEngine": db.engine.dialect.name,
        "rateLimitStorage": storage_kind(config),
        "broker": broker,
        "brokerKind": broker_kind(config),
        "oldestPendingJobSeconds": _oldest_pending_seconds() if healthy else None,
    }
    # A warning does not make the service unhealthy: it still answers, with weaker limits, and
    # work asked of a broker that is down waits in the database for the sweep.
    warnings = [
        storage_warning(config),
        BROKER_UNAVAILABLE if broker == "unavailable" else None,
        notify_warning(config),
    ]
    if warnings := [warning for warning in warnings if warning]:
        body["warnings"] = warnings
    return jsonify(body), 200 if healthy else 503


def _oldest_pending_seconds() -> int | None:
    """How long the oldest job still waiting (an email not yet sent...) has waited."""
    try:
        oldest = [when for kind in job_kinds().values() if (when := kind.oldest_pending())]
    except SQLAlchemyError:
        current_app.logger.exception("Health check could not read the pending jobs")
        db.session.rollback()
        return None
    return round((utcnow() - min(oldest)).total_seconds()) if oldest else None
