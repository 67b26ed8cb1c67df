"""account suspension

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 16:32:10.123752

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN: a batch copy of `users` would have to drop a table every other one
    # references, which SQLite refuses with foreign keys on.
    op.add_column('users', sa.Column('suspended_at', sa.DateTime(), nullable=True))
    op.add_column('users', sa.Column('suspended_reason', sa.Text(), nullable=True))


def downgrade():
    op.drop_column('users', 'suspended_reason')
    op.drop_column('users', 'suspended_at')
