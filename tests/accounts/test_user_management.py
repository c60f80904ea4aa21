"""Data coordinators manage their own organisation's users; support staff see everyone."""

from sqlalchemy import select

from app.accounts.models import User
from app.accounts.roles import Role
from app.extensions import db
from tests.helpers import (
    PASSWORD,
    csrf_token_from,
    error_summary,
    page,
    sign_in,
    sign_out,
    submit_form,
)


def _user_rows(client):
    soup = page(client.get("/manage-users/"))
    return {row.select("td")[1].get_text(strip=True): row for row in soup.select("tbody tr")}


def test_coordinator_sees_only_their_organisation(client, make_user, other_organisation):
    coordinator = make_user(Role.DATA_COORDINATOR)
    colleague = make_user(Role.DATA_PROVIDER)
    outsider = make_user(Role.DATA_PROVIDER, org=other_organisation)
    make_user(Role.APPLICANT)
    sign_in(client, coordinator)
    rows = _user_rows(client)
    assert set(rows) == {coordinator.email, colleague.email}
    assert outsider.email not in rows


def test_support_sees_staff_of_every_organisation(client, make_user, other_organisation):
    support = make_user(Role.SUPPORT)
    provider = make_user(Role.DATA_PROVIDER)
    outsider = make_user(Role.DATA_PROVIDER, org=other_organisation)
    applicant = make_user(Role.APPLICANT)
    sign_in(client, support)
    rows = _user_rows(client)
    assert {provider.email, outsider.email, support.email} <= set(rows)
    assert applicant.email not in rows


def test_applicants_and_providers_cannot_manage_users(client, make_user):
    for role in (Role.APPLICANT, Role.DATA_PROVIDER):
        sign_out(client)
        sign_in(client, make_user(role))
        assert client.get("/manage-users/").status_code == 403
        assert client.get("/manage-users/invite").status_code == 403


def test_invited_user_sets_a_password_and_signs_in(client, make_user):
    coordinator = make_user(Role.DATA_COORDINATOR)
    sign_in(client, coordinator)
    response = submit_form(
        client,
        "/manage-users/invite",
        {"name": "Nia New", "email": "nia@example.com", "role": "data_provider"},
    )
    assert response.status_code == 201
    link = page(response).select_one("#invitation-link").get_text(strip=True)
    invited = db.session.scalar(select(User).where(User.email == "nia@example.com"))
    assert invited.organisation_id == coordinator.organisation_id
    assert invited.role == "data_provider"
    assert invited.password_hash is None
    assert "Invited" in _user_rows(client)["nia@example.com"].get_text()

    sign_out(client)
    path = link.split("localhost", 1)[1]
    response = submit_form(client, path, {"password": PASSWORD, "confirm_password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").headers["Location"] == "/logs/"  # staff start from their logs
    assert "Nia New" in page(client.get("/account")).get_text()

    sign_out(client)
    assert client.get(path).status_code == 404  # the link works once
    sign_in(client, invited)


def test_invitation_form_errors(client, make_user):
    coordinator = make_user(Role.DATA_COORDINATOR)
    sign_in(client, coordinator)
    soup = page(submit_form(client, "/manage-users/invite", {"name": "", "email": "bad"}))
    assert error_summary(soup) == [
        "Enter the user’s full name",
        "Enter an email address in the correct format, like name@example.com",
        "Select a role",
    ]
    soup = page(
        submit_form(
            client,
            "/manage-users/invite",
            {"name": "Dup", "email": coordinator.email, "role": "data_provider"},
        )
    )
    assert error_summary(soup) == [
        "An account already exists with this email address. Sign in instead"
    ]


def test_coordinator_cannot_invite_support_staff(client, make_user):
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    soup = page(
        submit_form(
            client,
            "/manage-users/invite",
            {"name": "S", "email": "s@example.com", "role": "support"},
        )
    )
    assert error_summary(soup) == ["Select a role"]
    assert db.session.scalar(select(User).where(User.email == "s@example.com")) is None


def test_expired_invitation_link(client, make_user, app):
    from datetime import timedelta

    from app.accounts import service
    from app.db_types import utcnow

    coordinator = make_user(Role.DATA_COORDINATOR)
    invited, secret = service.invite_user(coordinator, "late@example.com", "Late", "data_provider")
    invited.invitation_expires_at = utcnow() - timedelta(minutes=1)
    response = client.get(f"/invitations/{secret}")
    assert response.status_code == 404
    assert "expired" in page(response).h1.get_text()


def test_deactivating_a_user_signs_them_out_and_stops_sign_in(app, make_user):
    coordinator = make_user(Role.DATA_COORDINATOR)
    colleague = make_user(Role.DATA_PROVIDER)
    colleague_client = app.test_client()
    sign_in(colleague_client, colleague)
    assert colleague_client.get("/account").status_code == 200

    client = app.test_client()
    sign_in(client, coordinator)
    token = csrf_token_from(client.get("/manage-users/"))
    response = client.post(f"/manage-users/{colleague.id}/deactivate", data={"csrf_token": token})
    assert response.status_code == 302
    assert "Deactivated" in _user_rows(client)[colleague.email].get_text()

    assert colleague_client.get("/account").status_code == 302  # signed out
    fresh = app.test_client()
    fresh_token = csrf_token_from(fresh.get("/sign-in"))
    response = fresh.post(
        "/sign-in",
        data={"csrf_token": fresh_token, "email": colleague.email, "password": PASSWORD},
    )
    assert response.status_code == 200

    response = client.post(f"/manage-users/{colleague.id}/reactivate", data={"csrf_token": token})
    assert response.status_code == 302
    sign_in(fresh, colleague)


def test_coordinator_cannot_touch_other_organisations_or_themselves(
    client, make_user, other_organisation
):
    coordinator = make_user(Role.DATA_COORDINATOR)
    outsider = make_user(Role.DATA_PROVIDER, org=other_organisation)
    sign_in(client, coordinator)
    token = csrf_token_from(client.get("/manage-users/"))
    for target in (outsider, coordinator):
        response = client.post(f"/manage-users/{target.id}/deactivate", data={"csrf_token": token})
        assert response.status_code == 404
        db.session.refresh(target)
        assert target.active
