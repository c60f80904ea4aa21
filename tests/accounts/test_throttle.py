"""Sign-in throttling under a concurrent burst: counting and recording an attempt are one
step that attempts take turns at, so exactly the limit of guesses are checked: no more, and
not none (which a burst that only counted after recording could give)."""

import threading

import pytest

from app.accounts import service
from app.accounts.roles import Role
from app.accounts.service import AccountError, SignInThrottled
from app.extensions import db

BURST = 30


@pytest.fixture
def burst_app(app, make_app):
    """The app with a long wait for a pooled connection: the burst's threads outnumber the
    pool, and on a busy machine each waits its turn for longer than the usual 5 seconds."""
    patient = make_app(database_pool_timeout_seconds=120)
    yield patient
    with patient.app_context():
        db.engine.dispose()


def _burst(app, emails: list[str], ip_address: str) -> list[str]:
    """Every email's wrong password at once, each from its own thread with its own app
    context and database session, as concurrent requests to a threaded server. (On SQLite
    the writes take turns, but the checks between them still overlap.)"""
    start = threading.Barrier(len(emails))
    outcomes = []

    def guess(email):
        with app.app_context():
            start.wait()
            try:
                service.sign_in(email, "a wrong guess!!", ip_address)
            except SignInThrottled:
                outcomes.append("throttled")
            except AccountError:
                outcomes.append("checked")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=guess, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == len(emails), "a guess neither failed nor was throttled"
    return outcomes


def test_a_burst_against_one_account_checks_no_more_than_its_limit(burst_app, make_user):
    user = make_user(Role.DATA_PROVIDER)
    outcomes = _burst(burst_app, [user.email] * BURST, "203.0.113.5")
    assert outcomes.count("checked") == 5
    assert outcomes.count("throttled") == BURST - 5


def test_a_burst_from_one_address_checks_no_more_than_its_limit(burst_app):
    emails = [f"guess{n}@example.com" for n in range(BURST)]
    outcomes = _burst(burst_app, emails, "203.0.113.6")
    assert outcomes.count("checked") == 20
