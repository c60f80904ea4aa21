"""GOV.UK components rendered once per set of parameters (app/templating.py): the same HTML
as the macro renders, and never another set's."""

from bs4 import BeautifulSoup
from flask import get_template_attribute, render_template_string


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
