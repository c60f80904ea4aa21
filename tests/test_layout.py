"""The GOV.UK layout: titles, header, navigation by role, footer, and assets that really load."""

import re

import pytest

from app.accounts.roles import Role
from app.static_assets import fingerprint
from tests.helpers import page, sign_in, sign_out


def test_home_page_has_the_govuk_layout(client):
    response = client.get("/")
    assert response.status_code == 200
    soup = page(response)
    assert soup.title.get_text() == "Home – Housing forms – GOV.UK"
    assert soup.select_one("a.govuk-skip-link")["href"] == "#main-content"
    assert soup.select_one("main#main-content") is not None
    assert soup.select_one(".govuk-header") is not None
    assert soup.select_one(".govuk-service-navigation__service-name").get_text(strip=True) == (
        "Housing forms"
    )
    assert "Beta" in soup.select_one(".govuk-phase-banner").get_text()
    footer_links = {a.get_text(strip=True): a["href"] for a in soup.select(".govuk-footer a")}
    assert footer_links["Accessibility statement"] == "/accessibility-statement"
    assert footer_links["Cookies"] == "/cookies"
    assert footer_links["Privacy notice"] == "/privacy-notice"


def _asset_urls(soup):
    urls = [link["href"] for link in soup.select("link[href]") if link["href"].startswith("/")]
    urls += [script["src"] for script in soup.select("script[src]")]
    return urls


def _without_query(url: str) -> str:
    return url.split("?")[0]


def test_every_asset_the_page_links_to_loads(client):
    soup = page(client.get("/"))
    urls = _asset_urls(soup)
    paths = {_without_query(url) for url in urls}
    assert {"/assets/govuk-frontend/govuk-frontend.min.css", "/assets/app/init.mjs"} <= paths
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_javascript_starts_every_govuk_component(client):
    soup = page(client.get("/"))
    script = soup.select_one('script[type="module"][src^="/assets/app/init.mjs?v="]')
    assert script is not None
    init = client.get("/assets/app/init.mjs").get_data(as_text=True)
    assert "initAll()" in init
    imported = re.search(r"from '([^']+)'", init).group(1)
    assert client.get("/assets/app/" + imported).status_code == 200


def test_fonts_and_images_the_css_asks_for_are_served(client):
    css = client.get("/assets/govuk-frontend/govuk-frontend.min.css").get_data(as_text=True)
    asset_urls = set(re.findall(r"url\(\"?(/assets/[^\")]+)\"?\)", css))
    assert any("/fonts/" in url for url in asset_urls)
    for url in asset_urls:
        assert client.get(url).status_code == 200, url


def test_inline_script_carries_the_csp_nonce_and_csp_forbids_other_inline_code(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    inline_scripts = [s for s in page(response).select("script") if not s.get("src")]
    assert inline_scripts, "GOV.UK Frontend's js-enabled script is expected"
    assert all(script["nonce"] == nonce for script in inline_scripts)


def test_each_response_gets_a_new_nonce(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second


def test_security_headers(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def _navigation(client):
    soup = page(client.get("/", follow_redirects=True))
    items = soup.select(".govuk-service-navigation__item a, .govuk-service-navigation__item button")
    return [item.get_text(strip=True) for item in items]


def test_navigation_when_signed_out(client):
    assert _navigation(client) == ["Find a home", "Create an account", "Sign in"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            Role.APPLICANT,
            ["Find a home", "Your applications", "Your account", "Sign out"],
        ),
        (
            Role.DATA_PROVIDER,
            ["Lettings logs", "Applications", "Listings", "Tenures", "Your account", "Sign out"],
        ),
        (
            Role.DATA_COORDINATOR,
            [
                "Lettings logs",
                "Applications",
                "Listings",
                "Tenures",
                "Users",
                "Your account",
                "Sign out",
            ],
        ),
        (
            Role.SUPPORT,
            [
                "Lettings logs",
                "Applications",
                "Listings",
                "Tenures",
                "Users",
                "Feedback",
                "Failed jobs",
                "Your account",
                "Sign out",
            ],
        ),
    ],
)
def test_navigation_changes_with_role(client, make_user, role, expected):
    sign_in(client, make_user(role))
    assert _navigation(client) == expected


def test_current_page_is_marked_in_navigation(client, make_user):
    sign_in(client, make_user(Role.APPLICANT))
    soup = page(client.get("/account"))
    active = soup.select_one(".govuk-service-navigation__item--active")
    assert active.get_text(strip=True) == "Your account"


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/accessibility-statement", "Accessibility statement"),
        ("/privacy-notice", "Privacy notice"),
        ("/cookies", "Cookies"),
        ("/sign-in", "Sign in"),
        ("/register", "Create an account"),
    ],
)
def test_information_pages(client, url, title):
    response = client.get(url)
    assert response.status_code == 200
    assert page(response).title.get_text() == f"{title} – Housing forms – GOV.UK"


