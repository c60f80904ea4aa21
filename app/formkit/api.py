"""A JSON API for a journey's records, from the same definition as its pages.

Errors follow the house style: `{"error": message}`, and for invalid answers
`{"errors": {field: [messages]}}` with status 422. Soft checks never refuse a change: they are
reported under "warnings". Versions travel as ETags: a PATCH with a stale `If-Match` is refused
with 412 rather than silently overwriting someone else's change.
"""

from __future__ import annotations

from typing import Any

from flask import g, jsonify, request
from sqlalchemy import select

from app.api.auth import token_required
from app.api.conditional import etag, if_match_given, matched_version, none_match
from app.api.responses import api_blueprint, error_response, validation_failed
from app.extensions import db
from app.formkit import outputs, record_versions, runner, store
from app.formkit.access import Access
from app.formkit.definition import Journey
from app.formkit.models import FormRecord
from app.formkit.validation import Outcome, PayloadNotObject
from app.formkit.versions import JourneyVersions


def record_json(journey: Journey, record: FormRecord) -> dict[str, Any]:
    """The record's fields, and "warnings" for unusual answers when there are any."""
    body = {
        "id": record.id,
        "reference": record.reference,
        "status": record.status,
        "version": record.version,
        **outputs.to_json(journey, record.answers),
    }
    warnings = outputs.warnings(journey, record.answers)
    if warnings:
        body["warnings"] = warnings
    return body


def read_payload() -> Any:
    """The JSON body, or raise PayloadNotObject with a message fit for the client."""
    payload = request.get_json(silent=True)
    if payload is None:
        raise PayloadNotObject("Send the request body as a JSON object")
    return payload


def update_record(
    versions: JourneyVersions, record: FormRecord, payload: Any, version: int
) -> Outcome:
    """Validate a payload with the record's version of the journey, and store it against the
    record at `version`. A change that calls for another version moves the record to it."""
    journey = record_versions.journey_of(versions, record)
    journey, outcome = record_versions.apply_in_version(versions, journey, payload, record.answers)
    if outcome.ok:
        store.save_answers(journey, record, outcome.answers, version)
    return outcome


def new_record_answers(versions: JourneyVersions, payload: Any) -> tuple[Journey, Outcome]:
    """A new record's answers from a payload, checked with the version they call for (the
    version for a record with no answers yet, unless they choose another), and that version."""
    journey = versions.for_answers({})
    journey, outcome = record_versions.apply_in_version(versions, journey, payload, {})
    if outcome.ok and (refused := record_versions.check_new_record(versions, outcome.answers)):
        return journey, Outcome({}, refused)
    return journey, outcome


class JourneyApi:
    def __init__(self, versions: JourneyVersions, access: Access, not_found: str):
        self.versions = versions
        self.access = access
        self.not_found = not_found

    @property
    def journey(self) -> Journey:
        """Any version: for what all versions share (the id, the record's name)."""
        return self.versions.latest

    def journey_of(self, record: FormRecord) -> Journey:
        return record_versions.journey_of(self.versions, record)

    def load(self, record_id: int) -> FormRecord | None:
        return db.session.scalar(
            select(FormRecord).where(
                FormRecord.id == record_id,
                FormRecord.journey == self.journey.id,
                self.access.visible(g.api_user),
            )
        )

    def respond(self, record: FormRecord, status: int = 200):
        db.session.refresh(record)
        response = jsonify(record_json(self.journey_of(record), record))
        response.status_code = status
        response.headers["ETag"] = etag(record.version)
        return response

    def locked(self):
        return error_response(
            409, f"This {self.journey.record_name} has been submitted and can no longer be changed"
        )

    def read_only(self, record: FormRecord):
        """409 with the reason, if the record is closed to changes though not submitted."""
        reason = self.versions.read_only_because(record.answers)
        return error_response(409, reason) if reason else None

    def stale(self, current_version: int):
        response = error_response(
            412,
            f"This {self.journey.record_name} has changed since the version you sent. "
            "Get it again and reapply your change",
        )
        response.headers["ETag"] = etag(current_version)
        return response

    def create(self):
        if not self.access.may_start(g.api_user):
            return error_response(403, "You do not have permission to do this")
        try:
            payload = read_payload() if request.content_length else {}
            journey, outcome = new_record_answers(self.versions, payload)
        except PayloadNotObject as problem:
            return error_response(400, str(problem))
        if not outcome.ok:
            return validation_failed(outcome.errors)
        record = store.create_record(journey, **self.access.new_record_owner(g.api_user))
        if outcome.answers:
            store.save_answers(journey, record, outcome.answers, record.version)
        response = self.respond(record, 201)
        response.headers["Location"] = f"{request.path.rstrip('/')}/{record.id}"
        return response

    def read(self, record_id: int):
        record = self.load(record_id)
        if record is None:
            return error_response(404, self.not_found.format(id=record_id))
        if none_match(record.version):
            response = self.respond(record, 304)
            response.set_data(b"")
            return response
        return self.respond(record)

    def update(self, record_id: int):
        record = self.load(record_id)
        if record is None:
            return error_response(404, self.not_found.format(id=record_id))
        if record.is_locked:
            return self.locked()
        if read_only := self.read_only(record):
            return read_only
        if if_match_given() and matched_version(record.version) is None:
            return self.stale(record.version)
        try:
            outcome = update_record(self.versions, record, read_payload(), record.version)
        except PayloadNotObject as problem:
            return error_response(400, str(problem))
        except store.RecordLocked:
            return self.locked()
        except store.StaleVersion as stale:
            return self.stale(stale.current_version)
        if not outcome.ok:
            return validation_failed(outcome.errors)
        return self.respond(record)

    def submit(self, record_id: int):
        record = self.load(record_id)
        if record is None:
            return error_response(404, self.not_found.format(id=record_id))
        if record.is_locked:
            return self.respond(record)  # submitting again is not an error
        if read_only := self.read_only(record):
            return read_only
        journey = self.journey_of(record)
        try:
            store.lock_for_submission(journey, record, record.version)
        except store.NotComplete:
            missing = runner.first_unanswered_step(journey, record.answers)
            return error_response(
                409,
                f"This {self.journey.record_name} is not complete, so it cannot be submitted",
                firstUnanswered=missing.key if missing else None,
            )
        except store.StaleVersion as stale:
            return self.stale(stale.current_version)
        return self.respond(record)


def journey_api_blueprint(
    versions: JourneyVersions, access: Access, name: str, url_prefix: str, not_found: str
):
    """JSON endpoints: POST / (create), GET and PATCH /<id>, POST /<id>/submit. Each record is
    read and checked with its own version of the journey in `versions`."""
    if not isinstance(versions, JourneyVersions):
        raise TypeError(f"Mount {name} with its versions: JourneyVersions([journey])")
    blueprint = api_blueprint(name, __name__, url_prefix=url_prefix)
    views = JourneyApi(versions, access, not_found)
    for rule, endpoint, view, methods in (
        ("", "create", views.create, ["POST"]),
        ("/<id:record_id>", "read", views.read, ["GET"]),
        ("/<id:record_id>", "update", views.update, ["PATCH"]),
        ("/<id:record_id>/submit", "submit", views.submit, ["POST"]),
    ):
        blueprint.add_url_rule(rule, endpoint, token_required(view), methods=methods)
    return blueprint
