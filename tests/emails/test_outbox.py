"""Asking for an email: a row in the caller's transaction, sent once the transaction commits."""

import logging
from pathlib import Path

import pytest

from app.emails.models import PENDING, SENT
from app.emails.outbox import send_email
from app.emails.templates import EMAIL_TEMPLATES
from app.extensions import db
from tests.emails.helpers import emails_to, link_in

RESET = {"link": "http://localhost/reset/abc"}


def test_an_email_is_a_row_that_the_caller_commits(app):
    email = send_email("someone@example.com", "password_reset", RESET)
    assert email.status == PENDING
    assert len(email.id) == 32
    assert emails_to("someone@example.com") == [email]  # in the session, not yet committed

    db.session.commit()

    [sent] = emails_to("someone@example.com")
    assert sent.status == SENT  # the task ran, inline, once the transaction committed
    assert sent.attempts == 1
    assert link_in(sent) == "http://localhost/reset/abc"


def test_nothing_is_asked_for_or_sent_when_the_transaction_rolls_back(app):
    send_email("someone@example.com", "password_reset", RESET)
    db.session.rollback()
    db.session.commit()
    assert emails_to("someone@example.com") == []


def test_without_a_notify_key_the_email_is_printed_to_the_log(app, caplog):
    caplog.set_level(logging.INFO, logger="housing_forms.emails")
    send_email(
        "someone@example.com",
        "invitation",
        {
            "organisation_name": "Test Borough Council",
            "link": "http://localhost/invitations/xyz",
            "expires": "12 December 2026",
        },
    )
    db.session.commit()
    [record] = [r for r in caplog.records if r.name == "housing_forms.emails"]
    text = record.getMessage()
    assert "someone@example.com" in text
    assert "You have been invited to Test Borough Council" in text
    assert "http://localhost/invitations/xyz" in text
    assert "12 December 2026" in text


def test_emails_to_lists_newest_last(app):
    first = send_email("a@example.com", "password_reset", RESET)
    db.session.commit()
    second = send_email("a@example.com", "password_changed", RESET)
    send_email("b@example.com", "password_reset", RESET)
    db.session.commit()
    assert [email.id for email in emails_to("a@example.com")] == [first.id, second.id]


@pytest.mark.parametrize(
    ("template", "personalisation", "message"),
    [
        ("no_such_email", RESET, "no email template"),
        ("password_reset", {}, "missing \\['link'\\]"),
        ("password_reset", {**RESET, "name": "Sam"}, "extra \\['name'\\]"),
        ("password_reset", {"link": 5}, "must be strings"),
    ],
)
def test_a_wrong_template_or_personalisation_is_a_programming_error(
    app, template, personalisation, message
):
    with pytest.raises(ValueError, match=message):
        send_email("someone@example.com", template, personalisation)
    assert not db.session.new


def test_an_address_the_validator_refuses_is_a_programming_error(app):
    with pytest.raises(ValueError, match="Not an email address"):
        send_email("not an address", "password_reset", RESET)
    assert not db.session.new


def test_every_template_has_its_config_variable_and_fields_in_its_text():
    for key, template in EMAIL_TEMPLATES.items():
        assert template.config_variable == f"NOTIFY_TEMPLATE_{key.upper()}"
        text = template.subject + template.body
        for field in template.fields:
            assert f"(({field}))" in text, (key, field)


def test_the_documented_templates_are_the_templates():
    docs = (Path(__file__).resolve().parents[2] / "docs/emails.md").read_text()
    for template in EMAIL_TEMPLATES.values():
        fields = ", ".join(f"`{field}`" for field in template.fields)
        assert f"| `{template.key}` | `{template.config_variable}` | {fields} |" in docs
        assert f"Subject: {template.subject}\n\n```text\n{template.body}\n" in docs


def test_in_production_without_a_notify_key_an_email_fails_for_support_to_retry(app, make_app):
    from app.emails.delivery import NO_KEY_IN_PRODUCTION
    from app.emails.models import FAILED

    production = make_app(environment="production")
    with production.app_context():
        send_email("someone@example.com", "password_reset", RESET)
        db.session.commit()
        [email] = emails_to("someone@example.com")
        db.session.remove()
        db.engine.dispose()
    assert (email.status, email.last_error) == (FAILED, NO_KEY_IN_PRODUCTION)
