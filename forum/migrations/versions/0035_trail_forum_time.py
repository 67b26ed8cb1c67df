"""trail entries by forum and time: the minimum requirements count a forum's entries per
half-year (the repository updated twice a year) from this index alone

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-06 05:45:00

"""
from alembic import op

revision = '0035'
down_revision = '0034'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_trail_entries_forum_at', 'trail_entries', ['forum_id', 'at', 'seq'])


def downgrade():
    op.drop_index('ix_trail_entries_forum_at', table_name='trail_entries')
