"""Pages for changing your own password and email address, and for confirming an address
by the link emailed to it. Every form that succeeds redirects (post/redirect/get)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from app.accounts import confirmation, email_change, email_links, limits, recovery
from app.accounts.email_links import EMAIL_CHANGE, EMAIL_CONFIRMATION, LinkProblem
from app.accounts.forms import ChangeEmailForm, ChangePasswordForm, add_field_error
from app.accounts.link_problems import link_problem_page
from app.accounts.service import AccountError, SignInThrottled
from app.too_many_requests import error_handler

account_settings = Blueprint("account_settings", __name__)
account_settings.register_error_handler(
    429, error_handler("Sorry, there have been too many attempts")
)

# The new address asked for, for "Check your email" after the redirect.
NEW_EMAIL_KEY = "email_change_asked_for"


def _ip() -> str:
    return request.remote_addr or ""


@account_settings.route("/account/change-password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    status = 200
    if form.validate_on_submit():
        try:
            recovery.change_password(
                current_user, form.current_password.data or "", form.password.data, _ip()
            )
        except AccountError as error:
            add_field_error(form, error.field or "password", error.message)
            status = 429 if isinstance(error, SignInThrottled) else 400
        else:
            flash(
                "Your password has been changed. You have been signed out everywhere else.",
                "success",
            )
            return redirect(url_for("accounts.account"))
    elif form.is_submitted():
        status = 400
    return render_template("accounts/change_password.html", form=form), status


@account_settings.route("/account/change-email", methods=["GET", "POST"])
@login_required
@limits.account_exists_answers
def change_email():
    form = ChangeEmailForm()
    status = 200
    if form.validate_on_submit():
        try:
            new_email = email_change.ask_to_change(
                current_user, form.email.data, form.password.data, _ip()
            )
        except AccountError as error:
            limits.note_refusal(error)
            add_field_error(form, error.field or "email", error.message)
            status = 429 if isinstance(error, SignInThrottled) else 400
        else:
            session[NEW_EMAIL_KEY] = new_email
            return redirect(url_for("account_settings.change_email_sent"))
    elif form.is_submitted():
        status = 400
    return render_template("accounts/change_email.html", form=form), status


@account_settings.get("/account/change-email/check-your-email")
@login_required
def change_email_sent():
    new_email = session.get(NEW_EMAIL_KEY)
    if new_email is None:
        return redirect(url_for("account_settings.change_email"))
    return render_template("accounts/change_email_sent.html", new_email=new_email)


@account_settings.route("/change-email/<secret>", methods=["GET", "POST"])
def change_email_confirmed(secret: str):
    """The link sent to the new address. Opening it shows a button; pressing it changes the
    address. It works signed in or not: the link is the proof."""
    try:
        link = email_links.check(EMAIL_CHANGE, secret)
    except LinkProblem as problem:
        return link_problem_page(EMAIL_CHANGE, problem)
    if request.method == "GET":
        return render_template("accounts/confirm_email_change.html", new_email=link.email)
    try:
        user, _ = email_change.confirm_change(link)
    except LinkProblem as problem:
        return link_problem_page(EMAIL_CHANGE, problem)
    except email_change.EmailInUse:
        return render_template("accounts/email_taken_meanwhile.html"), 409
    flash(f"Your email address has been changed to {user.email}.", "success")
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(url_for("accounts.account"))
    return redirect(url_for("accounts.sign_in"))


@account_settings.post("/account/confirm-email")
@login_required
def send_confirmation_again():
    if current_user.email_confirmed_at is not None:
        flash("Your email address is already confirmed.", "success")
    else:
        try:
            confirmation.send_link_again(current_user)
        except confirmation.TooManyLinks:
            flash(
                "We have sent you several links in the last hour. Check your email, including "
                "your spam or junk folder, or try again later.",
                "important",
            )
        else:
            flash(f"We have sent a link to {current_user.email}. It works for 7 days.", "success")
    return redirect(url_for("accounts.account"))


@account_settings.get("/confirm-email/<secret>")
def confirm_email(secret: str):
    """The link sent to a new applicant. Opening it confirms the address: doing so twice, or
    by an email scanner, does no harm."""
    try:
        link = email_links.check(EMAIL_CONFIRMATION, secret)
    except LinkProblem as problem:
        if _already_confirmed(problem):
            return render_template("accounts/email_confirmed.html")
        return link_problem_page(EMAIL_CONFIRMATION, problem)
    try:
        confirmation.confirm(link)
    except LinkProblem as problem:
        if not _already_confirmed(problem):
            return link_problem_page(EMAIL_CONFIRMATION, problem)
    return render_template("accounts/email_confirmed.html")


def _already_confirmed(problem: LinkProblem) -> bool:
    """A used link whose address is confirmed: opened again, it did its work."""
    link = problem.link
    return (
        problem.kind == email_links.USED
        and link is not None
        and link.user is not None
        and link.user.email == link.email
        and link.user.email_confirmed_at is not None
    )
