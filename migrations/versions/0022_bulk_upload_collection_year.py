"""The lettings collection year of a bulk upload's logs, which chooses the form they are
checked with

Revision ID: 0022_bulk_upload_collection_year
Revises: 0021_member_definition_version
Create Date: 2026-12-06 01:40:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0022_bulk_upload_collection_year"
down_revision = "0021_member_definition_version"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("bulk_uploads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("collection_year", sa.String(length=7), nullable=True))


def downgrade():
    with op.batch_alter_table("bulk_uploads", schema=None) as batch_op:
        batch_op.drop_column("collection_year")
