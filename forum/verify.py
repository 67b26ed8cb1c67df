"""Standalone verifier of a Traza trail export — no web app, no database:

    python -m forum.verify traza-trail.jsonl --key 'traza.local/trail+1a2b3c4d+AS...'

Checks the hash chain entry by entry, rebuilds the RFC 9162 Merkle tree, checks every
signed checkpoint's signature against the log key and its root against the rebuilt tree
(so two checkpoints that disagree, or a history rewritten after one, fail), and that the
export reaches the latest checkpoint (so a truncated export fails). Prints one line and
exits 0 only when everything holds; otherwise names the first bad entry, line or
checkpoint and what is wrong."""
import argparse
import base64
import binascii
import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from .trail import cosign, merkle, note
from .trail.chain import GENESIS, canonical_bytes
from .trail.export import from_json


@dataclass(frozen=True)
class Result:
    ok: bool
    line: str


class Failure(Exception):
    pass


def verify_export(lines: Iterable[str | bytes], log_key: str, witness_keys: Iterable[str] = ()) -> Result:
    """`lines` as read from the export: bytes (a file opened in binary, the fast way) or text."""
    try:
        return _verify([x.encode() if isinstance(x, str) else x for x in lines], log_key, list(witness_keys))
    except Failure as err:
        return Result(False, f"FAIL {err}")


def _verify(lines: list[bytes], log_key: str, witness_keys: list[str]) -> Result:
    try:
        log = note.parse_verifier(log_key)
        witnesses = [cosign.parse_witness(k) for k in witness_keys]
    except note.NoteError as err:
        raise Failure(f"bad key: {err}") from None
    checkpoints = []  # (line number, Checkpoint, signers)
    wanted: set[int] = set()
    for number, line in enumerate(lines, 1):  # checkpoints first: which sizes to remember
        if line.startswith(b'{"checkpoint"'):
            cp, signers = _checkpoint(number, line, log, witnesses)
            checkpoints.append((number, cp, signers))
            wanted.add(cp.size)
    entries, prev, roots = _chain_and_tree(lines, wanted)
    if entries == 0:
        raise Failure("empty: the export holds no entry")
    if not checkpoints:
        raise Failure("no checkpoint: nothing signed to check the export against, so truncation cannot be ruled out")
    for number, cp, _signers in checkpoints:
        if cp.size > entries:
            raise Failure(f"truncated: the checkpoint on line {number} covers {cp.size} entries, the export "
                          f"holds {entries}")
        if roots[cp.size] != cp.root:
            raise Failure(f"forked: the checkpoint on line {number} (size {cp.size}) signs a different history "
                          "than these entries")
    latest = max(cp.size for _n, cp, _s in checkpoints)
    cosigned = sum(len(s) - 1 for _n, _cp, s in checkpoints)
    return Result(True, f"OK {entries} entries; {len(checkpoints)} checkpoints verified, latest at size {latest}"
                        f"; {cosigned} cosignatures; head {prev}")


