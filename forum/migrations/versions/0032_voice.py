"""where each voice comes from: regions, channels, admission, seat requests, facilitators,
workshops and their recorded inputs, participation targets

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-06 02:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0032'
down_revision = '0031'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('organisations', sa.Column('region', sa.String(length=4), nullable=True))
    for table in ('proposals', 'consultation_comments'):
        op.add_column(table, sa.Column('region', sa.String(length=4), nullable=True))
        op.add_column(table, sa.Column('channel', sa.String(length=10), server_default='online', nullable=False))
    op.add_column('seats', sa.Column('admission', sa.String(length=10), server_default='invited', nullable=False))
    with op.batch_alter_table('notifications') as batch:
        batch.add_column(sa.Column('forum_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_notifications_forum_id_forums', 'forums', ['forum_id'], ['id'])
    op.create_table(
        'seat_requests',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('forum_id', sa.Integer(), sa.ForeignKey('forums.id'), nullable=False, index=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('organisation_id', sa.Integer(), sa.ForeignKey('organisations.id'), nullable=False),
        sa.Column('motivation', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('seat_id', sa.Integer(), sa.ForeignKey('seats.id'), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_index('uq_seat_requests_pending', 'seat_requests', ['forum_id', 'user_id'], unique=True,
                    sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
    op.create_table(
        'facilitators',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('forum_id', sa.Integer(), sa.ForeignKey('forums.id'), nullable=False, index=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False, index=True),
        sa.Column('appointed_by_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_index('uq_facilitators_active', 'facilitators', ['forum_id', 'user_id'], unique=True,
                    sqlite_where=sa.text('ended_at IS NULL'), postgresql_where=sa.text('ended_at IS NULL'))
    op.create_table(
        'workshops',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('forum_id', sa.Integer(), sa.ForeignKey('forums.id'), nullable=False, index=True),
        sa.Column('place', sa.String(length=200), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('region', sa.String(length=4), nullable=False),
        sa.Column('attendance', sa.Integer(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_table(
        'workshop_organisations',
        sa.Column('workshop_id', sa.Integer(), sa.ForeignKey('workshops.id'), primary_key=True),
        sa.Column('organisation_id', sa.Integer(), sa.ForeignKey('organisations.id'), primary_key=True),
    )
    op.create_table(
        'recorded_inputs',
        sa.Column('proposal_id', sa.Integer(), sa.ForeignKey('proposals.id'), primary_key=True),
        sa.Column('workshop_id', sa.Integer(), sa.ForeignKey('workshops.id'), nullable=False, index=True),
        sa.Column('recorded_by_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('witness', sa.String(length=160), nullable=False),
        sa.Column('sheet_sha256', sa.String(length=64), sa.ForeignKey('documents.sha256'), nullable=False),
    )
    op.create_table(
        'voice_targets',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('forum_id', sa.Integer(), sa.ForeignKey('forums.id'), nullable=False, index=True),
        sa.Column('dimension', sa.String(length=10), nullable=False),
        sa.Column('group', sa.String(length=12), nullable=False),
        sa.Column('outside', sa.Boolean(), nullable=False),
        sa.Column('percent', sa.Integer(), nullable=False),
        sa.Column('set_by_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )


def downgrade():
    for table in ('voice_targets', 'recorded_inputs', 'workshop_organisations', 'workshops', 'facilitators',
                  'seat_requests'):
        op.drop_table(table)
    with op.batch_alter_table('notifications') as batch:
        batch.drop_constraint('fk_notifications_forum_id_forums', type_='foreignkey')
        batch.drop_column('forum_id')
    op.drop_column('seats', 'admission')
    for table in ('consultation_comments', 'proposals'):
        op.drop_column(table, 'channel')
        op.drop_column(table, 'region')
    op.drop_column('organisations', 'region')
