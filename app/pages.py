"""The home page and the service's information pages: cookies, accessibility, privacy."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.case_logs.access import is_staff
from app.cookie_preferences import read_preferences, save_preferences
from app.safe_redirect import safe_next_url

pages = Blueprint("pages", __name__)


@pages.get("/")
def home():
    if is_staff(current_user):
        # Housing staff start from their organisation's logs.
        return redirect(url_for("logs.index"))
    if current_user.is_authenticated:
        # Applicants start from their applications: drafts to continue, and any returned.
        return redirect(url_for("applications.index"))
    return render_template("pages/home.html")


@pages.route("/cookies", methods=["GET", "POST"])
def cookies():
    if request.method == "POST":
        choice = request.form.get("analytics")
        if choice not in ("yes", "no"):
            return render_template(
                "pages/cookies.html", preferences=read_preferences(), choice_error=True
            ), 400
        accepted = choice == "yes"
        if request.form.get("from_banner"):
            flash(f"You’ve {'accepted' if accepted else 'rejected'} analytics cookies.", "cookies")
            response = redirect(safe_next_url(request.form.get("next"), url_for("pages.home")))
        else:
            flash("You’ve set your cookie preferences.", "success")
            response = redirect(url_for("pages.cookies"))
        save_preferences(response, accepted)
        return response
    return render_template("pages/cookies.html", preferences=read_preferences())


@pages.get("/accessibility-statement")
def accessibility():
    return render_template("pages/accessibility.html")


@pages.get("/privacy-notice")
def privacy():
    return render_template("pages/privacy.html")
