"""documents: uploaded files, stored under their SHA-256

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 02:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('media_type', sa.String(length=100), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
        sa.Column('uploaded_at', sa.DateTime(), nullable=False),
        sa.Column('forum_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_documents_forum_id_forums')),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_documents_uploaded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
        sa.UniqueConstraint('sha256', name=op.f('uq_documents_sha256')),
    )
    op.create_index(op.f('ix_documents_forum_id'), 'documents', ['forum_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_documents_forum_id'), table_name='documents')
    op.drop_table('documents')
