"""Submitting a lettings log records `lettings-log.submitted` in the outbox."""

from sqlalchemy import select

from app.extensions import db
from app.formkit.models import FormRecord
from app.outbox.models import OutboxEvent
from tests.formkit.conftest import form_state
from tests.helpers import sign_in


def test_submitting_a_completed_log_records_the_event_once(client, as_user, valid_example):
    staff = as_user()
    log_id = staff("POST", "/case_logs", valid_example).json["id"]
    sign_in(client, staff.user)
    url = f"/logs/{log_id}/submit"
    form = {**form_state(client.get(url)), "declaration": "confirmed"}
    assert client.post(url, data=form).status_code == 303
    assert client.post(url, data=form).status_code == 303  # a double click submits once

    [event] = db.session.scalars(select(OutboxEvent)).all()
    message = event.message()
    record = db.session.get(FormRecord, log_id)
    assert message["eventType"] == "lettings-log.submitted"
    assert message["sourceDomain"] == "LettingsLog"
    assert message["entityId"] == str(log_id)
    assert message["user"]["email"] == staff.user.email
    assert message["eventData"] == {
        "oldData": {"status": "completed"},
        "newData": {
            "status": "submitted",
            "reference": record.reference,
            "submittedAt": record.submitted_at.isoformat(),
        },
    }
