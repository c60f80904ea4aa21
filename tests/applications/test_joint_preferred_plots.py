"""Joint applicants' preferred plots are checked against the listing as the main applicant's
are: the same message, on the joint applicant's page and under `applicants.N.preferredPlots`
in the portal API."""

from __future__ import annotations

from app.accounts.roles import Role
from app.extensions import db
from app.formkit.models import FormRecord
from tests.formkit.conftest import form_state
from tests.helpers import error_summary, field_error, page, sign_in

NOT_OFFERED = "Plot 9 is not in this listing. Its plots are: 7"
NONE_OFFERED = "Plots 9, 8 are not in this listing. Its plots are: 7"


def start(api, listing, *applicants):
    return api("PUT", "/profile/assessment", {"listingId": listing.id, "applicants": [*applicants]})


def test_the_api_checks_each_joint_applicants_plots(
    portal, listing, main_applicant, joint_applicant
):
    api = portal()
    second = {**joint_applicant, "firstName": "Grace", "email": "grace@example.com"}
    refused = start(
        api,
        listing,
        {**main_applicant, "preferredPlots": ["7"]},
        {**joint_applicant, "preferredPlots": ["7"]},
        {**second, "preferredPlots": ["9", "8"]},
    )
    assert refused.status_code == 422
    assert refused.json["errors"] == {"applicants.2.preferredPlots": [NONE_OFFERED]}

    accepted = start(
        api,
        listing,
        main_applicant,
        {**joint_applicant, "preferredPlots": ["7"]},
        second,
    )
    assert accepted.status_code == 201, accepted.json
    applicants = accepted.json["formFields"]["applicants"]
    assert applicants[1]["preferredPlots"] == ["7"]

    # A change to a saved draft is checked too, and the draft is kept as it was.
    record_id = accepted.json["id"]
    edited = api(
        "PUT",
        f"/profile/assessment/{record_id}",
        {"applicants": [{}, {"preferredPlots": ["9"]}]},
    )
    assert edited.status_code == 422
    assert edited.json["errors"] == {"applicants.1.preferredPlots": [NOT_OFFERED]}
    db.session.expire_all()
    stored = db.session.get(FormRecord, record_id).answers["jointApplicants"][0]
    assert stored["preferredPlots"] == ["7"]


def test_the_main_and_a_joint_applicants_wrong_plots_are_each_reported(
    portal, listing, main_applicant, joint_applicant
):
    refused = start(
        portal(),
        listing,
        {**main_applicant, "preferredPlots": ["9"]},
        {**joint_applicant, "preferredPlots": ["9"]},
    )
    assert refused.status_code == 422
    assert refused.json["errors"] == {
        "applicants.0.preferredPlots": [NOT_OFFERED],
        "applicants.1.preferredPlots": [NOT_OFFERED],
    }


def test_a_joint_applicants_page_checks_their_plots(
    client, portal, make_user, listing, main_applicant, joint_applicant
):
    user = make_user(Role.APPLICANT)
    started = start(portal(user), listing, main_applicant, joint_applicant)
    assert started.status_code == 201, started.json
    record_id = started.json["id"]
    sign_in(client, user)
    url = f"/applications/{record_id}/jointApplicants/0/preferredPlots"

    response = client.post(url, data={**form_state(client.get(url)), "preferredPlots": "7, 9"})
    assert response.status_code == 200
    soup = page(response)
    assert error_summary(soup) == [NOT_OFFERED]
    assert NOT_OFFERED in field_error(soup, "preferredPlots")
    db.session.expire_all()
    assert (
        "preferredPlots" not in db.session.get(FormRecord, record_id).answers["jointApplicants"][0]
    )

    saved = client.post(url, data={**form_state(client.get(url)), "preferredPlots": "7"})
    assert saved.status_code == 302
    db.session.expire_all()
    joint = db.session.get(FormRecord, record_id).answers["jointApplicants"][0]
    assert joint["preferredPlots"] == ["7"]
