"""a session can be marked as an implementation review (OGP minimum requirement 5.1)

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06 02:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('forum_sessions', sa.Column('implementation_review', sa.Boolean(), server_default=sa.false(),
                                              nullable=False))


def downgrade():
    op.drop_column('forum_sessions', 'implementation_review')
