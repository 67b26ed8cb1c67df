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


def verify_export(lines: Iterable[str], log_key: str, witness_keys: Iterable[str] = ()) -> Result:
    try:
        return _verify(list(lines), log_key, list(witness_keys))
    except Failure as err:
        return Result(False, f"FAIL {err}")


def _verify(lines: list[str], log_key: str, witness_keys: list[str]) -> Result:
    try:
        log = note.parse_verifier(log_key)
        witnesses = [cosign.parse_witness(k) for k in witness_keys]
    except note.NoteError as err:
        raise Failure(f"bad key: {err}") from None
    checkpoints = []  # (line number, Checkpoint, signers)
    entries = 0
    builder = merkle.Builder()
    roots: dict[int, bytes] = {}
    wanted: set[int] = set()
    for number, line in enumerate(lines, 1):  # checkpoints first: which sizes to remember
        if line.startswith('{"checkpoint"'):
            cp, signers = _checkpoint(number, line, log, witnesses)
            checkpoints.append((number, cp, signers))
            wanted.add(cp.size)
    prev, expected = GENESIS, 1
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith('{"checkpoint"'):
            continue
        seq, prev_hash, stored_hash, body = _entry(number, line)
        if seq != expected:
            what = "missing" if seq > expected else ("reordered" if seq < expected - 1 else "repeated")
            raise Failure(f"entry {expected}: {what} (line {number} holds entry {seq})")
        if prev_hash != prev:
            raise Failure(f"entry {seq}: inserted or reordered (its link to the previous entry is broken)")
        if hashlib.sha256(bytes.fromhex(prev) + body).hexdigest() != stored_hash:
            raise Failure(f"entry {seq}: edited (its hash does not match its content)")
        prev, expected = stored_hash, expected + 1
        builder.append(merkle.leaf_hash(body))
        entries += 1
        if builder.size in wanted:
            roots[builder.size] = builder.root()
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


HASHED = ("v", "seq", "at", "actor_user", "actor_org", "action", "subject_type", "subject_id", "forum", "payload")


def _entry(number: int, line: str) -> tuple[int, str, str, bytes]:
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


def _checkpoint(number: int, line: str, log: note.Verifier, witnesses: list[cosign.Witness]):
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
        with open(args.export, encoding="utf-8") as fh:
            result = verify_export(fh, args.key, args.witness)
    except (OSError, UnicodeDecodeError) as err:
        result = Result(False, f"FAIL cannot read {args.export}: {err}")
    print(result.line)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
