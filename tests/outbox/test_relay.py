"""The relay publishes outbox events to a real RabbitMQ, as /docs/asyncapi describes them, marks
them published only once the broker confirmed, and keeps each entity's events in order."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import jsonschema
import pytest
from amqp.exceptions import PreconditionFailed
from kombu import Connection, Exchange
from sqlalchemy import select

from app.db_types import utcnow
from app.extensions import db
from app.observability import LOGGER_NAME
from app.outbox import relay
from app.outbox.broker import BrokerUnavailable, routing_key
from app.outbox.catalogue import TENURE_UPDATED
from app.outbox.events import record_event
from app.outbox.models import OutboxEvent
from tests.outbox.conftest import events_held_back


def _events() -> list[OutboxEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxEvent).order_by(OutboxEvent.date_time)))


def _update(staff, tenure_id: str, version: int, **changes) -> None:
    response = staff(
        "PATCH", f"/tenures/{tenure_id}", changes, headers={"If-Match": f'"{version}"'}
    )
    assert response.status_code == 204, response.json


def test_each_event_is_published_right_after_its_commit_as_asyncapi_describes(
    events_broker, make_tenure, staff, client
):
    """With routing key, properties and body; the relay runs as a task queued after commit
    (inline here, as the tests run tasks)."""
    tenure = make_tenure()
    _update(staff, tenure["id"], 0, paymentReference="228009999")
    created, updated = _events()

    messages = events_broker.received(at_least=2)
    assert [m.delivery_info["routing_key"] for m in messages] == [
        "tenure.TenureCreatedEvent",
        "tenure.TenureUpdatedEvent",
    ]
    document = client.get("/docs/asyncapi").json
    for message, event in zip(messages, (created, updated), strict=True):
        assert message.delivery_info["exchange"] == events_broker.exchange
        assert message.properties["message_id"] == event.id
        assert message.properties["delivery_mode"] == 2  # persistent
        assert message.properties["correlation_id"] == event.correlation_id
        assert message.headers == {"x-correlation-id": event.correlation_id}
        assert message.content_type == "application/json"
        assert message.content_encoding == "utf-8"
        body = json.loads(message.body)
        assert body == event.message()
        payload = document["components"]["messages"][event.event_type]["payload"]
        jsonschema.Draft7Validator(payload).validate(body)
    assert body["eventData"]["newData"] == {"paymentReference": "228009999"}
    assert all(event.published_at is not None for event in _events())


def test_the_exchange_is_a_durable_topic_exchange(events_broker, make_tenure):
    make_tenure()
    with Connection(events_broker.url) as connection:
        channel = connection.channel()
        # Declaring an exchange again with other settings than it has is refused.
        Exchange(events_broker.exchange, type="topic", durable=True)(channel).declare()
        with pytest.raises(PreconditionFailed):
            Exchange(events_broker.exchange, type="topic", durable=False)(channel).declare()


def test_published_events_are_not_sent_again(events_broker, make_tenure):
    make_tenure()
    assert relay.relay_events() == 0
    assert len(events_broker.received(at_least=2, timeout=0.5)) == 1


def test_one_tenures_changes_arrive_in_the_order_they_were_committed(
    events_broker, make_tenure, staff
):
    tenure = make_tenure()
    for version in range(5):
        _update(staff, tenure["id"], version, paymentReference=f"22800000{version}")
    make_tenure(id="another-tenure")

    received = [json.loads(m.body) for m in events_broker.received(at_least=7)]
    references = [
        body["eventData"]["newData"]["paymentReference"]
        for body in received
        if body["entityId"] == tenure["id"] and body["eventType"] == "TenureUpdatedEvent"
    ]
    assert references == [f"22800000{version}" for version in range(5)]
    assert [body["id"] for body in received] == [event.id for event in _events()]


def test_many_batches_are_published_in_order(app, events_broker, make_tenure, staff, monkeypatch):
    monkeypatch.setattr(app.config["APP_CONFIG"], "events_relay_batch_size", 2)
    with events_held_back(app):
        tenure = make_tenure()
        for version in range(4):
            _update(staff, tenure["id"], version, paymentReference=f"9{version}")
    assert relay.relay_events() == 5
    ids = [m.properties["message_id"] for m in events_broker.received(at_least=5)]
    assert ids == [event.id for event in _events()]


def test_routing_keys_of_every_domain():
    def key(domain, event_type):
        return routing_key(OutboxEvent(source_domain=domain, event_type=event_type))

    assert key("Tenure", "PersonAddedToTenureEvent") == "tenure.PersonAddedToTenureEvent"
    assert key("LettingsLog", "lettings-log.submitted") == "lettingslog.lettings-log.submitted"
    assert key("Application", "application.submitted") == "application.application.submitted"


# -- no broker, or a broker that is down ------------------------------------------------------


def test_without_a_broker_events_wait_and_the_log_says_so_once(
    app, make_tenure, caplog, monkeypatch
):
    monkeypatch.setattr(relay, "_unset_logged", False)
    caplog.set_level(logging.WARNING, logger=LOGGER_NAME)
    make_tenure()
    assert relay.relay_events() == 0
    assert relay.relay_events() == 0
    assert [r.getMessage() for r in caplog.records] == [relay.UNSET]
    [event] = _events()
    assert event.published_at is None


def test_a_broker_that_refuses_connections_leaves_events_waiting_and_health_shows_their_age(
    app, make_tenure, client, refused_broker_url, monkeypatch
):
    monkeypatch.setattr(app.config["APP_CONFIG"], "events_broker_url", refused_broker_url)
    make_tenure()
    [event] = _events()
    event.date_time = utcnow() - timedelta(minutes=3)  # written three minutes ago
    db.session.commit()

    with pytest.raises(BrokerUnavailable, match="cannot be reached"):
        relay.relay_events(connect_retries=1)

    assert _events()[0].published_at is None
    health = client.get("/healthcheck")
    assert health.status_code == 200  # the service still answers; the age is what to alert on
    assert health.json["events"]["broker"] == "amqp"
    assert 180 <= health.json["events"]["oldestUnpublishedAgeSeconds"] < 240


def test_the_broker_coming_back_publishes_what_waited(
    app, events_broker, make_tenure, refused_broker_url, monkeypatch
):
    config = app.config["APP_CONFIG"]
    working_url = config.events_broker_url
    monkeypatch.setattr(config, "events_broker_url", refused_broker_url)
    make_tenure()
    with pytest.raises(BrokerUnavailable):
        relay.relay_events(connect_retries=0)
    monkeypatch.setattr(config, "events_broker_url", working_url)
    assert relay.relay_events() == 1  # or a scheduled run of the worker
    assert len(events_broker.received(at_least=1)) == 1
    assert relay.oldest_unpublished_age_seconds() is None


def test_health_shows_no_age_when_nothing_waits(client):
    events = client.get("/healthcheck").json["events"]
    assert events == {"broker": "not set", "oldestUnpublishedAgeSeconds": None}


# -- flask outbox relay -----------------------------------------------------------------------


def test_the_command_publishes_once(app, events_broker, make_tenure):
    with events_held_back(app):
        make_tenure()
    result = app.test_cli_runner().invoke(args=["outbox", "relay"])
    assert result.exit_code == 0, result.output
    assert result.output == "Published 1 events.\n"
    assert len(events_broker.received(at_least=1)) == 1


def test_the_command_says_when_there_is_no_broker(app, make_tenure):
    make_tenure()
    result = app.test_cli_runner().invoke(args=["outbox", "relay"])
    assert result.exit_code == 1
    assert "EVENTS_BROKER_URL is not set" in result.output


def test_the_command_says_when_the_broker_is_down(
    app, make_tenure, refused_broker_url, monkeypatch
):
    """After trying again a few times, a second or so apart."""
    monkeypatch.setattr(app.config["APP_CONFIG"], "events_broker_url", refused_broker_url)
    make_tenure()
    result = app.test_cli_runner().invoke(args=["outbox", "relay"])
    assert result.exit_code == 1
    assert "cannot be reached" in result.output
    assert "The events wait in the outbox." in result.output


def test_nothing_is_published_for_a_transaction_that_rolls_back(events_broker):
    record_event(TENURE_UPDATED, entity_id="tenure-1", old_data={}, new_data={})
    db.session.rollback()
    assert events_broker.received(at_least=1, timeout=0.5) == []
