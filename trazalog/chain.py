"""Canonical bytes and hashing of trail entries, and chain verification.

Pure functions over plain values, no database: anyone holding an export can run them.
An entry's canonical bytes never change once written, so later Merkle proofs and signed
checkpoints can be built over the same bytes.
"""
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

GENESIS = "0" * 64
VERSION = 1
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class EntryLike(Protocol):
    """The fields of a trail entry, declared once: a stored row (forum/trail/models.py)
    has them, and an exported entry read back is a dataclass built from this list
    (trazalog/export.py `LoadedEntry`)."""

    seq: int
    at: datetime
    actor_user_id: int | None
    actor_org_id: int | None
    action: str
    subject_type: str
    subject_id: str
    forum_id: int | None
    payload: str
    prev_hash: str
    hash: str


def canonical_json(value) -> str:
    """Sorted keys, no spaces, UTF-8 text; floats are refused because their text is not stable."""
    _refuse_floats(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _refuse_floats(value):
    if isinstance(value, float):
        raise TypeError("trail payloads may not contain floats")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError("trail payload keys must be strings")
            _refuse_floats(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _refuse_floats(v)


def canonical_body(e: EntryLike) -> dict:
    """The hashed fields under the names the export gives them (`"v"` included)."""
    return {
        "v": VERSION,
        "seq": e.seq,
        "at": e.at.strftime(TIME_FORMAT),
        "actor_user": e.actor_user_id,
        "actor_org": e.actor_org_id,
        "action": e.action,
        "subject_type": e.subject_type,
        "subject_id": e.subject_id,
        "forum": e.forum_id,
        "payload": json.loads(e.payload),
    }


def canonical_bytes(e: EntryLike) -> bytes:
    return canonical_json(canonical_body(e)).encode("utf-8")


def entry_hash(prev_hash: str, e: EntryLike) -> str:
    """SHA-256 over the previous entry's hash (32 raw bytes) followed by the canonical entry."""
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical_bytes(e)).hexdigest()


@dataclass(frozen=True)
class Verdict:
    ok: bool
    count: int
    head: str
    bad_seq: int | None = None
    problem: str | None = None  # "gap", "reordering", "broken link", "hash mismatch"
    detail: str | None = None

    def line(self) -> str:
        if self.ok:
            return f"OK {self.count} {self.head}"
        return f"FAIL at seq {self.bad_seq}: {self.problem}: {self.detail}"


def verify(entries: Iterable[EntryLike]) -> Verdict:
    """Walk entries in seq order; stop at the first that breaks the chain and say how.

    All stored hashes are indexed first, so an entry whose prev_hash names an entry other
    than its predecessor is reported as moved (reordering), not merely as a broken link.
    """
    return verify_from(entries, 0, GENESIS)


def verify_from(entries: Iterable[EntryLike], after: int, head: str) -> Verdict:
    """`verify` for the entries that follow entry `after`, whose hash is `head`."""
    entries = list(entries)
    position = {e.hash: e.seq for e in entries}
    expected_seq, prev, prev_at = after + 1, head, None
    for e in entries:
        if e.seq > expected_seq:
            missing = str(expected_seq) if e.seq == expected_seq + 1 else f"{expected_seq}..{e.seq - 1}"
            return _bad(expected_seq - 1, prev, expected_seq, "gap", f"entries {missing} are missing")
        if e.seq < expected_seq:
            return _bad(expected_seq - 1, prev, e.seq, "reordering", f"seq {e.seq} after {expected_seq - 1}")
        if e.prev_hash != prev:
            if e.prev_hash in position:
                return _bad(e.seq - 1, prev, e.seq, "reordering",
                            f"entry follows seq {position[e.prev_hash]}, not seq {e.seq - 1}")
            return _bad(e.seq - 1, prev, e.seq, "broken link",
                        f"prev_hash {e.prev_hash[:12]}… is not seq {e.seq - 1}'s hash {prev[:12]}…")
        try:
            computed = entry_hash(prev, e)
        except (ValueError, TypeError, AttributeError) as exc:
            return _bad(e.seq - 1, prev, e.seq, "hash mismatch", f"entry cannot be read: {exc}")
        if computed != e.hash:
            return _bad(e.seq - 1, prev, e.seq, "hash mismatch",
                        f"stored {e.hash[:12]}…, recomputed {computed[:12]}…")
        if prev_at is not None and e.at < prev_at:
            return _bad(e.seq - 1, prev, e.seq, "reordering", "time goes backwards")
        prev, prev_at, expected_seq = e.hash, e.at, expected_seq + 1
    return Verdict(True, expected_seq - 1, prev)


def _bad(count, head, seq, problem, detail) -> Verdict:
    return Verdict(False, count, head, seq, problem, detail)
