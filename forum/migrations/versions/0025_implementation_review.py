"""a session can be marked as an implementation review (OGP minimum requirement 5.1)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 02:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('forum_sessions', sa.Column('implementation_review', sa.Boolean(), server_default=sa.false(),
                                              nullable=False))


def downgrade():
    op.drop_column('forum_sessions', 'implementation_review')
