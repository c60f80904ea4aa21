"""Managing an organisation's users: data coordinators for their own, support for all."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.accounts import limits, service
from app.accounts.access import roles_required
from app.accounts.forms import InviteUserForm, add_field_error
from app.accounts.models import User
from app.accounts.roles import Role
from app.accounts.service import AccountError
from app.extensions import db

users = Blueprint("users", __name__, url_prefix="/manage-users")
users.register_error_handler(429, limits.too_many_attempts)

MANAGERS = (Role.DATA_COORDINATOR, Role.SUPPORT)


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
    )


@users.route("/invite", methods=["GET", "POST"])
@roles_required(Role.DATA_COORDINATOR)
@limits.account_exists_answers
def invite():
    form = InviteUserForm()
    if form.validate_on_submit():
        try:
            user, secret = service.invite_user(
                current_user, form.email.data, form.name.data, form.role.data
            )
        except AccountError as error:
            limits.note_refusal(error)
            add_field_error(form, error.field or "email", error.message)
        else:
            link = url_for("accounts.accept_invitation", secret=secret, _external=True)
            return render_template("users/invited.html", user=user, link=link), 201
    return render_template("users/invite.html", form=form)


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
