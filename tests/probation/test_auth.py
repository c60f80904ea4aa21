"""Who may use the probation API, and JSON for every answer on its paths."""

import pytest

from app.accounts.roles import Role
from tests.helpers import sign_in

URLS = [
    "/users/someone@example.com/access/X320741",
    "/case-data/X320741/101",
    "/case-data/X320741/personal-details",
]


@pytest.mark.parametrize("url", URLS)
def test_without_a_token_is_401_json(client, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response.json == {
        "error": "Send an API token in the header: Authorization: Bearer <token>"
    }
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("url", URLS)
def test_a_bad_token_is_401(client, url):
    response = client.get(url, headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401


@pytest.mark.parametrize("url", URLS)
def test_an_applicant_is_403(as_user, url):
    response = as_user(Role.APPLICANT)("GET", url)
    assert response.status_code == 403
    assert response.json == {"error": "Only housing staff can use the probation case data API"}


@pytest.mark.parametrize("role", [Role.DATA_PROVIDER, Role.DATA_COORDINATOR, Role.SUPPORT])
def test_every_staff_role_may_use_it(as_user, role):
    caller = as_user(role)
    assert caller("GET", f"/users/{caller.user.email}/access/X320741").status_code == 200


def test_a_client_that_will_not_take_json_is_406(staff):
    response = staff("GET", URLS[0], headers={"Accept": "text/html"})
    assert response.status_code == 406


@pytest.mark.parametrize("url", ["/users/", "/users/a@example.com/nothing", "/case-data/X1"])
def test_unknown_paths_are_json_404s(client, url):
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.json == {"error": "Not found"}


def test_the_staff_pages_for_users_are_still_pages(client, make_user):
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    response = client.get("/manage-users/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
