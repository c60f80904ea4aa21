"""Resending a whole application: with an Idempotency-Key it gets the first answer again, and
without one an exact duplicate of an application just submitted is refused. Signed in and
signed out, and under concurrent requests."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.roles import Role
from app.api.idempotency import IN_PROGRESS, KEY_REUSED
from app.applications import service
from app.applications.models import Application
from app.extensions import db
from app.formkit.models import FormRecord
from tests.api.test_openapi import conforms

KEY = "0b6f3c1e-2d4a-4f8e-9c7b-5a1d3e6f8b20"
SUBMIT, SIGNED_OUT = "/api/rest/portal/profile/assessment", "/api/rest/portal/assessment"


def whole(listing, *applicants) -> dict:
    return {"listingId": listing.id, "applicants": list(applicants)}


def applications(status: str | None = None) -> int:
    query = (
        select(func.count())
        .select_from(Application)
        .join(FormRecord, FormRecord.id == Application.record_id)
    )
    if status:
        query = query.where(FormRecord.status == status)
    return db.session.scalar(query)


def already_received(response) -> None:
    """The 409 naming the application received first."""
    assert response.status_code == 409, response.json
    earlier = db.session.scalar(select(FormRecord).where(FormRecord.id == response.json["id"]))
    assert response.json == {
        "error": f"This application has already been received: its reference is "
        f"{earlier.reference} (application {earlier.id}). It has not been sent again",
        "reference": earlier.reference,
        "id": earlier.id,
    }


# -- an exact duplicate, without a key ----------------------------------------------------------


def test_twenty_identical_submissions_make_one_application(portal, listing, main_applicant):
    api = portal()

    responses = [
        api("POST", "/profile/assessment", whole(listing, main_applicant)) for _ in range(20)
    ]

    assert responses[0].status_code == 201
    for response in responses[1:]:
        already_received(response)
        assert response.json["id"] == responses[0].json["id"]
    assert applications() == 1
    conforms(responses[1], SUBMIT, "post")


def test_signed_out_an_identical_resend_is_refused(client, listing, main_applicant):
    first = client.post(SIGNED_OUT, json=whole(listing, main_applicant))
    again = client.post(SIGNED_OUT, json=whole(listing, main_applicant))

    assert first.status_code == 201
    already_received(again)
    assert again.json["id"] == first.json["id"]
    assert applications() == 1
    conforms(again, SIGNED_OUT, "post")


def test_submitting_a_draft_identical_to_one_just_submitted_is_refused(
    portal, listing, main_applicant
):
    api = portal()
    sent = api("POST", "/profile/assessment", whole(listing, main_applicant)).json
    draft = api("PUT", "/profile/assessment", whole(listing, main_applicant)).json

    response = api("POST", "/profile/assessment", {"id": draft["id"]})

    already_received(response)
    assert response.json["id"] == sent["id"]
    assert db.session.get(FormRecord, draft["id"]).status != "submitted"


def test_different_answers_or_applicants_are_not_duplicates(
    portal, client, listing, main_applicant, joint_applicant
):
    api = portal()
    responses = [
        api("POST", "/profile/assessment", whole(listing, main_applicant)),
        # The same applicant with a joint applicant, or another answer.
        api("POST", "/profile/assessment", whole(listing, main_applicant, joint_applicant)),
        api("POST", "/profile/assessment", whole(listing, {**main_applicant, "savings": 1})),
        # Another user with the same answers.
        portal()("POST", "/profile/assessment", whole(listing, main_applicant)),
        # Signed out: another email address, or the first (signed-in) one's answers.
        client.post(SIGNED_OUT, json=whole(listing, main_applicant)),
        client.post(SIGNED_OUT, json=whole(listing, {**main_applicant, "email": "b@example.com"})),
    ]

    assert [response.status_code for response in responses] == [201] * 6
    assert applications() == 6


def test_a_resend_after_the_window_is_a_new_application(app, portal, listing, main_applicant):
    api = portal()
    first = api("POST", "/profile/assessment", whole(listing, main_applicant)).json
    record = db.session.get(FormRecord, first["id"])
    record.submitted_at -= timedelta(minutes=5, seconds=1)
    db.session.commit()

    assert api("POST", "/profile/assessment", whole(listing, main_applicant)).status_code == 201


def test_the_window_is_configurable(app, portal, listing, main_applicant, monkeypatch):
    monkeypatch.setitem(app.config, "DUPLICATE_APPLICATION_WINDOW", timedelta(0))
    api = portal()

    for _ in range(2):
        assert api("POST", "/profile/assessment", whole(listing, main_applicant)).status_code == 201


def test_a_returned_application_can_be_sent_again_unchanged(
    portal, listing, main_applicant, make_user
):
    api = portal()
    sent = api("POST", "/profile/assessment", whole(listing, main_applicant)).json
    copy = service.unsubmit(
        service.for_record(sent["id"]), make_user(Role.DATA_COORDINATOR), "Oops"
    )

    response = api("POST", "/profile/assessment", {"id": copy.record_id})

    assert response.status_code == 200
    assert response.json["status"] == "submitted"


# -- with an Idempotency-Key --------------------------------------------------------------------


@pytest.mark.parametrize(("method", "status"), [("PUT", 201), ("POST", 201)])
def test_signed_in_the_same_key_and_body_gives_the_first_answer(
    portal, listing, main_applicant, method, status
):
    api = portal()
    payload = whole(listing, main_applicant)
    key = {"Idempotency-Key": KEY}

    first = api(method, "/profile/assessment", payload, headers=key)
    again = api(method, "/profile/assessment", payload, headers=key)
    other = api(
        method, "/profile/assessment", whole(listing, {**main_applicant, "savings": 1}), headers=key
    )

    assert first.status_code == again.status_code == status
    assert again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 422
    assert other.json == {"error": KEY_REUSED}
    assert applications() == 1
    for response in (again, other):
        conforms(response, SUBMIT, method.lower())


def test_submitting_a_draft_with_a_key_gives_the_first_answer(portal, listing, main_applicant):
    api = portal()
    draft = api("PUT", "/profile/assessment", whole(listing, main_applicant)).json

    first = api(
        "POST", "/profile/assessment", {"id": draft["id"]}, headers={"Idempotency-Key": KEY}
    )
    again = api(
        "POST", "/profile/assessment", {"id": draft["id"]}, headers={"Idempotency-Key": KEY}
    )

    assert first.status_code == again.status_code == 200
    assert again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"


def test_signed_out_a_key_is_scoped_by_its_body(client, listing, main_applicant):
    key = {"Idempotency-Key": KEY}
    ada = whole(listing, main_applicant)
    bea = whole(listing, {**main_applicant, "email": "bea@example.com"})

    first = client.post(SIGNED_OUT, json=ada, headers=key)
    again = client.post(SIGNED_OUT, json=ada, headers=key)
    # Someone else who chose the same key is not refused, nor shown Ada's answer.
    stranger = client.post(SIGNED_OUT, json=bea, headers=key)

    assert first.status_code == again.status_code == 201
    assert again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert stranger.status_code == 201
    assert "Idempotent-Replayed" not in stranger.headers
    assert stranger.json["id"] != first.json["id"]
    assert applications() == 2
    conforms(again, SIGNED_OUT, "post")


def test_signed_out_a_bad_key_is_400(client, listing, main_applicant):
    response = client.post(
        SIGNED_OUT, json=whole(listing, main_applicant), headers={"Idempotency-Key": "a b"}
    )

    assert response.status_code == 400
    assert applications() == 0


# -- concurrent requests, each on its own thread, connection and transaction --------------------


@pytest.fixture
def held_start(monkeypatch):
    """Hold every new application at its creation until `release` is set."""
    arrived, release = threading.Event(), threading.Event()
    start = service.start

    def held(*args, **kwargs):
        arrived.set()
        release.wait(timeout=20)
        return start(*args, **kwargs)

    monkeypatch.setattr(service, "start", held)
    return arrived, release


def _send(app, headers, payload, into, index, url=SUBMIT):
    response = app.test_client().post(url, json=payload, headers=headers)
    into[index] = response


def test_a_resend_while_the_first_is_running_is_409(
    _migrated_app, portal, listing, main_applicant, held_start
):
    arrived, release = held_start
    api = portal()
    headers = {**api.headers, "Idempotency-Key": KEY}
    payload = whole(listing, main_applicant)
    db.session.commit()
    answers = [None, None]
    first = threading.Thread(target=_send, args=(_migrated_app, headers, payload, answers, 0))
    first.start()
    assert arrived.wait(timeout=20)

    _send(_migrated_app, headers, payload, answers, 1)
    release.set()
    first.join(timeout=30)

    assert answers[0].status_code == 201
    assert answers[1].status_code == 409
    assert answers[1].json == {"error": IN_PROGRESS}
    assert applications("submitted") == 1
    replayed = api("POST", "/profile/assessment", payload, headers={"Idempotency-Key": KEY})
    assert replayed.json == answers[0].json


@pytest.mark.parametrize("signed_in", [True, False], ids=["signed in", "signed out"])
def test_of_a_burst_with_one_key_exactly_one_runs(
    _migrated_app, portal, listing, main_applicant, signed_in
):
    api = portal()
    headers = {**(api.headers if signed_in else {}), "Idempotency-Key": KEY}
    url = SUBMIT if signed_in else SIGNED_OUT
    payload = whole(listing, main_applicant)
    db.session.commit()
    barrier = threading.Barrier(6, timeout=20)
    answers = [None] * 6

    def send(index):
        barrier.wait()
        _send(_migrated_app, headers, payload, answers, index, url)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    ran = [a for a in answers if a.status_code == 201 and "Idempotent-Replayed" not in a.headers]
    assert len(ran) == 1
    for answer in answers:
        replayed = answer.status_code == 201 and answer.json == ran[0].json
        assert replayed or answer.json == {"error": IN_PROGRESS}, answer.json
    assert applications() == 1
