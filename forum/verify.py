"""Standalone verifier of a Traza trail export — no web app, no database:

    python -m forum.verify traza-trail.jsonl --key 'traza.local/trail+1a2b3c4d+AS...'

Checks the hash chain entry by entry, rebuilds the RFC 9162 Merkle tree, checks every
signed checkpoint's signature against the log key and its root against the rebuilt tree
(so two checkpoints that disagree, or a history rewritten after one, fail), and that the
export reaches the latest checkpoint (so a truncated export fails). Prints one line and
exits 0 only when everything holds; otherwise names the first bad entry, line or
checkpoint and what is wrong."""
import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from .trail import cosign, merkle, note
from .trail.chain import GENESIS, canonical_bytes, entry_hash
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
        e = _entry(number, line)
        if e.seq != expected:
            what = "missing" if e.seq > expected else ("reordered" if e.seq < expected - 1 else "repeated")
            raise Failure(f"entry {expected}: {what} (line {number} holds entry {e.seq})")
        if e.prev_hash != prev:
            raise Failure(f"entry {e.seq}: inserted or reordered (its link to the previous entry is broken)")
        if entry_hash(prev, e) != e.hash:
            raise Failure(f"entry {e.seq}: edited (its hash does not match its content)")
        prev, expected = e.hash, expected + 1
        builder.append(merkle.leaf_hash(canonical_bytes(e)))
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


def _entry(number: int, line: str):
    try:
        d = json.loads(line)
        if d.get("v") != 1:
            raise ValueError('"v" must be 1')
        return from_json(d)
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise Failure(f"malformed line {number}: {err}") from None


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


def main(argv: list[str] | None = None) -> int:
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
