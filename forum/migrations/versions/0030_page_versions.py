"""page versions: a counter per thing a remembered page shows (forum/trail/versions.py)

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-06 02:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('page_versions',
                    sa.Column('key', sa.String(length=64), nullable=False),
                    sa.Column('counter', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('key', name=op.f('pk_page_versions')))


def downgrade():
    op.drop_table('page_versions')
