"""mail preferences

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 07:34:54.805096

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN: a batch copy of users fails on SQLite because other tables refer to it.
    op.add_column('users', sa.Column('mail_frequency', sa.String(length=10), server_default='immediate', nullable=False))
    op.add_column('users', sa.Column('mail_generation', sa.Integer(), server_default='1', nullable=False))
    op.add_column('users', sa.Column('digest_sent_at', sa.DateTime(), nullable=True))


def downgrade():
    op.drop_column('users', 'digest_sent_at')
    op.drop_column('users', 'mail_generation')
    op.drop_column('users', 'mail_frequency')
