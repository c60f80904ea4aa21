"""The page an emailed link opens when it cannot be used: it says whether the link has
expired, was used already or does not work (altered, or never made), and how to get a new
one. Never a 500, and the status says which: 404 for no such link, 410 for one that is
over."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template, url_for

from app.accounts import email_links
from app.accounts.email_links import LinkProblem


@dataclass(frozen=True)
class NextStep:
    what: str  # "to reset your password": what the link was for
    advice: str  # what to do now
    action_text: str
    endpoint: str


NEXT_STEPS = {
    email_links.PASSWORD_RESET: NextStep(
        "to reset your password",
        "A link to reset your password works once, for 1 hour. You can ask for a new one.",
        "Ask for a new link",
        "recovery.forgot_password",
    ),
    email_links.EMAIL_CONFIRMATION: NextStep(
        "to confirm your email address",
        "You can send yourself a new link from your account page.",
        "Go to your account",
        "accounts.account",
    ),
    email_links.EMAIL_CHANGE: NextStep(
        "to confirm your new email address",
        "Your email address has not been changed by this link. You can ask to change it again.",
        "Change your email address",
        "account_settings.change_email",
    ),
    email_links.UNLOCK: NextStep(
        "to unlock your account",
        "You can wait 15 minutes and sign in again, or reset your password now.",
        "Reset your password",
        "recovery.forgot_password",
    ),
    email_links.CLAIM_APPLICATION: NextStep(
        "to add your application to your account",
        "If you have added it already, it is under ‘Your applications’ when you sign in. "
        "If not, contact the housing provider you applied to.",
        "Go to your applications",
        "applications.index",
    ),
}
KIND_WORDS = {
    email_links.UNKNOWN: "does not work",
    email_links.EXPIRED: "has expired",
    email_links.USED: "has already been used",
}


def link_problem_page(purpose: str, problem: LinkProblem):
    step = NEXT_STEPS[purpose]
    heading = f"This link {step.what} {KIND_WORDS[problem.kind]}"
    status = 404 if problem.kind == email_links.UNKNOWN else 410
    return render_template(
        "accounts/link_problem.html",
        heading=heading,
        unknown=problem.kind == email_links.UNKNOWN,
        advice=step.advice,
        action_text=step.action_text,
        action_href=url_for(step.endpoint),
    ), status
