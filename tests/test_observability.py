"""Logs are JSON lines that identify each request without personal data. (Unexpected errors'
references are tested in test_errors.py.)"""

import json
import logging

from app.accounts.roles import Role
from app.observability import LOGGER_NAME, JsonFormatter


def _request_lines(caplog):
    return [r for r in caplog.records if r.name == LOGGER_NAME and r.getMessage() == "request"]


def test_each_request_is_logged_by_route_and_user_id_not_by_personal_data(as_user, caplog):
    staff = as_user(Role.DATA_PROVIDER)
    email = staff.user.email
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    staff("GET", f"/users/{email}/access/X123456", headers={"x-correlation-id": "trace-1"})
    [record] = _request_lines(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "trace-1"
    assert line["user_id"] == staff.user.id
    assert line["route"] == "/users/<username>/access/<crn>"
    assert line["method"] == "GET"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert email not in json.dumps(line)
    assert "X123456" not in json.dumps(line)
