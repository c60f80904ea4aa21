"""`flask probation import FILE`: load probation cases from a JSON file."""

import click
from flask.cli import AppGroup

from app.extensions import db
from app.probation.importer import CaseFileError, import_cases_file

probation_cli = AppGroup("probation", help="Probation case data.")


@probation_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
def import_command(file):
    """Load FILE, a JSON array of probation cases in the API's shape (docs/probation-api.md).

    Every case is checked first: a file with a mistake changes nothing. Safe to run again: a
    case already held, by its CRN, is replaced by the file's version, never duplicated.
    """
    try:
        result = import_cases_file(file)
    except CaseFileError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    click.echo(str(result))
