"""GOV.UK components rendered once per set of parameters (app/templating.py): the same HTML
as the macro renders, and never another set's."""

import pytest
from bs4 import BeautifulSoup
from flask import get_template_attribute, render_template_string

from app.accounts.roles import Role
from tests.helpers import page, sign_in, sign_out


def footer(text: str) -> dict:
    return {"meta": {"items": [{"href": "/cookies", "text": text}]}}


def test_a_kept_component_is_the_macros_own_html(app):
    with app.test_request_context("/"):
        macro = get_template_attribute(
            "govuk_frontend_jinja/components/footer/macro.html", "govukFooter"
        )
        wanted = macro(footer("Cookies"))
        template = '{{ constant_component("footer", params) }}'
        first = render_template_string(template, params=footer("Cookies"))
        again = render_template_string(template, params=footer("Cookies"))
    assert first == again == str(wanted)
    assert 'href="/cookies"' in first


def test_other_parameters_are_rendered_for_themselves(app):
    with app.test_request_context("/"):
        template = '{{ constant_component("footer", params) }}'
        cookies = render_template_string(template, params=footer("Cookies"))
        privacy = render_template_string(template, params=footer("Privacy <notice>"))
    assert links(cookies) == ["Cookies"]
    assert links(privacy) == ["Privacy <notice>"]  # escaped in the HTML, as the macro does
    assert "Privacy &lt;notice&gt;" in privacy


def links(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".govuk-footer__inline-list a")]


def test_a_marker_is_filled_with_each_calls_own_value(app):
    params = footer("[[where]]")
    template = '{{ constant_component("footer", params, fill={"[[where]]": where}) }}'
    with app.test_request_context("/"):
        first = render_template_string(template, params=params, where="Cookies")
        second = render_template_string(template, params=params, where="Privacy <notice>")
    assert links(first) == ["Cookies"]
    assert links(second) == ["Privacy <notice>"]
    assert "Privacy &lt;notice&gt;" in second  # a plain string is escaped as it goes in
    assert "[[where]]" not in first + second


def test_a_marker_missing_from_the_html_is_an_error(app):
    template = '{{ constant_component("footer", params, fill={"[[absent]]": "x"}) }}'
    with app.test_request_context("/"), pytest.raises(ValueError, match="absent"):
        render_template_string(template, params=footer("Cookies"))


def test_each_page_gets_its_own_feedback_link_and_each_user_their_own_name(client, make_user):
    first = page(client.get("/cookies"))
    again = page(client.get("/privacy-notice"))
    assert first.select_one(".govuk-phase-banner a")["href"] == "/feedback/?from=/cookies"
    assert again.select_one(".govuk-phase-banner a")["href"] == "/feedback/?from=/privacy-notice"
    assert first.select_one("#signed-in-as") is None  # signed out

    for name in ("Dee Provider", "Di Provider"):
        sign_in(client, make_user(Role.DATA_PROVIDER, name=name))
        soup = page(client.get("/logs/"))
        assert name in soup.select_one("#signed-in-as").get_text()
        token = soup.select_one("nav form[action='/sign-out'] input[name=csrf_token]")["value"]
        assert token == soup.select_one("input[name=csrf_token]")["value"]
        sign_out(client)
