"""One allowance, per client address, for applications from people who are not signed in.

A signed-out application is stored on our server whoever sends it, so both ways in count
against `PORTAL_SUBMISSIONS_LIMIT` together: a whole application sent to the portal API, and
an application started on the web (which is where every web submission begins).
"""

from __future__ import annotations

from flask import current_app, request
from flask_login import current_user

from app.extensions import limiter
from app.too_many_requests import error_handler

TOO_MANY_SUBMISSIONS = "Too many applications have been sent from your connection. Try again later"
_SCOPE = "signed-out-applications"


def _limit() -> str:
    return current_app.config["PORTAL_SUBMISSIONS_LIMIT"]


# The portal API's signed-out submission (no one is signed in to an API without a token).
signed_out_submission = limiter.shared_limit(
    _limit, scope=_SCOPE, error_message=TOO_MANY_SUBMISSIONS
)


def _not_a_signed_out_start() -> bool:
    return current_user.is_authenticated or request.endpoint != "applications.new"


# For the web journey's blueprint: only "Apply" pressed while signed out counts.
signed_out_start = limiter.shared_limit(
    _limit,
    scope=_SCOPE,
    methods=["POST"],
    exempt_when=_not_a_signed_out_start,
    error_message=TOO_MANY_SUBMISSIONS,
)

too_many_applications = error_handler(
    "Sorry, too many applications have been started from your connection"
)