def _chain_and_tree(lines: list[bytes], wanted: set[int]) -> tuple[int, str, dict[int, bytes]]:
    """One pass over the entries: the hash chain, and the RFC 9162 tree kept as one pending
    subtree root per level (the bits of the size say which ones make the root), with the
    root remembered at each size a checkpoint names. Returns (entries, head, roots).

    Speed (bench/trail_log.py): a line as the export writes it is canonical JSON, so the
    hashed bytes are the line without its "hash" and "prev_hash" members — cut out, not
    parsed and re-serialised. Whatever does not have that exact shape, or fails a check
    that way, is read again the slow way (`_entry`), which alone decides the verdict: the
    fast path can only say "OK" for bytes whose hash matches, which collision resistance
    makes the very bytes that were hashed."""
    sha256, hexlify = hashlib.sha256, binascii.hexlify
    pending: list[bytes] = []
    prev_x, prev_d, expected = GENESIS.encode(), bytes.fromhex(GENESIS), 1
    roots: dict[int, bytes] = {}
    for number, line in enumerate(lines, 1):
        if line.startswith(b'{"checkpoint"') or not line.strip():
            continue
        body = None
        i = line.find(b'"hash":"')
        j = line.rfind(b',"prev_hash":"')
        end = len(line) - 1 if line.endswith(b"\n") else len(line)
        if 0 < i < j and line[i + 72:i + 74] == b'",' and line[j + 78:j + 80] == b'",' \
                and line[j + 14:j + 78] == prev_x and line.startswith(b',"v":1}', end - 7):
            k = line.find(b',"subject_id":', j + 80)
            seq_text = line[j + 86:k]
            if line.startswith(b'"seq":', j + 80) and seq_text.isdigit() and int(seq_text) == expected:
                candidate = line[:i] + line[i + 74:j + 1] + line[j + 80:end]
                digest = sha256(prev_d + candidate).digest()
                if hexlify(digest) == line[i + 8:i + 72]:
                    body = candidate
        if body is None:  # not the export's own shape, or a check failed: the slow way names what is wrong
            seq, prev_hash, stored_hash, body = _entry(number, line)
            if seq != expected:
                what = "missing" if seq > expected else ("reordered" if seq < expected - 1 else "repeated")
                raise Failure(f"entry {expected}: {what} (line {number} holds entry {seq})")
            if prev_hash.encode() != prev_x:
                raise Failure(f"entry {seq}: inserted or reordered (its link to the previous entry is broken)")
            digest = sha256(prev_d + body).digest()
            if digest.hex() != stored_hash:
                raise Failure(f"entry {seq}: edited (its hash does not match its content)")
        prev_x, prev_d = hexlify(digest), digest
        # The leaf joins the tree: equal-height subtrees merge, as in a binary counter.
        h, n, level = sha256(b"\x00" + body).digest(), expected - 1, 0
        while n & 1:
            h = sha256(b"\x01" + pending[level] + h).digest()
            n, level = n >> 1, level + 1
        if level == len(pending):
            pending.append(h)
        else:
            pending[level] = h
        if expected in wanted:
            roots[expected] = _root(pending, expected)
        expected += 1
    return expected - 1, prev_x.decode(), roots


def _root(pending: list[bytes], size: int) -> bytes:
    """The root of the first `size` leaves from the pending subtree roots: the smallest
    subtree on the right, each bigger one joining on the left."""
    h = None
    for level, left in enumerate(pending):
        if size >> level & 1:
            h = left if h is None else merkle.node_hash(left, h)
    return h if h is not None else merkle.EMPTY_ROOT


HASHED = ("v", "seq", "at", "actor_user", "actor_org", "action", "subject_type", "subject_id", "forum", "payload")


def _entry(number: int, line: bytes) -> tuple[int, str, str, bytes]:
    """(seq, prev_hash, hash, canonical bytes) of an export line. The canonical bytes are
    the hashed fields as the export carries them, in the canonical JSON form of
    trail/chain.py (sorted keys, no spaces, UTF-8): any other spelling of a field changes
    the bytes, so it fails as an edit."""
    try:
        d = json.loads(line)
        if d.get("v") != 1:
            raise ValueError('"v" must be 1')
        body = {k: d[k] for k in HASHED}
        seq, prev_hash, stored_hash = d["seq"], d["prev_hash"], d["hash"]
        if not isinstance(seq, int) or not isinstance(prev_hash, str) or not isinstance(stored_hash, str):
            raise ValueError("seq, prev_hash and hash must be a number and two hex strings")
        bytes.fromhex(prev_hash)
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise Failure(f"malformed line {number}: {err}") from None
    return seq, prev_hash, stored_hash, json.dumps(body, sort_keys=True, separators=(",", ":"),
                                                   ensure_ascii=False).encode()


