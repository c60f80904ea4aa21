"""GET /docs/asyncapi: the events document, public like any API description."""

from flask import Blueprint, current_app, jsonify

from app.outbox import asyncapi

event_docs = Blueprint("event_docs", __name__, url_prefix="/docs")


@event_docs.get("/asyncapi")
def asyncapi_document():
    return jsonify(asyncapi.document(current_app.config["APP_CONFIG"].events_exchange))
