"""The /case_logs API, with the paths, shapes and messages of the seed contract."""

from __future__ import annotations

from flask import g, jsonify, request
from sqlalchemy import delete, func, select

from app.api.auth import staff_tokens_only
from app.api.idempotency import idempotent
from app.api.openapi_operations import (
    STAFF_API_ERRORS,
    ApiDocs,
    answer,
    body,
    error,
    path_parameter,
    query,
)
from app.api.openapi_schemas import ID, ref
from app.api.responses import (
    api_blueprint,
    error_response,
    refuse_unless_json_accepted,
    validation_failed,
)
from app.case_logs import collection_years
from app.case_logs.access import DELETE_REFUSED, OrganisationAccess
from app.case_logs.api_schemas import case_log_components
from app.extensions import db
from app.formkit import outputs, record_versions, store
from app.formkit.api import new_record_answers, read_payload, update_record
from app.formkit.models import FormRecord
from app.formkit.validation import PayloadNotObject
from app.journeys.lettings_log import LETTINGS_LOG_VERSIONS
from app.journeys.lettings_years import current_year, year_of_log, years_listed
from app.pagination import parse_whole_number

case_logs_api = api_blueprint("case_logs_api", __name__, url_prefix="/case_logs")
access = OrganisationAccess()
MAX_PAGE_SIZE = 100
# Pages beyond this would skip more rows than a database offset can hold.
MAX_PAGE = 2**31 - 1

docs = ApiDocs("Case logs", schemas=case_log_components)
CASE_LOG_ID = path_parameter("log_id", ID, "The case log's id")
CASE_LOG_NOT_FOUND = error("No case log with this id, or not one of your organisation's")


def log_json(record: FormRecord) -> dict:
    journey = record_versions.journey_of(LETTINGS_LOG_VERSIONS, record)
    body = {
        "id": record.id,
        # Until every applicable question is answered a log is in progress, even when empty.
        "status": "in_progress" if record.status == "not_started" else record.status,
        "collection_year": year_of_log(record.answers).label,
        **outputs.to_json(journey, record.answers),
        "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
    }
    # Unusual answers never block an API client, which cannot be interrupted to confirm them.
    if warnings := outputs.warnings(journey, record.answers):
        body["warnings"] = warnings
    return body


def not_found(log_id: int):
    return error_response(404, f"Case Log {log_id} not found")


def locked(log_id: int):
    return error_response(409, f"Case Log {log_id} has been submitted and can no longer be changed")


case_logs_api.before_request(refuse_unless_json_accepted)
staff_tokens_only(case_logs_api, "case logs API")


def _load(log_id: int) -> FormRecord | None:
    return db.session.scalar(
        select(FormRecord).where(
            FormRecord.id == log_id,
            FormRecord.journey == LETTINGS_LOG_VERSIONS.id,
            access.visible(g.api_user),
        )
    )


@case_logs_api.post("")
@docs.operation(
    "create-case-log",
    "Create a case log",
    {
        201: answer("The case log was created", "Case-Log", Location="The new log's path"),
        400: error("The body is not a JSON object"),
        422: error("Some answers are not valid", "ValidationErrors"),
        **STAFF_API_ERRORS,
    },
    request=body(ref("Case-Log-Answers"), "Any answers of the case log"),
    idempotent=True,
)
@idempotent
def create():
    try:
        journey, outcome = new_record_answers(LETTINGS_LOG_VERSIONS, read_payload())
    except PayloadNotObject as problem:
        return error_response(400, str(problem))
    if not outcome.ok:
        return validation_failed(outcome.errors)
    record = store.create_record(journey, outcome.answers, **access.new_record_owner(g.api_user))
    response = jsonify(log_json(record))
    response.status_code = 201
    response.headers["Location"] = f"/case_logs/{record.id}"
    return response


@case_logs_api.get("/<id:log_id>")
@docs.operation(
    "get-case-log",
    "Read a case log",
    {200: answer("The case log", "Case-Log"), 404: CASE_LOG_NOT_FOUND, **STAFF_API_ERRORS},
    parameters=[CASE_LOG_ID],
)
def read(log_id: int):
    record = _load(log_id)
    if record is None:
        return not_found(log_id)
    return jsonify(log_json(record))


