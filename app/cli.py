"""Command-line tools: `flask users create`, `flask tokens create`, `flask demo load`, and the
domains' own (`flask postcodes import`, `flask probation import`, `flask outbox relay`)."""

import click
from flask import Flask
from flask.cli import AppGroup

from app.accounts import service, tokens
from app.accounts.roles import ProviderType, Role
from app.accounts.service import AccountError
from app.extensions import db

users_cli = AppGroup("users", help="Manage user accounts.")
tokens_cli = AppGroup("tokens", help="Manage API tokens.")
demo_cli = AppGroup("demo", help="Demo data.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The user's full name.")
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--org", "org_name", help="Organisation name; created if new. Staff roles need one.")
@click.option(
    "--org-type",
    type=click.Choice([kind.value for kind in ProviderType]),
    default=ProviderType.LOCAL_AUTHORITY.value,
    show_default=True,
    help="The type of a new organisation.",
)
@click.option("--password", required=True, help="At least 12 characters.")
def create_user(email, name, role, org_name, org_type, password):
    """Create a user, and their organisation if it is new."""
    organisation = None
    if org_name:
        organisation = service.find_or_create_organisation(org_name, ProviderType(org_type))
    try:
        user = service.create_user(email, name, role, password, organisation)
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    click.echo(f"Created {user.role} {user.email}" + (f" in {org_name}" if org_name else ""))


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", default="Command line", show_default=True, help="A name for the token.")
@click.option(
    "--service",
    "service_token",
    is_flag=True,
    help="A partner system's token, which may check other users' access to probation cases. "
    "The user must be housing staff.",
)
def create_token(email, name, service_token):
    """Create an API token for a user and print only the token."""
    user = service.find_user_by_email(email)
    if user is None or not user.active:
        raise click.ClickException(f"No active user has the email address {email}")
    if service_token and not user.role_enum.is_staff:
        raise click.ClickException("A service token must belong to a member of housing staff")
    _, value = tokens.create_token(user, name, service=service_token)
    click.echo(value)


@demo_cli.command("load")
def load_demo():
    """Load the demo organisations and users. Safe to run again."""
    from app.demo import DEMO_PASSWORD, DEMO_USERS, load_demo_data

    load_demo_data()
    click.echo("Demo data is loaded. Sign in with any of these, password " + DEMO_PASSWORD)
    for user in DEMO_USERS:
        click.echo(f"  {user.role.value:<17} {user.email}")


def init_app(app: Flask) -> None:
    for group in (users_cli, tokens_cli, demo_cli):
        app.cli.add_command(group)
    from app.reference.cli import postcodes_cli

    app.cli.add_command(postcodes_cli)
    from app.probation.cli import probation_cli

    app.cli.add_command(probation_cli)
    from app.outbox.cli import outbox_cli

    app.cli.add_command(outbox_cli)
