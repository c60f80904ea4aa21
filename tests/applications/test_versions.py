"""An application keeps the version of the journey it was started on: a later version, once
deployed, asks new applications its new question and leaves older drafts as they were."""

from __future__ import annotations

import pytest

from app.applications import service
from app.applications.web import applications
from app.extensions import db
from app.formkit.definition import Page
from app.formkit.models import FormRecord
from app.formkit.questions import YesNo
from app.formkit.versions import AddPage, JourneyVersions, revise
from app.journeys.shared_ownership_application import SHARED_OWNERSHIP_APPLICATION
from tests.applications.test_journey_web import apply
from tests.helpers import sign_in

FIRST_TIME_BUYER = YesNo(
    id="firstTimeBuyer",
    label="Are you a first-time buyer?",
    cya_label="First-time buyer",
    messages={"required": "Select yes if you are a first-time buyer"},
)
LATER = revise(
    SHARED_OWNERSHIP_APPLICATION,
    "2",
    [AddPage(into="preferences", page=Page.of(FIRST_TIME_BUYER), after="preferredPlots")],
)


@pytest.fixture
def deploy_version_2(monkeypatch):
    """Deploy version 2: the application journey's versions, as the service and the pages
    read them, become version 1 and version 2."""

    def deploy():
        versions = JourneyVersions([SHARED_OWNERSHIP_APPLICATION, LATER])
        monkeypatch.setattr(service, "VERSIONS", versions)
        monkeypatch.setattr(applications.journey_views, "versions", versions)

    return deploy


def definition_version(record_id: int) -> str:
    db.session.expire_all()
    return db.session.get(FormRecord, record_id).definition_version


def test_a_draft_started_before_a_later_version_is_finished_with_its_own(
    client, portal, listing, main_applicant, deploy_version_2
):
    applicant = portal()
    started = applicant(
        "PUT",
        "/profile/assessment",
        {"listingId": listing.id, "applicants": [{"firstName": "Ada", **main_applicant}]},
    )
    assert started.status_code == 201, started.json
    old_id = started.json["id"]
    assert definition_version(old_id) == "1"

    deploy_version_2()
    sign_in(client, applicant.user)
    new_id = apply(client, listing.id)
    assert definition_version(new_id) == "2"
    # The new question is asked of the new draft only.
    assert client.get(f"/applications/{new_id}/firstTimeBuyer").status_code == 200
    assert client.get(f"/applications/{old_id}/firstTimeBuyer").status_code == 404
    assert client.get(f"/applications/{old_id}/").status_code == 200

    # The older draft is complete without it, and is submitted as it is.
    submitted = applicant("POST", "/profile/assessment", {"id": old_id})
    assert submitted.status_code == 200, submitted.json
    assert submitted.json["status"] == "submitted"
    assert definition_version(old_id) == "1"
