"""The portal API for shared-ownership applications, with the seed's paths and shapes.

Validation failures are `422 {"message": ..., "errors": {"applicants.0.dateOfBirth": [...]}}`,
keys being dotted paths into the request. Other errors are `{"error": message}`.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, g, jsonify, request
from sqlalchemy import select

from app.accounts import limits as account_limits
from app.accounts import service as accounts
from app.accounts.service import AccountError, SignInThrottled
from app.accounts.tokens import create_token
from app.api.auth import token_required
from app.api.idempotency import idempotent
from app.api.openapi_operations import (
    NOT_AN_OBJECT,
    PUBLIC,
    UNAUTHORISED,
    ApiDocs,
    answer,
    body,
    error,
    path_parameter,
)
from app.api.openapi_schemas import ID, ref
from app.api.responses import api_blueprint, error_response, validation_failed
from app.applications import service
from app.applications.api_schemas import portal_components
from app.applications.limits import signed_out_submission
from app.applications.models import Application
from app.applications.portal_shape import (
    JOURNEY,
    Errors,
    form_fields,
    portal_errors,
    to_journey,
    unknown_record_fields,
)
from app.db_ids import is_id
from app.extensions import db
from app.formkit import store
from app.formkit.definition import Journey
from app.formkit.models import UNSUBMITTED, FormRecord
from app.formkit.runner import missing_answers, with_optional_answers_skipped
from app.formkit.validation import PayloadNotObject, apply_payload
from app.listings.models import Listing
from app.listings.service import development_json, listing_json, property_json
from app.too_many_requests import limit_message

portal_api = api_blueprint("portal_api", __name__, url_prefix="/api/rest/portal")

INVALID = "The given data was invalid."
CHANGED_MEANWHILE = "The application was changed at the same time: try again"
# What starting an application needs from the main applicant.
START_FIELDS = ("firstName", "lastName", "email", "phone")
REGISTER_FIELDS = {
    "name": "Enter your full name",
    "email": "Enter your email address",
    "password": "Enter a password",
}


# -- the OpenAPI document's parts ------------------------------------------------------------

docs = ApiDocs("Shared-ownership portal", schemas=portal_components)
APPLICATION_ID = path_parameter("record_id", ID, "The application's id")
PORTAL_INVALID = error("The data is not valid", "PortalValidationErrors")
NO_APPLICATION = error("No application of yours with this id")
LOCKED = error("The application has been submitted or returned, or was changed meanwhile")
LOCKED_OR_RESENT = error(
    "The application has been submitted or returned, or was changed meanwhile; or the same "
    "application was received moments ago (its `reference` and `id` are given)"
)
LOCKED_RESENT_OR_CLOSED = error(
    "The application has been submitted or returned, or was changed meanwhile; or the same "
    "application was received moments ago (its `reference` and `id` are given); or its "
    "listing has closed, so the draft can be read and saved but not submitted"
)
RESENT_DESCRIPTION = (
    "An application with exactly the same answers as one the same applicant (signed out: the "
    "same email address) submitted in the last few minutes is refused with 409, naming the "
    "one received. Send an Idempotency-Key to get the first answer again instead."
)
APPLICATION = answer("The application", "Application")


def invalid(errors: dict):
    return validation_failed(errors, message=INVALID)


def read_object() -> dict:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise PayloadNotObject("Send the request body as a JSON object")
    return payload


def application_json(application: Application) -> dict[str, Any]:
    record = application.record
    listing = application.listing
    return {
        "application": {
            "reference": record.reference,
            "submittedAt": record.submitted_at.isoformat() if record.submitted_at else None,
            # Set when a provider sent the application back: why, and which one it replaces.
            "unsubmitReason": application.unsubmit_reason,
            "copiedFromId": application.copied_from_id,
        },
        "createdAt": record.created_at.isoformat(),
        "development": development_json(listing.development),
        "formFields": form_fields(record.answers, listing.id, application.property_id),
        "id": record.id,
        "listing": listing_json(listing),
        "property": property_json(application.chosen_property)
        if application.chosen_property
        else None,
        "status": service.portal_status(record),
        "updatedAt": record.updated_at.isoformat(),
    }


def respond(application: Application, status: int = 200):
    response = jsonify(application_json(application))
    response.status_code = status
    return response


# -- accounts ----------------------------------------------------------------------------------


@portal_api.post("/register")
@docs.operation(
    "register",
    "Create an applicant's account",
    {
        201: answer("The account", "Account"),
        400: NOT_AN_OBJECT,
        422: PORTAL_INVALID,
        429: error(
            "Too many attempts to register, or answers that an account exists, from your connection"
        ),
    },
    security=PUBLIC,
    request=body(ref("Registration")),
)
@account_limits.registration
@account_limits.account_exists_answers
def register():
    try:
        payload = read_object()
    except PayloadNotObject as problem:
        return error_response(400, str(problem))
    errors = Errors()
    values = {}
    for key, message in REGISTER_FIELDS.items():
        value = payload.get(key)
        if not isinstance(value, str) or not value.strip():
            errors.add(key, message)
        # Spaces around a name or an email address are never meant; in a password they may be.
        values[key] = value if key == "password" or not isinstance(value, str) else value.strip()
    if errors:
        return invalid(errors)
    try:
        user = accounts.register_applicant(values["name"], values["email"], values["password"])
    except AccountError as error:
        account_limits.note_refusal(error)
        return invalid({error.field or "email": [error.message]})
    return jsonify({"id": user.id, "name": user.name, "email": user.email}), 201


@portal_api.post("/login")
@docs.operation(
    "login",
    "Sign in, for a bearer token",
    {
        200: answer("A bearer token", "AccessToken"),
        400: NOT_AN_OBJECT,
        401: error("The email address or password is wrong"),
        422: PORTAL_INVALID,
        429: error("Too many attempts to sign in"),
    },
    security=PUBLIC,
    request=body(ref("Credentials")),
)
def login():
    try:
        payload = read_object()
    except PayloadNotObject as problem:
        return error_response(400, str(problem))
    email, password = payload.get("email"), payload.get("password")
    errors = Errors()
    if not isinstance(email, str) or not email.strip():
        errors.add("email", "Enter your email address")
    if not isinstance(password, str) or not password:
        errors.add("password", "Enter your password")
    if errors:
        return invalid(errors)
    try:
        user = accounts.sign_in(email, password, request.remote_addr or "")
    except SignInThrottled as error:
        return error_response(429, error.message)
    except AccountError as error:
        return error_response(401, error.message)
    lifetime = current_app.config["PORTAL_TOKEN_LIFETIME"]
    _, value = create_token(user, "Portal sign-in", lifetime=lifetime)
    return jsonify(
        {
            "access_token": value,
            "token_type": "Bearer",
            "expires_in": int(lifetime.total_seconds()),
        }
    )


# -- applications ------------------------------------------------------------------------------


def _mine(record_id: Any) -> Application | None:
    """The signed-in user's application with this id, or None (also for anything that is not
    a possible id)."""
    if not is_id(record_id):
        return None
    return db.session.scalar(
        select(Application)
        .join(FormRecord, FormRecord.id == Application.record_id)
        .where(
            FormRecord.id == record_id,
            FormRecord.journey == JOURNEY.id,
            FormRecord.owner_id == g.api_user.id,
        )
    )


def _not_found(record_id: Any):
    return error_response(404, f"Application {record_id} not found")


def _locked(application: Application):
    record_id = application.record_id
    if application.record.status == UNSUBMITTED:
        copy = service.returned_copy(record_id)
        instead = f". Make your changes to application {copy.record_id} instead" if copy else ""
        return error_response(
            409,
            f"Application {record_id} was returned to you by the housing provider and can no "
            f"longer be changed{instead}",
        )
    return error_response(
        409, f"Application {record_id} has been submitted and can no longer be changed"
    )


def _answers_for(
    journey: Journey, payload: dict, stored: dict, errors: Errors, listing: Listing | None
) -> dict | None:
    """The journey's answers after applying the portal payload's applicants, or None.
    `journey` is the application's version (a new one's, when none is stored yet)."""
    if listing is not None:
        service.offer_plots_of(listing)
    applicants = payload.get("applicants")
    if applicants is None:
        return None if errors else dict(stored)
    engine_payload = to_journey(applicants, stored, errors)
    if not engine_payload:
        return None
    outcome = apply_payload(journey, engine_payload, stored)
    portal_errors(outcome.errors, errors)
    return None if errors else outcome.answers


def _start_errors(payload: dict) -> Errors:
    errors = unknown_record_fields(payload, allowed=())
    applicants = payload.get("applicants")
    main = applicants[0] if isinstance(applicants, list) and applicants else None
    if not isinstance(main, dict):
        errors.add("applicants", "Give the applicants as a list, the main applicant first")
        return errors
    for field_id in START_FIELDS:
        value = main.get(field_id)
        if value is None or (isinstance(value, str) and not value.strip()):
            question = JOURNEY.question_for_field[field_id]
            errors.add(f"applicants.0.{field_id}", question.message("required"))
    return errors


def _choose(payload: dict, errors: Errors):
    try:
        return service.choose_listing(payload.get("listingId"), payload.get("propertyId"))
    except service.CannotStart as problem:
        errors.add(problem.field, problem.message)
        return None, None


@portal_api.put("/profile/assessment")
@docs.operation(
    "start-application",
    "Start an application (signed in)",
    {201: APPLICATION, 400: NOT_AN_OBJECT, 401: UNAUTHORISED, 422: PORTAL_INVALID},
    request=body(ref("ApplicationRequest")),
    idempotent=True,
)
@token_required
@idempotent
def start():
    try:
        payload = read_object()
    except PayloadNotObject as problem:
        return error_response(400, str(problem))
    errors = _start_errors(payload)
    listing, chosen = _choose(payload, errors)
    journey = service.journey_of()
    answers = _answers_for(journey, payload, {}, errors, listing) if not errors else None
    if errors or answers is None:
        return invalid(errors)
    application = service.start(listing, chosen, owner_id=g.api_user.id)
    _save(journey, application.record, answers)
    return respond(application, 201)


@portal_api.put("/profile/assessment/<id:record_id>")
@docs.operation(
    "save-application",
    "Save changes to a draft application",
    {
        200: APPLICATION,
        400: NOT_AN_OBJECT,
        401: UNAUTHORISED,
        404: NO_APPLICATION,
        409: LOCKED,
        422: PORTAL_INVALID,
    },
    parameters=[APPLICATION_ID],
    request=body(ref("ApplicationRequest")),
)
@token_required
def edit(record_id: int):
    application = _mine(record_id)
    if application is None:
        return _not_found(record_id)
    if application.record.is_locked:
        return _locked(application)
    try:
        payload = read_object()
    except PayloadNotObject as problem:
        return error_response(400, str(problem))
    errors = _change_errors(application, payload)
    journey = service.journey_of(application.record)
    answers = (
        _answers_for(journey, payload, application.record.answers, errors, application.listing)
        if not errors
        else None
    )
    if errors or answers is None:
        return invalid(errors)
    try:
        _save(journey, application.record, answers)
    except store.RecordLocked:
        return _locked(application)
    except store.StaleVersion:
        return error_response(409, CHANGED_MEANWHILE)
    return respond(application)


_COLUMN = {"listingId": "listing_id", "propertyId": "property_id"}


def _change_errors(application: Application, payload: dict) -> Errors:
    """Unknown fields, and any attempt to move the application to another listing or property."""
    errors = unknown_record_fields(payload, allowed=())
    for key, column in _COLUMN.items():
        current = getattr(application, column)
        if payload.get(key, current) != current:
            errors.add(key, "The listing and property of an application cannot be changed")
    return errors


def _save(journey: Journey, record: FormRecord, answers: dict) -> None:
    store.save_answers(journey, record, answers, record.version)
    # The store shows the saved answers and version on the record, not the time of the save.
    db.session.expire(record, ["updated_at"])


def _complete(journey: Journey, answers: dict, errors: Errors) -> dict | None:
    """The answers as a whole application, or None with the missing answers in errors."""
    whole = with_optional_answers_skipped(journey, answers)
    portal_errors(missing_answers(journey, whole), errors)
    return None if errors else whole


def _submit(journey: Journey, application: Application, answers: dict, status: int):
    record = application.record
    try:
        _save(journey, record, answers)
        submitted = store.lock_for_submission(journey, record, record.version)
    except store.RecordLocked:
        return _locked(application)
    except (store.StaleVersion, store.NotComplete):
        return error_response(409, CHANGED_MEANWHILE)
    if not submitted:  # another request submitted it first
        return _locked(application)
    db.session.expire(record, ["updated_at"])
    return respond(application, status)


@portal_api.post("/profile/assessment")
@docs.operation(
    "submit-application",
    "Submit a draft (with its id) or a whole new application (signed in)",
    {
        200: APPLICATION,
        201: APPLICATION,
        400: NOT_AN_OBJECT,
        401: UNAUTHORISED,
        404: NO_APPLICATION,
        409: LOCKED_RESENT_OR_CLOSED,
        422: PORTAL_INVALID,
    },
    request=body(ref("ApplicationSubmission")),
    description=RESENT_DESCRIPTION,
    idempotent=True,
)
@token_required
@idempotent
def submit():
    """Submit a draft (`id` in the body, with any changes) or a whole new application."""
    try:
        payload = read_object()
    except PayloadNotObject as problem:
        return error_response(400, str(problem))
    record_id = payload.pop("id", None)
    if record_id is None:
        return _submit_new(payload, owner_id=g.api_user.id)
    if isinstance(record_id, bool) or not isinstance(record_id, int):
        return invalid({"id": ["Give the id of a draft application, as a number"]})
    application = _mine(record_id)
    if application is None:
        return _not_found(record_id)
    if application.record.is_locked:
        return _locked(application)
    closed = service.closed_to_submission(application)
    if closed is not None:  # the draft is kept as it was: nothing sent is saved
        return error_response(409, closed)
    errors = _change_errors(application, payload)
    journey = service.journey_of(application.record)
    answers = (
        _answers_for(journey, payload, application.record.answers, errors, application.listing)
        if not errors
        else None
    )
    whole = _complete(journey, answers, errors) if answers is not None else None
    if whole is None:
        return invalid(errors)
    resent = _resent(application.listing_id, application.property_id, whole, g.api_user.id)
    return resent or _submit(journey, application, whole, 200)


def _submit_new(payload: dict, **owner: Any):
    """A whole application in one request: nothing is stored unless all of it is valid."""
    errors = unknown_record_fields(payload, allowed=())
    if not isinstance(payload.get("applicants"), list):
        errors.add("applicants", "Give the applicants as a list, the main applicant first")
    listing, chosen = _choose(payload, errors)
    journey = service.journey_of()
    answers = _answers_for(journey, payload, {}, errors, listing) if not errors else None
    whole = _complete(journey, answers, errors) if answers is not None else None
    if whole is None:
        return invalid(errors)
    resent = _resent(listing.id, chosen.id if chosen else None, whole, owner.get("owner_id"))
    if resent is not None:
        return resent
    application = service.start(listing, chosen, **owner)
    return _submit(journey, application, whole, 201)


def _resent(listing_id: int, property_id: int | None, whole: dict, owner_id: int | None):
    """A 409 naming the application received if this one was just submitted, else None."""
    window = current_app.config["DUPLICATE_APPLICATION_WINDOW"]
    earlier = service.recent_duplicate(listing_id, property_id, whole, owner_id, window)
    if earlier is None:
        return None
    record = earlier.record
    return error_response(
        409,
        f"This application has already been received: its reference is {record.reference} "
        f"(application {record.id}). It has not been sent again",
        reference=record.reference,
        id=record.id,
    )


@portal_api.post("/assessment")
@docs.operation(
    "submit-application-signed-out",
    "Submit a whole application without an account",
    {
        201: APPLICATION,
        400: NOT_AN_OBJECT,
        409: LOCKED_OR_RESENT,
        422: PORTAL_INVALID,
        429: error("Too many applications from your connection"),
    },
    security=PUBLIC,
    request=body(ref("ApplicationRequest")),
    description=RESENT_DESCRIPTION,
    idempotent=True,
)
@signed_out_submission
@idempotent
def submit_signed_out():
    """A signed-out applicant's whole application. Nobody can read it back through the API:
    it goes to the housing provider."""
    try:
        payload = read_object()
    except PayloadNotObject as problem:
        return error_response(400, str(problem))
    return _submit_new(payload)


@portal_api.errorhandler(429)
def too_many_requests(error):
    return error_response(429, limit_message(error))


@portal_api.get("/profile/assessment/<id:record_id>")
@docs.operation(
    "get-application",
    "Read one of your applications",
    {200: APPLICATION, 401: UNAUTHORISED, 404: NO_APPLICATION},
    parameters=[APPLICATION_ID],
)
@token_required
def read(record_id: int):
    application = _mine(record_id)
    if application is None:
        return _not_found(record_id)
    return respond(application)


def _list(statuses: tuple[str, ...] | None):
    query = (
        select(Application)
        .join(FormRecord, FormRecord.id == Application.record_id)
        .where(FormRecord.journey == JOURNEY.id, FormRecord.owner_id == g.api_user.id)
        .order_by(FormRecord.created_at.desc(), FormRecord.id.desc())
    )
    if statuses is not None:
        query = query.where(FormRecord.status.in_(statuses))
    return jsonify({"data": [application_json(a) for a in db.session.scalars(query)]})


@portal_api.get("/profile/assessments")
@docs.operation(
    "list-all-applications",
    "Your all applications, newest first",
    {200: answer("The applications", "Applications"), 401: UNAUTHORISED},
)
@token_required
def list_all():
    return _list(None)


@portal_api.get("/profile/assessments/draft")
@docs.operation(
    "list-draft-applications",
    "Your draft applications, newest first",
    {200: answer("The applications", "Applications"), 401: UNAUTHORISED},
)
@token_required
def list_drafts():
    return _list(("not_started", "in_progress", "completed"))


@portal_api.get("/profile/assessments/submitted")
@docs.operation(
    "list-submitted-applications",
    "Your submitted applications, newest first",
    {200: answer("The applications", "Applications"), 401: UNAUTHORISED},
)
@token_required
def list_submitted():
    return _list(("submitted",))
