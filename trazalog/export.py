"""The export format: one JSON line per entry with every field its hash covers (`"v"`
included) plus its chain hashes, then one `{"checkpoint": note}` line per signed
checkpoint, so anyone can re-run the whole verification (trazalog/verify.py). The app
writes it (forum/trail/export.py); these are the shapes both sides agree on."""
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
    """Entries only (checkpoint lines are for trazalog/verify.py, which checks them too)."""
    for line in lines:
        if line.strip():
            d = json.loads(line)
            if "checkpoint" not in d:
                yield from_json(d)
