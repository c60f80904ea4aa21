"""Every JSON API operation, read from the service's own OpenAPI document, who may call it, and
records for its path parameters to name: so that a test can run over every operation, and a
new endpoint is covered as soon as it is documented (tests/api/test_openapi.py makes sure it
is)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest

from app import create_app
from app.accounts.roles import Role
from app.config import Config
from tests.applications.conftest import MAIN_APPLICANT
from tests.tenures.conftest import SEED_TENURE

METHODS = ("get", "put", "post", "patch", "delete")
# The portal's /profile operations are the applicant's; every other is housing staff's.
APPLICANT_PATHS = re.compile(r"^/api/rest/portal/profile")
# What starting an application needs from the main applicant.
START_APPLICANT = {key: MAIN_APPLICANT[key] for key in ("firstName", "lastName", "email", "phone")}


@cache
def openapi_document() -> dict[str, Any]:
    """GET /api/openapi.json of an app with only the service's own routes (no database)."""
    app = create_app(Config(environment="test", secret_key="openapi", database_url="sqlite://"))
    quiet = logging.getLogger("housing_forms")
    level = quiet.level
    quiet.setLevel(logging.WARNING)
    try:
        return app.test_client().get("/api/openapi.json").get_json()
    finally:
        quiet.setLevel(level)


def resolve(schema: dict) -> dict:
    components = openapi_document()["components"]["schemas"]
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: str
    public: bool
    path_parameters: tuple[tuple[str, Any], ...]  # (name, schema), in the path's order
    body_schema: dict | None

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def caller(self) -> str:
        if self.public:
            return "public"
        return "applicant" if APPLICANT_PATHS.match(self.path) else "staff"

    def integer_parameters(self) -> list[str]:
        return [name for name, schema in self.path_parameters if schema.get("type") == "integer"]

    def url(self, values: dict[str, Any]) -> str:
        return re.sub(r"\{([^}]+)\}", lambda found: str(values[found.group(1)]), self.path)


@cache
def operations() -> tuple[Operation, ...]:
    found = []
    for path, item in openapi_document()["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    operation_id=op["operationId"],
                    public=op["security"] == [],
                    path_parameters=tuple(
                        (parameter["name"], parameter["schema"])
                        for parameter in op.get("parameters", ())
                        if parameter["in"] == "path"
                    ),
                    body_schema=resolve(body["schema"]) if body else None,
                )
            )
    return tuple(found)


def with_body() -> list[Operation]:
    return [op for op in operations() if op.body_schema is not None]


def with_path_parameters() -> list[Operation]:
    return [op for op in operations() if op.path_parameters]


def ids(operation: Operation) -> str:
    return str(operation)


class Records:
    """Records that each path parameter can name, made the first time one is asked for:
    visible to the operation's caller, so that a request reaches the record."""

    def __init__(self, request: pytest.FixtureRequest, as_user):
        self._request = request
        self._as_user = as_user
        self._callers: dict[str, Any] = {}
        self._values: dict[str, Any] = {}

    def caller(self, kind: str):
        """A function (method, url, json=None, **kwargs) that sends a request as `kind`:
        staff or applicant with their bearer token, or the public with none."""
        if kind not in self._callers:
            if kind == "public":
                client = self._request.getfixturevalue("client")

                def public(method, url, json=None, **kwargs):
                    headers = {"Accept": "application/json", **kwargs.pop("headers", {})}
                    return client.open(url, method=method, json=json, headers=headers, **kwargs)

                self._callers[kind] = public
            else:
                role = Role.APPLICANT if kind == "applicant" else Role.DATA_PROVIDER
                # Without a password: tokens are all these tests need, and hashing is slow.
                user = self._request.getfixturevalue("make_user")(role, password=None)
                self._callers[kind] = self._as_user(role, user=user)
        return self._callers[kind]

    def value(self, name: str, schema: dict) -> Any:
        if name not in self._values:
            self._values[name] = self._make(name, schema)
        return self._values[name]

    def values(self, operation: Operation) -> dict[str, Any]:
        return {name: self.value(name, schema) for name, schema in operation.path_parameters}

    def _created(self, response) -> dict:
        assert response.status_code in (200, 201), response.get_data(as_text=True)
        return response.json

    def _make(self, name: str, schema: dict) -> Any:
        staff = self.caller("staff")
        if "enum" in schema:
            return schema["enum"][0]
        if name == "log_id":
            return self._created(staff("POST", "/case_logs", {}))["id"]
        if name == "upload_id":
            response = staff(
                "POST",
                "/case_logs/bulk",
                data=b"tenant_code\nADVERSARY-1\n",
                headers={"Content-Type": "text/csv"},
            )
            assert response.status_code == 202, response.get_data(as_text=True)
            return response.json["id"]
        if name == "listing_id":
            return self._request.getfixturevalue("listing").id
        if name == "record_id":
            draft = {"listingId": self.value("listing_id", {}), "applicants": [START_APPLICANT]}
            applicant = self.caller("applicant")
            return self._created(applicant("PUT", "/api/rest/portal/profile/assessment", draft))[
                "id"
            ]
        if name in ("tenure_id", "person_id"):
            if "tenure_id" not in self._values:
                self._values["tenure_id"] = self._created(staff("POST", "/tenures", SEED_TENURE))[
                    "id"
                ]
            return self._values["tenure_id"] if name == "tenure_id" else _first_person_id()
        if name in ("crn", "event_id"):
            case = self._request.getfixturevalue("make_case")()
            return case["crn"] if name == "crn" else case["events"][0]["eventId"]
        if name == "username":
            return staff.user.email
        raise AssertionError(f"no record for the path parameter {name!r}: add one to Records")


def _first_person_id() -> str:
    return SEED_TENURE["householdMembers"][0]["id"]
