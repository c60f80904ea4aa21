"""Saving: versions refuse stale saves, submission locks exactly once, drafts are adopted."""

import re
import threading

import pytest
from sqlalchemy import select

from app.extensions import db
from app.formkit import store
from app.formkit.models import LOCKED_STATUSES, FormRecord
from app.formkit.references import ALPHABET
from tests.formkit.example_journey import EXAMPLE


def test_references_are_short_unambiguous_and_unique(app):
    references = {store.create_record(EXAMPLE).reference for _ in range(50)}
    assert len(references) == 50
    for reference in references:
        assert re.fullmatch(r"EX-[A-Z2-9]{4}-[A-Z2-9]{4}", reference)
        assert not set(reference.replace("EX-", "").replace("-", "")) - set(ALPHABET)
    assert not set("01OIUL") & set(ALPHABET)


def test_save_raises_the_version_and_sets_the_status(app, complete_answers):
    record = store.create_record(EXAMPLE)
    assert (record.version, record.status) == (1, "not_started")
    assert store.save_answers(EXAMPLE, record, {"full_name": "A"}, 1) == 2
    db.session.refresh(record)
    assert (record.version, record.status) == (2, "in_progress")
    store.save_answers(EXAMPLE, record, complete_answers, 2)
    db.session.refresh(record)
    assert record.status == "completed"


def test_a_save_based_on_a_stale_version_is_refused(app):
    record = store.create_record(EXAMPLE)
    store.save_answers(EXAMPLE, record, {"full_name": "First tab"}, 1)
    with pytest.raises(store.StaleVersion) as stale:
        store.save_answers(EXAMPLE, record, {"full_name": "Second tab"}, 1)
    assert stale.value.current_version == 2
    db.session.refresh(record)
    assert record.answers == {"full_name": "First tab"}


def test_an_incomplete_record_cannot_be_submitted(app):
    record = store.create_record(EXAMPLE)
    with pytest.raises(store.NotComplete):
        store.lock_for_submission(EXAMPLE, record, record.version)


def test_a_submitted_record_refuses_every_save(app, complete_answers):
    record = store.create_record(EXAMPLE)
    version = store.save_answers(EXAMPLE, record, complete_answers, 1)
    db.session.refresh(record)
    assert store.lock_for_submission(EXAMPLE, record, version) is True
    db.session.refresh(record)
    assert record.is_locked and record.submitted_at is not None
    with pytest.raises(store.RecordLocked):
        store.save_answers(EXAMPLE, record, {"full_name": "Changed"}, record.version)
    assert store.lock_for_submission(EXAMPLE, record, record.version) is False


@pytest.mark.parametrize(
    ("status", "locked"),
    [
        ("not_started", False),
        ("in_progress", False),
        ("completed", False),
        ("submitted", True),
        ("unsubmitted", True),
    ],
)
def test_which_statuses_lock_a_record(status, locked):
    assert FormRecord(status=status).is_locked is locked
    assert LOCKED_STATUSES == ("submitted", "unsubmitted")


def test_an_unsubmitted_record_refuses_every_save_like_a_submitted_one(app, complete_answers):
    record = store.create_record(EXAMPLE)
    version = store.save_answers(EXAMPLE, record, complete_answers, 1)
    store.lock_for_submission(EXAMPLE, record, version)
    # Sent back by a provider: kept as it was, for the record.
    record.status = "unsubmitted"
    db.session.commit()
    db.session.refresh(record)
    assert record.is_locked
    with pytest.raises(store.RecordLocked):
        store.save_answers(EXAMPLE, record, {"full_name": "Changed"}, record.version)
    assert store.lock_for_submission(EXAMPLE, record, record.version) is False
    db.session.refresh(record)
    assert record.status == "unsubmitted"
    assert record.answers == complete_answers
    assert record.version == version + 1


def test_two_concurrent_submits_produce_exactly_one_submission(app, complete_answers):
    record = store.create_record(EXAMPLE)
    version = store.save_answers(EXAMPLE, record, complete_answers, 1)
    record_id = record.id
    barrier = threading.Barrier(2)
    results, failures = [], []

    def submit():
        # Each thread has its own app context, so its own session and connection.
        with app.app_context():
            try:
                mine = db.session.get(FormRecord, record_id)
                barrier.wait(timeout=10)
                results.append(store.lock_for_submission(EXAMPLE, mine, version))
            except Exception as error:  # noqa: BLE001 (reported below)
                failures.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert sorted(results) == [False, True]
    db.session.expire_all()
    stored = db.session.get(FormRecord, record_id)
    assert stored.status == "submitted"
    assert stored.version == version + 1


def test_signed_out_drafts_are_adopted_by_the_account(app, make_user):
    from app.accounts.secrets import hash_secret

    user = make_user()
    draft = store.create_record(EXAMPLE, session_key_hash=hash_secret("drafts_secret"))
    other = store.create_record(EXAMPLE, session_key_hash=hash_secret("someone else"))
    assert store.adopt_session_drafts(user.id, "drafts_secret") == 1
    mine = db.session.scalars(select(FormRecord).where(FormRecord.owner_id == user.id)).all()
    assert [record.id for record in mine] == [draft.id]
    db.session.refresh(other)
    assert other.owner_id is None
