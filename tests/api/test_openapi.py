"""GET /api/openapi.json describes every JSON API route, and GET /api/docs shows it to people."""

from __future__ import annotations

import re

import jsonschema
import pytest
from openapi_spec_validator import validate

from app.accounts.roles import Role
from app.api.openapi import document, openapi_path
from app.api.openapi_operations import operations_of
from tests.helpers import page
from tests.tenures.conftest import SEED_TENURE

# The JSON APIs' paths; a route under one of them must be in the document.
API_PATHS = re.compile(r"^(/api/|/case_logs|/tenures|/case-data|/users/[^/]+/access)")
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
NOTHING_TO_FIND = {("/api/rest/portal/{list_name}", "get"), ("/tenures/{tenure_id}", "post")}


@pytest.fixture(scope="module")
def served(make_app):
    """The document as the service serves it, from an app with only its own routes."""
    app = make_app()
    return app, app.test_client().get("/api/openapi.json").get_json()


def test_the_document_is_valid_openapi_3_1(served):
    _, spec = served
    assert spec["openapi"].startswith("3.1")
    validate(spec)
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        **spec["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }


def test_every_api_route_is_documented_and_every_operation_is_a_route(served):
    app, spec = served
    routes = {
        (openapi_path(rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if API_PATHS.match(rule.rule)
        for method in rule.methods & METHODS
    }
    documented = {
        (path, method)
        for path, item in spec["paths"].items()
        for method in item
        if method.upper() in METHODS
    }
    assert routes, "no API routes found"
    assert routes - documented == set(), "routes the OpenAPI document lacks"
    assert documented - routes == set(), "operations with no route"


def test_every_documented_operation_is_its_views_route_with_the_same_methods(served):
    """Each operation recorded on a view names a method the view's routes serve, its path
    parameters are exactly its route's arguments, and it is in the document as recorded."""
    app, spec = served
    recorded = set()
    for rule in app.url_map.iter_rules():
        for method, documented in operations_of(app.view_functions[rule.endpoint]).items():
            if method is not None:
                assert method.upper() in rule.methods, (rule.rule, method)
            parameters = documented.operation.get("parameters", [])
            in_path = {p["name"] for p in parameters if p["in"] == "path"}
            assert in_path == set(rule.arguments), (rule.rule, method)
            path = openapi_path(rule.rule)
            for served_method in (
                [method] if method else [m.lower() for m in rule.methods & METHODS]
            ):
                assert spec["paths"][path][served_method] == documented.operation, (path, method)
                recorded.add((path, served_method))
    in_document = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert recorded == in_document


def test_operation_ids_are_unique(served):
    _, spec = served
    ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


def test_every_operation_documents_its_errors_and_security(served):
    _, spec = served
    for path, item in spec["paths"].items():
        for method, op in item.items():
            responses = op["responses"]
            assert any(code.startswith("2") for code in responses), (method, path)
            if op["security"]:
                assert op["security"] == [{"bearerAuth": []}]
                assert "401" in responses, (method, path)
            # A path's id names a record that may not be there; except where it names the
            # list to read, or the record to create.
            if "{" in path and (path, method) not in NOTHING_TO_FIND:
                assert "404" in responses, (method, path)
            if "requestBody" in op:
                assert {"400", "422"} <= set(responses), (method, path)


def test_schemas_come_from_the_definitions(served):
    _, spec = served
    schemas = spec["components"]["schemas"]
    from app.formkit.outputs import json_schema
    from app.journeys.lettings_log import LETTINGS_LOG_VERSIONS

    # One schema for each year's form, and a log of any year is one of them.
    for journey in LETTINGS_LOG_VERSIONS:
        suffix = journey.version.replace("/", "-")
        answers = json_schema(journey)["properties"]
        assert schemas[f"Case-Log-Answers-{suffix}"]["properties"] == answers
        assert set(answers) < set(schemas[f"Case-Log-{suffix}"]["properties"])
        assert {"$ref": f"#/components/schemas/Case-Log-{suffix}"} in schemas["Case-Log"]["anyOf"]
    assert "renewal" in schemas["Case-Log-Answers-2027-28"]["properties"]
    assert "renewal" not in schemas["Case-Log-Answers-2026-27"]["properties"]
    assert schemas["Case-Log-Answers-2027-28"]["description"] == (
        "The answers of the 2027/28 form, for tenancies starting from 1 April 2027."
    )
    assert "householdMembers" in schemas["Tenure"]["properties"]
    assert "personalContacts" in schemas["PersonalDetails"]["properties"]
    assert "dateOfBirth" in schemas["MainApplicant"]["properties"]
    assert "relationshipToPrimary" in schemas["JointApplicant"]["properties"]


def conforms(response, path: str, method: str) -> None:
    """The response's status is documented for the operation and its body fits the schema."""
    spec = document()
    responses = spec["paths"][path][method]["responses"]
    status = str(response.status_code)
    assert status in responses, f"{method.upper()} {path} gave an undocumented {status}"
    content = responses[status].get("content")
    if content is None:
        return
    schema = {**content["application/json"]["schema"], "components": spec["components"]}
    jsonschema.Draft202012Validator(schema).validate(response.get_json())


def test_real_responses_match_the_document(client, as_user):
    staff = as_user(Role.DATA_PROVIDER)
    conforms(client.get("/api/me"), "/api/me", "get")
    conforms(staff("GET", "/api/me"), "/api/me", "get")

    created = staff("POST", "/case_logs", {"person_1_age": 30})
    conforms(created, "/case_logs", "post")
    conforms(staff("POST", "/case_logs", {"person_1_age": 300}), "/case_logs", "post")
    conforms(staff("POST", "/case_logs", [1]), "/case_logs", "post")
    log_path = "/case_logs/{log_id}"
    conforms(staff("GET", f"/case_logs/{created.json['id']}"), log_path, "get")
    conforms(staff("GET", "/case_logs/999999"), log_path, "get")
    conforms(staff("GET", "/case_logs?page_size=0"), "/case_logs", "get")
    conforms(staff("GET", "/case_logs"), "/case_logs", "get")
    conforms(staff("GET", "/case_logs/collection_years"), "/case_logs/collection_years", "get")
    applicant = as_user(Role.APPLICANT)
    conforms(applicant("GET", "/case_logs"), "/case_logs", "get")

    tenure = staff("POST", "/tenures", SEED_TENURE)
    conforms(tenure, "/tenures", "post")
    conforms(staff("GET", f"/tenures/{tenure.json['id']}"), "/tenures/{tenure_id}", "get")
    conforms(staff("GET", "/tenures?limit=0"), "/tenures", "get")
    conforms(staff("PATCH", f"/tenures/{tenure.json['id']}", {}), "/tenures/{tenure_id}", "patch")

    portal = "/api/rest/portal"
    conforms(client.get(f"{portal}/listings"), f"{portal}/listings", "get")
    conforms(client.get(f"{portal}/listings/5"), f"{portal}/listings/{{listing_id}}", "get")
    conforms(client.get(f"{portal}/genders"), f"{portal}/{{list_name}}", "get")
    conforms(
        applicant("GET", f"{portal}/profile/assessments"), f"{portal}/profile/assessments", "get"
    )
    conforms(
        applicant("PUT", f"{portal}/profile/assessment", {"applicants": []}),
        f"{portal}/profile/assessment",
        "put",
    )

    conforms(
        staff("GET", "/case-data/X123/personal-details"), "/case-data/{crn}/personal-details", "get"
    )
    conforms(staff("GET", "/users/someone/access/X123"), "/users/{username}/access/{crn}", "get")


def test_the_reference_page_lists_every_operation_in_govuk_style(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    soup = page(response)
    assert soup.title.get_text() == "API reference – Housing forms – GOV.UK"
    assert soup.select_one("h1.govuk-heading-xl").get_text(strip=True) == "API reference"
    spec = document()
    for path, item in spec["paths"].items():
        for op in item.values():
            section = soup.find(id=op["operationId"])
            assert section is not None, op["operationId"]
            assert path in section.get_text()
    assert soup.select("table.govuk-table")
    assert soup.find(id="schema-Case-Log") is not None


def test_the_reference_page_loads_nothing_from_outside_the_service(client):
    soup = page(client.get("/api/docs"))
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in soup.find_all(tag):
            url = element.get(attribute)
            if url:
                assert url.startswith("/") and not url.startswith("//"), url
    csp = client.get("/api/docs").headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp


def test_the_reference_page_renders_the_descriptions_markdown(client):
    soup = page(client.get("/api/docs"))
    opening = soup.select_one("h1 ~ p.govuk-body:not(.govuk-body-l)")
    assert "`" not in opening.get_text()
    assert [code.get_text() for code in opening.find_all("code")][:2] == ["error", "status"]
    create = soup.find(id="create-tenure").find_parent("section")
    assert "`" not in create.get_text()
    assert create.find("code", string="id") is not None


def test_markdown_escapes_raw_html():
    from app.api.openapi import markdown, markdown_inline

    assert markdown("<script>alert(1)</script> `a`") == (
        '<p class="govuk-body">&lt;script&gt;alert(1)&lt;/script&gt; <code>a</code></p>\n'
    )
    assert markdown_inline('<b onclick="x">hi</b>') == "&lt;b onclick=&quot;x&quot;&gt;hi&lt;/b&gt;"
