"""The housing forms service. `create_app(config)` is the only entry point."""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import ROOT, Config


def create_app(config: Config | None = None) -> Flask:
    config = config or Config.from_env()
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        static_url_path="/assets",
        instance_path=str(ROOT / "instance"),
    )
    app.config.update(config.flask_settings())
    if config.trusted_proxy_count:
        # Behind proxies, the client's address and scheme are in the headers the trusted
        # proxies add; without them every user would have the proxy's address (one sign-in
        # throttle and one rate limit for everyone). Headers from further out are ignored.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=config.trusted_proxy_count, x_proto=config.trusted_proxy_count
        )
    # JSON keeps the order of the contracts' fields, which is how their readers expect them.
    app.json.sort_keys = False

    from app import (  # noqa: F401
        cli,
        correlation,
        db_ids,
        errors,
        models,
        observability,
        rate_limit_storage,
        request_limits,
        security_headers,
        static_assets,
        templating,
        text_guard,
    )
    from app.extensions import csrf, db, limiter, login_manager, migrate

    # Bounds on the body first: hooks run in the order registered, and CSRF's reads the form.
    request_limits.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    from app.accounts import session as signed_in_user

    signed_in_user.init_app(app)
    limiter.init_app(app)

    templating.init_app(app)
    security_headers.init_app(app)
    static_assets.init_app(app)
    correlation.init_app(app)
    observability.init_app(app)
    rate_limit_storage.init_app(app)
    errors.init_app(app)
    text_guard.init_app(app)
    cli.init_app(app)
    db_ids.init_app(app)
    from app.jobs.celery_app import init_celery

    init_celery(app)

    from app.accounts.recovery_views import recovery_pages
    from app.accounts.settings_views import account_settings
    from app.accounts.users_views import users
    from app.accounts.views import accounts
    from app.api import api
    from app.applications.portal_api import portal_api
    from app.applications.web import applications
    from app.case_logs.api import case_logs_api
    from app.case_logs.web import lettings, logs
    from app.health import health
    from app.listings.api import listings_api
    from app.listings.web import listings
    from app.listings.web import manage as manage_listings
    from app.pages import pages
    from app.reference.api import reference_api

    for blueprint in (pages, health, accounts, users, api, case_logs_api, logs, lettings):
        app.register_blueprint(blueprint)
    app.register_blueprint(recovery_pages)
    app.register_blueprint(account_settings)
    app.register_blueprint(reference_api)
    from app.applications.review import review

    for blueprint in (listings, manage_listings, listings_api, portal_api, applications, review):
        app.register_blueprint(blueprint)
    from app.tenures.api import tenures_api
    from app.tenures.web import tenures

    app.register_blueprint(tenures_api)
    app.register_blueprint(tenures)
    from app.outbox.docs import event_docs

    app.register_blueprint(event_docs)
    from app.probation.api import probation_api

    app.register_blueprint(probation_api)
    from app.feedback.views import feedback

    app.register_blueprint(feedback)
    from app.bulk_upload.api import bulk_api
    from app.bulk_upload.web import bulk_uploads

    app.register_blueprint(bulk_api)
    app.register_blueprint(bulk_uploads)
    from app.jobs.views import failed_jobs

    app.register_blueprint(failed_jobs)
    if config.is_development:
        # Emails that were not sent, with their links, for whoever is trying the service out.
        from app.emails.development import development_emails

        app.register_blueprint(development_emails)
    return app
