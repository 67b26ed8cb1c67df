"""verifiable milestones: indicator, baseline, target, unit, means of verification, and the
co-chairs' two-key override of the verifiability check

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 01:05:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

COLUMNS = ('indicator', 'baseline_value', 'baseline_source', 'target', 'unit', 'verification')


def upgrade():
    # Nullable: milestones drafted before the check have none of these and stay valid.
    for name in COLUMNS:
        op.add_column('milestones', sa.Column(name, sa.Text(), nullable=True))
    op.add_column('milestones', sa.Column('baseline_date', sa.Date(), nullable=True))
    op.add_column('milestones', sa.Column('check_rules', sa.Integer(), nullable=True))
    op.create_table(
        'check_overrides',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('side', sa.String(length=12), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_check_overrides_organisation_id_organisations')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_check_overrides_user_id_users')),
        sa.ForeignKeyConstraint(['version_id'], ['commitment_versions.id'], name=op.f('fk_check_overrides_version_id_commitment_versions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_check_overrides')),
        sa.UniqueConstraint('version_id', 'side', name=op.f('uq_check_overrides_version_id'))
    )
    with op.batch_alter_table('check_overrides', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_overrides_version_id'), ['version_id'], unique=False)


def downgrade():
    op.drop_table('check_overrides')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        for name in ('check_rules', 'baseline_date', *reversed(COLUMNS)):
            batch_op.drop_column(name)
