"""The WSGI app that bench/question_page.py serves with gunicorn: `bench.bench_app:app`.

It is the real app (config from the environment, as wsgi.py builds it) plus two things the
benchmark needs:

- the test-only example journey, mounted at /example as the tests mount it;
- /bench/bare, the baseline: the same two-thirds layout (security headers, CSP nonce, cookie
  banner, header and footer), rendered with no form engine and no database.
"""

from flask import render_template

from app import create_app
from app.config import Config
from app.formkit.access import OwnerOrSession
from app.formkit.web import journey_blueprint
from tests.formkit.example_journey import EXAMPLE


def build():
    application = create_app(Config.from_env())
    application.register_blueprint(
        journey_blueprint(EXAMPLE, OwnerOrSession(), name="example", url_prefix="/example")
    )

    @application.get("/bench/bare")
    def bare():
        return render_template("layouts/two_thirds.html", page_title="Bare")

    return application


app = build()
