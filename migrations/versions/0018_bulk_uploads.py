"""Bulk uploads of lettings logs, and each row's result

Revision ID: 0018_bulk_uploads
Revises: 0014_tenure_address_postcode
Create Date: 2026-12-05 13:30:00.000000

"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

import app.db_types


# revision identifiers, used by Alembic.
revision = "0018_bulk_uploads"
down_revision = "0014_tenure_address_postcode"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "bulk_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("stored_as", sa.String(length=100), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("total_rows", sa.Integer(), nullable=False),
        sa.Column("rows_checked", sa.Integer(), nullable=False),
        sa.Column("rows_with_errors", sa.Integer(), nullable=False),
        sa.Column("rows_with_soft_checks", sa.Integer(), nullable=False),
        sa.Column("logs_created", sa.Integer(), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=True),
        sa.Column("failure", sa.Text(), nullable=True),
        sa.Column("created_at", app.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", app.db_types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_bulk_uploads_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["users.id"], name=op.f("fk_bulk_uploads_uploaded_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_uploads")),
    )
    with op.batch_alter_table("bulk_uploads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bulk_uploads_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_bulk_uploads_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_bulk_uploads_content_hash"), ["content_hash"], unique=False
        )

    op.create_table(
        "bulk_upload_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column(
            "answers",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.Column("has_errors", sa.Boolean(), nullable=False),
        sa.Column("is_duplicate", sa.Boolean(), nullable=False),
        sa.Column("duplicate_key", sa.String(length=400), nullable=True),
        sa.Column("log_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["log_id"],
            ["form_records.id"],
            name=op.f("fk_bulk_upload_rows_log_id_form_records"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["upload_id"],
            ["bulk_uploads.id"],
            name=op.f("fk_bulk_upload_rows_upload_id_bulk_uploads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_upload_rows")),
        sa.UniqueConstraint(
            "upload_id", "row_number", name=op.f("uq_bulk_upload_rows_upload_id_row_number")
        ),
        sa.UniqueConstraint("log_id", name=op.f("uq_bulk_upload_rows_log_id")),
    )


def downgrade():
    op.drop_table("bulk_upload_rows")
    with op.batch_alter_table("bulk_uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bulk_uploads_content_hash"))
        batch_op.drop_index(batch_op.f("ix_bulk_uploads_status"))
        batch_op.drop_index(batch_op.f("ix_bulk_uploads_organisation_id"))
    op.drop_table("bulk_uploads")
