"""import staging: big imports on SQLite wait in staging tables, then one short swap

Revision ID: 0003_import
Revises: 0006_gold
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_import'
down_revision = '0006_gold'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_import_runs_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_import_runs_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_runs'))
    )
    with op.batch_alter_table('import_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_runs_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_runs_started_at'), ['started_at'], unique=False)

    op.create_table('import_staged_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('external_id', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=300), nullable=True),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('published_date', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=False),
    sa.Column('event_after', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['import_runs.id'], name=op.f('fk_import_staged_documents_run_id_import_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_staged_documents'))
    )
    with op.batch_alter_table('import_staged_documents', schema=None) as batch_op:
        batch_op.create_index('ix_import_staged_documents_run_seq', ['run_id', 'seq'], unique=True)

    op.create_table('import_staged_paragraphs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('doc_seq', sa.Integer(), nullable=False),
    sa.Column('index', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('direction', sa.String(length=3), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['import_runs.id'], name=op.f('fk_import_staged_paragraphs_run_id_import_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_staged_paragraphs'))
    )
    with op.batch_alter_table('import_staged_paragraphs', schema=None) as batch_op:
        batch_op.create_index('ix_import_staged_paragraphs_run_seq', ['run_id', 'doc_seq'], unique=False)

    op.create_table('import_staged_mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('doc_seq', sa.Integer(), nullable=False),
    sa.Column('paragraph_index', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('alias_id', sa.Integer(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('uncertain', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['import_runs.id'], name=op.f('fk_import_staged_mentions_run_id_import_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_staged_mentions'))
    )
    with op.batch_alter_table('import_staged_mentions', schema=None) as batch_op:
        batch_op.create_index('ix_import_staged_mentions_run_seq', ['run_id', 'doc_seq'], unique=False)


def downgrade() -> None:
    op.drop_table('import_staged_mentions')
    op.drop_table('import_staged_paragraphs')
    op.drop_table('import_staged_documents')
    op.drop_table('import_runs')
