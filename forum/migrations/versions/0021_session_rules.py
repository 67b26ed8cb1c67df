"""sessions obey their rules: the reason for an off-schedule start, the quorum when a vote
opened, and the co-chairs' two keys to decide without quorum

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 00:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('forum_sessions', sa.Column('start_reason', sa.Text(), server_default='', nullable=False))
    op.add_column('motions', sa.Column('quorum_at_open', sa.JSON(), nullable=True))
    op.create_table(
        'quorum_overrides',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('side', sa.String(length=12), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['forum_sessions.id'],
                                name=op.f('fk_quorum_overrides_session_id_forum_sessions')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_quorum_overrides_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quorum_overrides')),
        sa.UniqueConstraint('session_id', 'side', name=op.f('uq_quorum_overrides_session_id')),
    )
    op.create_index(op.f('ix_quorum_overrides_session_id'), 'quorum_overrides', ['session_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_quorum_overrides_session_id'), table_name='quorum_overrides')
    op.drop_table('quorum_overrides')
    op.drop_column('motions', 'quorum_at_open')
    op.drop_column('forum_sessions', 'start_reason')
