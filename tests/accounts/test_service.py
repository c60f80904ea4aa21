"""Account rules, reached without HTTP."""

import pytest

from app.accounts import service
from app.accounts.roles import Role
from app.accounts.service import EMAIL_TAKEN_MESSAGE, AccountError
from tests.helpers import PASSWORD


def test_a_race_for_the_same_email_is_a_clear_error(app, monkeypatch):
    service.create_user("race@example.com", "First", Role.APPLICANT, PASSWORD)
    # As if the other request's insert landed after our uniqueness check.
    monkeypatch.setattr(service, "find_user_by_email", lambda email: None)
    with pytest.raises(AccountError) as raised:
        service.create_user("RACE@example.com", "Second", Role.APPLICANT, PASSWORD)
    assert raised.value.message == EMAIL_TAKEN_MESSAGE
    assert raised.value.field == "email"


def test_applicants_belong_to_no_organisation(app, organisation):
    with pytest.raises(AccountError, match="does not belong to an organisation"):
        service.create_user("a@example.com", "A", Role.APPLICANT, PASSWORD, organisation)


def test_sign_in_returns_the_user(app, make_user):
    user = make_user()
    assert service.sign_in(user.email, PASSWORD, "127.0.0.1") == user


def test_uninvited_password_is_unusable(app, make_user, organisation):
    coordinator = make_user(Role.DATA_COORDINATOR)
    invited, _ = service.invite_user(coordinator, "new@example.com", "New", "data_provider")
    with pytest.raises(AccountError):
        service.sign_in(invited.email, "", "127.0.0.1")
