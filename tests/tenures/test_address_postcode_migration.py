"""Migration 0014 gives tenures stored before it the postcode written in their address."""

import importlib.util
from pathlib import Path

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select, update

from app.extensions import db
from app.tenures.models import Tenure
from tests.tenures.conftest import person

MIGRATION = (
    Path(__file__).parents[2] / "migrations" / "versions" / "0014_tenure_address_postcode.py"
)


def _upgrade():
    spec = importlib.util.spec_from_file_location("address_postcode", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with (
        db.engine.begin() as connection,
        Operations.context(MigrationContext.configure(connection)),
    ):
        migration.upgrade()


def test_the_backfill_takes_the_postcode_from_the_address_of_tenures_without_one(make_tenure):
    in_address = make_tenure(
        householdMembers=[person("Ann A", responsible=True)],
        tenuredAsset={"fullAddress": "12 Mare Street, London E8 1dy"},
    )
    given = make_tenure(tenuredAsset={"fullAddress": "1 Road E8 1DY", "postcode": "N1 9GU"})
    no_postcode = make_tenure(tenuredAsset={"fullAddress": "1 Road"})
    # As stored before this revision: only a postcode field filled the columns.
    db.session.execute(
        update(Tenure)
        .where(Tenure.id.in_([in_address["id"], no_postcode["id"]]))
        .values(postcode=None, outward_code=None)
    )
    db.session.commit()

    _upgrade()

    columns = {
        row.id: (row.postcode, row.outward_code)
        for row in db.session.execute(select(Tenure.id, Tenure.postcode, Tenure.outward_code))
    }
    assert columns == {
        in_address["id"]: ("E8 1DY", "E8"),
        given["id"]: ("N1 9GU", "N1"),
        no_postcode["id"]: (None, None),
    }
