"""A group inside a group on the web: each adult household member's jobs, added, changed and
removed with the "Add another" pattern inside the member, and shown under the member on
check answers."""

from app.extensions import db
from app.formkit.models import FormRecord
from tests.formkit.conftest import post_page
from tests.helpers import error_summary, page, sign_in


def answers(record_id: int) -> dict:
    db.session.expire_all()
    return db.session.get(FormRecord, record_id).answers


def adult_member(client, base: str) -> None:
    post_page(client, f"{base}/members", {"add_another": "yes"})
    post_page(client, f"{base}/members/0/details", {"member_name": "Ada", "member_age": "40"})


def test_an_adult_members_jobs_are_asked_inside_the_member(client, new_record):
    base = f"/example/{new_record()}"
    post_page(client, f"{base}/members", {"add_another": "yes"})
    steps = [
        ("members/0/details", {"member_name": "Ada", "member_age": "40"}, None),
        ("members/0/member_relationship", {"member_relationship": "other"}, "members/0/jobs"),
        ("members/0/jobs", {"add_another": "yes"}, "members/0/jobs/0/job_title"),
        ("members/0/jobs/0/job_title", {"job_title": "Nurse"}, "members/0/jobs"),
        ("members/0/jobs", {"add_another": "yes"}, "members/0/jobs/1/job_title"),
        ("members/0/jobs/1/job_title", {"job_title": "Author"}, "members/0/jobs"),
        # At the inner list's maximum, Continue goes on: to the outer list.
        ("members/0/jobs", {}, "members"),
    ]
    for key, data, expected_next in steps:
        response = post_page(client, f"{base}/{key}", data)
        assert response.status_code == 302, (key, error_summary(page(response)))
        if expected_next:
            assert response.headers["Location"] == f"{base}/{expected_next}", key

    record_id = int(base.rsplit("/", 1)[1])
    jobs = answers(record_id)["members"][0]["jobs"]
    assert jobs == [{"job_title": "Nurse"}, {"job_title": "Author"}]


def test_the_inner_add_another_page(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    adult_member(client, base)
    post_page(client, f"{base}/members/0/jobs/0/job_title", {"job_title": "Nurse"})

    soup = page(client.get(f"{base}/members/0/jobs"))

    assert soup.select_one("h1").get_text(strip=True) == "Their jobs"
    # Whose jobs they are: the member's name.
    assert soup.select_one(".govuk-caption-l").get_text(strip=True) == "Ada"
    assert [v.get_text(strip=True) for v in soup.select(".govuk-summary-list__value")] == ["Nurse"]
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".govuk-summary-list a")}
    assert links == {
        "Change Nurse": f"{base}/members/0/jobs/0/job_title",
        "Remove Nurse": f"{base}/members/0/jobs/0/remove",
    }
    assert soup.select_one(".govuk-back-link")["href"] == f"{base}/members/0/jobs/0/job_title"
    soup = page(post_page(client, f"{base}/members/0/jobs", {}))
    assert error_summary(soup) == ["Select yes if you need to add another job"]

    question = page(client.get(f"{base}/members/0/jobs/1/job_title"))
    caption = question.select_one(".govuk-caption-l").get_text(strip=True)
    assert caption == "Your household – Household member 1 – Job 2"


