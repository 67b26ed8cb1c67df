"""A receipt for one trail entry: proof, for whoever made a submission, a response, a vote
or a signature, that it is in the log — the entry, its leaf hash, and once a checkpoint
covers it, that signed checkpoint and the inclusion proof. Checked offline by
`python3 traza-verify.pyz receipt RECEIPT.json --key KEY` (trazalog/verify.py)."""
import base64

from sqlalchemy import select

from ..extensions import db
from . import checkpoints, merkle
from .chain import canonical_bytes
from .export import to_json
from .models import TrailCheckpoint, TrailEntry
from .tree import answer


def receipt(e: TrailEntry, against: TrailCheckpoint | None = None) -> dict:
    """`against`: prove it in that checkpoint (an evidence pack proves every entry in the
    latest one, so one checkpoint file serves them all) when it covers the entry."""
    out = {"receipt": "traza-trail/v1", "origin": checkpoints.origin(), "log_key": str(checkpoints.log_verifier()),
           "entry": to_json(e), "index": e.seq - 1,
           "leaf_hash": base64.b64encode(merkle.leaf_hash(canonical_bytes(e))).decode()}
    cp = against if against is not None and against.size >= e.seq else db.session.scalar(
        select(TrailCheckpoint).where(TrailCheckpoint.size >= e.seq).order_by(TrailCheckpoint.size).limit(1))
    if cp is None:
        out["pending"] = "no checkpoint covers this entry yet: download the receipt again after the next one"
        if (due := checkpoints.next_due()) is not None:
            out["next_checkpoint"] = due.strftime("%Y-%m-%dT%H:%MZ")
        return out
    out["checkpoint"] = checkpoints.cosigned(cp)
    out["inclusion_proof"] = [base64.b64encode(p).decode()
                              for p in answer(merkle.inclusion_proof, e.seq - 1, cp.size)]
    return out
