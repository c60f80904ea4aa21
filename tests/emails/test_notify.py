"""Sending through GOV.UK Notify: the real client, over real HTTP, to the local fake."""

from datetime import timedelta

import requests

from app.db_types import utcnow
from app.emails.models import FAILED, PENDING, SENT, Email
from app.emails.outbox import send_email
from app.extensions import db
from app.jobs.sweep import requeue_pending
from tests.emails.helpers import emails_to
from tests.fake_notify import SECRET, TEMPLATE_IDS, FakeNotify

RESET = {"link": "http://localhost/reset/abc"}


def _ask(address="someone@example.com", template="password_reset", fields=RESET) -> str:
    email = send_email(address, template, fields)
    db.session.commit()
    return email.id


def _row(email_id) -> Email:
    return db.session.get(Email, email_id, populate_existing=True)


def _sweep_now():
    """The sweep, as if the configured minutes had passed."""
    db.session.execute(Email.__table__.update().values(updated_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    requeue_pending.delay()


def test_an_email_goes_to_notify_with_its_id_as_the_reference(notify_app, fake_notify):
    email_id = _ask()

    [received] = fake_notify.emails
    assert received.email_address == "someone@example.com"
    assert received.template_id == TEMPLATE_IDS["password_reset"]
    assert received.personalisation == RESET
    assert received.reference == email_id
    row = _row(email_id)
    assert (row.status, row.attempts, row.notify_id) == (SENT, 1, received.id)
    assert row.sent_at is not None
    assert row.last_error is None


def test_the_fake_checks_the_token_the_client_signs(notify_app, make_app, fake_notify):
    wrong_secret = FakeNotify(secret="f" * 36, port=fake_notify.port)
    with make_app(**wrong_secret.config()).app_context():
        email_id = _ask()
        row = _row(email_id)
    assert fake_notify.emails == []
    assert row.status == FAILED  # a 403 is permanent
    assert "403" in row.last_error and "Invalid token" in row.last_error


def test_a_request_without_a_fresh_signed_token_is_refused(fake_notify):
    import jwt

    url = f"{fake_notify.base_url}/v2/notifications/email"
    body = {"email_address": "a@example.com", "template_id": TEMPLATE_IDS["password_reset"]}

    def token(**claims):
        claims = {"iss": fake_notify.service_id, "iat": int(utcnow().timestamp()), **claims}
        return {"Authorization": f"Bearer {jwt.encode(claims, SECRET, algorithm='HS256')}"}

    old = int((utcnow() - timedelta(minutes=2)).timestamp())
    for headers, status, message in [
        ({}, 401, "authentication token must be provided"),
        (token(iat=old), 403, "system clock must be accurate to within 30 seconds"),
        (token(iss="someone-else"), 403, "Invalid token"),
        ({"Authorization": "Bearer not-a-token"}, 403, "Invalid token"),
    ]:
        answer = requests.post(url, json=body, headers=headers, timeout=5)
        assert answer.status_code == status
        assert answer.json()["errors"][0]["error"] == "AuthError"
        assert message in answer.json()["errors"][0]["message"]
    assert fake_notify.emails == []


def test_a_4xx_is_permanent_and_shown_to_support(notify_app, fake_notify):
    fake_notify.fail_next(400)
    email_id = _ask()
    row = _row(email_id)
    assert row.status == FAILED
    assert row.last_error == (
        "GOV.UK Notify answered 400: Can't send to this recipient using a team-only API key"
    )
    _sweep_now()
    assert _row(email_id).status == FAILED  # never tried again by itself
    assert fake_notify.emails == []


def test_a_5xx_or_429_is_retried_until_it_is_sent(notify_app, fake_notify):
    fake_notify.fail_next(500)
    fake_notify.fail_next(429)
    email_id = _ask()
    row = _row(email_id)
    assert (row.status, row.attempts) == (PENDING, 1)
    assert "500" in row.last_error

    _sweep_now()
    row = _row(email_id)
    assert (row.status, row.attempts) == (PENDING, 2)
    assert "429" in row.last_error

    _sweep_now()
    row = _row(email_id)
    assert (row.status, row.attempts) == (SENT, 3)
    assert len(fake_notify.emails) == 1


def test_an_outage_loses_no_email_and_sends_it_once(notify_app, fake_notify):
    """Notify is down (its port closed) when the email is asked for; once it is back, the
    email arrives exactly once."""
    fake_notify.stop()
    email_id = _ask()
    row = _row(email_id)
    assert row.status == PENDING
    assert "could not be reached" in row.last_error

    fake_notify.start()
    _sweep_now()
    _sweep_now()  # and again: nothing more is sent

    [received] = fake_notify.emails
    assert received.reference == email_id
    assert _row(email_id).status == SENT


def test_an_answer_lost_to_a_timeout_is_not_sent_twice(make_app, app, fake_notify):
    """Notify accepted the email but answered too late: the retry finds it by its reference."""
    slow = make_app(**fake_notify.config(), notify_timeout_seconds=1)
    with slow.app_context():
        fake_notify.answer_after(1.5)
        email_id = _ask()
        assert _row(email_id).status == PENDING
        fake_notify.answer_after(0)
        _sweep_now()
        row = _row(email_id)
        assert (row.status, row.notify_id) == (SENT, fake_notify.emails[0].id)
        db.session.remove()
        db.engine.dispose()
    assert len(fake_notify.emails) == 1


def test_an_email_is_never_sent_twice(notify_app, fake_notify):
    from app.emails.tasks import send_email_task

    email_id = _ask()
    for _ in range(3):
        send_email_task.delay(email_id)  # a duplicate message, a second worker...
    _sweep_now()
    assert len(fake_notify.emails) == 1
    assert _row(email_id).attempts == 1


def test_a_row_another_worker_holds_is_left_to_it(notify_app, fake_notify):
    from app.emails.delivery import Outcome, deliver

    email = send_email("someone@example.com", "password_reset", RESET)
    email.claimed_until = utcnow() + timedelta(minutes=1)  # being sent elsewhere
    db.session.commit()
    assert deliver(email.id) is Outcome.NOT_MINE
    assert fake_notify.emails == []
    assert _row(email.id).status == PENDING


def test_after_too_many_attempts_an_email_is_marked_failed(make_app, app, fake_notify):
    with make_app(**fake_notify.config(), email_max_attempts=2).app_context():
        fake_notify.fail_next(500, times=2)
        email_id = _ask()
        _sweep_now()
        row = _row(email_id)
        db.session.remove()
        db.engine.dispose()
    assert row.status == FAILED
    assert row.last_error.startswith("Gave up after 2 attempts. GOV.UK Notify answered 500")


def test_personalisation_is_sent_as_it_is(notify_app, fake_notify):
    fields = {"reference": "AB12", "listing_name": "<b>Flat</b> & *garden*", "link": "x"}
    _ask("a@example.com", "application_received", fields)
    assert fake_notify.emails[0].personalisation == fields
    assert emails_to("a@example.com")[0].status == SENT
