"""The Merkle tree of RFC 9162 §2.1 over the trail's entries, with inclusion and consistency
proofs and their verification. Pure functions over bytes: no database, no app, so an
auditor's copy of this file is all a verifier needs.

A tree is given by a function `node(lo, hi)` returning the hash of the leaves [lo, hi)
(the store answers complete aligned subtrees from saved nodes) or, for small trees and
tests, by the list of leaf hashes (`from_leaves`)."""
import hashlib
from collections.abc import Callable, Sequence

from .messages import Said

Node = Callable[[int, int], bytes]


class ProofError(Said):
    """A proof that does not verify, or a request outside the tree."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = hashlib.sha256(b"").digest()


def split(n: int) -> int:
    """The largest power of two smaller than n (n > 1): where RFC 9162 splits a tree."""
    return 1 << ((n - 1).bit_length() - 1)


def from_leaves(leaves: Sequence[bytes]) -> Node:
    """`node(lo, hi)` over a list of leaf hashes, by the definition (for tests and small trees)."""
    def node(lo: int, hi: int) -> bytes:
        if hi - lo == 1:
            return leaves[lo]
        k = split(hi - lo)
        return node_hash(node(lo, lo + k), node(lo + k, hi))
    return node


def root(node: Node, size: int) -> bytes:
    return EMPTY_ROOT if size == 0 else node(0, size)


def inclusion_proof(node: Node, index: int, size: int) -> list[bytes]:
    """PATH(m, D[n]) of RFC 9162 §2.1.3.1, as hashes of whole subtrees."""
    if not 0 <= index < size:
        raise ProofError("leaf {index} is not in a tree of size {size}", index=index, size=size)
    path: list[bytes] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = split(hi - lo)
        if index < lo + k:
            path.append(node(lo + k, hi))
            hi = lo + k
        else:
            path.append(node(lo, lo + k))
            lo = lo + k
    return path[::-1]


def consistency_proof(node: Node, old: int, new: int) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 9162 §2.1.4.1."""
    if not 0 < old <= new:
        raise ProofError("no consistency proof from size {old} to {new}", old=old, new=new)
    proof: list[bytes] = []
    lo, hi, m, complete = 0, new, old, True
    while True:
        n = hi - lo
        if m == n:
            if not complete:
                proof.append(node(lo, hi))
            break
        k = split(n)
        if m <= k:
            proof.append(node(lo + k, hi))
            hi = lo + k
        else:
            proof.append(node(lo, lo + k))
            lo, m, complete = lo + k, m - k, False
    return proof[::-1]


def verify_inclusion(leaf: bytes, index: int, size: int, proof: Sequence[bytes], expected_root: bytes) -> None:
    """RFC 9162 §2.1.3.2. Raises ProofError unless the leaf is at `index` of the tree with that root."""
    if not 0 <= index < size:
        raise ProofError("leaf {index} is not in a tree of size {size}", index=index, size=size)
    if len(leaf) != 32 or len(expected_root) != 32:
        raise ProofError("a leaf hash and a root are 32 bytes")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if len(p) != 32 or sn == 0:
            raise ProofError("the proof is too long or malformed")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError("the proof is too short")
    if r != expected_root:
        raise ProofError("the leaf is not in the tree with this root")


def verify_consistency(old: int, new: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]) -> None:
    """RFC 9162 §2.1.4.2. Raises ProofError unless the tree of size `new` extends the one of size `old`."""
    if old < 0 or new < old:
        raise ProofError("sizes out of order: {old} then {new}", old=old, new=new)
    if old == 0:
        raise ProofError("nothing to prove from the empty tree: check the new root itself")
    if old == new:
        if proof:
            raise ProofError("a proof between equal sizes must be empty")
        if old_root != new_root:
            raise ProofError("two different roots for one size: the log forked")
        return
    if not proof or any(len(p) != 32 for p in proof):
        raise ProofError("the proof is empty or malformed")
    path = list(proof)
    if old & (old - 1) == 0:  # a power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("the proof is too long")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError("the proof is too short")
    if fr != old_root:
        raise ProofError("the proof does not lead to the old root")
    if sr != new_root:
        raise ProofError("the new tree does not extend the old one")


class Builder:
    """Appends leaves and keeps only the O(log n) right-edge subtree roots, so a verifier
    can rebuild the root at every checkpoint size in one pass over an export."""

    def __init__(self) -> None:
        self.size = 0
        self._stack: list[tuple[int, bytes]] = []  # (height, hash), heights strictly decreasing

    def append(self, leaf: bytes) -> None:
        height, h = 0, leaf
        while self._stack and self._stack[-1][0] == height:
            _h, left = self._stack.pop()
            h, height = node_hash(left, h), height + 1
        self._stack.append((height, h))
        self.size += 1

    def root(self) -> bytes:
        if not self._stack:
            return EMPTY_ROOT
        h = self._stack[-1][1]
        for _height, left in reversed(self._stack[:-1]):
            h = node_hash(left, h)
        return h
