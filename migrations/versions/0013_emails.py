"""Emails to send through GOV.UK Notify, one row each

Revision ID: 0013_emails
Revises: 0012_resume_key
Create Date: 2026-12-05 13:00:00.000000

"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql



# revision identifiers, used by Alembic.
revision = "0013_emails"
down_revision = "0012_resume_key"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "emails",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("template", sa.String(length=50), nullable=False),
        sa.Column("to_address", sa.String(length=320), nullable=False),
        sa.Column(
            "personalisation",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("notify_id", sa.String(length=36), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emails")),
    )
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.create_index("ix_emails_status_created_at", ["status", "created_at"], unique=False)
        batch_op.create_index("ix_emails_to_address", ["to_address"], unique=False)


def downgrade():
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.drop_index("ix_emails_to_address")
        batch_op.drop_index("ix_emails_status_created_at")

    op.drop_table("emails")
