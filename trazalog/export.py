"""The export format: one JSON line per entry with every field its hash covers (`"v"`
included) plus its chain hashes, then one `{"checkpoint": note}` line per signed
checkpoint, so anyone can re-run the whole verification (trazalog/verify.py). The app
writes it (forum/trail/export.py); these are the shapes both sides agree on."""
import json
from dataclasses import make_dataclass
from datetime import datetime

from .chain import TIME_FORMAT, EntryLike, canonical_body


def to_json(e: EntryLike) -> dict:
    """An entry as its export line holds it: the hashed fields and its chain hashes."""
    return {**canonical_body(e), "prev_hash": e.prev_hash, "hash": e.hash}


# An exported entry read back, shaped like a stored one for chain.verify: a dataclass of the
# fields `EntryLike` declares, so the list is written once (slots: no per-entry __dict__).
LoadedEntry = make_dataclass("LoadedEntry", list(EntryLike.__annotations__.items()), slots=True,
                             namespace={"__module__": __name__})


def from_json(d: dict) -> EntryLike:
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
