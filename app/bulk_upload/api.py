"""POST /case_logs/bulk and its job: for housing-management systems that post files directly.

The file is the body: `text/csv`, or an Excel workbook with its media type. The answer is 202
with the job's Location; GET there gives its status, counts and errors; POST …/confirm accepts
the soft checks (and, where rows have errors, creates the good rows' logs and in-progress logs
for the others), as the web's "Create the logs" does.
"""

from __future__ import annotations

import re

from flask import g, jsonify, request

from app.api.auth import staff_tokens_only
from app.api.openapi_operations import (
    STAFF_API_ERRORS,
    ApiDocs,
    answer,
    error,
    path_parameter,
    query,
)
from app.api.openapi_schemas import ID
from app.api.responses import api_blueprint, error_response, refuse_unless_json_accepted
from app.bulk_upload import report, service
from app.bulk_upload.api_schemas import bulk_upload_components
from app.bulk_upload.models import BulkUpload
from app.bulk_upload.reading import LIMITS, MAX_FILE_BYTES, MEDIA_TYPES, XLSX_TYPE, FileRefused
from app.journeys.lettings_years import CollectionYear
from app.request_limits import body_limit

bulk_api = api_blueprint("bulk_upload_api", __name__, url_prefix="/case_logs/bulk")
bulk_api.before_request(refuse_unless_json_accepted)
staff_tokens_only(bulk_api, "case logs API")

WRONG_TYPE = (
    "Send the file as the body, with Content-Type text/csv, or "
    f"{XLSX_TYPE} for an Excel workbook ({LIMITS})"
)
_FILE_NAME = re.compile(r'filename="?([^";]+)"?')

docs = ApiDocs("Case logs", schemas=bulk_upload_components)
UPLOAD_ID = path_parameter("upload_id", ID, "The bulk upload's id")
NOT_FOUND = error("No bulk upload with this id, or not one of your organisation's")
STARTED = answer(
    "The job is queued", "Bulk-Upload-Job", Location="The job's path: /case_logs/bulk/<id>"
)


def job_json(upload: BulkUpload) -> dict:
    body = {
        "id": upload.id,
        "status": upload.status,
        "file_name": upload.file_name,
        "collection_year": upload.collection_year,
        "counts": {
            "rows": upload.total_rows,
            "checked": upload.rows_checked,
            "with_errors": upload.rows_with_errors,
            "with_soft_checks": upload.rows_with_soft_checks,
            "logs_created": upload.logs_created,
        },
        "errors": [report.as_json(problem) for problem in report.problems(upload)],
    }
    if upload.failure:
        failure = {"row": None, "column": None, "field": None, "message": upload.failure}
        body["errors"].insert(0, {**failure, "kind": "file"})
    return body


def accepted(upload: BulkUpload):
    response = jsonify(job_json(upload))
    response.status_code = 202
    response.headers["Location"] = f"/case_logs/bulk/{upload.id}"
    return response


def not_found(upload_id: int):
    return error_response(404, f"Bulk upload {upload_id} not found")


@bulk_api.post("")
@docs.operation(
    "upload-case-logs",
    "Upload a file of case logs (CSV or Excel) to check and create",
    {
        202: STARTED,
        400: error("collection_year is not a collection year such as 2027/28"),
        413: error(f"The file is too large: {LIMITS}"),
        415: error("The body is not text/csv or an Excel workbook"),
        422: error(
            "The file cannot be read as a whole: empty, only headers, too many rows, unknown "
            "columns, logs of two collection years or of a closed one, or not CSV UTF-8, "
            "Windows-1252 or .xlsx"
        ),
        **STAFF_API_ERRORS,
    },
    parameters=[
        query(
            "collection_year",
            {"type": "string", "pattern": "^[0-9]{4}/[0-9]{2}$", "examples": ["2027/28"]},
            "The collection year of the file's logs. Without it, the year of their tenancy "
            "start dates, or else the current year",
        )
    ],
    request={
        "description": f"The file, one row per log, {LIMITS}",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            XLSX_TYPE: {"schema": {"type": "string", "contentMediaType": XLSX_TYPE}},
        },
    },
    description=(
        "The header row names each column by its field, as in the template "
        "(`GET /logs/bulk-upload/template.csv?year=2027/28`). A file holds the logs of one "
        "collection year, with that year's columns: a file whose tenancy start dates are in two "
        "years is refused. Every row is checked as `POST /case_logs` checks a body. Poll the "
        "`Location` for the result."
    ),
)
@body_limit(MAX_FILE_BYTES)
def upload_file():
    if request.mimetype not in MEDIA_TYPES:
        return error_response(415, WRONG_TYPE)
    year = None
    if "collection_year" in request.args:
        try:
            year = CollectionYear.parse(request.args["collection_year"])
        except ValueError as problem:
            return error_response(400, f"collection_year: {problem}")
    extension = "xlsx" if request.mimetype == XLSX_TYPE else "csv"
    match = _FILE_NAME.search(request.headers.get("Content-Disposition", ""))
    file_name = match.group(1).strip() if match else f"upload.{extension}"
    try:
        upload = service.start(g.api_user, file_name, request.get_data(), year)
    except FileRefused as refused:
        return error_response(422, refused.message)
    return accepted(upload)


@bulk_api.get("/<id:upload_id>")
@docs.operation(
    "get-case-log-upload",
    "The job's status, counts and errors",
    {200: answer("The job", "Bulk-Upload-Job"), 404: NOT_FOUND, **STAFF_API_ERRORS},
    parameters=[UPLOAD_ID],
    description=(
        "`queued` or `checking`: still running. `needs_confirmation`: some rows have errors or "
        "soft checks, and nothing is created until you confirm. `done`: the logs are created. "
        "`failed`: the file could not be read."
    ),
)
def status(upload_id: int):
    upload = service.find(g.api_user, upload_id)
    if upload is None:
        return not_found(upload_id)
    return jsonify(job_json(upload))


@bulk_api.post("/<id:upload_id>/confirm")
@docs.operation(
    "confirm-case-log-upload",
    "Accept the soft checks and create the logs",
    {
        202: STARTED,
        404: NOT_FOUND,
        409: error("The job is not waiting for confirmation"),
        **STAFF_API_ERRORS,
    },
    parameters=[UPLOAD_ID],
    description=(
        "Rows without errors become logs, completed or in progress as the API would say; rows "
        "with errors become in-progress logs holding every valid answer; duplicates are never "
        "created."
    ),
)
def confirm(upload_id: int):
    upload = service.find(g.api_user, upload_id)
    if upload is None:
        return not_found(upload_id)
    if not service.create_logs(upload):
        return error_response(409, f"{service.NOT_WAITING} (its status is {upload.status})")
    return accepted(upload)
