"""history: undo and redo mark the change they take back or make again; sign-in attempts

Revision ID: 0009_history
Revises: 0008_jobs
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_history'
down_revision = '0008_jobs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Two nullable columns: every existing event stays a change made directly.
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('history', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('reverts_id', sa.Integer(), nullable=True))
    op.create_table('sign_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('outcome', sa.String(length=24), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sign_ins_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_ins'))
    )
    with op.batch_alter_table('sign_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_ins_at'), ['at'], unique=False)
        batch_op.create_index('ix_sign_ins_user_at', ['user_id', 'at'], unique=False)


def downgrade() -> None:
    op.drop_table('sign_ins')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('reverts_id')
        batch_op.drop_column('history')
