"""The trail's Merkle tree as stored nodes: appending an entry's leaf writes the subtrees it
completes; any subtree, root or proof is then a handful of lookups (O(log n) each), never a
re-hash of the log."""
from sqlalchemy import insert, select, tuple_

from ..extensions import db
from . import merkle
from .chain import canonical_bytes
from .models import TrailNode


def append_leaf(entry) -> None:
    """Write the entry's leaf (level 0, index seq-1) and every subtree it completes."""
    index = entry.seq - 1
    h = merkle.leaf_hash(canonical_bytes(entry))
    rows = [{"level": 0, "idx": index, "hash": h.hex()}]
    level, i = 0, index
    while i & 1:  # a right child: its parent is complete now
        left = _get(level, i - 1)
        h = merkle.node_hash(left, h)
        level, i = level + 1, i >> 1
        rows.append({"level": level, "idx": i, "hash": h.hex()})
    db.session.execute(insert(TrailNode), rows)


def _get(level: int, idx: int) -> bytes:
    found = db.session.scalar(select(TrailNode.hash).where(TrailNode.level == level, TrailNode.idx == idx))
    if found is None:
        raise LookupError(f"missing Merkle node {level}/{idx}")
    return bytes.fromhex(found)


def stored() -> merkle.Node:
    """`node(lo, hi)` answered from the stored complete subtrees, one query per proof or root."""
    cache: dict[tuple[int, int], bytes] = {}

    def complete(lo: int, hi: int, out: list) -> None:
        """The aligned complete subtrees that make up [lo, hi), by the tree's own splits."""
        n = hi - lo
        if n & (n - 1) == 0 and lo % n == 0:
            out.append((n.bit_length() - 1, lo // n))
            return
        k = merkle.split(n)
        complete(lo, lo + k, out)
        complete(lo + k, hi, out)

    def node(lo: int, hi: int) -> bytes:
        parts: list[tuple[int, int]] = []
        complete(lo, hi, parts)
        missing = [p for p in parts if p not in cache]
        if missing:
            for level, idx, h in db.session.execute(select(TrailNode.level, TrailNode.idx, TrailNode.hash).where(
                    tuple_(TrailNode.level, TrailNode.idx).in_(missing))):
                cache[(level, idx)] = bytes.fromhex(h)
        if any(p not in cache for p in parts):
            raise LookupError("the stored tree is missing nodes")

        def build(a: int, b: int) -> bytes:
            n = b - a
            if n & (n - 1) == 0 and a % n == 0:
                return cache[(n.bit_length() - 1, a // n)]
            k = merkle.split(n)
            return merkle.node_hash(build(a, a + k), build(a + k, b))
        return build(lo, hi)
    return node
