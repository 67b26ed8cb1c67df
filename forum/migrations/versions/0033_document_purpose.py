"""documents: a purpose, for the private ones (a workshop's scanned sheet)

Existing documents take the purpose of what links to them: a workshop's sheet becomes
private (`workshop_sheet`) unless the same bytes are also an adopted plan's instrument or a
progress update's evidence, which are public.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-06 05:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0033'
down_revision = '0032'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('documents', sa.Column('purpose', sa.String(length=40), nullable=True))
    op.execute(
        "UPDATE documents SET purpose = 'workshop_sheet' "
        "WHERE sha256 IN (SELECT sheet_sha256 FROM recorded_inputs) "
        "AND sha256 NOT IN (SELECT pdf_sha256 FROM plan_instruments WHERE pdf_sha256 IS NOT NULL) "
        "AND sha256 NOT IN (SELECT evidence_sha256 FROM progress_updates WHERE evidence_sha256 IS NOT NULL)")


def downgrade():
    op.drop_column('documents', 'purpose')  # in place: recorded_inputs' foreign key forbids a table copy
