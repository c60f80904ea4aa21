"""Filling in a lettings log from the lead tenant's probation record, through the pages."""

from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import db
from app.formkit import store
from app.formkit.models import FormRecord
from app.journeys.lettings_log import LETTINGS_LOG
from app.probation import prefill
from app.probation.models import ProbationAccessAudit
from app.probation.prefill import age_on
from tests.formkit.conftest import form_state, stacked_with_reveal
from tests.helpers import error_summary, field_error, page, sign_in


@pytest.fixture
def signed_in_staff(client, as_user):
    staff = as_user()
    sign_in(client, staff.user)
    return staff


@pytest.fixture
def log(signed_in_staff):
    """A log whose tenancy starts on 1 June 2026, and whose tenant's age is not yet known."""
    response = signed_in_staff("POST", "/case_logs", {"tenancy_start_date": "01/06/2026"})
    return response.json["id"]


def _look_up(client, log_id, **answers):
    url = f"/logs/{log_id}/probation-record"
    return client.post(url, data={**form_state(client.get(url)), **answers})


def test_the_task_list_offers_it(client, log):
    soup = page(client.get(f"/logs/{log}/"))
    link = soup.select_one("#record-actions a")
    assert link["href"] == f"/logs/{log}/probation-record"


def test_the_lead_tenants_answers_are_filled_in_and_marked(client, log, make_case, signed_in_staff):
    make_case()
    response = _look_up(client, log, known_to_probation="yes", crn="x320741")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/logs/{log}/"
    answers = db.session.get(FormRecord, log).answers
    assert answers["person_1_age"] == age_on(date(1989, 3, 14), date(2026, 6, 1)) == 37
    assert answers["person_1_gender"] == "Male"
    assert answers["tenant_ethnic_group"] == "White: English/Scottish/Welsh/Northern Irish/British"
    assert answers["medical_conditions"] == "Yes"
    assert answers["condition_effects_learning"] is True
    assert answers["reason_for_leaving_last_settled_home"] == "Discharged from prison"
    banner = page(client.get(f"/logs/{log}/")).select_one(".govuk-notification-banner")
    assert "filled in from the probation record" in banner.get_text()

    soup = page(client.get(f"/logs/{log}/check-answers/household_characteristics"))
    marked = {
        row.select_one(".govuk-summary-list__key").get_text(strip=True)
        for row in soup.select(".govuk-summary-list__row")
        if row.select_one(".formkit-source")
    }
    assert marked == {"Age", "Gender identity", "Ethnic group"}
    [audit] = db.session.scalars(select(ProbationAccessAudit)).all()
    assert (audit.crn, audit.allowed, audit.username) == (
        "X320741",
        True,
        signed_in_staff.user.email,
    )


def test_a_changed_answer_is_no_longer_marked(client, log, make_case, signed_in_staff):
    make_case()
    _look_up(client, log, known_to_probation="yes", crn="X320741")
    signed_in_staff("PATCH", f"/case_logs/{log}", {"person_1_age": 38})
    soup = page(client.get(f"/logs/{log}/check-answers/household_characteristics"))
    age_row = next(
        row for row in soup.select(".govuk-summary-list__row") if "Age" in row.get_text()
    )
    assert age_row.select_one(".formkit-source") is None
    assert "_sources" not in signed_in_staff("GET", f"/case_logs/{log}").json


def test_answers_already_given_are_kept(client, log, make_case, signed_in_staff):
    make_case()
    signed_in_staff("PATCH", f"/case_logs/{log}", {"person_1_gender": "Non-binary"})
    _look_up(client, log, known_to_probation="yes", crn="X320741")
    assert db.session.get(FormRecord, log).answers["person_1_gender"] == "Non-binary"


def test_an_excluded_user_is_told_only_that_they_do_not_have_permission(
    client, log, make_case, signed_in_staff
):
    make_case(
        exclusions=[{"username": signed_in_staff.user.email.upper(), "message": "Secret reason"}]
    )
    response = _look_up(client, log, known_to_probation="yes", crn="X320741")
    assert response.headers["Location"] == f"/logs/{log}/"
    text = page(client.get(f"/logs/{log}/")).get_text()
    assert "You do not have permission to access this record" in text
    assert "Secret reason" not in text
    assert "person_1_age" not in db.session.get(FormRecord, log).answers
    [audit] = db.session.scalars(select(ProbationAccessAudit)).all()
    assert audit.allowed is False


