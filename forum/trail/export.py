"""The trail as JSON lines: one line per entry with every field its hash covers (`"v"`
included) plus its chain hashes, then one `{"checkpoint": note}` line per signed
checkpoint, so anyone can re-run the whole verification (forum/verify.py)."""
import json
from dataclasses import dataclass
from datetime import datetime

from .chain import TIME_FORMAT, VERSION


def to_json(e) -> dict:
    return {
        "v": VERSION, "seq": e.seq, "at": e.at.strftime(TIME_FORMAT), "actor_user": e.actor_user_id,
        "actor_org": e.actor_org_id, "action": e.action, "subject_type": e.subject_type,
        "subject_id": e.subject_id, "forum": e.forum_id, "payload": json.loads(e.payload),
        "prev_hash": e.prev_hash, "hash": e.hash,
    }


def export_lines():
    """The whole export, line by line in seq order, read in batches so a long trail never
    sits in memory: for the download and for the open-data archive alike."""
    from sqlalchemy import select

    from ..extensions import db
    from .checkpoints import cosigned
    from .models import TrailCheckpoint, TrailEntry

    entries = db.session.scalars(select(TrailEntry).order_by(TrailEntry.seq).execution_options(yield_per=1000))
    try:  # a reader who hangs up mid-download closes the generator: close the server-side cursor too
        for e in entries:  # canonical JSON, as hashed: a verifier can cut the hashed bytes out of the line
            yield json.dumps(to_json(e), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    finally:
        entries.close()
    for cp in db.session.scalars(select(TrailCheckpoint).order_by(TrailCheckpoint.size)):
        yield json.dumps({"checkpoint": cosigned(cp)}, ensure_ascii=False) + "\n"


@dataclass
class LoadedEntry:
    """An exported entry read back, shaped like a stored one for chain.verify."""

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


def from_json(d: dict) -> LoadedEntry:
    return LoadedEntry(
        seq=d["seq"], at=datetime.strptime(d["at"], TIME_FORMAT), actor_user_id=d["actor_user"],
        actor_org_id=d["actor_org"], action=d["action"], subject_type=d["subject_type"],
        subject_id=d["subject_id"], forum_id=d["forum"], payload=json.dumps(d["payload"]),
        prev_hash=d["prev_hash"], hash=d["hash"])


def read_lines(lines):
    """Entries only (checkpoint lines are for forum/verify.py, which checks them too)."""
    for line in lines:
        if line.strip():
            d = json.loads(line)
            if "checkpoint" not in d:
                yield from_json(d)
