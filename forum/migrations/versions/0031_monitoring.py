"""civil society in implementation: evidence on progress updates, co-monitors, their
verdicts and the State's answers to contests

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-06 02:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('progress_updates') as batch:
        batch.add_column(sa.Column('evidence_checked_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('evidence_sha256', sa.String(length=64), nullable=True))
    op.create_table(
        'co_monitors',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('commitment_id', sa.Integer(), sa.ForeignKey('commitments.id'), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('organisation_id', sa.Integer(), sa.ForeignKey('organisations.id'), nullable=False),
        sa.Column('replaces_id', sa.Integer(), sa.ForeignKey('co_monitors.id'), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('appointed_by_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('replaces_id'),
    )
    op.create_index('ix_co_monitors_commitment_id', 'co_monitors', ['commitment_id'])
    op.create_table(
        'update_verdicts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('update_id', sa.Integer(), sa.ForeignKey('progress_updates.id'), nullable=False),
        sa.Column('commitment_id', sa.Integer(), sa.ForeignKey('commitments.id'), nullable=False),
        sa.Column('verdict', sa.String(length=10), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('organisation_id', sa.Integer(), sa.ForeignKey('organisations.id'), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('update_id'),
    )
    op.create_index('ix_update_verdicts_commitment_id', 'update_verdicts', ['commitment_id'])
    op.create_table(
        'contest_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('verdict_id', sa.Integer(), sa.ForeignKey('update_verdicts.id'), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('response_seconds', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('organisation_id', sa.Integer(), sa.ForeignKey('organisations.id'), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('verdict_id'),
    )


def downgrade():
    op.drop_table('contest_answers')
    op.drop_index('ix_update_verdicts_commitment_id', 'update_verdicts')
    op.drop_table('update_verdicts')
    op.drop_index('ix_co_monitors_commitment_id', 'co_monitors')
    op.drop_table('co_monitors')
    with op.batch_alter_table('progress_updates') as batch:
        batch.drop_column('evidence_sha256')
        batch.drop_column('evidence_checked_on')
