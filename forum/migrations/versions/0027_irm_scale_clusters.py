"""the IRM's current scale on assessments (older rows keep scale 1) and clusters of commitments

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06 02:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'commitment_clusters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('cycle', sa.String(length=9), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_commitment_clusters_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment_clusters')),
    )
    op.create_index(op.f('ix_commitment_clusters_cycle'), 'commitment_clusters', ['cycle'], unique=False)
    op.create_table(
        'cluster_members',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cluster_id', sa.Integer(), nullable=False),
        sa.Column('commitment_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['cluster_id'], ['commitment_clusters.id'],
                                name=op.f('fk_cluster_members_cluster_id_commitment_clusters')),
        sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'],
                                name=op.f('fk_cluster_members_commitment_id_commitments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cluster_members')),
        sa.UniqueConstraint('commitment_id', name=op.f('uq_cluster_members_commitment_id')),
    )
    op.create_index(op.f('ix_cluster_members_cluster_id'), 'cluster_members', ['cluster_id'], unique=False)
    # Existing assessments were given on the first scale: the server default says so.
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scale', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('ogp_lens', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('promising', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('cluster_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_assessments_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_assessments_cluster_id_commitment_clusters'),
                                    'commitment_clusters', ['cluster_id'], ['id'])


def downgrade():
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assessments_cluster_id_commitment_clusters'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_assessments_cluster_id'))
        batch_op.drop_column('cluster_id')
        batch_op.drop_column('promising')
        batch_op.drop_column('ogp_lens')
        batch_op.drop_column('scale')
    op.drop_index(op.f('ix_cluster_members_cluster_id'), table_name='cluster_members')
    op.drop_table('cluster_members')
    op.drop_index(op.f('ix_commitment_clusters_cycle'), table_name='commitment_clusters')
    op.drop_table('commitment_clusters')
