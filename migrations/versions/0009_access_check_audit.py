"""Service tokens, and the audit of access checks (whom a check asked about)

Revision ID: 0009_access_check_audit
Revises: 0007_probation
Create Date: 2026-11-30 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_access_check_audit'
down_revision = '0008_user_sessions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_service', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('probation_access_audit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_username', sa.String(length=255), nullable=True))


def downgrade():
    with op.batch_alter_table('probation_access_audit', schema=None) as batch_op:
        batch_op.drop_column('checked_username')

    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('is_service')
