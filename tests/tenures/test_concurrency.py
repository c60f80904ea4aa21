"""Two writers holding the same ETag: exactly one succeeds, the other gets 412.

Each writer is a real request on its own thread, connection and transaction. Both are held
at the write until both have read the tenure and passed the If-Match check, so the race is
decided by the database: `UPDATE ... WHERE version = :read` lets one through, and the other,
re-checking after the first commits, updates nothing.
"""

import threading

import pytest
from sqlalchemy import select

from app.extensions import db
from app.outbox.models import OutboxEvent
from app.tenures import service
from tests.tenures.conftest import person


@pytest.fixture
def both_at_the_write(monkeypatch):
    barrier = threading.Barrier(2, timeout=10)
    write = service._write

    def held_write(*args, **kwargs):
        barrier.wait()
        return write(*args, **kwargs)

    monkeypatch.setattr(service, "_write", held_write)


def _race(app, staff, requests):
    """Send each (method, url, json) at once with If-Match "0"; the status codes."""
    token = staff.headers
    statuses = [None] * len(requests)

    def send(index, method, url, body):
        client = app.test_client()
        response = client.open(url, method=method, json=body, headers={**token, "If-Match": '"0"'})
        statuses[index] = response.status_code

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses


def test_of_two_patches_with_the_same_etag_exactly_one_succeeds(
    _migrated_app, staff, make_tenure, both_at_the_write
):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}"
    db.session.commit()
    statuses = _race(
        _migrated_app,
        staff,
        [("PATCH", url, {"paymentReference": "A"}), ("PATCH", url, {"paymentReference": "B"})],
    )
    assert sorted(statuses) == [204, 412]
    after = staff("GET", url)
    assert after.headers["ETag"] == '"1"'
    winner = "A" if statuses[0] == 204 else "B"
    assert after.json["paymentReference"] == winner
    events = db.session.scalars(select(OutboxEvent.event_type)).all()
    assert sorted(events) == ["TenureCreatedEvent", "TenureUpdatedEvent"]


def test_two_people_added_at_once_cannot_both_be_kept_silently(
    _migrated_app, staff, make_tenure, both_at_the_write
):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}/person"
    db.session.commit()
    statuses = _race(
        _migrated_app,
        staff,
        [("PATCH", f"{url}/p-a", person("Ann A")), ("PATCH", f"{url}/p-b", person("Bob B"))],
    )
    assert sorted(statuses) == [204, 412]
    members = staff("GET", f"/tenures/{tenure['id']}").json["householdMembers"]
    assert len(members) == 2
