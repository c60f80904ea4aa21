"""GET /healthcheck: whether the app is up and can reach its database, how long the oldest
domain event has waited to be published, and any warning about its configuration (such as rate
limits counted per process in production)."""

from flask import current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.api.responses import api_blueprint
from app.extensions import db
from app.outbox.relay import oldest_unpublished_age_seconds
from app.rate_limit_storage import storage_kind, storage_warning

health = api_blueprint("health", __name__)


@health.get("/healthcheck")
def healthcheck():
    config = current_app.config["APP_CONFIG"]
    events = {"broker": config.events_broker_url.partition("://")[0] or "not set"}
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        current_app.logger.exception("Health check could not reach the database")
        db.session.rollback()
        database = "unavailable"
    healthy = database == "ok"
    if healthy:
        events["oldestUnpublishedAgeSeconds"] = _oldest_unpublished_age()
    body = {
        "status": "ok" if healthy else "unavailable",
        "app": "ok",
        "database": database,
        "databaseEngine": db.engine.dialect.name,
        "rateLimitStorage": storage_kind(config),
        "events": events,
    }
    # A warning does not make the service unhealthy: it still answers, with weaker limits.
    if warning := storage_warning(config):
        body["warnings"] = [warning]
    return jsonify(body), 200 if healthy else 503


def _oldest_unpublished_age() -> float | str | None:
    """Waiting events do not make the service unhealthy (requests are still answered), but an
    age that keeps growing says that the relay or the broker is down: alert on it."""
    try:
        return oldest_unpublished_age_seconds()
    except SQLAlchemyError:
        current_app.logger.exception("Health check could not read the outbox")
        db.session.rollback()
        return "unknown"
