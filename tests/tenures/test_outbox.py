"""Every write to a tenure records its domain event, in the same transaction as the change."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.outbox.models import OutboxEvent
from app.tenures import service
from app.tenures.models import Tenure
from tests.tenures.conftest import person

LEAD = "TWVoZGlLaW1ha2hlCg=="


def _events():
    return db.session.scalars(select(OutboxEvent).order_by(OutboxEvent.date_time)).all()


def test_each_kind_of_write_records_its_event(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}"
    staff("PATCH", url, {"paymentReference": "99"}, headers={"If-Match": '"0"'})
    staff("PATCH", f"{url}/person/p-2", person("Sam Kimakhe"), headers={"If-Match": '"1"'})
    staff("DELETE", f"{url}/person/p-2", headers={"If-Match": '"2"'})
    events = [event.message() for event in _events()]
    assert [e["eventType"] for e in events] == [
        "TenureCreatedEvent",
        "TenureUpdatedEvent",
        "PersonAddedToTenureEvent",
        "PersonRemovedFromTenureEvent",
    ]
    for event in events:
        assert event["entityId"] == tenure["id"]
        assert event["sourceDomain"] == "Tenure"
        assert event["version"] == "v1"
        assert event["user"] == {"name": staff.user.name, "email": staff.user.email}
        assert set(event) >= {"id", "correlationId", "dateTime", "eventData"}
    created, updated, added, removed = (e["eventData"] for e in events)
    assert created["oldData"] == {}
    assert created["newData"]["paymentReference"] == "228001234"
    assert updated == {
        "oldData": {"paymentReference": "228001234"},
        "newData": {"paymentReference": "99"},
    }
    assert [m["id"] for m in added["oldData"]["householdMembers"]] == [LEAD]
    assert [m["id"] for m in added["newData"]["householdMembers"]] == [LEAD, "p-2"]
    assert [m["id"] for m in removed["newData"]["householdMembers"]] == [LEAD]


def test_the_event_carries_the_requests_correlation_id(staff, seed_tenure):
    response = staff("POST", "/tenures", seed_tenure, headers={"x-correlation-id": "abc-123"})
    assert response.headers["x-correlation-id"] == "abc-123"
    [event] = _events()
    assert event.correlation_id == "abc-123"


def test_refused_writes_record_no_event(staff, make_tenure):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}"
    refusals = [
        staff("PATCH", url, {"paymentReference": "1"}),
        staff("PATCH", url, {"paymentReference": "1"}, headers={"If-Match": '"9"'}),
        staff("PATCH", url, {"endOfTenureDate": "1999-01-01"}, headers={"If-Match": '"0"'}),
        staff("DELETE", f"{url}/person/nobody"),
    ]
    assert [response.status_code for response in refusals] == [428, 412, 422, 404]
    assert [e.event_type for e in _events()] == ["TenureCreatedEvent"]


def test_a_change_is_not_kept_if_its_event_cannot_be_written(app, staff, make_tenure, monkeypatch):
    tenure_id = make_tenure()["id"]
    tenure = db.session.get(Tenure, tenure_id)

    def failing_event(*args, **kwargs):
        db.session.add(OutboxEvent(id="broken"))  # missing required columns: the flush fails
        db.session.flush()

    monkeypatch.setattr(service, "_event", failing_event)
    with pytest.raises(IntegrityError):
        service.update_tenure(tenure, {"paymentReference": "lost"}, 0, staff.user)
    db.session.rollback()
    db.session.expire_all()
    stored = db.session.get(Tenure, tenure_id)
    assert stored.version == 0
    assert stored.data["paymentReference"] == "228001234"
    assert [e.event_type for e in _events()] == ["TenureCreatedEvent"]
