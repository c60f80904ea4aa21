"""The version of its journey's definition each record is read with

Revision ID: 0020_definition_version
Revises: 0019_email_links
Create Date: 2026-12-05 18:50:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0020_definition_version"
down_revision = "0019_email_links"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("form_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("definition_version", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("form_records", schema=None) as batch_op:
        batch_op.drop_column("definition_version")