def test_assets_the_page_links_to_are_fingerprinted_and_kept_for_a_year(client):
    css = next(
        url for url in _asset_urls(page(client.get("/"))) if url.startswith("/assets/app/app.css")
    )
    version = css.split("?v=")[1]
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    response = client.get(css)
    assert response.cache_control.max_age == 365 * 24 * 60 * 60
    # A wrong or missing fingerprint (an old page, or a URL the stylesheet names) gets an hour.
    assert client.get("/assets/app/app.css?v=000000000000").cache_control.max_age == 3600
    assert client.get("/assets/fonts/" + _a_font(client)).cache_control.max_age == 3600


def _a_font(client) -> str:
    css = client.get("/assets/govuk-frontend/govuk-frontend.min.css").get_data(as_text=True)
    return re.search(r"/assets/fonts/([^\")]+)", css).group(1)


def test_a_changed_file_gets_a_new_fingerprint(tmp_path):
    asset = tmp_path / "app.css"
    asset.write_text("body { color: black }")
    before = fingerprint(str(tmp_path), "app.css")
    asset.write_text("body { color: #0b0c0c }")
    after = fingerprint(str(tmp_path), "app.css")
    assert before and after and before != after
    assert fingerprint(str(tmp_path), "missing.css") is None
    assert fingerprint(str(tmp_path), "") is None
    # A name from a request's path never reaches outside the folder.
    (tmp_path / "static").mkdir()
    assert fingerprint(str(tmp_path / "static"), "../app.css") is None


def test_staff_pages_say_who_is_signed_in_and_for_which_organisation(client, make_user):
    sign_in(client, make_user(Role.DATA_PROVIDER, name="Dee Provider"))
    soup = page(client.get("/logs/"))
    signed_in = soup.select_one(".govuk-service-navigation #signed-in-as")
    assert signed_in.get_text(" ", strip=True) == (
        "Signed in as Dee Provider, Test Borough Council"
    )
    # Before the sign-out button, which still signs out.
    end = soup.select(".govuk-service-navigation__list > li")[-2:]
    assert end[0] is signed_in
    assert end[1].select_one("form button").get_text(strip=True) == "Sign out"
    sign_out(client)
    assert page(client.get("/sign-in")).select_one("#signed-in-as") is None


def test_support_staff_are_shown_as_support(client, make_user):
    sign_in(client, make_user(Role.SUPPORT, name="Sam Support"))
    signed_in = page(client.get("/logs/")).select_one("#signed-in-as")
    assert signed_in.get_text(" ", strip=True) == "Signed in as Sam Support, Support"


def test_an_error_page_still_says_who_is_signed_in(client, make_user):
    sign_in(client, make_user(Role.DATA_COORDINATOR, name="Cy Coordinator"))
    response = client.get("/logs/999999/")
    assert response.status_code == 404
    assert "Cy Coordinator, Test Borough Council" in page(response).select_one("header").get_text()


def test_applicants_see_no_organisation(client, make_user):
    sign_in(client, make_user(Role.APPLICANT))
    assert page(client.get("/account")).select_one("#signed-in-as") is None


def test_every_part_of_the_page_is_in_a_landmark(client, make_user):
    """axe's best-practice `region` rule: the phase banner sits in the header (the banner
    landmark) and a back link in a navigation landmark of its own."""
    sign_in(client, make_user(Role.DATA_COORDINATOR))
    soup = page(client.get("/manage-users/invite"))
    assert soup.select_one("header.govuk-template__header .govuk-phase-banner") is not None
    back = soup.select_one("a.govuk-back-link")
    assert back.find_parent("nav")["aria-label"] == "Back"
    container = soup.select_one("body > .govuk-width-container")
    outside_main = [child for child in container.find_all(recursive=False) if child.name != "main"]
    assert [child.name for child in outside_main] == ["nav"]
    # A page without a back link has no empty landmark.
    assert page(client.get("/manage-users/")).select_one("nav[aria-label=Back]") is None


def test_a_not_found_title_starts_with_what_happened_not_a_status_code(client, make_user):
    """GOV.UK's "Page not found" pattern, wherever a 404 comes from: no route, no such log, or
    no such page of a log, signed in or not."""
    assert page(client.get("/no-such-page")).title.get_text() == (
        "Page not found – Housing forms – GOV.UK"
    )
    sign_in(client, make_user(Role.DATA_PROVIDER))
    token = page(client.get("/logs/")).select_one("input[name=csrf_token]")["value"]
    log_url = client.post("/logs/new", data={"csrf_token": token}).headers["Location"]
    for url in ("/no-such-page", "/logs/2147483647/", f"{log_url}no-such-question"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert page(response).title.get_text() == "Page not found – Housing forms – GOV.UK", url


def test_assets_are_served_without_loading_the_signed_in_user(
    make_app, unreachable_database_url, client, make_user
):
    """Pages load the user before anything can fail; a static file has no use for them."""
    sign_in(client, make_user())
    gone = make_app(database_url=unreachable_database_url).test_client()
    gone.set_cookie("session", client.get_cookie("session").value)
    assert gone.get("/assets/app/app.css").status_code == 200
