"""where a frame or a stance came from: a person, an import, a model set, or an accepted suggestion

Revision ID: 0015_frame_stance_origin
Revises: 0014_recs_active_ordering
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0015_frame_stance_origin'
down_revision = '0014_recs_active_ordering'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable with a server default: every existing row reads "manual" (a person's, as before) and
    # nothing is rewritten; NULL, should a row ever have one, also reads as a person's.
    for table in ('frame_choices', 'stances'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('origin', sa.String(length=16), nullable=True, server_default='manual'))


def downgrade() -> None:
    # Only the new column goes; every frame and stance stays.
    for table in ('stances', 'frame_choices'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('origin')
