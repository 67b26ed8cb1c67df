"""The trail's Merkle tree as stored nodes: appending an entry's leaf writes the subtrees it
completes; any subtree, root or proof is then a handful of lookups (O(log n) each), never a
re-hash of the log."""
from sqlalchemy import insert, text

from ..extensions import db
from . import merkle
from .chain import canonical_bytes
from .models import TrailNode


def append_leaf(entry) -> None:
    """Write the entry's leaf (level 0, index seq-1) and every subtree it completes; the left
    siblings it joins are read in one query (this runs with every state change)."""
    index = entry.seq - 1
    siblings: list[tuple[int, int]] = []
    level, i = 0, index
    while i & 1:  # a right child: its parent is complete now
        siblings.append((level, i - 1))
        level, i = level + 1, i >> 1
    left = _fetch(siblings)

    def left_at(level: int, idx: int) -> bytes:
        if (level, idx) not in left:
            raise LookupError(f"missing Merkle node {level}/{idx}")
        return left[(level, idx)]
    db.session.execute(insert(TrailNode), subtrees(index, merkle.leaf_hash(canonical_bytes(entry)), left_at))


def subtrees(index: int, leaf: bytes, left_at) -> list[dict]:
    """The node rows a leaf at `index` adds: itself, then each subtree it completes, joining
    the left sibling `left_at(level, idx)` at every level where it is a right child."""
    rows = [{"level": 0, "idx": index, "hash": leaf.hex()}]
    h, level, i = leaf, 0, index
    while i & 1:
        h = merkle.node_hash(left_at(level, i - 1), h)
        level, i = level + 1, i >> 1
        rows.append({"level": level, "idx": i, "hash": h.hex()})
    return rows


def _fetch(wanted) -> dict[tuple[int, int], bytes]:
    """Stored nodes by (level, idx), in one query; per level, so both databases use the
    primary key (a row-value IN may not)."""
    by_level: dict[int, set[int]] = {}
    for level, idx in wanted:
        by_level.setdefault(level, set()).add(idx)
    if not by_level:
        return {}
    # The numbers are written into the SQL: they are ints this module computed, and building
    # a proof's ~40 comparisons as SQLAlchemy expressions cost about as much as the query.
    where = " OR ".join(f"(level = {int(lv)} AND idx IN ({','.join(str(int(i)) for i in sorted(ids))}))"
                        for lv, ids in sorted(by_level.items()))
    return {(level, idx): bytes.fromhex(h) for level, idx, h in db.session.execute(
        text(f"SELECT level, idx, hash FROM {TrailNode.__tablename__} WHERE {where}"))}


def _complete(lo: int, hi: int, out: list) -> None:
    """The aligned complete subtrees that make up [lo, hi), by the tree's own splits."""
    n = hi - lo
    if n & (n - 1) == 0 and lo % n == 0:
        out.append((n.bit_length() - 1, lo // n))
        return
    k = merkle.split(n)
    _complete(lo, lo + k, out)
    _complete(lo + k, hi, out)


def answer(fn, *args):
    """Run a merkle function (root, inclusion_proof, consistency_proof) over the stored tree
    with every node it needs fetched in one query: a dry run names the ranges first."""
    ranges: list[tuple[int, int]] = []

    def record(lo: int, hi: int) -> bytes:
        ranges.append((lo, hi))
        return b"\0" * 32
    fn(record, *args)
    node = stored()
    node.prefetch(ranges)  # type: ignore[attr-defined,unused-ignore]
    return fn(node, *args)


def stored() -> merkle.Node:
    """`node(lo, hi)` answered from the stored complete subtrees (see `answer` to batch them)."""
    cache: dict[tuple[int, int], bytes] = {}

    def prefetch(ranges) -> None:
        parts: list[tuple[int, int]] = []
        for lo, hi in ranges:
            _complete(lo, hi, parts)
        cache.update(_fetch(p for p in parts if p not in cache))

    def node(lo: int, hi: int) -> bytes:
        parts: list[tuple[int, int]] = []
        _complete(lo, hi, parts)
        if any(p not in cache for p in parts):
            prefetch([(lo, hi)])
        if any(p not in cache for p in parts):
            raise LookupError("the stored tree is missing nodes")

        def build(a: int, b: int) -> bytes:
            n = b - a
            if n & (n - 1) == 0 and a % n == 0:
                return cache[(n.bit_length() - 1, a // n)]
            k = merkle.split(n)
            return merkle.node_hash(build(a, a + k), build(a + k, b))
        return build(lo, hi)
    node.prefetch = prefetch  # type: ignore[attr-defined]
    return node