def _checkpoint(number: int, line: bytes, log: note.Verifier, witnesses: list[cosign.Witness]):
    """The checkpoint and who signed it: the log, then each given witness whose cosignature
    verifies. A cosignature line of a given witness that does not verify is a failure."""
    try:
        text = json.loads(line)["checkpoint"]
        body, signers = note.verify_note(text, [log])
        cp = note.parse_checkpoint(body)
        cosigners = []
        for sig_line in text.partition("\n\n")[2].splitlines():
            for w in witnesses:
                if sig_line.split(" ")[1:2] == [w.name]:
                    cosign.verify_line(body, sig_line, w)
                    cosigners.append(w)
    except (ValueError, KeyError, TypeError) as err:
        raise Failure(f"checkpoint on line {number}: {err}") from None
    if log not in signers:
        raise Failure(f"checkpoint on line {number}: bad signature (not signed by the log key {log.name})")
    if cp.origin != log.name:
        raise Failure(f"checkpoint on line {number}: from another log ({cp.origin})")
    return cp, [*signers, *cosigners]


def verify_receipt(data: dict, log_key: str) -> Result:
    """A receipt from /trail/<seq>/receipt.json: the entry's leaf is in the tree the signed
    checkpoint commits to. Works offline, with the log key obtained out of band."""
    try:
        log = note.parse_verifier(log_key)
        e = from_json(data["entry"])
        leaf = merkle.leaf_hash(canonical_bytes(e))
        if base64.b64encode(leaf).decode() != data["leaf_hash"]:
            raise Failure("the receipt's leaf hash is not the hash of its entry")
        if "checkpoint" not in data:
            raise Failure("pending: no checkpoint covered the entry when the receipt was made; download it again")
        body, signers = note.verify_note(data["checkpoint"], [log])
        if log not in signers:
            raise Failure("bad signature: the checkpoint is not signed by this log key")
        cp = note.parse_checkpoint(body)
        if cp.origin != log.name:
            raise Failure(f"the receipt is from another log ({cp.origin})")
        if data["index"] != e.seq - 1:
            raise Failure("the receipt's index does not match its entry")
        merkle.verify_inclusion(leaf, e.seq - 1, cp.size, [base64.b64decode(p) for p in data["inclusion_proof"]],
                                cp.root)
    except Failure as err:
        return Result(False, f"FAIL {err}")
    except (merkle.ProofError, note.NoteError) as err:
        return Result(False, f"FAIL {err}")
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        return Result(False, f"FAIL malformed receipt: {err}")
    return Result(True, f"OK entry {e.seq} ({e.action}) is in {cp.origin} at size {cp.size}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["receipt"]:
        rp = argparse.ArgumentParser(prog="python -m forum.verify receipt")
        rp.add_argument("file", help="traza-receipt-N.json")
        rp.add_argument("--key", required=True, help="the log's verifier key, from /trail/key")
        ra = rp.parse_args(argv[1:])
        try:
            with open(ra.file, encoding="utf-8") as fh:
                result = verify_receipt(json.load(fh), ra.key)
        except (OSError, ValueError) as err:
            result = Result(False, f"FAIL cannot read {ra.file}: {err}")
        print(result.line)
        return 0 if result.ok else 1
    ap = argparse.ArgumentParser(prog="python -m forum.verify", description=__doc__.split("\n\n")[0])
    ap.add_argument("export", help="traza-trail.jsonl, as downloaded from /trail/export.jsonl")
    ap.add_argument("--key", required=True, help="the log's verifier key, from /trail/key")
    ap.add_argument("--witness", action="append", default=[], help="a witness's verifier key (repeatable)")
    args = ap.parse_args(argv)
    try:
        with open(args.export, "rb") as fh:  # bytes: the hashed bytes are cut out of each line as they are
            result = verify_export(fh, args.key, args.witness)
    except (OSError, UnicodeDecodeError) as err:
        result = Result(False, f"FAIL cannot read {args.export}: {err}")
    print(result.line)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
