"""Where a record's "Save and come back later" was pressed, so "Continue" resumes there

Revision ID: 0012_resume_key
Revises: 0011_feedback
Create Date: 2026-11-24 10:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0012_resume_key"
down_revision = "0011_feedback"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("form_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resume_key", sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table("form_records", schema=None) as batch_op:
        batch_op.drop_column("resume_key")
