"""The staff side of lettings logs: the journey's pages and the logs list."""

import csv
import io

import pytest

from app.accounts.roles import Role
from app.accounts.tokens import create_token
from app.extensions import db
from app.formkit import store
from app.formkit.models import FormRecord
from app.journeys.lettings_log import LETTINGS_LOG
from tests.formkit.conftest import post_page
from tests.helpers import csrf_token_from, error_summary, field_error, page, sign_in


@pytest.fixture
def provider(client, make_user):
    user = make_user(Role.DATA_PROVIDER)
    sign_in(client, user)
    return user


def new_log(client) -> int:
    token = csrf_token_from(client.get("/logs/"))
    response = client.post("/logs/new", data={"csrf_token": token})
    assert response.status_code == 302
    return int(response.headers["Location"].strip("/").split("/")[-1])


def make_log(user, **answers):
    record = store.create_record(
        LETTINGS_LOG, owner_id=user.id, organisation_id=user.organisation_id
    )
    if answers:
        store.save_answers(LETTINGS_LOG, record, answers, record.version)
    return record


def test_only_staff_can_use_the_logs_pages(client, make_user):
    assert client.get("/logs/").headers["Location"].startswith("/sign-in")
    sign_in(client, make_user(Role.APPLICANT))
    assert client.get("/logs/").status_code == 403
    assert client.post("/logs/new").status_code in (400, 403)


def test_staff_home_is_the_logs_list(client, provider):
    assert client.get("/").headers["Location"] == "/logs/"
    soup = page(client.get("/logs/"))
    assert soup.h1.get_text(strip=True) == "Lettings logs"
    assert soup.select_one("main form button").get_text(strip=True) == "Create a new lettings log"


def test_household_size_decides_which_person_pages_appear(client, provider):
    log_id = new_log(client)
    base = f"/logs/{log_id}"
    response = post_page(
        client,
        f"{base}/household_number_of_other_members",
        {"household_number_of_other_members": "2"},
    )
    assert response.headers["Location"] == f"{base}/person_2"
    person = {
        "relationship": "Partner",
        "age": "40",
        "gender": "Female",
        "economic_status": "Retired",
    }
    response = post_page(
        client, f"{base}/person_2", {f"person_2_{k}": v for k, v in person.items()}
    )
    assert response.headers["Location"] == f"{base}/person_3"
    post_page(
        client,
        f"{base}/person_3",
        {
            "person_3_relationship": "Child - includes young adult and grown-up",
            "person_3_age": "5",
            "person_3_gender": "Male",
            "person_3_economic_status": "Child under 16",
        },
    )
    assert client.get(f"{base}/person_4").status_code == 404
    # Fewer people: person 3's answers are cleared, person 2's are kept.
    post_page(
        client,
        f"{base}/household_number_of_other_members",
        {"household_number_of_other_members": "1"},
    )
    stored = db.session.get(FormRecord, log_id).answers
    assert stored["person_2_age"] == 40
    assert not any(key.startswith("person_3") for key in stored)
    assert client.get(f"{base}/person_3").status_code == 404


