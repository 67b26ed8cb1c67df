"""consultation comments recorded by a facilitator: made at a workshop, on paper or by
letter, with the day it was made, the local witness and the scan of the sheet

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-06 05:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0034'
down_revision = '0033'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'recorded_comments',
        sa.Column('comment_id', sa.Integer(), sa.ForeignKey('consultation_comments.id'), primary_key=True),
        sa.Column('recorded_by_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('made_on', sa.Date(), nullable=False),
        sa.Column('witness', sa.String(length=160), nullable=False),
        sa.Column('sheet_sha256', sa.String(length=64), sa.ForeignKey('documents.sha256'), nullable=False),
    )


def downgrade():
    op.drop_table('recorded_comments')
