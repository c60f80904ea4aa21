"""The AsyncAPI document of the domain events this service publishes, from the catalogue."""

from __future__ import annotations

from typing import Any

from app.outbox.catalogue import EVENT_TYPES, EventType
from app.outbox.events import EVENT_VERSION, SOURCE_SYSTEM


def _envelope(event: EventType) -> dict[str, Any]:
    """Every event shares the envelope; only `eventType`, `sourceDomain` and the data differ."""
    return {
        "type": "object",
        "required": [
            "id",
            "eventType",
            "sourceDomain",
            "sourceSystem",
            "version",
            "correlationId",
            "dateTime",
            "user",
            "entityId",
            "eventData",
        ],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "eventType": {"const": event.name},
            "sourceDomain": {"const": event.source_domain},
            "sourceSystem": {"const": SOURCE_SYSTEM},
            "version": {"const": EVENT_VERSION},
            "correlationId": {
                "type": "string",
                "description": "The x-correlation-id of the request",
            },
            "dateTime": {"type": "string", "format": "date-time"},
            "user": {
                "type": "object",
                "description": "Who made the change; null values for a signed-out applicant",
                "properties": {
                    "name": {"type": ["string", "null"]},
                    "email": {"type": ["string", "null"]},
                },
            },
            "entityId": {"type": "string", "description": f"The id of the {event.source_domain}"},
            "eventData": {
                "type": "object",
                "required": ["oldData", "newData"],
                "properties": {"oldData": event.data_schema(), "newData": event.data_schema()},
            },
        },
    }


def _key(event: EventType) -> str:
    return event.name.replace(".", "-")


def document() -> dict[str, Any]:
    channels, operations, messages = {}, {}, {}
    for event in EVENT_TYPES:
        key = _key(event)
        messages[key] = {
            "name": event.name,
            "title": event.name,
            "summary": event.summary,
            "contentType": "application/json",
            "payload": _envelope(event),
        }
        channels[key] = {
            "address": event.name,
            "description": event.summary,
            "messages": {key: {"$ref": f"#/components/messages/{key}"}},
        }
        operations[f"publish-{key}"] = {
            "action": "send",
            "summary": f"Published when: {event.summary[:1].lower()}{event.summary[1:]}",
            "channel": {"$ref": f"#/channels/{key}"},
            "messages": [{"$ref": f"#/channels/{key}/messages/{key}"}],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Housing forms domain events",
            "version": EVENT_VERSION,
            "description": "Events are written to an outbox in the same transaction as the "
            "change they describe, then published in the order they were written.",
        },
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }
