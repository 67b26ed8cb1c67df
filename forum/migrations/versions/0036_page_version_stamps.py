"""page version stamps: a random number drawn at each bump, so two databases that reach the
same counters by other histories never share a remembered page (forum/trail/versions.py)

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-06 08:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0036'
down_revision = '0035'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('page_versions', sa.Column('stamp', sa.BigInteger(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('page_versions') as batch:
        batch.drop_column('stamp')
