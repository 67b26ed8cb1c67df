"""secret ballot

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 16:59:38.395122

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN with a portable false (SQLite's 0, PostgreSQL's false); no batch copy.
    op.add_column('motions', sa.Column('secret', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    op.drop_column('motions', 'secret')
