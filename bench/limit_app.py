"""The true limit for a question page: `bench.limit_app:app`, served by bench/question_page.py.

A minimal Flask app that renders the GOV.UK Frontend page template (header, service name,
footer) with one form of one question, built from the same govuk-frontend-jinja macros as our
pages. GET shows the question; POST checks that it was answered and redirects (302), or shows
the page again with the error. There is nothing else: no security headers or CSP nonce, no
cookie banner, no session, no CSRF token, no database. Whatever our pages cost beyond this is
the price of our layout and our machinery; this is as fast as a Flask page of that design gets.
"""

from __future__ import annotations

from flask import Flask, redirect, render_template, request
from jinja2 import ChoiceLoader, DictLoader, PackageLoader, PrefixLoader

PAGE = """\
{% extends "govuk_frontend_jinja/template.html" %}
{% from "govuk_frontend_jinja/components/header/macro.html" import govukHeader %}
{% from "govuk_frontend_jinja/components/footer/macro.html" import govukFooter %}
{% from "govuk_frontend_jinja/components/input/macro.html" import govukInput %}
{% from "govuk_frontend_jinja/components/button/macro.html" import govukButton %}
{% from "govuk_frontend_jinja/components/error-summary/macro.html" import govukErrorSummary %}
{% block pageTitle %}{% if error %}Error: {% endif %}What is your full name? – Limit – GOV.UK\
{% endblock %}
{% block head %}<link rel="stylesheet" href="/assets/govuk-frontend.min.css">{% endblock %}
{% block govukHeader %}{{ govukHeader({"homepageUrl": "https://www.gov.uk/"}) }}{% endblock %}
{% block content %}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  {% if error %}
    {{ govukErrorSummary({"titleText": "There is a problem",
                          "errorList": [{"text": error, "href": "#full_name"}]}) }}
  {% endif %}
  <form method="post" novalidate>
    {{ govukInput({
      "label": {"text": "What is your full name?", "classes": "govuk-label--l",
                "isPageHeading": true},
      "id": "full_name", "name": "full_name", "value": value,
      "errorMessage": {"text": error} if error else None,
    }) }}
    {{ govukButton({"text": "Save and continue"}) }}
  </form>
</div></div>
{% endblock %}
{% block govukFooter %}{{ govukFooter({}) }}{% endblock %}
"""


def build() -> Flask:
    application = Flask(__name__)
    application.jinja_loader = ChoiceLoader(
        [
            DictLoader({"page.html": PAGE}),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )

    @application.route("/", methods=["GET", "POST"])
    def question():
        if request.method == "POST":
            value = request.form.get("full_name", "").strip()
            if value:
                return redirect("/")
            return render_template("page.html", error="Enter your full name", value=value)
        return render_template("page.html", error=None, value="")

    return application


app = build()
