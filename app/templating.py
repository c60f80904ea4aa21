"""Jinja set-up: our templates first, then the GOV.UK Frontend macros and WTForms widgets."""

import json
from datetime import date, datetime
from typing import Any

from flask import Flask, get_template_attribute
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from markupsafe import Markup

from app.cookie_preferences import read_preferences
from app.navigation import navigation_items


def govuk_date(value: datetime | date | str) -> str:
    """Dates as GOV.UK writes them: 22 November 2026. Takes ISO date strings too."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def govuk_time(moment: datetime) -> str:
    """A moment as people in the UK read it: 24 November 2026, 3:05pm."""
    from app.clock import UK

    local = moment.astimezone(UK)
    hour = f"{local.hour % 12 or 12}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
    return f"{govuk_date(local)}, {hour}"


def quoted_sentence(text: str) -> str:
    """Someone's words quoted as a sentence of ours: “Add your payslips.” keeps its own full
    stop, and “Missing payslips”. gets one after the quote, never both."""
    text = text.strip()
    return f"“{text}”" if text.endswith((".", "!", "?", "…")) else f"“{text}”."


def govuk_macro(component: str):
    """A GOV.UK Frontend component's macro: "date-input" gives govukDateInput. Jinja keeps
    the macro's template and module once loaded, so a call costs only the macro's render."""
    name = "govuk" + "".join(part.title() for part in component.split("-"))
    return get_template_attribute(f"govuk_frontend_jinja/components/{component}/macro.html", name)


class ConstantComponents:
    """GOV.UK components whose HTML follows from their parameters, such as the header and the
    footer, rendered once per set of parameters and then reused: the header, footer and
    cookie banner were two fifths of the layout's render, the same on every page, and the
    service navigation and phase banner another fifth of a signed-in page's
    (docs/performance.md).

    A part that differs per user or request (the sign-out button's CSRF token, the feedback
    link's return path) is passed as a marker in `params`, and its value in `fill`: the kept
    HTML has the marker, and each call puts that request's value in its place (escaped, unless
    it is Markup). Parameters themselves must take few values, since each set is kept."""

    LIMIT = 256  # the distinct parameter sets: a few per role and menu item; past this, no keeping

    def __init__(self, app: Flask):
        self.app = app
        self.html: dict[tuple[str, str], Markup] = {}

    def __call__(
        self, component: str, params: dict[str, Any], fill: dict[str, Any] | None = None
    ) -> Markup:
        key = (component, json.dumps(params, sort_keys=True))
        html = self.html.get(key)
        if html is None:
            html = govuk_macro(component)(params)  # Markup: autoescaped
            # Templates that reload while being edited must show their changes.
            if not self.app.jinja_env.auto_reload and len(self.html) < self.LIMIT:
                self.html[key] = html
        for marker, value in (fill or {}).items():
            if marker not in html:
                raise ValueError(f"{component}: the marker {marker!r} is not in its HTML")
            html = html.replace(marker, value)  # Markup.replace escapes a plain str
        return html


def init_app(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            app.jinja_loader,
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.do")
    WTFormsHelpers(app)
    app.add_template_filter(govuk_date)
    app.add_template_filter(govuk_time)
    app.add_template_filter(quoted_sentence)
    app.add_template_global(ConstantComponents(app), "constant_component")

    @app.context_processor
    def layout_context():
        return {
            "service_name": app.config["SERVICE_NAME"],
            "navigation_items": navigation_items(),
            "cookie_preferences": read_preferences(),
        }
