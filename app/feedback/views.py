"""The feedback page the phase banner and confirmation pages link to, and the page where
support staff read what people wrote."""

from __future__ import annotations

from math import ceil

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from sqlalchemy import func, select

from app.accounts.access import roles_required
from app.accounts.roles import Role
from app.extensions import db, limiter
from app.feedback.forms import FeedbackForm
from app.feedback.models import MAX_PATH, Feedback
from app.pagination import pagination_here, requested_page
from app.safe_redirect import safe_next_url
from app.templating import govuk_time
from app.too_many_requests import error_handler

PAGE_SIZE = 20
TOO_MUCH_FEEDBACK = "You have sent a lot of feedback in a short time. Try again later"

feedback = Blueprint("feedback", __name__, url_prefix="/feedback")
feedback.register_error_handler(429, error_handler("Sorry, you have sent too much feedback"))


def _feedback_limit() -> str:
    return current_app.config["FEEDBACK_LIMIT"]


def _page_it_was_about(value: str | None) -> str | None:
    """A path on this service, or nothing: never another site's address."""
    path = safe_next_url(value, "")
    return path[:MAX_PATH] or None


@feedback.route("/", methods=["GET", "POST"])
@limiter.limit(_feedback_limit, scope="feedback", methods=["POST"], error_message=TOO_MUCH_FEEDBACK)
def give():
    """`?from=` names the page the link was on; the form posts back to this same address."""
    form = FeedbackForm()
    if form.validate_on_submit():
        db.session.add(
            Feedback(
                text=form.text.data,
                email=form.email.data or None,
                came_from=_page_it_was_about(request.args.get("from")),
            )
        )
        db.session.commit()
        return redirect(url_for("feedback.thanks"), code=303)
    return render_template("feedback/give.html", form=form)


@feedback.get("/thank-you")
def thanks():
    return render_template("feedback/thanks.html")


@feedback.get("/received")
@roles_required(Role.SUPPORT)
def received():
    """Support staff only: everything people wrote, newest first."""
    total = db.session.scalar(select(func.count()).select_from(Feedback))
    pages = max(1, ceil(total / PAGE_SIZE))
    page = requested_page(pages)
    items = db.session.scalars(
        select(Feedback)
        .order_by(Feedback.created_at.desc(), Feedback.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return render_template(
        "feedback/received.html",
        items=items,
        total=total,
        pagination=pagination_here(page, pages),
        uk_time=govuk_time,
    )
