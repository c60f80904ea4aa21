"""Pages for getting back in: "Forgot your password?", the reset link it emails, and the link
that unlocks an account locked by too many failed sign-ins. Every form that succeeds
redirects (post/redirect/get)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from app.accounts import email_links, limits, recovery, unlocking
from app.accounts.email_links import PASSWORD_RESET, UNLOCK, LinkProblem
from app.accounts.forms import ForgotPasswordForm, ResetPasswordForm, add_field_error
from app.accounts.link_problems import link_problem_page
from app.accounts.service import AccountError
from app.accounts.views import end_session, start_session

recovery_pages = Blueprint("recovery", __name__)
recovery_pages.register_error_handler(429, limits.too_many_reset_requests)

# The address last asked about, for "Check your email" after the redirect.
ASKED_KEY = "password_reset_asked_for"


@recovery_pages.route("/forgot-password", methods=["GET", "POST"])
@limits.password_reset_requests
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        recovery.ask_for_reset(form.email.data)
        session[ASKED_KEY] = form.email.data
        return redirect(url_for("recovery.check_your_email"))
    return render_template("accounts/forgot_password.html", form=form)


@recovery_pages.get("/forgot-password/check-your-email")
def check_your_email():
    """The same page whether or not an account has the address."""
    email = session.get(ASKED_KEY)
    if email is None:
        return redirect(url_for("recovery.forgot_password"))
    return render_template("accounts/check_your_email.html", email=email)


@recovery_pages.route("/reset-password/<secret>", methods=["GET", "POST"])
def reset_password(secret: str):
    """Opening the link shows the form; only saving a password uses it, so an email
    scanner that follows links cannot use it up."""
    try:
        link = email_links.check(PASSWORD_RESET, secret)
    except LinkProblem as problem:
        return link_problem_page(PASSWORD_RESET, problem)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = recovery.reset_password(link, form.password.data)
        except LinkProblem as problem:  # used by another request meanwhile
            return link_problem_page(PASSWORD_RESET, problem)
        except AccountError as error:
            add_field_error(form, error.field or "password", error.message)
        else:
            # Whoever was signed in on this browser, it is now this user, in a new sign-in.
            end_session()
            start_session(user)
            return redirect(url_for("recovery.password_reset"))
    return render_template("accounts/reset_password.html", form=form, email=link.email)


@recovery_pages.get("/reset-password/done")
@login_required
def password_reset():
    return render_template(
        "accounts/password_reset.html", kept_tokens=recovery.kept_api_tokens(current_user)
    )


@recovery_pages.route("/unlock/<secret>", methods=["GET", "POST"])
def unlock(secret: str):
    """The link in the "account locked" email. Opening it shows a button; pressing it unlocks
    the account."""
    try:
        link = email_links.check(UNLOCK, secret)
    except LinkProblem as problem:
        return link_problem_page(UNLOCK, problem)
    if request.method == "GET":
        return render_template("accounts/unlock.html")
    try:
        unlocking.unlock(link)
    except LinkProblem as problem:
        return link_problem_page(UNLOCK, problem)
    flash("Your account is unlocked. You can sign in now.", "success")
    return redirect(url_for("accounts.sign_in"))
