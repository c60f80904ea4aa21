"""A household member keeps the version of the member journey it was added with: a later
version, once deployed, checks new members by its rules and leaves existing ones on theirs."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.formkit.versions import ChangeQuestion, JourneyVersions, revise
from app.journeys.tenure_household_member import HOUSEHOLD_MEMBER
from app.tenures import record
from app.tenures.models import Tenure
from tests.tenures.conftest import person

LEAD = "TWVoZGlLaW1ha2hlCg=="
# Version 2 allows shorter names only.
SHORTER_NAMES = revise(HOUSEHOLD_MEMBER, "2", [ChangeQuestion("fullName", max_length=50)])
LONG_NAME = "Mehdi " + "K" * 100


@pytest.fixture
def deploy_version_2(monkeypatch):
    def deploy():
        versions = JourneyVersions([HOUSEHOLD_MEMBER, SHORTER_NAMES])
        monkeypatch.setattr(record, "HOUSEHOLD_MEMBER_VERSIONS", versions)

    return deploy


def member_versions(tenure_id: str) -> dict:
    db.session.expire_all()
    return db.session.get(Tenure, tenure_id).member_definition_versions


def test_a_member_added_before_a_later_version_keeps_its_own(staff, make_tenure, deploy_version_2):
    tenure = make_tenure()
    url = f"/tenures/{tenure['id']}/person"
    assert member_versions(tenure["id"]) == {LEAD: "1"}

    deploy_version_2()
    # The existing member is checked by version 1, which takes names of up to 200 characters.
    kept = staff("PATCH", f"{url}/{LEAD}", {"fullName": LONG_NAME}, headers={"If-Match": '"0"'})
    assert kept.status_code == 204, kept.json
    # A new member is checked by version 2.
    refused = staff("PATCH", f"{url}/p-2", person(LONG_NAME), headers={"If-Match": '"1"'})
    assert refused.status_code == 422
    assert refused.json["errors"] == {"fullName": ["The full name must be 50 characters or fewer"]}
    added = staff("PATCH", f"{url}/p-2", person("Sam Kimakhe"), headers={"If-Match": '"1"'})
    assert added.status_code == 204
    assert member_versions(tenure["id"]) == {LEAD: "1", "p-2": "2"}
    # And stays on it: a long name is refused for it, as it was when it was added.
    again = staff("PATCH", f"{url}/p-2", {"fullName": LONG_NAME}, headers={"If-Match": '"2"'})
    assert again.status_code == 422

    assert staff("DELETE", f"{url}/p-2", headers={"If-Match": '"2"'}).status_code == 204
    assert member_versions(tenure["id"]) == {LEAD: "1"}