def test_a_rule_reads_the_same_on_the_page_and_in_the_api(client, provider):
    log_id = new_log(client)
    soup = page(post_page(client, f"/logs/{log_id}/person_1_age", {"person_1_age": "130"}))
    assert error_summary(soup) == ["Tenant age must be between 0 and 120"]
    _, token = create_token(provider)
    api = client.patch(
        f"/case_logs/{log_id}",
        json={"person_1_age": 130},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert api.json["errors"]["person_1_age"] == error_summary(soup)


def test_the_list_shows_only_the_organisations_logs(
    client, provider, make_user, other_organisation
):
    mine = make_log(provider, tenant_code="MINE1")
    outsider = make_user(Role.DATA_PROVIDER, org=other_organisation)
    make_log(outsider, tenant_code="THEIRS")
    text = page(client.get("/logs/")).select_one("#logs").get_text()
    assert "MINE1" in text and "THEIRS" not in text
    assert mine.reference in text


def test_search_and_filters(client, provider, make_user):
    make_log(provider, tenant_code="ALPHA", property_reference="P1")
    make_log(provider, tenant_code="BETA", property_postcode="SE2 6RT")
    colleague = make_user(Role.DATA_PROVIDER)
    make_log(colleague, tenant_code="GAMMA")

    def codes(query):
        rows = page(client.get(f"/logs/?{query}")).select("#logs tbody tr")
        return sorted(row.select("td")[1].get_text(strip=True) for row in rows)

    assert codes("search=alp") == ["ALPHA"]
    assert codes("search=se2") == ["BETA"]
    assert codes("search=p1") == ["ALPHA"]
    assert codes("created_by=me") == ["ALPHA", "BETA"]
    assert codes("status=in_progress") == ["ALPHA", "BETA", "GAMMA"]
    assert codes("status=completed") == []


def test_support_sees_every_organisation_and_can_filter(
    client, make_user, organisation, other_organisation
):
    one = make_user(Role.DATA_PROVIDER)
    two = make_user(Role.DATA_PROVIDER, org=other_organisation)
    make_log(one, tenant_code="ONE")
    make_log(two, tenant_code="TWO")
    sign_in(client, make_user(Role.SUPPORT))
    text = page(client.get("/logs/")).select_one("#logs").get_text()
    assert "ONE" in text and "TWO" in text
    filtered = page(client.get(f"/logs/?organisation={other_organisation.id}"))
    assert "ONE" not in filtered.select_one("#logs").get_text()


def test_the_list_is_paginated(client, provider):
    for number in range(23):
        make_log(provider, tenant_code=f"T{number:02d}")
    first = page(client.get("/logs/"))
    assert len(first.select("#logs tbody tr")) == 20
    assert first.select_one(".govuk-pagination__next a")["href"].endswith("page=2")
    second = page(client.get("/logs/?page=2"))
    assert len(second.select("#logs tbody tr")) == 3
    assert page(client.get("/logs/?page=99")).select("#logs tbody tr")  # clamped, not empty


def test_download_csv_uses_the_api_names_and_values(client, provider, valid_example):
    from app.formkit.validation import apply_payload

    answers = apply_payload(LETTINGS_LOG, valid_example, {}).answers
    record = make_log(provider, **answers)
    make_log(provider, tenant_code="OTHER")
    response = client.get("/logs/download.csv?search=T657")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 1  # the filters apply
    exported = rows[0]
    assert exported["id"] == str(record.id)
    assert exported["status"] == "completed"
    assert exported["tenant_code"] == "T657"
    assert exported["tenancy_start_date"] == "12/03/2019"
    assert exported["condition_effects_hearing"] == "true"
    assert exported["total_charge"] == "325.0"
    assert exported["person_4_age"] == "12"
    # An export of all years has every year's columns: 2027/28's renewal is empty for 2018/19.
    assert exported["renewal"] == ""
    assert len(exported) == 112 + 4 + 1


def test_download_streams_in_batches(client, provider, monkeypatch):
    from app import csv_export

    monkeypatch.setattr(csv_export, "BATCH", 2)
    for number in range(5):
        make_log(provider, tenant_code=f"T{number}")
    response = client.get("/logs/download.csv")
    assert "Content-Length" not in response.headers  # sent as it is made, not all at once
    lines = response.get_data(as_text=True).splitlines()
    assert len(lines) == 6  # the header and five logs


def test_an_impossible_organisation_filter_finds_nothing(client, make_user):
    sign_in(client, make_user(Role.SUPPORT))
    response = client.get("/logs/?organisation=99999999999999999999")
    assert response.status_code == 200
    assert not page(response).select("#logs tbody tr")


def test_the_csv_neutralises_formulas_and_keeps_numbers(client, provider):
    """A spreadsheet would run a cell beginning = + - @ (OWASP's CSV injection)."""
    api_token = create_token(provider)[1]
    codes = ['=HYPERLINK("http://evil","x")', "-1+2", "@SUM(A1)", "-5.50", "-5"]
    for code in codes:
        response = client.post(
            "/case_logs",
            json={"tenant_code": code, "person_1_age": 30},
            headers={"Authorization": f"Bearer {api_token}"},
        )
        assert response.status_code == 201, response.json

    rows = list(
        csv.DictReader(io.StringIO(client.get("/logs/download.csv").get_data(as_text=True)))
    )
    assert sorted(row["tenant_code"] for row in rows) == sorted(
        ['\'=HYPERLINK("http://evil","x")', "'-1+2", "'@SUM(A1)", "-5.50", "-5"]
    )
    assert {row["person_1_age"] for row in rows} == {"30"}


def _found(client, search) -> list[str]:
    """The references of the logs a search lists."""
    soup = page(client.get("/logs/", query_string={"search": search}))
    return [row.select_one("td a").get_text(strip=True) for row in soup.select("#logs tbody tr")]


def test_the_list_shows_each_logs_reference_linking_to_it(client, provider):
    record = make_log(provider, tenant_code="REF1")
    soup = page(client.get("/logs/"))
    assert soup.select_one("#logs thead th").get_text(strip=True) == "Reference"
    link = soup.select_one("#logs tbody tr td a")
    assert link.get_text(strip=True) == record.reference
    assert link["href"] == f"/logs/{record.id}/"
    # The log itself shows it too, while open and once read-only.
    assert record.reference in page(client.get(link["href"])).select_one("main").get_text()


def test_search_finds_a_log_by_its_reference_however_it_is_typed(client, provider):
    wanted = make_log(provider, tenant_code="WANTED")
    make_log(provider, tenant_code="OTHER")
    reference = wanted.reference  # LL-ABCD-EFGH
    body = reference.removeprefix("LL-")
    for search in (reference, reference.lower(), body, body.replace("-", " "), body[:4]):
        assert _found(client, search) == [reference], search


def test_search_finds_a_log_by_its_id_as_core_does(client, provider):
    wanted = make_log(provider, tenant_code="WANTED")
    make_log(provider, tenant_code="OTHER")
    for search in (str(wanted.id), f"Log {wanted.id}", f"log{wanted.id}"):
        assert _found(client, search) == [wanted.reference], search
    assert _found(client, "99999999999999999999") == []  # no id, and no 500


def test_search_cannot_reach_another_organisations_log(
    client, provider, make_user, other_organisation
):
    theirs = make_log(make_user(Role.DATA_PROVIDER, org=other_organisation))
    assert _found(client, theirs.reference) == []
    assert _found(client, str(theirs.id)) == []


def test_an_empty_search_says_no_logs_match(client, provider):
    make_log(provider, tenant_code="ALPHA")
    soup = page(client.get("/logs/?search=nothing-like-it"))
    assert soup.select_one("#logs") is None
    assert "No logs match your search" in soup.select_one("main").get_text()
    assert soup.select_one("main a[href='/logs/']") is not None  # a way back to every log


def test_an_organisation_with_no_logs_is_told_so(client, provider):
    soup = page(client.get("/logs/"))
    assert soup.select_one("#logs") is None
    text = soup.select_one("main").get_text()
    assert "There are no lettings logs yet" in text
    assert "match your search" not in text


def test_lettings_logs_is_marked_in_the_navigation_on_a_logs_pages(client, provider):
    record = make_log(provider)
    for url in ("/logs/", f"/logs/{record.id}/", f"/logs/{record.id}/tenant_code"):
        soup = page(client.get(url))
        active = soup.select(".govuk-service-navigation__item--active")
        assert [item.get_text(strip=True) for item in active] == ["Lettings logs"], url
    # The list is the page itself; a log is a page within it.
    assert page(client.get("/logs/")).select_one("a[aria-current]")["aria-current"] == "page"
    log_page = page(client.get(f"/logs/{record.id}/"))
    assert log_page.select_one("a[aria-current]")["aria-current"] == "true"


def test_a_bad_age_gives_one_message_on_the_page(client, provider):
    """One wrong age that breaks two rules: one message on the age, and the error summary
    lists each message once, not the same one twice."""
    log_id = new_log(client)
    base = f"/logs/{log_id}"
    post_page(
        client,
        f"{base}/household_number_of_other_members",
        {"household_number_of_other_members": "1"},
    )
    response = post_page(
        client,
        f"{base}/person_2",
        {
            "person_2_relationship": "Partner",
            "person_2_age": "10",
            "person_2_gender": "Female",
            "person_2_economic_status": "Full-time - 30 hours or more",
        },
    )
    soup = page(response)
    relationship = (
        "Person 2 is under 16, so their relationship to the lead tenant must be "
        "‘Child - includes young adult and grown-up’"
    )
    working = "Person 2 is under 16, so their working situation must be ‘Child under 16’"
    assert error_summary(soup) == [relationship, working]
    assert field_error(soup, "person_2_age") == relationship
    assert len(soup.select("#person_2_age-error")) == 1


def test_an_unanswered_question_gets_its_written_message(client, provider):
    log_id = new_log(client)
    response = post_page(client, f"/logs/{log_id}/time_lived_in_la", {"time_lived_in_la": ""})
    assert error_summary(page(response)) == [
        "Enter how long the household has lived in the local authority area"
    ]
