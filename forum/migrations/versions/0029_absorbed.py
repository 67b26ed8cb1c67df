"""contributions absorbed without credit: the detector's suggestions and the organisations'
claims, each decided once

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-06 02:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('absorbed_claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('passage', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_org_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('link_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_absorbed_claims_commitment_id_commitments')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_absorbed_claims_decided_by_id_users')),
    sa.ForeignKeyConstraint(['decided_org_id'], ['organisations.id'], name=op.f('fk_absorbed_claims_decided_org_id_organisations')),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_absorbed_claims_forum_id_forums')),
    sa.ForeignKeyConstraint(['link_id'], ['influence_links.id'], name=op.f('fk_absorbed_claims_link_id_influence_links')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_absorbed_claims_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_absorbed_claims_proposal_id_proposals')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_absorbed_claims_user_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['commitment_versions.id'], name=op.f('fk_absorbed_claims_version_id_commitment_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absorbed_claims'))
    )
    op.create_index(op.f('ix_absorbed_claims_commitment_id'), 'absorbed_claims', ['commitment_id'], unique=False)
    op.create_index(op.f('ix_absorbed_claims_forum_id'), 'absorbed_claims', ['forum_id'], unique=False)
    op.create_index(op.f('ix_absorbed_claims_proposal_id'), 'absorbed_claims', ['proposal_id'], unique=False)
    op.create_index(op.f('ix_absorbed_claims_state'), 'absorbed_claims', ['state'], unique=False)
    op.create_index(op.f('ix_absorbed_claims_version_id'), 'absorbed_claims', ['version_id'], unique=False)
    op.create_table('absorbed_suggestions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('source_type', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('shared', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('share', sa.Float(), nullable=False),
    sa.Column('passage', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_org_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('link_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_absorbed_suggestions_commitment_id_commitments')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_absorbed_suggestions_decided_by_id_users')),
    sa.ForeignKeyConstraint(['decided_org_id'], ['organisations.id'], name=op.f('fk_absorbed_suggestions_decided_org_id_organisations')),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_absorbed_suggestions_forum_id_forums')),
    sa.ForeignKeyConstraint(['link_id'], ['influence_links.id'], name=op.f('fk_absorbed_suggestions_link_id_influence_links')),
    sa.ForeignKeyConstraint(['version_id'], ['commitment_versions.id'], name=op.f('fk_absorbed_suggestions_version_id_commitment_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absorbed_suggestions')),
    sa.UniqueConstraint('version_id', 'source_type', 'source_id', name=op.f('uq_absorbed_suggestions_version_id'))
    )
    op.create_index(op.f('ix_absorbed_suggestions_commitment_id'), 'absorbed_suggestions', ['commitment_id'], unique=False)
    op.create_index(op.f('ix_absorbed_suggestions_forum_id'), 'absorbed_suggestions', ['forum_id'], unique=False)
    op.create_index(op.f('ix_absorbed_suggestions_state'), 'absorbed_suggestions', ['state'], unique=False)
    op.create_index(op.f('ix_absorbed_suggestions_version_id'), 'absorbed_suggestions', ['version_id'], unique=False)


def downgrade():
    op.drop_table('absorbed_suggestions')
    op.drop_table('absorbed_claims')
