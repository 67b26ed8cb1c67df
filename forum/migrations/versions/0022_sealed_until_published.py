"""sealed until published: the salt of each consultation comment's and each minutes approval's
commitment on the trail

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 00:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    # Nullable: rows made before this were recorded on the trail with plain digests.
    op.add_column('consultation_comments', sa.Column('nonce', sa.String(length=32), nullable=True))
    op.add_column('minutes_approvals', sa.Column('nonce', sa.String(length=32), nullable=True))


def downgrade():
    op.drop_column('minutes_approvals', 'nonce')
    op.drop_column('consultation_comments', 'nonce')
