"""Signing the trail's tree: the log key (generated into instance/ on first use), signed
checkpoints stored as published, and the trail entry each checkpoint gets."""
import os
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import current_app
from sqlalchemy import func, select

from ..core.clock import utcnow
from ..extensions import db
from . import cosign, merkle, note
from .chain import GENESIS, Verdict, canonical_bytes, verify_from
from .models import TrailCheckpoint, TrailCosignature, TrailEntry, TrailLock, TrailNode, TrailWitness
from .tree import stored

KEY_FILE = "trail-signing-key.pem"


def _key_path() -> str:
    return os.path.join(current_app.instance_path, KEY_FILE)


def private_key() -> Ed25519PrivateKey:
    """The log's Ed25519 key; created (mode 600) the first time it is needed."""
    path = _key_path()
    return note.load_key(path) if os.path.exists(path) else note.new_key_file(path)


def origin() -> str:
    """The log's name in its checkpoints: TRAIL_ORIGIN if set, else the log's own URL prefix
    without its scheme (C2SP tlog-tiles: the origin SHOULD be one of the log's URL prefixes),
    so a client that reads a checkpoint knows where the log is."""
    return current_app.config.get("TRAIL_ORIGIN") or origin_of(current_app.config["PUBLIC_URL"])


def origin_of(public_url: str) -> str:
    """`https://traza.example.gob.pe/` → `traza.example.gob.pe/trail` (the blueprint's prefix)."""
    parts = urlsplit(public_url)
    return f"{parts.netloc}{parts.path.rstrip('/')}/trail"


def log_verifier() -> note.Verifier:
    return note.verifier(origin(), private_key())


def size() -> int:
    return db.session.scalar(select(func.max(TrailEntry.seq))) or 0


def latest() -> TrailCheckpoint | None:
    return db.session.scalar(select(TrailCheckpoint).order_by(TrailCheckpoint.size.desc()).limit(1))


def at_size(n: int) -> TrailCheckpoint | None:
    return db.session.scalar(select(TrailCheckpoint).where(TrailCheckpoint.size == n))


def make() -> TrailCheckpoint | None:
    """Sign the tree as it stands, unless the latest checkpoint already covers it; the
    checkpoint is then recorded on the trail itself (so the next one covers that too)."""
    from .record import record
    n, last = size(), latest()
    if n == 0 or (last is not None and last.size >= n):
        return None
    root = merkle.root(stored(), n)
    body = note.Checkpoint(origin(), n, root).body()
    cp = TrailCheckpoint(size=n, root=root.hex(), note=note.make_note(body, origin(), private_key()),
                         created_at=utcnow())
    db.session.add(cp)
    db.session.flush()
    record("trail.checkpoint", ("trail", n), payload={"size": n, "root": root.hex()}, checkpoint=False)
    return cp


def due() -> bool:
    """A checkpoint is owed: none yet, or the last is older than the configured minutes."""
    minutes = current_app.config.get("TRAIL_CHECKPOINT_MINUTES") or 0
    if minutes <= 0:
        return False
    last = latest()
    return last is None or utcnow() - last.created_at >= timedelta(minutes=minutes)


def next_due() -> datetime | None:
    """About when the next checkpoint will be signed (to the minute, UTC): what a pending
    receipt tells its holder. None when only a timer signs (TRAIL_CHECKPOINT_MINUTES 0),
    whose schedule the app does not know."""
    minutes = current_app.config.get("TRAIL_CHECKPOINT_MINUTES") or 0
    if minutes <= 0:
        return None
    last, now = latest(), utcnow()
    due = max(last.created_at + timedelta(minutes=minutes) if last else now, now)
    return due.replace(second=0, microsecond=0) + timedelta(minutes=1 if due.second or due.microsecond else 0)


