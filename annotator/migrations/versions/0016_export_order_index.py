"""an index of the spans that name a claim's target actor (partial: only those rows)

Revision ID: 0016_export_order_index
Revises: 0015_frame_stance_origin
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0016_export_order_index'
down_revision = '0015_frame_stance_origin'
branch_labels = None
depends_on = None

WHERE = sa.text('target_actor_id IS NOT NULL')


def upgrade() -> None:
    # An index only: no row is read or rewritten. The export's claim targets were found by walking
    # every span of the project (a second at 1,000,000 spans, with the job's bar standing still).
    # Not in batch mode: the table is never copied (both databases create an index in place).
    op.create_index('ix_spans_claim_target', 'spans', ['target_actor_id'], unique=False,
                    sqlite_where=WHERE, postgresql_where=WHERE)


def downgrade() -> None:
    # Only the index goes; every span stays.
    op.drop_index('ix_spans_claim_target', table_name='spans', sqlite_where=WHERE, postgresql_where=WHERE)
