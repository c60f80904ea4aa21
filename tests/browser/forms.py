"""Answering a question page in the browser, from the data a user would type and pick, either
with the mouse or with the keyboard alone."""

from __future__ import annotations

import json
import re

FOCUSED = """() => {
  const e = document.activeElement
  if (!e || e === document.body) return null
  return {tag: e.tagName.toLowerCase(), type: e.type || '', name: e.name || '',
          value: e.value || '', checked: !!e.checked, text: (e.innerText || '').trim()}
}"""


def _selector(name: str, value: str | None = None) -> str:
    if value is None:
        return f"[name={json.dumps(name)}]"
    return f"[name={json.dumps(name)}][value={json.dumps(value)}]"


def _kind(tab, name: str) -> str:
    return tab.locator(_selector(name)).first.evaluate(
        "e => e.tagName.toLowerCase() === 'input' ? e.type : e.tagName.toLowerCase()"
    )


def fill_with_mouse(tab, data: dict) -> None:
    """Pick the choices first, so that the inputs they reveal are visible, then type."""
    kinds = {name: _kind(tab, name) for name in data}
    for name, value in data.items():
        if kinds[name] == "radio" and value == "":
            continue  # an optional question left unanswered
        if kinds[name] == "radio":
            tab.locator(_selector(name, value)).check()
        elif kinds[name] == "checkbox":
            wanted = set(value if isinstance(value, list) else [value])
            for box in tab.locator(_selector(name)).all():
                box.set_checked(box.get_attribute("value") in wanted)
    for name, value in data.items():
        if kinds[name] == "select":
            tab.locator(_selector(name)).select_option(value)
        elif kinds[name] not in ("radio", "checkbox"):
            tab.locator(_selector(name)).fill(value)


def save_and_continue(tab, button: str = "Save and continue") -> None:
    with tab.expect_navigation(wait_until="domcontentloaded"):
        tab.get_by_role("button", name=button, exact=True).click()


def _from_the_top(tab, skip_to_main: bool = True) -> None:
    """Start at the top of the page and, as keyboard users do, take the skip link. A page
    reached from one where the skip link was taken keeps its #main-content, and so starts there
    already."""
    at_main = tab.evaluate(
        "() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);"
        " return location.hash === '#main-content' }"
    )
    if not skip_to_main or at_main:
        return
    for _ in range(10):  # the cookie banner's buttons may come first
        tab.keyboard.press("Tab")
        if (tab.evaluate(FOCUSED) or {}).get("text") == "Skip to main content":
            tab.keyboard.press("Enter")
            return
    raise AssertionError("Tab never reached the skip link")


def tab_to(tab, text: str, within: str = "main", limit: int = 300) -> None:
    """Press Tab from the top of the page until a link or button reading `text`, inside the
    element that the CSS selector `within` picks, has focus."""
    _from_the_top(tab, skip_to_main=within == "main")
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        if (
            focused
            and focused["tag"] in ("a", "button")
            # innerText breaks a line before visually hidden text: "Continue\n application …".
            and " ".join(focused["text"].split()) == text
            and tab.evaluate("(within) => !!document.activeElement.closest(within)", within)
        ):
            return
    raise AssertionError(f"Tab never reached {text!r} in {within}")


class Mouse:
    """Answers a page, and follows a link or presses a button, by pointing and clicking."""

    keyboard = False

    def answer(self, tab, data: dict, button: str = "Save and continue") -> None:
        fill_with_mouse(tab, data)
        save_and_continue(tab, button=button)

    def follow(self, tab, text: str, within: str = "main") -> None:
        exactly = re.compile(rf"^\s*{re.escape(text)}\s*$")
        target = tab.locator(within).locator("a, button").filter(has_text=exactly).first
        with tab.expect_navigation(wait_until="domcontentloaded"):
            target.click()


class Keyboard:
    """The same with the keyboard alone: Tab, the arrow keys, Space, typing and Enter."""

    keyboard = True

    def answer(self, tab, data: dict, button: str = "Save and continue") -> None:
        fill_with_keyboard(tab, data, button=button)

    def follow(self, tab, text: str, within: str = "main") -> None:
        tab_to(tab, text, within)
        with tab.expect_navigation(wait_until="domcontentloaded"):
            tab.keyboard.press("Enter")


def fill_with_keyboard(tab, data: dict, button: str = "Save and continue") -> None:
    """Tab through the page from the top, answering each field as focus reaches it, until the
    button; then press Enter. Radios move with the arrow keys, as in every browser."""
    _from_the_top(tab)
    done: set[str] = set()
    for _ in range(400):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        if focused is None:
            continue
        if focused["tag"] == "button" and focused["text"] == button:
            missing = set(data) - done
            assert not missing, f"never reached {missing}"
            with tab.expect_navigation(wait_until="domcontentloaded"):
                tab.keyboard.press("Enter")
            return
        name = focused["name"]
        if name not in data or (name in done and focused["type"] != "checkbox"):
            continue
        value = data[name]
        if focused["type"] == "radio" and value == "":
            done.add(name)
            continue
        if focused["type"] == "radio":
            for _ in range(30):
                if focused["value"] == value and focused["checked"]:
                    break
                if focused["value"] == value:
                    tab.keyboard.press("Space")
                else:
                    tab.keyboard.press("ArrowDown")
                focused = tab.evaluate(FOCUSED)
            assert focused["value"] == value and focused["checked"], (name, value)
        elif focused["type"] == "checkbox":
            wanted = value if isinstance(value, list) else [value]
            if (focused["value"] in wanted) != focused["checked"]:
                tab.keyboard.press("Space")
        elif focused["tag"] == "select":
            for _ in range(300):
                if tab.evaluate(FOCUSED)["value"] == value:
                    break
                tab.keyboard.press("ArrowDown")
            assert tab.evaluate(FOCUSED)["value"] == value, (name, value)
        else:
            tab.keyboard.press("Control+A")
            tab.keyboard.press("Delete")
            if value:
                tab.keyboard.type(value)
        done.add(name)
    raise AssertionError(f"Tab never reached the {button!r} button")
