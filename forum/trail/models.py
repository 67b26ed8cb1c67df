"""Trail tables. The application inserts entries and never updates or deletes them."""
from datetime import datetime

from sqlalchemy import DDL, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class TrailEntry(Model):
    """One link of the chain. Names people and organisations by id only (Ley 29733)."""

    __tablename__ = "trail_entries"
    __table_args__ = (Index("ix_trail_entries_subject", "subject_type", "subject_id"),
                      # A person's own entries, newest first: their receipts in the inbox.
                      Index("ix_trail_entries_actor", "actor_user_id", "seq"),
                      # A forum's entries by time: the minimum requirements count them per
                      # half-year from the index alone (dashboards/requirements.py).
                      Index("ix_trail_entries_forum_at", "forum_id", "at", "seq"))

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False,
                                     doc="gap-free, from 1")
    at: Mapped[datetime] = mapped_column(index=True, doc="UTC, never earlier than the previous entry")
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    actor_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True, doc="namespaced: forum.opened")
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[str] = mapped_column(String(64))
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forums.id"), index=True)
    payload: Mapped[str] = mapped_column(Text, doc="canonical JSON object")
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True, doc="one successor each: no fork")
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class TrailLock(Model):
    """A single row every writer updates first: it serialises appends on SQLite and PostgreSQL
    alike, so two writers can never read the same head and fork the chain."""

    __tablename__ = "trail_lock"

    id: Mapped[int] = mapped_column(primary_key=True)
    writes: Mapped[int] = mapped_column(default=0)


event.listen(TrailLock.__table__, "after_create",
             DDL("INSERT INTO trail_lock (id, writes) VALUES (1, 0)"))

# The database itself refuses to change or remove an entry; the migration creates the same.
APPEND_ONLY = {
    "sqlite": [
        "CREATE TRIGGER trail_entries_no_update BEFORE UPDATE ON trail_entries "
        "BEGIN SELECT RAISE(ABORT, 'trail entries are append-only'); END",
        "CREATE TRIGGER trail_entries_no_delete BEFORE DELETE ON trail_entries "
        "BEGIN SELECT RAISE(ABORT, 'trail entries are append-only'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION trail_entries_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'trail entries are append-only'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER trail_entries_no_change BEFORE UPDATE OR DELETE ON trail_entries "
        "FOR EACH ROW EXECUTE FUNCTION trail_entries_append_only()",
    ],
}
for _dialect, _statements in APPEND_ONLY.items():
    for _sql in _statements:
        event.listen(TrailEntry.__table__, "after_create", DDL(_sql).execute_if(dialect=_dialect))


@event.listens_for(TrailEntry, "before_update")
@event.listens_for(TrailEntry, "before_delete")
def _refuse_change(_mapper, _connection, target):
    raise RuntimeError(f"trail entry {target.seq} is append-only")


class TrailNode(Model):
    """A Merkle node of RFC 9162 over the entries: level 0 holds each entry's leaf hash, level
    k the hash of the complete aligned subtree of 2^k leaves starting at idx·2^k. Written with
    the entry that completes it, never changed: proofs read them instead of re-hashing."""

    __tablename__ = "trail_nodes"

    level: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    hash: Mapped[str] = mapped_column(String(64))


class TrailCheckpoint(Model):
    """A signed checkpoint (C2SP tlog-checkpoint in a signed note) over the first `size` entries."""

    __tablename__ = "trail_checkpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    size: Mapped[int] = mapped_column(unique=True)
    root: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, doc="the signed note, exactly as published")
    created_at: Mapped[datetime]


@event.listens_for(TrailNode, "before_update")
@event.listens_for(TrailNode, "before_delete")
@event.listens_for(TrailCheckpoint, "before_update")
@event.listens_for(TrailCheckpoint, "before_delete")
def _refuse_rewrite(_mapper, _connection, target):
    raise RuntimeError(f"{type(target).__name__} is append-only")


class TrailWitness(Model):
    """An organisation's witness key: its cosignatures say it checked the log only grew."""

    __tablename__ = "trail_witnesses"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    key: Mapped[str] = mapped_column(String(300), doc="C2SP verifier key, signature type 0x04")
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]


class TrailCosignature(Model):
    """One witness's cosignature line on one checkpoint, as submitted and verified."""

    __tablename__ = "trail_cosignatures"
    __table_args__ = (UniqueConstraint("checkpoint_id", "witness_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    checkpoint_id: Mapped[int] = mapped_column(ForeignKey("trail_checkpoints.id"), index=True)
    witness_id: Mapped[int] = mapped_column(ForeignKey("trail_witnesses.id"))
    signed_at: Mapped[datetime] = mapped_column(doc="the time inside the cosignature")
    line: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


for _model in (TrailWitness, TrailCosignature):
    event.listen(_model, "before_update", _refuse_rewrite)
    event.listen(_model, "before_delete", _refuse_rewrite)
