"""Managing an organisation's users: data coordinators for their own, support for all.

Every form here that succeeds redirects (post/redirect/get), so a reload or Back never sends
it again."""

from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_login import current_user

from app.accounts import limits, service
from app.accounts.access import roles_required
from app.accounts.forms import ChangeUserForm, InviteUserForm, add_field_error
from app.accounts.models import User
from app.accounts.roles import ORGANISATION_ROLES, Role
from app.accounts.service import AccountError, AlreadyManaged
from app.extensions import db

users = Blueprint("users", __name__, url_prefix="/manage-users")
users.register_error_handler(429, limits.too_many_attempts)

MANAGERS = (Role.DATA_COORDINATOR, Role.SUPPORT)
# Which invitation was just emailed, and whether it was sent again, for the page the redirect
# shows: "Invitation sent to …". The link itself is only ever in the email.
INVITATION_SENT_KEY = "invitation_sent"


def _managed_user(user_id: int) -> User:
    """A user the current user may manage; any other reads as not found."""
    user = db.session.get(User, user_id)
    if user is None or not service.can_manage(current_user, user):
        abort(404)
    return user


@users.get("/")
@roles_required(*MANAGERS)
def index():
    return render_template(
        "users/index.html",
        users=service.users_visible_to(current_user),
        can_manage=lambda user: service.can_manage(current_user, user),
        may_resend=lambda user: service.may_resend_invitation(current_user, user),
        invitation_expired=service.invitation_expired,
    )


@users.route("/invite", methods=["GET", "POST"])
@roles_required(Role.DATA_COORDINATOR)
@limits.account_exists_answers
def invite():
    form = InviteUserForm()
    already = None
    if form.validate_on_submit():
        try:
            user, _ = service.invite_user(
                current_user, form.email.data, form.name.data, form.role.data
            )
        except AccountError as error:
            limits.note_refusal(error)
            add_field_error(form, error.field or "email", error.message)
            if isinstance(error, AlreadyManaged):
                already = error.user
        else:
            return _invitation_sent(user)
    return render_template(
        "users/invite.html",
        form=form,
        already=already,
        may_resend=already is not None and service.may_resend_invitation(current_user, already),
    )


def _invitation_sent(user: User, again: bool = False):
    session[INVITATION_SENT_KEY] = {"user": user.id, "again": again}
    return redirect(url_for("users.invited", user_id=user.id))


@users.get("/<id:user_id>/invited")
@roles_required(*MANAGERS)
def invited(user_id: int):
    """An invitation not yet accepted: "Invitation sent to …" just after sending it, and
    whether it still works, with a way to send it again."""
    user = _managed_user(user_id)
    if user.has_accepted_invitation:
        flash(f"{user.name} has already accepted their invitation.", "important")
        return redirect(url_for("users.index"))
    sent = session.pop(INVITATION_SENT_KEY, None) or {}
    just_sent = sent.get("user") == user.id
    return render_template(
        "users/invited.html",
        user=user,
        just_sent=just_sent,
        sent_again=just_sent and sent.get("again", False),
        expired=service.invitation_expired(user),
        may_resend=service.may_resend_invitation(current_user, user),
    )


@users.post("/<id:user_id>/invitation")
@roles_required(*MANAGERS)
def resend_invitation(user_id: int):
    """Email a new invitation link; the old one stops working."""
    user = _managed_user(user_id)
    if not service.may_resend_invitation(current_user, user):
        return redirect(url_for("users.invited", user_id=user.id))
    service.renew_invitation(user)
    return _invitation_sent(user, again=True)


@users.route("/<id:user_id>/edit", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def edit(user_id: int):
    user = _managed_user(user_id)
    form = ChangeUserForm(data={"name": user.name, "role": user.role})
    if user.role_enum not in ORGANISATION_ROLES:
        del form.role  # support staff: their role is not one a coordinator gives
    if form.validate_on_submit():
        role = form.role.data if "role" in form else None
        try:
            service.change_user(current_user, user, form.name.data, role)
        except AccountError as error:
            add_field_error(form, error.field or "name", error.message)
        else:
            flash(f"{user.name}’s details have been saved.", "success")
            return redirect(url_for("users.index"))
    return render_template("users/edit.html", form=form, user=user)


@users.get("/<id:user_id>/deactivate")
@roles_required(*MANAGERS)
def confirm_deactivate(user_id: int):
    """ "Are you sure?" before deactivating: it signs the user out and revokes their tokens."""
    user = _managed_user(user_id)
    if not user.active:
        return redirect(url_for("users.index"))
    return render_template("users/deactivate.html", user=user)


STATUS_CHANGES = {
    "deactivate": (False, "{name} has been deactivated. They can no longer sign in."),
    "reactivate": (True, "{name} has been reactivated."),
}


@users.post("/<id:user_id>/<any(deactivate, reactivate):action>")
@roles_required(*MANAGERS)
def change_status(user_id: int, action: str):
    user = _managed_user(user_id)
    active, message = STATUS_CHANGES[action]
    service.set_active(current_user, user, active)
    flash(message.format(name=user.name), "success")
    return redirect(url_for("users.index"))
