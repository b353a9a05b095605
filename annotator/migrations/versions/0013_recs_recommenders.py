"""recommenders: trained models per project, decisions on suggestions per set

Revision ID: 0013_recs_recommenders
Revises: 0012_rtl_reading_settings
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0013_recs_recommenders'
down_revision = '0012_rtl_reading_settings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('recommender_models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('model', sa.LargeBinary(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('trained_on', sa.Integer(), nullable=False),
    sa.Column('trained_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_recommender_models_project_id_projects'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommender_models')),
    sa.UniqueConstraint('project_id', name=op.f('uq_recommender_models_project_id'))
    )
    op.create_table('suggestion_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('span_id', sa.Integer(), nullable=True),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('label', sa.String(length=64), nullable=False),
    sa.Column('recommender', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('decision', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['set_id'], ['annotation_sets.id'], name=op.f('fk_suggestion_decisions_set_id_annotation_sets'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['span_id'], ['spans.id'], name=op.f('fk_suggestion_decisions_span_id_spans'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestion_decisions'))
    )
    with op.batch_alter_table('suggestion_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestion_decisions_public_id'), ['public_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_suggestion_decisions_span_id'), ['span_id'], unique=False)
        batch_op.create_index('uq_suggestion_decisions_set_key', ['set_id', 'key'], unique=True)


def downgrade() -> None:
    op.drop_table('suggestion_decisions')
    op.drop_table('recommender_models')
