"""Appending to the trail: called by every service that changes state, inside its transaction."""
import json
from datetime import datetime

from sqlalchemy import exists, literal, select, update
from sqlalchemy.orm import aliased

from ..core.clock import utcnow
from ..extensions import db
from .chain import GENESIS, canonical_json, entry_hash
from .models import TrailEntry, TrailLock
from .tree import append_leaf
from .versions import bump, touched


def record(action: str, subject, *, actor=None, actor_org=None, forum=None,
           payload: dict | None = None, checkpoint: bool = True) -> TrailEntry:
    """Append one entry for a state change already made in the current session.

    Flushes first so the subject has its id and the change and the entry commit or roll
    back together. The lock row is updated before the head is read: on SQLite that takes
    the database write lock, on PostgreSQL a row lock, so concurrent writers queue up.
    """
    db.session.flush()
    db.session.execute(update(TrailLock).where(TrailLock.id == 1)
                       .values(writes=TrailLock.writes + 1))
    # Read with the head, in the same statement: whether the actor acted in public before
    # (forums/names.py's rule): their first such act names them (versions.NAMED).
    public = actor is not None and not action.startswith("account.")
    earlier = aliased(TrailEntry)
    acted = exists().where(earlier.actor_user_id == actor.id, ~earlier.action.startswith("account.")) \
        if public else literal(True)
    head = db.session.execute(
        select(TrailEntry.seq, TrailEntry.hash, TrailEntry.at, acted.label("acted"))
        .order_by(TrailEntry.seq.desc()).limit(1)
    ).first()
    seq, prev_hash, prev_at = (head.seq + 1, head.hash, head.at) if head else (1, GENESIS, None)
    subject_type, subject_id = _subject(subject)
    entry = TrailEntry(
        seq=seq,
        at=_not_before(utcnow(), prev_at),
        actor_user_id=actor.id if actor is not None else None,
        actor_org_id=actor_org.id if actor_org is not None else None,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        forum_id=forum.id if forum is not None else None,
        payload=canonical_json(payload or {}),
        prev_hash=prev_hash,
    )
    # Round-trip the payload so what is hashed is exactly what a verifier will read back.
    json.loads(entry.payload)
    entry.hash = entry_hash(prev_hash, entry)
    db.session.add(entry)
    db.session.flush()
    first_act = public and not (head and head.acted)
    bump(touched(entry, first_act))  # what remembered pages this makes stale, committed with it
    append_leaf(entry)
    if checkpoint:
        from . import checkpoints  # signs with the log key: needs the app, which record's callers have
        if checkpoints.due():
            checkpoints.make()
    return entry


def _not_before(now: datetime, prev: datetime | None) -> datetime:
    """A clock step backwards must not make the chain look reordered."""
    return now if prev is None or now >= prev else prev


def _subject(subject) -> tuple[str, str]:
    if isinstance(subject, tuple):
        return subject[0], str(subject[1])
    return subject.__trail_type__, str(subject.id)
