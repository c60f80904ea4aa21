"""Browser tests: the app served from a background thread on the test database, driven by
Debian's Chromium through Playwright, with JavaScript on. Screenshots go under
test-artifacts/screenshots/."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.helpers import PASSWORD
from tests.listings.conftest import (  # noqa: F401 (fixtures for the listing pages)
    listing,
    make_development,
    make_listing,
    make_property,
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules/axe-core/axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts/screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BEST_PRACTICE_TAGS = [*WCAG_TAGS, "best-practice"]

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class LiveServer:
    def __init__(self, flask_app):
        self.server = make_server(
            "127.0.0.1", 0, flask_app, threaded=True, request_handler=QuietHandler
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def start_server():
    """`start_server(flask_app)` serves that app until the session ends; its base URL."""
    servers = []

    def start(flask_app) -> str:
        servers.append(LiveServer(flask_app))
        return servers[-1].url

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def live_url(_migrated_app, start_server) -> str:
    return start_server(_migrated_app)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM}: `make install` installs it")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield browser
        browser.close()


@pytest.fixture
def new_tab(app, browser, live_url):
    """`new_tab(**context_options)`: a fresh browser tab with its own cookies on the live
    server. A script error, or a script the content security policy refuses, fails the test."""
    contexts, problems = [], []

    def open_tab(base_url: str = live_url, **options):
        options.setdefault("viewport", {"width": 1024, "height": 768})
        context = browser.new_context(base_url=base_url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        tab.on(
            "console",
            lambda message: (
                problems.append(f"console: {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    assert not problems, problems


@pytest.fixture
def page(new_tab):
    return new_tab()


def screenshot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(tab, user, password: str = PASSWORD) -> None:
    tab.goto("/sign-in", wait_until="domcontentloaded")
    tab.locator('[name="email"]').fill(user.email)
    tab.locator('[name="password"]').fill(password)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_load_state()
    assert not tab.url.split("?")[0].endswith("/sign-in"), "sign-in failed"


# GOV.UK Frontend marks a radio or checkbox that reveals a question with aria-expanded, which
# ARIA allows only on other roles. The Design System keeps it on purpose: screen readers
# announce it, and its research found it helps (alphagov/govuk-frontend#979, a known issue).
# Only that attribute, on those two roles, is accepted; every other ARIA misuse still fails.
GOVUK_REVEAL_ATTRIBUTES = {"radio": ["aria-expanded"], "checkbox": ["aria-expanded"]}


def axe_violations(tab, tags=WCAG_TAGS) -> list[dict]:
    """axe-core's violations on the page as it is now: of WCAG 2.2 A and AA, or of these tags
    (BEST_PRACTICE_TAGS adds axe's best practices, such as `region`)."""
    if not tab.evaluate("() => typeof window.axe !== 'undefined'"):
        tab.add_script_tag(path=str(AXE))
        tab.evaluate(
            "(options) => axe.configure({checks: [{id: 'aria-allowed-attr', options}]})",
            GOVUK_REVEAL_ATTRIBUTES,
        )
    result = tab.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))",
        list(tags),
    )
    return result
