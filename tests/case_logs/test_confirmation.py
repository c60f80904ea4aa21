"""The page after submitting a lettings log: the reference, what happens next, and a link to
give feedback."""

from __future__ import annotations

from app.extensions import db
from app.formkit.models import FormRecord
from tests.formkit.conftest import form_state
from tests.helpers import page, sign_in


def test_the_confirmation_page_says_what_happens_next(client, as_user, valid_example):
    staff = as_user()
    log_id = staff("POST", "/case_logs", valid_example).json["id"]
    sign_in(client, staff.user)
    submit = f"/logs/{log_id}/submit"
    response = client.post(
        submit, data={**form_state(client.get(submit)), "declaration": "confirmed"}
    )
    url = response.headers["Location"]
    assert url == f"/logs/{log_id}/confirmation"
    soup = page(client.get(url))

    assert soup.select_one("#reference").get_text(strip=True) == (
        db.session.get(FormRecord, log_id).reference
    )
    assert "What happens next" in [h.get_text(strip=True) for h in soup.select("main h2")]
    next_steps = soup.select_one("#what-happens-next")
    assert "can no longer be changed" in next_steps.get_text()
    assert next_steps.select_one("a")["href"] == "/logs/"
    assert "email" not in soup.select_one("main").get_text().lower()
    feedback = soup.select_one("#feedback-link a")
    assert feedback["href"] == f"/feedback/?from={url}"
