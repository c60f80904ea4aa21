"""The version of the household member journey each member of a tenure is read with

Revision ID: 0021_member_definition_version
Revises: 0020_definition_version
Create Date: 2026-12-06 01:30:00.000000

"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = "0021_member_definition_version"
down_revision = "0020_definition_version"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("tenures", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "member_definition_versions",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )


def downgrade():
    with op.batch_alter_table("tenures", schema=None) as batch_op:
        batch_op.drop_column("member_definition_versions")