def test_saying_no_to_the_inner_list_records_none_in_the_member(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    adult_member(client, base)

    response = post_page(client, f"{base}/members/0/jobs", {"add_another": "no"})

    assert response.status_code == 302
    assert answers(record_id)["members"][0]["jobs"] == []


def test_change_and_remove_an_inner_item(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    adult_member(client, base)
    post_page(client, f"{base}/members/0/jobs/0/job_title", {"job_title": "Nurse"})
    post_page(client, f"{base}/members/0/jobs/1/job_title", {"job_title": "Author"})
    post_page(client, f"{base}/members/0/jobs/0/job_title", {"job_title": "Doctor"})
    assert [j["job_title"] for j in answers(record_id)["members"][0]["jobs"]] == [
        "Doctor",
        "Author",
    ]

    removal = f"{base}/members/0/jobs/0/remove"
    soup = page(client.get(removal))
    assert soup.select_one("h1").get_text(strip=True) == "Are you sure you want to remove this job?"
    assert soup.select_one(".govuk-caption-l").get_text(strip=True) == "Doctor"
    assert soup.select_one(".govuk-back-link")["href"] == f"{base}/members/0/jobs"
    kept = post_page(client, removal, {"confirm_remove": "no"})
    assert kept.headers["Location"] == f"{base}/members/0/jobs"
    assert len(answers(record_id)["members"][0]["jobs"]) == 2

    removed = post_page(client, removal, {"confirm_remove": "yes"})

    assert removed.headers["Location"] == f"{base}/members/0/jobs"
    member = answers(record_id)["members"][0]
    assert member["jobs"] == [{"job_title": "Author"}]
    assert member["member_name"] == "Ada"  # the member itself stays
    assert "The job has been removed" in page(client.get(f"{base}/members/0/jobs")).get_text()


def test_inner_urls_that_do_not_apply_are_not_found(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    post_page(client, f"{base}/members", {"add_another": "yes"})
    post_page(client, f"{base}/members/0/details", {"member_name": "Byron", "member_age": "8"})

    # A child has no jobs.
    assert client.get(f"{base}/members/0/jobs").status_code == 404
    assert client.get(f"{base}/members/0/jobs/0/job_title").status_code == 404
    assert client.get(f"{base}/members/0/jobs/0/remove").status_code == 404
    # No such member, no such job, no such group, not a number.
    assert client.get(f"{base}/members/3/jobs").status_code == 404
    assert client.get(f"{base}/members/0/pets/0/remove").status_code == 404
    assert client.get(f"{base}/members/0/jobs/x/remove").status_code == 404
    assert client.get(f"{base}/members/²/remove").status_code == 404
    # The member itself can still be removed at its own path.
    assert client.get(f"{base}/members/0/remove").status_code == 200


def test_removing_a_member_removes_their_jobs(client, new_record):
    record_id = new_record()
    base = f"/example/{record_id}"
    adult_member(client, base)
    post_page(client, f"{base}/members/0/jobs/0/job_title", {"job_title": "Nurse"})

    post_page(client, f"{base}/members/0/remove", {"confirm_remove": "yes"})

    assert answers(record_id)["members"] == []


def test_check_answers_shows_each_members_jobs_under_the_member(client, owned_record):
    record, user = owned_record(
        {
            "members": [
                {"member_name": "Byron", "member_age": 8, "member_relationship": "child"},
                {
                    "member_name": "Ada",
                    "member_age": 40,
                    "jobs": [{"job_title": "Nurse"}, {"job_title": "Author"}],
                },
            ]
        }
    )
    sign_in(client, user)
    base = f"/example/{record.id}"

    soup = page(client.get(f"{base}/check-answers/household"))

    headings = [h.get_text(strip=True) for h in soup.select("h3.govuk-heading-s")]
    assert headings == ["Byron", "Ada"]
    inner = soup.select(".formkit-inner-group")
    assert len(inner) == 1  # Byron is not asked about jobs
    assert inner[0].find_previous("h3").get_text(strip=True) == "Ada"
    assert inner[0].select_one("h4").get_text(strip=True) == "Their jobs"
    cards = [c.get_text(strip=True) for c in inner[0].select(".govuk-summary-card__title")]
    assert cards == ["Nurse", "Author"]
    change = inner[0].select(".govuk-summary-list__actions a")
    assert change[1]["href"] == (
        f"{base}/members/1/jobs/1/job_title?return_to=check-answers/household"
    )
    assert inner[0].select("p a")[-1]["href"] == f"{base}/members/1/jobs"
