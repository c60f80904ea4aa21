"""The AsyncAPI document of the domain events this service publishes, from the catalogue, with
its RabbitMQ binding: the exchange, each event's routing key, and the message properties the
relay sets (app/outbox/broker.py)."""

from __future__ import annotations

from typing import Any

from app.correlation import HEADER as CORRELATION_HEADER
from app.outbox.catalogue import EVENT_TYPES, EventType
from app.outbox.events import EVENT_VERSION, SOURCE_SYSTEM

AMQP_BINDING_VERSION = "0.3.0"
DELIVERY = (
    "Published to RabbitMQ, to the durable topic exchange `{exchange}`, with the routing key "
    "`<sourceDomain in lower case>.<eventType>` (a partner binds its queue to `tenure.*` for "
    "every tenure event, or `#` for all). Messages are persistent; the AMQP `message_id` is "
    "the event's `id`, and the `x-correlation-id` header (also the AMQP `correlation_id`) is "
    "its `correlationId`. Delivery is at least once, and in order for one entity (one "
    "`entityId`): a consumer must drop a `message_id` it has already handled."
)


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


def _message(event: EventType) -> dict[str, Any]:
    return {
        "name": event.name,
        "title": event.name,
        "summary": event.summary,
        "description": f"The AMQP `message_id` is the event's `id`; the routing key is "
        f"`{event.routing_key}`.",
        "contentType": "application/json",
        "headers": {
            "type": "object",
            "properties": {
                CORRELATION_HEADER: {
                    "type": "string",
                    "description": "The event's correlationId: the x-correlation-id of the "
                    "request that made the change",
                }
            },
        },
        "correlationId": {"location": f"$message.header#/{CORRELATION_HEADER}"},
        "payload": _envelope(event),
        "bindings": {
            "amqp": {
                "contentEncoding": "utf-8",
                "messageType": event.name,
                "bindingVersion": AMQP_BINDING_VERSION,
            }
        },
    }


def _channel(event: EventType, exchange: str) -> dict[str, Any]:
    key = _key(event)
    return {
        "address": event.routing_key,
        "description": event.summary,
        "messages": {key: {"$ref": f"#/components/messages/{key}"}},
        "bindings": {
            "amqp": {
                "is": "routingKey",
                "exchange": {
                    "name": exchange,
                    "type": "topic",
                    "durable": True,
                    "autoDelete": False,
                },
                "bindingVersion": AMQP_BINDING_VERSION,
            }
        },
    }


def document(exchange: str) -> dict[str, Any]:
    """The document, naming `exchange` (EVENTS_EXCHANGE) as the one events are published to."""
    channels, operations, messages = {}, {}, {}
    for event in EVENT_TYPES:
        key = _key(event)
        messages[key] = _message(event)
        channels[key] = _channel(event, exchange)
        operations[f"publish-{key}"] = {
            "action": "send",
            "summary": f"Published when: {event.summary[:1].lower()}{event.summary[1:]}",
            "channel": {"$ref": f"#/channels/{key}"},
            "messages": [{"$ref": f"#/channels/{key}/messages/{key}"}],
            "bindings": {
                "amqp": {
                    "deliveryMode": 2,
                    "mandatory": False,
                    "timestamp": True,
                    "bindingVersion": AMQP_BINDING_VERSION,
                }
            },
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Housing forms domain events",
            "version": EVENT_VERSION,
            "description": "Events are written to an outbox in the same transaction as the "
            "change they describe, then published in the order they were written. "
            + DELIVERY.format(exchange=exchange),
        },
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }
