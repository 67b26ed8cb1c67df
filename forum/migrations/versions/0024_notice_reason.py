"""a session called with less notice than its forum's rule says why

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 01:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('forum_sessions', sa.Column('notice_reason', sa.Text(), server_default='', nullable=False))


def downgrade():
    op.drop_column('forum_sessions', 'notice_reason')
