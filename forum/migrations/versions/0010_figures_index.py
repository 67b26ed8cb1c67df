"""a covering index for the ledger's and dashboards' counts, so they stay flat as proposals grow

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 13:20:00

"""
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_proposals_forum_figures", "proposals", ["forum_id", "group", "status", "first_response_at"])


def downgrade():
    op.drop_index("ix_proposals_forum_figures", table_name="proposals")