def test_a_restricted_user_is_refused_but_an_allowed_one_is_not(
    client, log, make_case, signed_in_staff
):
    make_case(restriction={"message": "Restricted", "allowedUsers": ["someone@example.com"]})
    _look_up(client, log, known_to_probation="yes", crn="X320741")
    assert "person_1_age" not in db.session.get(FormRecord, log).answers
    make_case(restriction={"message": "Restricted", "allowedUsers": [signed_in_staff.user.email]})
    _look_up(client, log, known_to_probation="yes", crn="X320741")
    assert db.session.get(FormRecord, log).answers["person_1_age"] == 37


def test_bad_and_unknown_crns_are_errors_on_the_page(client, log, make_case):
    make_case()
    soup = page(_look_up(client, log, known_to_probation="yes", crn="123"))
    assert field_error(soup, "crn") == "Enter a CRN in the correct format, for example X123456"
    soup = page(_look_up(client, log, known_to_probation="yes", crn="X999999"))
    assert error_summary(soup) == ["There is no probation record with the CRN X999999"]
    # Audited as the API audits it: not refused, and not found.
    [audit] = db.session.scalars(select(ProbationAccessAudit)).all()
    assert (audit.crn, audit.allowed, audit.found) == ("X999999", True, False)
    soup = page(_look_up(client, log))
    assert error_summary(soup) == [
        "Select yes if the lead tenant is known to the probation service"
    ]
    soup = page(_look_up(client, log, known_to_probation="yes"))
    assert error_summary(soup) == ["Enter the lead tenant’s case reference number (CRN)"]


def test_the_crn_is_revealed_under_yes_in_stacked_radios(client, log):
    """Inline radios cannot carry a reveal (GOV.UK Frontend puts it between "Yes" and
    "No"), so this yes/no question is stacked, with the CRN field under "Yes"."""
    soup = page(client.get(f"/logs/{log}/probation-record"))
    items = stacked_with_reveal(soup.select_one(".govuk-radios"))
    assert items[0].select_one("input")["value"] == "yes"
    assert items[1].select_one("input#crn") is not None
    assert items[2].select_one("input")["value"] == "no"


def test_no_carries_on_without_it(client, log):
    response = _look_up(client, log, known_to_probation="no")
    assert response.headers["Location"] == f"/logs/{log}/"
    assert db.session.scalars(select(ProbationAccessAudit)).all() == []


def test_a_log_submitted_meanwhile_leads_to_its_read_only_view(client, log, make_case, monkeypatch):
    make_case()

    def submitted_meanwhile(*args, **kwargs):
        raise store.RecordLocked

    monkeypatch.setattr(store, "save_answers", submitted_meanwhile)
    response = _look_up(client, log, known_to_probation="yes", crn="X320741")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/logs/{log}/view")


@pytest.mark.parametrize("suffix", ["/", "/probation-record", "/person_1_age"])
def test_an_id_no_database_could_hold_is_not_found(client, signed_in_staff, suffix):
    assert client.get(f"/logs/18446744073709551616{suffix}").status_code == 404


def test_every_value_the_record_can_suggest_is_one_the_log_accepts():
    """The mapping tables name the log's options in words: if an option is renamed, this
    fails, rather than the value being quietly left out of a pre-fill."""
    questions = LETTINGS_LOG.question_for_field

    def options(field: str) -> set:
        return {option.value for option in questions[field].options}

    assert set(prefill._GENDERS.values()) <= options("person_1_gender")
    assert set(prefill._ETHNIC_GROUPS.values()) <= options("tenant_ethnic_group")
    assert prefill.DISCHARGED_FROM_PRISON in options("reason_for_leaving_last_settled_home")
    assert all(field in questions for _, field in prefill._EFFECTS)
