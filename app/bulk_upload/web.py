"""The staff pages: the format, the template and specification, the upload form, "Checking
your file", the error report, the soft-check confirmation and the two choices."""

from __future__ import annotations

from math import ceil

from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from app.bulk_upload import report, service
from app.bulk_upload.checking import SOFT
from app.bulk_upload.columns import VERSIONS, journey_for, specification, template_csv
from app.bulk_upload.models import DONE, FAILED, NEEDS_CONFIRMATION, BulkUpload
from app.bulk_upload.reading import LIMITS, MAX_FILE_BYTES, FileRefused
from app.case_logs.web import staff_only
from app.journeys.lettings_years import CollectionYear, current_year
from app.pagination import pagination_here, requested_page
from app.request_limits import body_limit

bulk_uploads = Blueprint("bulk_uploads", __name__, url_prefix="/logs/bulk-upload")
bulk_uploads.before_request(staff_only)

PROBLEMS_PER_PAGE = 50
# The form's own fields and multipart framing, on top of the file.
FORM_OVERHEAD = 64 * 1024
REFRESH_SECONDS = 3
NO_FILE = "Select a CSV or Excel file to upload"


def _upload_or_404(upload_id: int) -> BulkUpload:
    upload = service.find(current_user, upload_id)
    if upload is None:
        abort(404)
    return upload


def _requested_year() -> CollectionYear:
    """The collection year in `?year=2027/28`, the current year without one; 404 for a year
    that is not one."""
    label = request.args.get("year")
    if label is None:
        return current_year()
    try:
        return CollectionYear.parse(label)
    except ValueError:
        abort(404)


@bulk_uploads.get("/")
def start():
    return render_template("bulk_upload/start.html", limits=LIMITS, years=VERSIONS.years_offered())


@bulk_uploads.get("/template.csv")
def template():
    year = _requested_year()
    response = Response(template_csv(journey_for(year)), mimetype="text/csv")
    name = f"lettings-logs-{year.label.replace('/', '-')}-template.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bulk_uploads.get("/specification")
def spec():
    year = _requested_year()
    return render_template(
        "bulk_upload/specification.html",
        columns=specification(journey_for(year)),
        year=year,
        years=VERSIONS.years_offered(),
    )


@bulk_uploads.route("/upload", methods=["GET", "POST"])
@body_limit(MAX_FILE_BYTES + FORM_OVERHEAD)
def upload_form():
    error = None
    years = VERSIONS.years_offered()
    chosen = request.form.get("collection_year", "")
    if request.method == "POST":
        file = request.files.get("file")
        year = next((y for y in years if y.label == chosen), None)
        if file is None or not file.filename:
            error = NO_FILE
        elif chosen and year is None:
            error = "Select a collection year from the list"
        else:
            try:
                content = file.read(MAX_FILE_BYTES + 1)
                upload = service.start(current_user, file.filename, content, year)
            except FileRefused as refused:
                error = refused.message
            else:
                return redirect(url_for(".show", upload_id=upload.id))
    status = 400 if error else 200
    return render_template(
        "bulk_upload/upload.html", error=error, limits=LIMITS, years=years, chosen=chosen
    ), status


@bulk_uploads.get("/<id:upload_id>")
def show(upload_id: int):
    upload = _upload_or_404(upload_id)
    if upload.status == DONE:
        return render_template("bulk_upload/done.html", upload=upload)
    if upload.status == FAILED:
        return render_template("bulk_upload/failed.html", upload=upload)
    if upload.status != NEEDS_CONFIRMATION or upload.decision is not None:
        return render_template(
            "bulk_upload/checking.html", upload=upload, refresh_seconds=REFRESH_SECONDS
        )
    if upload.rows_with_errors:
        return _error_report(upload)
    return render_template(
        "bulk_upload/confirm.html", upload=upload, checks=report.soft_check_summary(upload)
    )


def _error_report(upload: BulkUpload):
    found = list(report.problems(upload))
    pages = max(1, ceil(len(found) / PROBLEMS_PER_PAGE))
    page = requested_page(pages)
    shown = found[(page - 1) * PROBLEMS_PER_PAGE : page * PROBLEMS_PER_PAGE]
    return render_template(
        "bulk_upload/errors.html",
        upload=upload,
        summary=report.summary(upload),
        problems=[{**p, "cell": report.cell_name(p)} for p in shown],
        total_problems=len(found),
        has_soft_checks=any(p["kind"] == SOFT for p in found),
        pagination=pagination_here(page, pages),
    )


@bulk_uploads.get("/<id:upload_id>/errors.csv")
def errors_csv(upload_id: int):
    return report.csv_report(_upload_or_404(upload_id))


@bulk_uploads.post("/<id:upload_id>/create")
def create(upload_id: int):
    upload = _upload_or_404(upload_id)
    service.create_logs(upload)  # a second press changes nothing
    return redirect(url_for(".show", upload_id=upload.id))
