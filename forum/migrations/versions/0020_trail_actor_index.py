"""a person's own trail entries, for their receipts

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 08:30:00

"""
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    # An index only: no trail entry is touched.
    op.create_index('ix_trail_entries_actor', 'trail_entries', ['actor_user_id', 'seq'], unique=False)


def downgrade():
    op.drop_index('ix_trail_entries_actor', table_name='trail_entries')
