"""proposal search ignores accents on PostgreSQL too

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 08:20:00

SQLite's FTS5 table already folds accents (remove_diacritics 2). On PostgreSQL the GIN
index is rebuilt over the unaccented text (see forum/proposals/search.py), so
"participacion" finds "participación" there as well.
"""
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

# Copied so this migration never changes with the module.
_TEXT = ("coalesce(title,'') || ' ' || coalesce(problem,'') || ' ' || coalesce(proposal,'') || ' ' || "
         "coalesce(expected_result,'')")
UNACCENT = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE OR REPLACE FUNCTION traza_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
    "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
]


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for sql in UNACCENT:
        op.execute(sql)
    op.execute("DROP INDEX IF EXISTS ix_proposals_fulltext")
    op.execute(f"CREATE INDEX ix_proposals_fulltext ON proposals USING gin "
               f"(to_tsvector('spanish', traza_unaccent({_TEXT})))")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_proposals_fulltext")
    op.execute(f"CREATE INDEX ix_proposals_fulltext ON proposals USING gin (to_tsvector('spanish', {_TEXT}))")
