"""GET /docs/asyncapi: a valid AsyncAPI 3.0 document of every event the service records."""

import json
from pathlib import Path

import jsonschema
import pytest

from app.extensions import db
from app.journeys.lettings_log import LETTINGS_LOG
from app.journeys.shared_ownership_application import SHARED_OWNERSHIP_APPLICATION
from app.outbox.catalogue import EVENT_TYPE_BY_NAME, EVENT_TYPES
from app.outbox.models import OutboxEvent

# The official AsyncAPI schemas, from the npm package @asyncapi/specs (a dev dependency).
SPEC = Path(__file__).resolve().parents[2] / "node_modules/@asyncapi/specs/schemas/3.0.0.json"


@pytest.fixture(scope="module")
def asyncapi_schema():
    if not SPEC.exists():
        pytest.fail(f"{SPEC} is missing: run `make install`")
    return json.loads(SPEC.read_text())


@pytest.fixture
def document(client):
    response = client.get("/docs/asyncapi")
    assert response.status_code == 200
    assert response.is_json
    return response.json


def test_the_document_is_valid_asyncapi_3(document, asyncapi_schema):
    jsonschema.Draft7Validator(asyncapi_schema).validate(document)


def test_the_validator_would_catch_a_broken_document(document, asyncapi_schema):
    broken = {**document, "channels": {"x": {"address": 5}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(asyncapi_schema).validate(broken)


def test_it_describes_the_tenure_and_submission_events(document):
    names = {message["name"] for message in document["components"]["messages"].values()}
    assert names == {
        "TenureCreatedEvent",
        "TenureUpdatedEvent",
        "PersonAddedToTenureEvent",
        "PersonRemovedFromTenureEvent",
        "lettings-log.submitted",
        "application.submitted",
    }
    assert len(document["operations"]) == len(EVENT_TYPES)


def test_each_event_has_its_envelope_and_payload_schema(document):
    messages = document["components"]["messages"]
    created = messages["TenureCreatedEvent"]["payload"]
    assert created["properties"]["eventType"] == {"const": "TenureCreatedEvent"}
    new_data = created["properties"]["eventData"]["properties"]["newData"]
    assert "tenureType" in new_data["properties"]
    assert "SEC" in new_data["properties"]["tenureType"]["properties"]["code"]["enum"]
    submitted = messages["lettings-log-submitted"]["payload"]["properties"]["eventData"]
    assert set(submitted["properties"]["newData"]["properties"]) == {
        "status",
        "reference",
        "submittedAt",
    }


def test_recorded_events_match_their_published_schema(staff, make_tenure, document):
    """What the service actually writes fits what the document promises."""
    make_tenure()
    [event] = db.session.query(OutboxEvent).all()
    schema = document["components"]["messages"]["TenureCreatedEvent"]["payload"]
    jsonschema.Draft7Validator(schema).validate(event.message())


def test_each_journey_submits_an_event_of_the_catalogue():
    domains = {
        journey.submitted_event: EVENT_TYPE_BY_NAME[journey.submitted_event].source_domain
        for journey in (LETTINGS_LOG, SHARED_OWNERSHIP_APPLICATION)
    }
    assert domains == {
        "lettings-log.submitted": "LettingsLog",
        "application.submitted": "Application",
    }


# -- the RabbitMQ binding ---------------------------------------------------------------------


def test_each_channel_is_a_routing_key_on_the_durable_topic_exchange(document):
    addresses = {channel["address"] for channel in document["channels"].values()}
    assert addresses == {
        "tenure.TenureCreatedEvent",
        "tenure.TenureUpdatedEvent",
        "tenure.PersonAddedToTenureEvent",
        "tenure.PersonRemovedFromTenureEvent",
        "lettingslog.lettings-log.submitted",
        "application.application.submitted",
    }
    for channel in document["channels"].values():
        assert channel["bindings"]["amqp"]["is"] == "routingKey"
        assert channel["bindings"]["amqp"]["exchange"] == {
            "name": "housing-forms.events",
            "type": "topic",
            "durable": True,
            "autoDelete": False,
        }


def test_the_exchange_named_is_the_one_configured(make_app):
    app = make_app(events_exchange="partner-events")
    document = app.test_client().get("/docs/asyncapi").json
    [exchange] = {c["bindings"]["amqp"]["exchange"]["name"] for c in document["channels"].values()}
    assert exchange == "partner-events"
    assert "`partner-events`" in document["info"]["description"]


def test_messages_say_their_message_id_and_correlation_id(document):
    updated = document["components"]["messages"]["TenureUpdatedEvent"]
    assert "message_id` is the event's `id`" in updated["description"]
    assert updated["correlationId"] == {"location": "$message.header#/x-correlation-id"}
    assert updated["bindings"]["amqp"]["messageType"] == "TenureUpdatedEvent"
    for operation in document["operations"].values():
        assert operation["bindings"]["amqp"]["deliveryMode"] == 2  # persistent


def test_the_validator_checks_the_bindings_too(document, asyncapi_schema):
    [name, operation] = next(iter(document["operations"].items()))
    persistent = operation["bindings"]["amqp"]
    broken = {**operation, "bindings": {"amqp": {**persistent, "deliveryMode": 3}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(asyncapi_schema).validate(
            {**document, "operations": {**document["operations"], name: broken}}
        )
