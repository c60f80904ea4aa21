"""`flask outbox relay`: publish the waiting events once; `flask outbox prune`: delete the
published events past their retention. The worker does both on a schedule."""

import click
from flask.cli import AppGroup

from app.outbox.broker import BrokerUnavailable
from app.outbox.relay import oldest_unpublished_age_seconds, relay_events
from app.outbox.retention import delete_published_events

outbox_cli = AppGroup("outbox", help="Domain events waiting to be published.")


@outbox_cli.command("relay")
def relay():
    """Publish every waiting event to EVENTS_BROKER_URL, then stop."""
    from flask import current_app

    if not current_app.config["APP_CONFIG"].events_broker_url:
        raise click.ClickException("EVENTS_BROKER_URL is not set: there is nowhere to publish")
    try:
        published = relay_events()
    except BrokerUnavailable as error:
        raise click.ClickException(f"{error}. The events wait in the outbox.") from error
    click.echo(f"Published {published} events.")
    if (age := oldest_unpublished_age_seconds()) is not None:
        click.echo(f"Events still wait; the oldest for {age:.0f} s.")


@outbox_cli.command("prune")
def prune():
    """Delete published events older than EVENTS_RETENTION_DAYS."""
    click.echo(f"Deleted {delete_published_events()} published events.")
