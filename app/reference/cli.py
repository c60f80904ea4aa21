"""`flask postcodes import FILE`: load postcodes from an ONS Postcode Directory file."""

import click
from flask.cli import AppGroup

from app.extensions import db
from app.reference.importer import BATCH_SIZE, PostcodeFileError, import_postcodes

postcodes_cli = AppGroup("postcodes", help="Postcodes and their local authorities.")


@postcodes_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=BATCH_SIZE,
    show_default=True,
    help="Rows written and committed at a time.",
)
def import_command(file, batch_size):
    """Load FILE, a CSV in the ONS Postcode Directory format (columns pcds and oslaua).

    Terminated postcodes and postcodes outside England are skipped. Safe to run again: a
    postcode already loaded has its local authority updated, never duplicated.
    """
    try:
        result = import_postcodes(file, batch_size=batch_size)
    except PostcodeFileError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    click.echo(str(result))
