"""Full-text search over proposals, with each database's own index.

SQLite: an FTS5 table over the proposals' text, kept in step by triggers, accents folded.
PostgreSQL: a GIN index on the same text, accents removed (the `unaccent` extension, which
is trusted: a database owner may create it), as a Spanish tsvector. Callers only see
`matching(query)`, a clause to put in a WHERE.
"""
import re
from typing import Any

from sqlalchemy import DDL, event, literal_column, select, text

from ..extensions import db
from .models import Proposal

COLUMNS = "title, problem, proposal, expected_result"
_PG_TEXT = ("to_tsvector('spanish', traza_unaccent(coalesce({t}title,'') || ' ' || coalesce({t}problem,'') || ' ' || "
            "coalesce({t}proposal,'') || ' ' || coalesce({t}expected_result,'')))")
# unaccent() is only STABLE (its dictionary could change); an index needs IMMUTABLE, so a
# wrapper that names the dictionary says so, as PostgreSQL's documentation suggests.
PG_UNACCENT = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE OR REPLACE FUNCTION traza_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
    "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
]
PG_DOCUMENT = _PG_TEXT.format(t="")
# The same expression with qualified columns (queries join other tables that have a title);
# PostgreSQL matches it to the index all the same.
PG_QUERY_DOCUMENT = _PG_TEXT.format(t="proposals.")

DDL_STATEMENTS = {
    "sqlite": [
        f"CREATE VIRTUAL TABLE proposals_fts USING fts5({COLUMNS}, content='proposals', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN "
        f"INSERT INTO proposals_fts(rowid, {COLUMNS}) VALUES "
        "(new.id, new.title, new.problem, new.proposal, new.expected_result); END",
        f"CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN "
        f"INSERT INTO proposals_fts(proposals_fts, rowid, {COLUMNS}) VALUES "
        "('delete', old.id, old.title, old.problem, old.proposal, old.expected_result); END",
        f"CREATE TRIGGER proposals_fts_update AFTER UPDATE OF {COLUMNS} ON proposals BEGIN "
        f"INSERT INTO proposals_fts(proposals_fts, rowid, {COLUMNS}) VALUES "
        "('delete', old.id, old.title, old.problem, old.proposal, old.expected_result); "
        f"INSERT INTO proposals_fts(rowid, {COLUMNS}) VALUES "
        "(new.id, new.title, new.problem, new.proposal, new.expected_result); END",
    ],
    "postgresql": [*PG_UNACCENT, f"CREATE INDEX ix_proposals_fulltext ON proposals USING gin ({PG_DOCUMENT})"],
}
DROP_STATEMENTS = {
    "sqlite": ["DROP TRIGGER IF EXISTS proposals_fts_insert", "DROP TRIGGER IF EXISTS proposals_fts_delete",
               "DROP TRIGGER IF EXISTS proposals_fts_update", "DROP TABLE IF EXISTS proposals_fts"],
    "postgresql": ["DROP INDEX IF EXISTS ix_proposals_fulltext"],
}

for _dialect, _statements in DDL_STATEMENTS.items():
    for _sql in _statements:
        event.listen(Proposal.__table__, "after_create", DDL(_sql).execute_if(dialect=_dialect))
for _dialect, _statements in DROP_STATEMENTS.items():
    for _sql in _statements:
        event.listen(Proposal.__table__, "before_drop", DDL(_sql).execute_if(dialect=_dialect))


def words(query: str) -> list[str]:
    """Only letters and digits reach the search engine: no query syntax from users."""
    return re.findall(r"\w+", query or "")[:12]


def matching(query: str):
    """A WHERE clause: proposals whose text contains every word (prefixes on SQLite)."""
    terms = words(query)
    if not terms:
        return None
    if db.engine.dialect.name == "sqlite":
        fts = " ".join(f'"{t}"*' for t in terms)
        ids: Any = select(literal_column("rowid")).select_from(text("proposals_fts")).where(
            text("proposals_fts MATCH :fts").bindparams(fts=fts))
        return Proposal.id.in_(ids)
    return text(f"{PG_QUERY_DOCUMENT} @@ plainto_tsquery('spanish', traza_unaccent(:q))").bindparams(
        q=" ".join(terms))


def is_search_table(name: str) -> bool:
    """FTS5's own shadow tables, which Alembic must not try to drop."""
    return name.startswith("proposals_fts")


