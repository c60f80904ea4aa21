"""Web pages for registering, signing in and out, and managing your own account and tokens."""

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import limits, service, token_form, tokens, user_sessions
from app.accounts.forms import (
    AcceptInvitationForm,
    RegisterForm,
    SignInForm,
    TokenForm,
    add_field_error,
)
from app.accounts.service import AccountError, SignInThrottled
from app.accounts.single_use import FormExpired
from app.formkit.access import DRAFTS_SESSION_KEY
from app.formkit.store import adopt_session_drafts
from app.safe_redirect import safe_next_url

accounts = Blueprint("accounts", __name__)
accounts.register_error_handler(429, limits.too_many_attempts)


def end_session() -> None:
    if current_user.is_authenticated:
        user_sessions.end(current_user.web_session)
    logout_user()
    session.clear()


def start_session(user) -> None:
    """Sign in a user who has just entered their password."""
    # A fresh session on sign-in, so an identifier planted before sign-in is worthless.
    drafts_secret = session.get(DRAFTS_SESSION_KEY)
    end_session()
    session.permanent = True
    user_sessions.begin(user)
    login_user(user)
    if drafts_secret:
        # Answers given while signed out become the account's drafts.
        adopt_session_drafts(user.id, drafts_secret)


@accounts.route("/register", methods=["GET", "POST"])
@limits.registration
@limits.account_exists_answers
def register():
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = service.register_applicant(form.name.data, form.email.data, form.password.data)
        except AccountError as error:
            limits.note_refusal(error)
            add_field_error(form, error.field or "email", error.message)
        else:
            start_session(user)
            flash("Your account has been created.", "success")
            return redirect(safe_next_url(request.args.get("next"), url_for("pages.home")))
    return render_template("accounts/register.html", form=form)


@accounts.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = service.sign_in(form.email.data, form.password.data, request.remote_addr or "")
        except AccountError as error:
            add_field_error(form, "email", error.message)
            status = 429 if isinstance(error, SignInThrottled) else 200
        else:
            start_session(user)
            return redirect(safe_next_url(request.args.get("next"), url_for("pages.home")))
    return render_template("accounts/sign_in.html", form=form), status


@accounts.route("/sign-out", methods=["GET", "POST"])
def sign_out():
    """Signing out is a POST with a CSRF token, so that no other site can sign anyone out;
    a GET only offers the button."""
    if request.method == "GET":
        if not current_user.is_authenticated:
            return redirect(url_for("accounts.sign_in"))
        return render_template("accounts/sign_out.html")
    end_session()
    flash("You have been signed out.", "success")
    return redirect(url_for("accounts.sign_in"))


FORM_EXPIRED_MESSAGE = "This page was open for too long. Create the token again"
ALREADY_CREATED_MESSAGE = (
    "The token ‘{name}’ has already been created by this form. Its value was shown once and "
    "cannot be shown again. If you did not copy it, revoke it and create a new token."
)


def _account_page(form: TokenForm, status: int = 200):
    if not form.form_key.data:
        form.form_key.data = token_form.new_form_key(current_user)
    return render_template(
        "accounts/account.html",
        form=form,
        user=current_user,
        ask_for_password=user_sessions.needs_password(current_user),
    ), status


@accounts.get("/account")
@login_required
def account():
    return _account_page(TokenForm())


def _token_already_created(name: str):
    """A "Create token" form sent again: nothing is made, and the account page says why."""
    flash(ALREADY_CREATED_MESSAGE.format(name=name), "important")
    return redirect(url_for("accounts.account"))


@accounts.post("/account/tokens")
@login_required
def create_token():
    """The token's value is shown once, in this answer, and never stored in the session or a
    redirect: so this is no post/redirect/get. The form is single-use instead (token_form.py):
    sent again, by a reload or Back and Forward, it makes no second token."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _account_page(form, 400)
    name = form.name.data.strip()
    try:
        key = token_form.form_key(current_user, form.form_key.data)
    except FormExpired:
        form.form_key.data = None  # a new one
        add_field_error(form, "name", FORM_EXPIRED_MESSAGE)
        return _account_page(form, 400)
    if token_form.already_created(current_user, key):
        return _token_already_created(name)
    # A token outlives the session, so whoever asks for one must know the password now.
    if user_sessions.needs_password(current_user):
        try:
            service.confirm_password(
                current_user, form.password.data or "", request.remote_addr or ""
            )
        except AccountError as error:
            add_field_error(form, "password", error.message)
            return _account_page(form, 429 if isinstance(error, SignInThrottled) else 400)
    try:
        token, value = token_form.create_token(current_user, name, key)
    except token_form.TokenAlreadyCreated:
        return _token_already_created(name)
    return render_template("accounts/token_created.html", token=token, value=value), 201


@accounts.post("/account/tokens/<id:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    if not tokens.revoke_token(current_user, token_id):
        abort(404)
    flash("The token has been revoked. It can no longer be used.", "success")
    return redirect(url_for("accounts.account"))


@accounts.route("/invitations/<secret>", methods=["GET", "POST"])
def accept_invitation(secret: str):
    user = service.user_for_invitation(secret)
    if user is None:
        invited, expired = service.invitation_state(secret)
        page = render_template("accounts/invitation_invalid.html", user=invited, expired=expired)
        return page, 410 if expired else 404
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            service.accept_invitation(user, form.password.data)
        except AccountError as error:
            add_field_error(form, error.field or "password", error.message)
        else:
            start_session(user)
            flash("Your password has been saved.", "success")
            return redirect(url_for("pages.home"))
    return render_template("accounts/accept_invitation.html", form=form, user=user)


@accounts.post("/session/keep-alive")
@login_required
def keep_alive():
    """ "Stay signed in" from the timeout warning: any request renews the session's cookie."""
    session.permanent = True
    session.modified = True
    return jsonify({"expiresInSeconds": user_sessions.seconds_left(current_user)})


@accounts.app_template_global()
def session_seconds_left() -> int:
    """For the timeout warning (components/session_timeout.html)."""
    return user_sessions.seconds_left(current_user)


# Only what was saved with a button is kept: text typed on the last page and not sent is lost.
TIMED_OUT_MESSAGE = (
    "You were signed out because you were inactive. We kept the answers you saved by "
    "pressing a button, such as ‘Save and continue’. Anything you typed after that was not saved."
)


@accounts.route("/session/timed-out", methods=["GET", "POST"])
def timed_out():
    """Where the timeout warning sends a user whose session has run out. The answers they saved
    with a button are kept, so signing in again takes them back to the page they were on.

    The warning's script POSTs here (with its CSRF token) just before the time runs out, to
    end the sign-in on the server, then GETs this page. A GET changes nothing: a session
    still live (kept alive in another tab, or another site linking here) stays signed in."""
    if request.method == "POST":
        end_session()
        return "", 204
    next_url = safe_next_url(request.args.get("next"), url_for("pages.home"))
    if current_user.is_authenticated:
        return redirect(next_url)
    flash(TIMED_OUT_MESSAGE)
    return redirect(url_for("accounts.sign_in", next=next_url))
