"""GET /healthcheck: whether the app is up and can reach its database."""

from flask import current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.api.responses import api_blueprint
from app.extensions import db

health = api_blueprint("health", __name__)


@health.get("/healthcheck")
def healthcheck():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        current_app.logger.exception("Health check could not reach the database")
        db.session.rollback()
        database = "unavailable"
    healthy = database == "ok"
    body = {
        "status": "ok" if healthy else "unavailable",
        "app": "ok",
        "database": database,
        "databaseEngine": db.engine.dialect.name,
    }
    return jsonify(body), 200 if healthy else 503
