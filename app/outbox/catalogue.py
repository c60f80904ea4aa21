"""Every domain event this service publishes: its name, where it comes from, and the schema
of its data. The services that record events and the AsyncAPI document both read it here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

TENURE_CREATED = "TenureCreatedEvent"
TENURE_UPDATED = "TenureUpdatedEvent"
PERSON_ADDED_TO_TENURE = "PersonAddedToTenureEvent"
PERSON_REMOVED_FROM_TENURE = "PersonRemovedFromTenureEvent"
LETTINGS_LOG_SUBMITTED = "lettings-log.submitted"
APPLICATION_SUBMITTED = "application.submitted"


@dataclass(frozen=True)
class EventType:
    name: str
    source_domain: str
    summary: str
    # What `oldData` and `newData` hold, as JSON Schema. A function, so that a schema built
    # from a domain's own definitions is only built when the document is asked for.
    data_schema: Callable[[], dict[str, Any]]

    @property
    def routing_key(self) -> str:
        return routing_key(self.source_domain, self.name)


def routing_key(source_domain: str, event_type: str) -> str:
    """The AMQP routing key: the source domain in lower case, a dot, the event type, such as
    `tenure.TenureUpdatedEvent`. A partner binds `tenure.*` for every tenure event."""
    return f"{source_domain.lower()}.{event_type}"


def _tenure_fields() -> dict[str, Any]:
    from app.tenures.schema import tenure_schema

    return {**tenure_schema(), "description": "The fields that changed (all of them on create)"}


def _members() -> dict[str, Any]:
    from app.tenures.schema import tenure_schema

    members = tenure_schema()["properties"]["householdMembers"]
    return {"type": "object", "properties": {"householdMembers": members}}


def _submission() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": ["completed", "submitted"]},
            "reference": {"type": "string"},
            "submittedAt": {"type": "string", "format": "date-time"},
        },
    }


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(TENURE_CREATED, "Tenure", "A tenure was created.", _tenure_fields),
    EventType(
        TENURE_UPDATED,
        "Tenure",
        "A tenure, or one of its household members, changed.",
        _tenure_fields,
    ),
    EventType(
        PERSON_ADDED_TO_TENURE, "Tenure", "A household member was added to a tenure.", _members
    ),
    EventType(
        PERSON_REMOVED_FROM_TENURE,
        "Tenure",
        "A household member was removed from a tenure.",
        _members,
    ),
    EventType(
        LETTINGS_LOG_SUBMITTED,
        "LettingsLog",
        "A lettings case log was submitted, and is now locked.",
        _submission,
    ),
    EventType(
        APPLICATION_SUBMITTED,
        "Application",
        "A shared-ownership application was submitted, and is now locked.",
        _submission,
    ),
)
EVENT_TYPE_BY_NAME = {event.name: event for event in EVENT_TYPES}
