"""what a training leaves beside the models: each open document's uncertainty (active ordering)
and the recommenders' agreement with the annotators on the held-out documents

Revision ID: 0014_recs_active_ordering
Revises: 0011_i18n_user_language
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0014_recs_active_ordering'
down_revision = '0011_i18n_user_language'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: a model trained before this revision has neither until it is retrained.
    with op.batch_alter_table('recommender_models', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uncertainty', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('agreement', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('recommender_models', schema=None) as batch_op:
        batch_op.drop_column('agreement')
        batch_op.drop_column('uncertainty')