@case_logs_api.patch("/<id:log_id>")
@docs.operation(
    "update-case-log",
    "Change some answers of a case log",
    {
        200: answer("The changed case log", "Case-Log"),
        400: error("The body is not a JSON object"),
        404: CASE_LOG_NOT_FOUND,
        409: error("The log has been submitted, or was changed at the same time"),
        422: error("Some answers are not valid", "ValidationErrors"),
        **STAFF_API_ERRORS,
    },
    parameters=[CASE_LOG_ID],
    request=body(ref("Case-Log-Answers"), "The answers to change"),
)
def update(log_id: int):
    record = _load(log_id)
    if record is None:
        return not_found(log_id)
    if record.is_locked:
        return locked(log_id)
    if reason := LETTINGS_LOG_VERSIONS.read_only_because(record.answers):
        return error_response(409, reason)
    try:
        outcome = update_record(LETTINGS_LOG_VERSIONS, record, read_payload(), record.version)
    except PayloadNotObject as problem:
        return error_response(400, str(problem))
    except store.RecordLocked:
        return locked(log_id)
    except store.StaleVersion:
        return error_response(409, f"Case Log {log_id} was changed by someone else: try again")
    if not outcome.ok:
        return validation_failed(outcome.errors)
    return jsonify(log_json(record))


@case_logs_api.delete("/<id:log_id>")
@docs.operation(
    "delete-case-log",
    "Delete a case log that has not been submitted: a data provider only one they created",
    {
        204: answer("The case log was deleted"),
        404: CASE_LOG_NOT_FOUND,
        409: error("The log has been submitted"),
        **STAFF_API_ERRORS,
        403: error(
            "Not a member of staff, or a data provider deleting a log they did not "
            "create (only data coordinators and support staff may)"
        ),
    },
    parameters=[CASE_LOG_ID],
)
def remove(log_id: int):
    record = _load(log_id)
    if record is None:
        return not_found(log_id)
    if not access.may_delete(g.api_user, record):
        return error_response(403, DELETE_REFUSED)
    deleted = db.session.execute(
        delete(FormRecord)
        .where(FormRecord.id == log_id, FormRecord.status != "submitted")
        .execution_options(synchronize_session=False)
    )
    if deleted.rowcount != 1:
        db.session.rollback()
        return locked(log_id)
    db.session.commit()
    return "", 204


def _positive_int(name: str, default: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    number = parse_whole_number(raw, 1, maximum)
    if number is None:
        raise ValueError(f"{name} must be a whole number of at least 1 and at most {maximum}")
    return number


@case_logs_api.get("")
@docs.operation(
    "list-case-logs",
    "List case logs, most recently changed first",
    {
        200: answer("A page of case logs", "Case-Log-Page"),
        400: error("A paging parameter is not a whole number in range, or a year not a year"),
        **STAFF_API_ERRORS,
    },
    parameters=[
        query(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            "Page number, from 1",
        ),
        query(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            "Logs per page (20 unless given)",
        ),
        query(
            "status",
            {"enum": ["in_progress", "completed", "submitted"]},
            "Only logs with this status",
        ),
        query(
            "collection_year",
            {"type": "string", "pattern": "^[0-9]{4}/[0-9]{2}$", "examples": ["2027/28"]},
            "Only logs of this collection year (by tenancy start date; logs without one are "
            "of the current year)",
        ),
    ],
)
def index():
    try:
        page = _positive_int("page", 1, MAX_PAGE)
        page_size = _positive_int("page_size", 20, MAX_PAGE_SIZE)
        year = collection_years.requested_year(request.args, "collection_year")
    except ValueError as problem:
        return error_response(400, str(problem))
    status = request.args.get("status")
    filters = [FormRecord.journey == LETTINGS_LOG_VERSIONS.id, access.visible(g.api_user)]
    if status:
        statuses = {"in_progress": ("in_progress", "not_started")}.get(status, (status,))
        filters.append(FormRecord.status.in_(statuses))
    if year is not None:
        filters.append(collection_years.in_year(year))
    total = db.session.scalar(select(func.count()).select_from(FormRecord).where(*filters))
    records = db.session.scalars(
        select(FormRecord)
        .where(*filters)
        .order_by(FormRecord.updated_at.desc(), FormRecord.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    return jsonify(
        {
            "data": [log_json(record) for record in records],
            "metadata": {"page": page, "page_size": page_size, "total": total},
        }
    )


@case_logs_api.get("/collection_years")
@docs.operation(
    "list-collection-years",
    "The lettings collection years, and which are open",
    {200: answer("The collection years", "Collection-Years"), **STAFF_API_ERRORS},
    description=(
        "A log belongs to the collection year (1 April to 31 March) of its tenancy start date. "
        "Logs of an open year may be created and changed; a log of a closed year is read-only "
        "(409), and a tenancy start date in a closed year is refused (422)."
    ),
)
def list_collection_years():
    return jsonify({"current": current_year().label, "data": years_listed(LETTINGS_LOG_VERSIONS)})
