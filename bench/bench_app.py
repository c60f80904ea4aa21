"""The WSGI app that the benchmarks in bench/ serve with gunicorn: `bench.bench_app:app`.

It is the real app (config from the environment, as wsgi.py builds it) plus three things the
benchmarks need:

- the test-only example journey, mounted at /example as the tests mount it;
- /bench/bare, the baseline: the same two-thirds layout (security headers, CSP nonce, cookie
  banner, header and footer), rendered with no form engine and no database;
- POST /bench/echo, the baseline for the JSON API: the body parsed and sent back as JSON with
  a 201, with no validation and no database.
"""

from flask import jsonify, render_template, request

from app import create_app
from app.config import Config
from app.extensions import csrf
from app.formkit.access import OwnerOrSession
from app.formkit.web import journey_blueprint
from tests.formkit.example_journey import EXAMPLE_VERSIONS


def build():
    application = create_app(Config.from_env())
    application.register_blueprint(
        journey_blueprint(EXAMPLE_VERSIONS, OwnerOrSession(), name="example", url_prefix="/example")
    )

    @application.get("/bench/bare")
    def bare():
        return render_template("layouts/two_thirds.html", page_title="Bare")

    # Exempt from CSRF as the API blueprints are: a bearer-token client sends no cookies.
    @application.post("/bench/echo")
    @csrf.exempt
    def echo():
        return jsonify(request.get_json()), 201

    return application


app = build()
