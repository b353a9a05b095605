"""a user's reading settings (text size and line height of the article text), and the reason a
lead gave for rejecting an annotator's proposed actor

Revision ID: 0012_rtl_reading_settings
Revises: 0003_import
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_rtl_reading_settings'
down_revision = '0003_import'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: every existing user keeps the page's own reading defaults.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reading_text_size', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reading_line_height_tenths', sa.Integer(), nullable=True))
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rejection_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_column('rejection_reason')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('reading_line_height_tenths')
        batch_op.drop_column('reading_text_size')
