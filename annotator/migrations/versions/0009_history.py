"""history: undo and redo mark the change they take back or make again

Revision ID: 0009_history
Revises: 0001
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_history'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Two nullable columns: every existing event stays a change made directly.
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('history', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('reverts_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('reverts_id')
        batch_op.drop_column('history')
