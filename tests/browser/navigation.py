"""Where a tab is, the pages it loads, a new lettings log, and where a record's task list sends
it next."""

from __future__ import annotations

from urllib.parse import urlsplit


def path(tab) -> str:
    return urlsplit(tab.url).path


class PageViews:
    """Every page the tab loads from now on, in order: what its user has to look at. A move
    within a page (the skip link) is not a page view."""

    def __init__(self, tab):
        self.paths: list[str] = []
        tab.on("domcontentloaded", lambda loaded: self.paths.append(path(loaded)))


def next_unfinished_section(tab, base: str):
    """The first task-list link (the record at `base`) whose section is not completed."""
    tab.goto(f"{base}/", wait_until="domcontentloaded")
    for item in tab.locator(".govuk-task-list__item").all():
        link = item.locator("a")
        status = item.locator(".govuk-task-list__status").inner_text().strip()
        if link.count() and status != "Completed":
            return link.first
    return None


def new_log(tab) -> str:
    """Create a lettings log from the logs list; its base path."""
    tab.goto("/logs/", wait_until="domcontentloaded")
    with tab.expect_navigation(wait_until="domcontentloaded"):
        tab.get_by_role("button", name="Create a new lettings log").click()
    return path(tab).rstrip("/")
