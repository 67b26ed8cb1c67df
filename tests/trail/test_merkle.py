"""The RFC 9162 Merkle tree: the test vectors of an independent implementation
(tests/vectors/merkle, from transparency-dev/merkle, with its licence), and properties for every size
and index up to a bound — proofs verify, and any altered hash fails."""
import base64
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forum.trail import merkle

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "merkle"  # transparency-dev/merkle testdata, Apache-2.0
RFC_LEAVES = [bytes.fromhex(h) for h in ("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                         "606162636465666768696a6b6c6d6e6f")]


def cases(kind):
    files = sorted((VECTORS / kind).rglob("*.json"))
    assert files or not VECTORS.exists(), "the vectors are missing"
    return [pytest.param(json.loads(f.read_text()), id=str(f.relative_to(VECTORS))) for f in files]


def b64(s):
    return base64.b64decode(s) if s is not None else b""


def test_the_vectors_are_there():
    assert VECTORS.exists(), f"expected the test vectors in {VECTORS}"
    assert len(cases("inclusion")) > 50 and len(cases("consistency")) > 50


@pytest.mark.parametrize("case", cases("inclusion"))
def test_inclusion_vectors(case):
    proof = [b64(p) for p in case["proof"] or []]
    args = (b64(case["leafHash"]), case["leafIdx"], case["treeSize"], proof, b64(case["root"]))
    if case["wantErr"]:
        with pytest.raises(merkle.ProofError):
            merkle.verify_inclusion(*args)
    else:
        merkle.verify_inclusion(*args)


@pytest.mark.parametrize("case", cases("consistency"))
def test_consistency_vectors(case):
    proof = [b64(p) for p in case["proof"] or []]
    args = (case["size1"], case["size2"], b64(case["root1"]), b64(case["root2"]), proof)
    if case["wantErr"]:
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(*args)
    else:
        merkle.verify_consistency(*args)


def test_our_proofs_equal_the_happy_path_vectors():
    """The generator, not only the verifier: proofs over the RFC sample leaves equal the vectors'."""
    node = merkle.from_leaves([merkle.leaf_hash(d) for d in RFC_LEAVES])
    assert merkle.root(node, 8).hex() == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    checked = 0
    for f in (VECTORS / "inclusion").rglob("happy-path.json"):
        c = json.loads(f.read_text())
        want = [b64(p) for p in c["proof"] or []]
        assert merkle.inclusion_proof(node, c["leafIdx"], c["treeSize"]) == want, f
        assert merkle.root(node, c["treeSize"]) == b64(c["root"])
        checked += 1
    for f in (VECTORS / "consistency").rglob("happy-path.json"):
        c = json.loads(f.read_text())
        if c["size1"] == 0:
            continue
        assert merkle.consistency_proof(node, c["size1"], c["size2"]) == [b64(p) for p in c["proof"] or []], f
        checked += 1
    assert checked >= 8


def leaves(n):
    return [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(n)]


@given(st.integers(1, 70).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 1))))
def test_every_inclusion_proof_verifies_and_a_flipped_bit_fails(size_index):
    size, index = size_index
    ls = leaves(size)
    node = merkle.from_leaves(ls)
    root = merkle.root(node, size)
    proof = merkle.inclusion_proof(node, index, size)
    merkle.verify_inclusion(ls[index], index, size, proof, root)
    for i in range(len(proof)):
        bad = list(proof)
        bad[i] = bytes([bad[i][0] ^ 1]) + bad[i][1:]
        with pytest.raises(merkle.ProofError):
            merkle.verify_inclusion(ls[index], index, size, bad, root)
    with pytest.raises(merkle.ProofError):
        merkle.verify_inclusion(hashlib.sha256(b"other").digest(), index, size, proof, root)
    if size > 1:
        with pytest.raises(merkle.ProofError):
            merkle.verify_inclusion(ls[index], (index + 1) % size, size, proof, root)


@given(st.integers(1, 70).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))))
def test_every_consistency_proof_verifies_and_a_flipped_bit_fails(sizes):
    old, new = sizes
    ls = leaves(new)
    node = merkle.from_leaves(ls)
    old_root, new_root = merkle.root(node, old), merkle.root(node, new)
    proof = merkle.consistency_proof(node, old, new)
    merkle.verify_consistency(old, new, old_root, new_root, proof)
    for i in range(len(proof)):
        bad = list(proof)
        bad[i] = bytes([bad[i][0] ^ 1]) + bad[i][1:]
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(old, new, old_root, new_root, bad)
    forked = merkle.root(merkle.from_leaves(ls[:-1] + [merkle.leaf_hash(b"rewritten")]), new)
    if old < new:
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(old, new, old_root, forked, proof)


@given(st.integers(0, 200))
def test_the_builder_gives_the_root_of_the_definition(n):
    b = merkle.Builder()
    ls = leaves(n)
    for leaf in ls:
        b.append(leaf)
    assert b.root() == merkle.root(merkle.from_leaves(ls), n)
