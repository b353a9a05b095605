"""a person's interface language and digits

Revision ID: 0011_i18n_user_language
Revises: 0013_recs_recommenders
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_i18n_user_language'
down_revision = '0013_recs_recommenders'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only adds: existing users follow their browser's language (NULL) with Western digits.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ui_language', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('digits', sa.String(length=8), server_default='latn', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('digits')
        batch_op.drop_column('ui_language')
