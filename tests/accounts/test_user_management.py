"""Data coordinators manage their own organisation's users; support staff see everyone."""

from datetime import timedelta

from sqlalchemy import func, select

from app.accounts import service
from app.accounts.models import User
from app.accounts.roles import Role
from app.db_types import utcnow
from app.extensions import db
from tests.accounts.links import path_of
from tests.emails.helpers import emails_to, link_in
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
    assert response.status_code == 302  # post/redirect/get
    soup = page(client.get(response.headers["Location"]))
    # The coordinator is told it was sent; the link is only in the email.
    title = soup.select_one(".govuk-panel__title").get_text(strip=True)
    assert title == "Invitation sent to nia@example.com"
    assert "/invitations/" not in soup.get_text()
    invited = db.session.scalar(select(User).where(User.email == "nia@example.com"))
    assert invited.organisation_id == coordinator.organisation_id
    assert invited.role == "data_provider"
    assert invited.password_hash is None
    assert "Invited" in _user_rows(client)["nia@example.com"].get_text()

    [email] = emails_to("nia@example.com")
    assert email.template == "invitation"
    expires = invited.invitation_expires_at
    assert email.personalisation["organisation_name"] == coordinator.organisation.name
    assert email.personalisation["expires"] == f"{expires.day} {expires:%B %Y}"

    sign_out(client)
    path = path_of(link_in(email))
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
    assert error_summary(soup) == ["This email address already has an account"]


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


def test_expired_invitation_says_so_to_both_and_can_be_sent_again(client, make_user):
    coordinator = make_user(Role.DATA_COORDINATOR)
    invited, _ = service.invite_user(coordinator, "late@example.com", "Late", "data_provider")
    invited.invitation_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    path = path_of(link_in(emails_to("late@example.com")[0]))

    response = client.get(path)
    assert response.status_code == 410
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "Your invitation has expired"
    assert "Ask your organisation’s data coordinator" in soup.select_one("main").get_text()

    sign_in(client, coordinator)
    assert "Invitation expired" in _user_rows(client)["late@example.com"].get_text()
    offered = client.get(f"/manage-users/{invited.id}/invited")
    soup = page(offered)
    assert "expired on" in soup.select_one("#invitation-status").get_text()
    resend = soup.select_one("main form")
    assert resend.button.get_text(strip=True) == "Send a new invitation"
    client.post(resend["action"], data={"csrf_token": csrf_token_from(offered)})
    assert len(emails_to("late@example.com")) == 2
    sign_out(client)
    assert client.get(path_of(link_in(emails_to("late@example.com")[-1]))).status_code == 200


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


def _invite(client, email="nia@example.com", name="Nia New", role="data_provider"):
    return submit_form(client, "/manage-users/invite", {"name": name, "email": email, "role": role})


def _invited_user(email="nia@example.com") -> User:
    return db.session.scalar(select(User).where(User.email == email))


def test_the_invited_page_is_post_redirect_get(client, make_user):
    """Reloading "Invitation sent" asks for the page again: no second invitation, no message
    that an account exists."""
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    response = _invite(client)
    assert response.status_code == 302
    invited = _invited_user()
    assert response.headers["Location"] == f"/manage-users/{invited.id}/invited"
    first = page(client.get(response.headers["Location"]))
    assert first.select_one(".govuk-panel__title").get_text(strip=True) == (
        "Invitation sent to nia@example.com"
    )

    reloaded = page(client.get(response.headers["Location"]))
    assert reloaded.h1.get_text(strip=True) == "Nia New has been invited"
    assert not error_summary(reloaded)
    assert db.session.scalar(select(func.count()).select_from(User)) == 2
    assert len(emails_to("nia@example.com")) == 1


def test_inviting_someone_already_invited_says_so_and_offers_to_send_again(client, make_user):
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    _invite(client)
    invited = _invited_user()
    old_link = path_of(link_in(emails_to(invited.email)[0]))

    soup = page(_invite(client, email="NIA@example.com"))
    assert error_summary(soup) == ["Nia New has already been invited"]
    assert "Sign in instead" not in soup.get_text()
    offer = soup.select_one("#already-a-user a")
    assert offer["href"] == f"/manage-users/{invited.id}/invited"

    # That page sends a new invitation on request; the old link stops working.
    offered = client.get(offer["href"])
    resend = page(offered).select_one("main form")
    assert resend.button.get_text(strip=True) == "Send the invitation again"
    response = client.post(resend["action"], data={"csrf_token": csrf_token_from(offered)})
    assert response.headers["Location"] == offer["href"]
    renewed = page(client.get(offer["href"]))
    assert renewed.select_one(".govuk-panel__title").get_text(strip=True) == (
        "Invitation sent to nia@example.com"
    )
    assert "no longer works" in renewed.select_one(".govuk-panel").get_text()
    first, second = emails_to(invited.email)
    new_link = path_of(link_in(second))
    assert new_link != old_link
    sign_out(client)
    assert client.get(old_link).status_code == 404
    assert client.get(new_link).status_code == 200


def test_the_invited_page_says_until_when_the_invitation_works(client, make_user):
    coordinator = make_user(Role.DATA_COORDINATOR)
    invited, _ = service.invite_user(coordinator, "kai@example.com", "Kai", "data_provider")
    sign_in(client, coordinator)
    soup = page(client.get(f"/manage-users/{invited.id}/invited"))
    expires = invited.invitation_expires_at
    status = soup.select_one("#invitation-status").get_text(" ", strip=True)
    assert f"works until {expires.day} {expires:%B %Y}" in status
    assert soup.select_one("main form button").get_text(strip=True) == "Send the invitation again"


