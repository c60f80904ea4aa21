"""Support staff's page of failed background jobs, each kind under its own heading, with a
"Try again" button for each."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from app.accounts.access import roles_required
from app.accounts.roles import Role
from app.extensions import db
from app.jobs.kinds import job_kinds

# The most of each kind listed: the oldest of a long list are the least likely to matter.
SHOWN_PER_KIND = 100

failed_jobs = Blueprint("failed_jobs", __name__, url_prefix="/support/failed-jobs")


@failed_jobs.get("/")
@roles_required(Role.SUPPORT)
def index():
    kinds = [
        {"kind": kind, "count": kind.count_failed(), "jobs": kind.failed(SHOWN_PER_KIND)}
        for kind in job_kinds().values()
    ]
    return render_template("jobs/failed.html", kinds=kinds, shown_per_kind=SHOWN_PER_KIND)


@failed_jobs.post("/<kind_name>/<job_id>/try-again")
@roles_required(Role.SUPPORT)
def try_again(kind_name: str, job_id: str):
    kind = job_kinds().get(kind_name)
    if kind is None:
        abort(404)
    if kind.try_again(job_id):
        db.session.commit()
        flash("It will be tried again shortly.", "success")
    else:
        # Tried again already (by someone else, or a double click), or no such job.
        db.session.rollback()
        flash("That job is no longer failed: it has been tried again already.", "important")
    return redirect(url_for("failed_jobs.index"), code=303)
