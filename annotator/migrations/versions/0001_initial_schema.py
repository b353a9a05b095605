"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('time_zone', sa.String(length=64), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('current_scheme_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('name', name=op.f('uq_projects_name'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_public_id'), ['public_id'], unique=True)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('session_token', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_public_id'), ['public_id'], unique=True)

    op.create_table('agreement_cache',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_agreement_cache_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_cache')),
    sa.UniqueConstraint('project_id', 'key', name=op.f('uq_agreement_cache_project_id_key'))
    )
    with op.batch_alter_table('agreement_cache', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_cache_project_id'), ['project_id'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=300), nullable=True),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('published_date', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_documents_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('project_id', 'external_id', name=op.f('uq_documents_project_id_external_id'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index('ix_documents_project_hash', ['project_id', 'content_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_public_id'), ['public_id'], unique=True)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('set_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_events_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_events_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_project_at', ['project_id', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_set_id'), ['set_id'], unique=False)
        batch_op.create_index('ix_events_user_at', ['user_id', 'at'], unique=False)

    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_memberships_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_memberships_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('project_id', 'user_id', name=op.f('uq_memberships_project_id_user_id'))
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memberships_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_memberships_user_id'), ['user_id'], unique=False)

    op.create_table('scheme_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('source_text', sa.String(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_scheme_versions_created_by_id_users')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_scheme_versions_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scheme_versions')),
    sa.UniqueConstraint('project_id', 'version', name=op.f('uq_scheme_versions_project_id_version'))
    )
    with op.batch_alter_table('scheme_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scheme_versions_project_id'), ['project_id'], unique=False)

    op.create_table('annotation_sets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('owner_kind', sa.String(length=8), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('model_name', sa.String(length=200), nullable=True),
    sa.Column('owner_key', sa.String(length=220), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('skip_reason', sa.Text(), nullable=True),
    sa.Column('assigned', sa.Boolean(), nullable=False),
    sa.Column('assigned_at', sa.DateTime(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_annotation_sets_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_annotation_sets_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annotation_sets')),
    sa.UniqueConstraint('document_id', 'owner_key', name=op.f('uq_annotation_sets_document_id_owner_key'))
    )
    with op.batch_alter_table('annotation_sets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annotation_sets_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_annotation_sets_public_id'), ['public_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_annotation_sets_user_id'), ['user_id'], unique=False)

    op.create_table('paragraphs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('index', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('direction', sa.String(length=3), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_paragraphs_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paragraphs')),
    sa.UniqueConstraint('document_id', 'index', name=op.f('uq_paragraphs_document_id_index'))
    )
    with op.batch_alter_table('paragraphs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paragraphs_document_id'), ['document_id'], unique=False)

    op.create_table('actors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('canonical_name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('proposed_in_set_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['actors.id'], name=op.f('fk_actors_merged_into_id_actors')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_actors_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposed_in_set_id'], ['annotation_sets.id'], name=op.f('fk_actors_proposed_in_set_id_annotation_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors')),
    sa.UniqueConstraint('project_id', 'canonical_name', name=op.f('uq_actors_project_id_canonical_name'))
    )
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actors_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actors_public_id'), ['public_id'], unique=True)

    op.create_table('frame_choices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=True),
    sa.Column('frame', sa.String(length=64), nullable=False),
    sa.Column('is_primary', sa.Boolean(), nullable=False),
    sa.Column('scheme_version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraphs.id'], name=op.f('fk_frame_choices_paragraph_id_paragraphs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scheme_version_id'], ['scheme_versions.id'], name=op.f('fk_frame_choices_scheme_version_id_scheme_versions')),
    sa.ForeignKeyConstraint(['set_id'], ['annotation_sets.id'], name=op.f('fk_frame_choices_set_id_annotation_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_frame_choices')),
    sa.UniqueConstraint('set_id', 'paragraph_id', 'frame', name=op.f('uq_frame_choices_set_id_paragraph_id_frame'))
    )
    with op.batch_alter_table('frame_choices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_frame_choices_public_id'), ['public_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_frame_choices_set_id'), ['set_id'], unique=False)
        batch_op.create_index('uq_frame_choices_document_level', ['set_id', 'frame'], unique=True, sqlite_where=sa.text('paragraph_id IS NULL'), postgresql_where=sa.text('paragraph_id IS NULL'))

    op.create_table('actor_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('ambiguous', sa.Boolean(), nullable=False),
    sa.Column('allow_adjective', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_aliases_actor_id_actors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_aliases')),
    sa.UniqueConstraint('actor_id', 'text', name=op.f('uq_actor_aliases_actor_id_text'))
    )
    with op.batch_alter_table('actor_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_aliases_actor_id'), ['actor_id'], unique=False)

    op.create_table('spans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('layer', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=64), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('attributes', sa.JSON(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('target_actor_id', sa.Integer(), nullable=True),
    sa.Column('target_polarity', sa.String(length=16), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('scheme_version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraphs.id'], name=op.f('fk_spans_paragraph_id_paragraphs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scheme_version_id'], ['scheme_versions.id'], name=op.f('fk_spans_scheme_version_id_scheme_versions')),
    sa.ForeignKeyConstraint(['set_id'], ['annotation_sets.id'], name=op.f('fk_spans_set_id_annotation_sets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_actor_id'], ['actors.id'], name=op.f('fk_spans_target_actor_id_actors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spans'))
    )
    with op.batch_alter_table('spans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spans_paragraph_id'), ['paragraph_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spans_public_id'), ['public_id'], unique=True)
        batch_op.create_index('ix_spans_set_paragraph', ['set_id', 'paragraph_id'], unique=False)

    op.create_table('stances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.String(length=16), nullable=False),
    sa.Column('intensity', sa.Integer(), nullable=True),
    sa.Column('holder', sa.String(length=300), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('scheme_version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_stances_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraphs.id'], name=op.f('fk_stances_paragraph_id_paragraphs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scheme_version_id'], ['scheme_versions.id'], name=op.f('fk_stances_scheme_version_id_scheme_versions')),
    sa.ForeignKeyConstraint(['set_id'], ['annotation_sets.id'], name=op.f('fk_stances_set_id_annotation_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stances')),
    sa.UniqueConstraint('set_id', 'actor_id', 'paragraph_id', 'holder', name=op.f('uq_stances_set_id_actor_id_paragraph_id_holder'))
    )
    with op.batch_alter_table('stances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stances_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stances_public_id'), ['public_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_stances_set_id'), ['set_id'], unique=False)
        batch_op.create_index('uq_stances_document_level', ['set_id', 'actor_id', 'holder'], unique=True, sqlite_where=sa.text('paragraph_id IS NULL'), postgresql_where=sa.text('paragraph_id IS NULL'))

    op.create_table('links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('source_span_id', sa.Integer(), nullable=False),
    sa.Column('target_span_id', sa.Integer(), nullable=False),
    sa.Column('link_type', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('scheme_version_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['scheme_version_id'], ['scheme_versions.id'], name=op.f('fk_links_scheme_version_id_scheme_versions')),
    sa.ForeignKeyConstraint(['set_id'], ['annotation_sets.id'], name=op.f('fk_links_set_id_annotation_sets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_span_id'], ['spans.id'], name=op.f('fk_links_source_span_id_spans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_span_id'], ['spans.id'], name=op.f('fk_links_target_span_id_spans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_links')),
    sa.UniqueConstraint('source_span_id', 'target_span_id', name=op.f('uq_links_source_span_id_target_span_id'))
    )
    with op.batch_alter_table('links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_links_public_id'), ['public_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_links_set_id'), ['set_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_links_target_span_id'), ['target_span_id'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('alias_id', sa.Integer(), nullable=True),
    sa.Column('set_id', sa.Integer(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('uncertain', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_mentions_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['alias_id'], ['actor_aliases.id'], name=op.f('fk_mentions_alias_id_actor_aliases'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_mentions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraphs.id'], name=op.f('fk_mentions_paragraph_id_paragraphs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['annotation_sets.id'], name=op.f('fk_mentions_set_id_annotation_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index('ix_mentions_document_actor', ['document_id', 'actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_paragraph_id'), ['paragraph_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_public_id'), ['public_id'], unique=True)

    op.create_table('stance_evidence',
    sa.Column('stance_id', sa.Integer(), nullable=False),
    sa.Column('span_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['span_id'], ['spans.id'], name=op.f('fk_stance_evidence_span_id_spans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stance_id'], ['stances.id'], name=op.f('fk_stance_evidence_stance_id_stances'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('stance_id', 'span_id', name=op.f('pk_stance_evidence'))
    )
    op.create_table('mention_confirmations',
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('mention_id', sa.Integer(), nullable=False),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_mention_confirmations_mention_id_mentions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['annotation_sets.id'], name=op.f('fk_mention_confirmations_set_id_annotation_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('set_id', 'mention_id', name=op.f('pk_mention_confirmations'))
    )
    # projects and scheme_versions refer to each other: the second key is added once both exist.
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_projects_current_scheme', 'scheme_versions', ['current_scheme_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_constraint('fk_projects_current_scheme', type_='foreignkey')
    op.drop_table('mention_confirmations')
    op.drop_table('stance_evidence')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_public_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_paragraph_id'))
        batch_op.drop_index('ix_mentions_document_actor')

    op.drop_table('mentions')
    with op.batch_alter_table('links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_links_target_span_id'))
        batch_op.drop_index(batch_op.f('ix_links_set_id'))
        batch_op.drop_index(batch_op.f('ix_links_public_id'))

    op.drop_table('links')
    with op.batch_alter_table('stances', schema=None) as batch_op:
        batch_op.drop_index('uq_stances_document_level', sqlite_where=sa.text('paragraph_id IS NULL'), postgresql_where=sa.text('paragraph_id IS NULL'))
        batch_op.drop_index(batch_op.f('ix_stances_set_id'))
        batch_op.drop_index(batch_op.f('ix_stances_public_id'))
        batch_op.drop_index(batch_op.f('ix_stances_actor_id'))

    op.drop_table('stances')
    with op.batch_alter_table('spans', schema=None) as batch_op:
        batch_op.drop_index('ix_spans_set_paragraph')
        batch_op.drop_index(batch_op.f('ix_spans_public_id'))
        batch_op.drop_index(batch_op.f('ix_spans_paragraph_id'))

    op.drop_table('spans')
    with op.batch_alter_table('actor_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_aliases_actor_id'))

    op.drop_table('actor_aliases')
    with op.batch_alter_table('frame_choices', schema=None) as batch_op:
        batch_op.drop_index('uq_frame_choices_document_level', sqlite_where=sa.text('paragraph_id IS NULL'), postgresql_where=sa.text('paragraph_id IS NULL'))
        batch_op.drop_index(batch_op.f('ix_frame_choices_set_id'))
        batch_op.drop_index(batch_op.f('ix_frame_choices_public_id'))

    op.drop_table('frame_choices')
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actors_public_id'))
        batch_op.drop_index(batch_op.f('ix_actors_project_id'))

    op.drop_table('actors')
    with op.batch_alter_table('paragraphs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paragraphs_document_id'))

    op.drop_table('paragraphs')
    with op.batch_alter_table('annotation_sets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annotation_sets_user_id'))
        batch_op.drop_index(batch_op.f('ix_annotation_sets_public_id'))
        batch_op.drop_index(batch_op.f('ix_annotation_sets_document_id'))

    op.drop_table('annotation_sets')
    with op.batch_alter_table('scheme_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scheme_versions_project_id'))

    op.drop_table('scheme_versions')
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_memberships_user_id'))
        batch_op.drop_index(batch_op.f('ix_memberships_project_id'))

    op.drop_table('memberships')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_user_at')
        batch_op.drop_index(batch_op.f('ix_events_set_id'))
        batch_op.drop_index('ix_events_project_at')

    op.drop_table('events')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_public_id'))
        batch_op.drop_index(batch_op.f('ix_documents_project_id'))
        batch_op.drop_index('ix_documents_project_hash')

    op.drop_table('documents')
    with op.batch_alter_table('agreement_cache', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_cache_project_id'))

    op.drop_table('agreement_cache')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_public_id'))

    op.drop_table('users')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_public_id'))

    op.drop_table('projects')