def test_inviting_a_colleague_with_an_account_or_an_outsider(client, make_user):
    coordinator = make_user(Role.DATA_COORDINATOR)
    colleague = make_user(Role.DATA_PROVIDER, name="Cal Colleague")
    applicant = make_user(Role.APPLICANT)
    sign_in(client, coordinator)
    soup = page(_invite(client, email=colleague.email))
    assert error_summary(soup) == ["Cal Colleague already has an account in your organisation"]
    soup = page(_invite(client, email=applicant.email))
    assert error_summary(soup) == ["This email address already has an account"]


def _user_actions(client, user) -> dict[str, str]:
    row = _user_rows(client)[user.email]
    return {
        link.contents[0].strip(): link.get("href") or link.find_parent("form")["action"]
        for link in row.select("td:last-child a, td:last-child button")
    }


def test_deactivating_asks_are_you_sure_first(client, make_user):
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    colleague = make_user(Role.DATA_PROVIDER, name="Dee Colleague")
    confirm_url = _user_actions(client, colleague)["Deactivate"]
    assert confirm_url == f"/manage-users/{colleague.id}/deactivate"

    soup = page(client.get(confirm_url))  # only a question: nothing has changed yet
    assert soup.h1.get_text(strip=True) == "Are you sure you want to deactivate Dee Colleague?"
    assert soup.title.get_text().startswith("Are you sure you want to deactivate Dee Colleague?")
    assert soup.select_one("main a.govuk-link[href='/manage-users/']").get_text() == "Cancel"
    db.session.refresh(colleague)
    assert colleague.active

    response = submit_form(client, confirm_url, {})
    assert response.headers["Location"] == "/manage-users/"
    db.session.refresh(colleague)
    assert not colleague.active
    # Reactivating is one step, and a deactivated user's confirmation page is gone.
    assert (
        _user_actions(client, colleague)["Reactivate"] == f"/manage-users/{colleague.id}/reactivate"
    )
    assert client.get(confirm_url).headers["Location"] == "/manage-users/"


def test_a_coordinator_changes_a_users_name_and_role(client, make_user):
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    colleague = make_user(Role.DATA_PROVIDER, name="Ed Old")
    edit_url = _user_actions(client, colleague)["Change"]
    soup = page(client.get(edit_url))
    assert soup.select_one("#name")["value"] == "Ed Old"
    assert soup.select_one("input[name=role][value=data_provider]").has_attr("checked")

    response = submit_form(client, edit_url, {"name": " Ed New ", "role": "data_coordinator"})
    assert response.headers["Location"] == "/manage-users/"
    db.session.refresh(colleague)
    assert (colleague.name, colleague.role) == ("Ed New", "data_coordinator")
    assert "Ed New’s details have been saved." in page(client.get("/manage-users/")).get_text()


def test_changing_a_user_is_validated(client, make_user):
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    colleague = make_user(Role.DATA_PROVIDER, name="Fay")
    url = f"/manage-users/{colleague.id}/edit"
    for data, errors in (
        ({"name": "", "role": "data_provider"}, ["Enter the user’s full name"]),
        ({"name": "Fay", "role": "support"}, ["Select a role"]),
        ({"name": "Fay", "role": "applicant"}, ["Select a role"]),
        ({"name": "x" * 256, "role": "data_provider"}, ["Name must be 255 characters or fewer"]),
    ):
        response = submit_form(client, url, data)
        assert response.status_code == 200
        assert error_summary(page(response)) == errors, data
    db.session.refresh(colleague)
    assert (colleague.name, colleague.role) == ("Fay", "data_provider")


def test_support_changes_any_staff_name_and_organisation_roles_only(
    client, make_user, other_organisation
):
    sign_in(client, make_user(Role.SUPPORT))
    outsider = make_user(Role.DATA_COORDINATOR, org=other_organisation)
    response = submit_form(
        client, f"/manage-users/{outsider.id}/edit", {"name": "Gil", "role": "data_provider"}
    )
    assert response.status_code == 302
    db.session.refresh(outsider)
    assert (outsider.name, outsider.role) == ("Gil", "data_provider")

    other_support = make_user(Role.SUPPORT, name="Hal")
    soup = page(client.get(f"/manage-users/{other_support.id}/edit"))
    assert soup.select_one("input[name=role]") is None  # support staff keep their role
    submit_form(
        client, f"/manage-users/{other_support.id}/edit", {"name": "Hal B", "role": "data_provider"}
    )
    db.session.refresh(other_support)
    assert (other_support.name, other_support.role) == ("Hal B", "support")


def test_nobody_changes_themselves_another_organisation_or_an_applicant(
    client, make_user, other_organisation
):
    coordinator = make_user(Role.DATA_COORDINATOR)
    outsider = make_user(Role.DATA_PROVIDER, org=other_organisation)
    applicant = make_user(Role.APPLICANT)
    sign_in(client, coordinator)
    token = csrf_token_from(client.get("/manage-users/"))
    for target in (coordinator, outsider, applicant):
        for url in (f"/manage-users/{target.id}/edit", f"/manage-users/{target.id}/deactivate"):
            assert client.get(url).status_code == 404
        response = client.post(
            f"/manage-users/{target.id}/edit",
            data={"csrf_token": token, "name": "Changed", "role": "data_coordinator"},
        )
        assert response.status_code == 404
        db.session.refresh(target)
        assert target.name != "Changed"


def test_providers_cannot_change_users(client, make_user):
    colleague = make_user(Role.DATA_PROVIDER)
    sign_in(client, make_user(Role.DATA_PROVIDER))
    assert client.get(f"/manage-users/{colleague.id}/edit").status_code == 403
    assert client.get(f"/manage-users/{colleague.id}/deactivate").status_code == 403
