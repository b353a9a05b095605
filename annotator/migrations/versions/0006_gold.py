"""gold: adjudication state, decisions (provenance), disagreement causes, notes for adjudicators

Revision ID: 0006_gold
Revises: 0009_history
Create Date: 2026-12-02 14:16:14.078722
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_gold'
down_revision = '0009_history'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('adjudications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('gold_set_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('adjudicated_by_id', sa.Integer(), nullable=True),
    sa.Column('adjudicated_at', sa.DateTime(), nullable=True),
    sa.Column('sources_snapshot', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['adjudicated_by_id'], ['users.id'], name=op.f('fk_adjudications_adjudicated_by_id_users')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_adjudications_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['gold_set_id'], ['annotation_sets.id'], name=op.f('fk_adjudications_gold_set_id_annotation_sets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_adjudications_started_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adjudications')),
    sa.UniqueConstraint('document_id', name=op.f('uq_adjudications_document_id'))
    )
    with op.batch_alter_table('adjudications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adjudications_public_id'), ['public_id'], unique=True)

    op.create_table('adjudicator_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('target_kind', sa.String(length=8), nullable=False),
    sa.Column('target_id', sa.String(length=36), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['set_id'], ['annotation_sets.id'], name=op.f('fk_adjudicator_notes_set_id_annotation_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adjudicator_notes'))
    )
    with op.batch_alter_table('adjudicator_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adjudicator_notes_public_id'), ['public_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_adjudicator_notes_set_id'), ['set_id'], unique=False)

    op.create_table('adjudication_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('adjudication_id', sa.Integer(), nullable=False),
    sa.Column('unit_kind', sa.String(length=8), nullable=False),
    sa.Column('unit_key', sa.String(length=200), nullable=False),
    sa.Column('paragraph', sa.Integer(), nullable=True),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('gold_item_id', sa.String(length=36), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['adjudication_id'], ['adjudications.id'], name=op.f('fk_adjudication_decisions_adjudication_id_adjudications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_adjudication_decisions_decided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adjudication_decisions'))
    )
    with op.batch_alter_table('adjudication_decisions', schema=None) as batch_op:
        batch_op.create_index('ix_adjudication_decisions_adjudication_kind', ['adjudication_id', 'unit_kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_adjudication_decisions_gold_item_id'), ['gold_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_adjudication_decisions_public_id'), ['public_id'], unique=True)

    op.create_table('disagreement_causes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('adjudication_id', sa.Integer(), nullable=False),
    sa.Column('unit_key', sa.String(length=200), nullable=False),
    sa.Column('unit_kind', sa.String(length=8), nullable=False),
    sa.Column('label', sa.String(length=64), nullable=True),
    sa.Column('owners', sa.JSON(), nullable=False),
    sa.Column('cause', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('tagged_by_id', sa.Integer(), nullable=True),
    sa.Column('tagged_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['adjudication_id'], ['adjudications.id'], name=op.f('fk_disagreement_causes_adjudication_id_adjudications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tagged_by_id'], ['users.id'], name=op.f('fk_disagreement_causes_tagged_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disagreement_causes')),
    sa.UniqueConstraint('adjudication_id', 'unit_key', name=op.f('uq_disagreement_causes_adjudication_id_unit_key'))
    )


def downgrade() -> None:
    op.drop_table('disagreement_causes')
    with op.batch_alter_table('adjudication_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adjudication_decisions_public_id'))
        batch_op.drop_index(batch_op.f('ix_adjudication_decisions_gold_item_id'))
        batch_op.drop_index('ix_adjudication_decisions_adjudication_kind')

    op.drop_table('adjudication_decisions')
    with op.batch_alter_table('adjudicator_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adjudicator_notes_set_id'))
        batch_op.drop_index(batch_op.f('ix_adjudicator_notes_public_id'))

    op.drop_table('adjudicator_notes')
    with op.batch_alter_table('adjudications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adjudications_public_id'))

    op.drop_table('adjudications')