def verify_recent() -> Verdict:
    """What /trail/verify answers in milliseconds, without re-hashing the log: the latest
    checkpoint's signature and its root against the stored tree, then only the entries
    written since — their chain links and their leaves in the tree — and that none was
    cut from the end. The full check of every entry is the standalone verifier's job
    (python -m forum.verify) and `flask trail verify`."""
    last = latest()
    start, prev = 0, GENESIS
    if last is not None:
        body, signers = note.verify_note(last.note, [log_verifier()])
        cp = note.parse_checkpoint(body)
        if not signers or cp.root != merkle.root(stored(), cp.size) or cp.root.hex() != last.root:
            return Verdict(False, cp.size, last.root, cp.size, "hash mismatch",
                           "the stored tree no longer matches the signed checkpoint")
        start = cp.size
        prev = db.session.scalar(select(TrailEntry.hash).where(TrailEntry.seq == start)) or ""
    recent = list(db.session.scalars(select(TrailEntry).where(TrailEntry.seq > start).order_by(TrailEntry.seq)))
    verdict = verify_from(recent, start, prev)
    if not verdict.ok:
        return verdict
    leaves = dict(db.session.execute(select(TrailNode.idx, TrailNode.hash).where(
        TrailNode.level == 0, TrailNode.idx >= start)).all())
    for e in recent:
        if leaves.get(e.seq - 1) != merkle.leaf_hash(canonical_bytes(e)).hex():
            return Verdict(False, e.seq - 1, e.prev_hash, e.seq, "hash mismatch", "its leaf in the tree differs")
    written = db.session.scalar(select(TrailLock.writes).where(TrailLock.id == 1)) or 0
    if written != verdict.count:
        return Verdict(False, verdict.count, verdict.head, verdict.count + 1, "gap",
                       f"{written} entries were written but {verdict.count} remain")
    return verdict


def cosigned(cp: TrailCheckpoint) -> str:
    """The checkpoint note with every accepted witness cosignature appended (C2SP)."""
    lines = db.session.scalars(select(TrailCosignature.line).where(TrailCosignature.checkpoint_id == cp.id)
                               .order_by(TrailCosignature.id))
    return cp.note + "".join(lines)


def cosignatures(cp: TrailCheckpoint) -> list[tuple[TrailCosignature, TrailWitness]]:
    rows = db.session.execute(select(TrailCosignature, TrailWitness).join(
        TrailWitness, TrailWitness.id == TrailCosignature.witness_id)
        .where(TrailCosignature.checkpoint_id == cp.id).order_by(TrailCosignature.id))
    return [(c, w) for c, w in rows]


def accept_cosignature(size: int, line: str) -> TrailCosignature:
    """Store a witness's cosignature of the checkpoint of `size`, once it verifies; the
    acceptance goes on the trail. Raises NoteError with the reason otherwise."""
    cp = at_size(size)
    if cp is None:
        raise note.NoteError(f"no checkpoint of size {size}")
    line = line.strip("\r\n") + "\n"
    if len(line) > 400 or "\n" in line[:-1]:
        raise note.NoteError("send exactly one cosignature line")
    parts = line.split(" ")
    name = parts[1] if len(parts) == 3 else ""
    w = db.session.scalar(select(TrailWitness).where(TrailWitness.name == name))
    if w is None:
        raise note.NoteError(f"{name or 'the line'} is not a registered witness")
    body, _sigs = note.split_note(cp.note)
    stamp = cosign.verify_line(body, line, cosign.parse_witness(w.key))
    if db.session.scalar(select(TrailCosignature.id).where(TrailCosignature.checkpoint_id == cp.id,
                                                           TrailCosignature.witness_id == w.id)):
        raise note.NoteError(f"{w.name} already cosigned this checkpoint")
    row = TrailCosignature(checkpoint_id=cp.id, witness_id=w.id, line=line, created_at=utcnow(),
                           signed_at=datetime.fromtimestamp(stamp, UTC).replace(tzinfo=None))
    db.session.add(row)
    from .record import record
    record("trail.cosigned", ("trail", size), actor_org=_Org(w.organisation_id),
           payload={"size": size, "witness": w.name, "time": stamp})
    return row


class _Org:
    """The witness's organisation, as record() names an actor organisation (by id only)."""

    def __init__(self, ident: int):
        self.id = ident
