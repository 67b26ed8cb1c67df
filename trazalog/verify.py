"""Standalone verifier of a Traza trail export — no web app, no database, only Python and
`cryptography`:

    python3 traza-verify.pyz traza-trail.jsonl --key 'traza.example.gob.pe/trail+1a2b3c4d+AS...'

Checks the hash chain entry by entry, rebuilds the RFC 9162 Merkle tree, checks every
signed checkpoint's signature against the log key and its root against the rebuilt tree
(so two checkpoints that disagree, or a history rewritten after one, fail), that the
export reaches the latest checkpoint (so a truncated export fails), and that every
checkpoint the log recorded on itself (`trail.checkpoint` entries) is in the export (so
removing the newest checkpoints to rewrite what they covered fails).

It says OK only for what a signature proves. Entries after the newest checkpoint are only
chain-checked — whoever holds the database could rewrite them and re-hash the chain — so
they are reported as PENDING (exit 3), never OK. `--checkpoint FILE|URL` anchors the
verdict to a checkpoint obtained elsewhere (the site's latest, a witness's, a copy saved
earlier): the export must reach it and agree with it.

Exit status: 0 OK, 1 FAIL, 2 a mistyped command, 3 PENDING."""
import argparse
import base64
import binascii
import hashlib
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from . import cosign, merkle, note
from .chain import GENESIS, canonical_bytes
from .export import from_json
from .messages import EPILOG, LANGUAGES, Said, Text, language, reason

OK, FAIL, USAGE, PENDING = 0, 1, 2, 3
_WORDS = {OK: "OK {what}", FAIL: "FAIL {what}", PENDING: "PENDING {what}"}


@dataclass(frozen=True)
class Result:
    """A verdict: its exit status and what it says, in either language (`line` is English)."""

    status: int
    text: Text

    @property
    def ok(self) -> bool:
        return self.status == OK

    def say(self, lang: str = "en") -> str:
        return Text(_WORDS[self.status], what=self.text).say(lang)

    @property
    def line(self) -> str:
        return self.say("en")


class Failure(Said):
    pass


def verify_export(lines: Iterable[str | bytes], log_key: str, witness_keys: Iterable[str] = (),
                  checkpoint: str | None = None) -> Result:
    """`lines` as read from the export: bytes (a file opened in binary, the fast way) or text.
    `checkpoint`: the text of a signed checkpoint obtained elsewhere, which the export must
    reach and agree with."""
    try:
        return _verify([x.encode() if isinstance(x, str) else x for x in lines], log_key, list(witness_keys),
                       checkpoint)
    except Failure as err:
        return Result(FAIL, err.text)


def _verify(lines: list[bytes], log_key: str, witness_keys: list[str], anchor_text: str | None) -> Result:
    try:
        log = note.parse_verifier(log_key)
        witnesses = [cosign.parse_witness(k) for k in witness_keys]
    except note.NoteError as err:
        raise Failure("bad key: {reason}", reason=err.text) from None
    checkpoints = []  # (where, Checkpoint, signers)
    for number, line in enumerate(lines, 1):  # checkpoints first: which sizes to remember
        if line.startswith(b'{"checkpoint"'):
            where = Text("checkpoint on line {line}: {reason}", line=number)
            cp, signers = _checkpoint(where, _note_of(where, line), log, witnesses)
            checkpoints.append((number, cp, signers))
    anchor = None
    if anchor_text is not None:
        anchor, _signers = _checkpoint(Text("the checkpoint you gave: {reason}"), anchor_text, log, witnesses)
    wanted = {cp.size for _n, cp, _s in checkpoints} | ({anchor.size} if anchor else set())
    entries, head, roots, recorded = _chain_and_tree(lines, wanted)
    if entries == 0:
        raise Failure("empty: the export holds no entry")
    if not checkpoints and anchor is None:
        raise Failure("no checkpoint: nothing signed to check the export against, so truncation cannot be ruled out")
    for number, cp, _signers in checkpoints:
        if cp.size > entries:
            raise Failure("truncated: the checkpoint on line {line} covers {size} entries, the export holds {entries}",
                          line=number, size=cp.size, entries=entries)
        if roots[cp.size] != cp.root:
            raise Failure("forked: the checkpoint on line {line} (size {size}) signs a different history than "
                          "these entries", line=number, size=cp.size)
    if anchor is not None:
        if anchor.size > entries:
            raise Failure("truncated: the export holds {entries} entries, fewer than the {size} of the checkpoint "
                          "you gave", entries=entries, size=anchor.size)
        if roots[anchor.size] != anchor.root:
            raise Failure("forked: the checkpoint you gave (size {size}) signs a different history than these "
                          "entries", size=anchor.size)
    signed = {cp.size: cp.root for _n, cp, _s in checkpoints} | ({anchor.size: anchor.root} if anchor else {})
    for size, (seq, root_hex) in sorted(recorded.items()):
        if size not in signed:
            raise Failure("checkpoint removed: entry {seq} records a checkpoint of size {size}, which is not in "
                          "the export", seq=seq, size=size)
        if signed[size].hex() != root_hex:
            raise Failure("checkpoint replaced: entry {seq} records another root for the checkpoint of size {size}",
                          seq=seq, size=size)
    latest = max(signed)
    counts = dict(entries=entries, checkpoints=len(signed), latest=latest, head=head,
                  cosigned=sum(len(s) - 1 for _n, _cp, s in checkpoints))
    if entries == latest:
        return Result(OK, Text("{entries} entries; {checkpoints} checkpoints verified, latest at size {latest}; "
                               "{cosigned} cosignatures; head {head}", **counts))
    if entries == latest + 1 and recorded.get(latest, (0,))[0] == entries:
        # The newest checkpoint's own record: written just after the signing, so no signature
        # covers it, but all it says (which checkpoint, of what root) was checked above.
        return Result(OK, Text("{entries} entries; {checkpoints} checkpoints verified, latest at size {latest}; "
                               "{cosigned} cosignatures; head {head}; the last entry records that checkpoint",
                               **counts))
    return Result(PENDING, Text(
        "entries {first} to {last} are not yet covered by a signed checkpoint (their chain is intact, but nothing "
        "signed proves them): the next checkpoint covers them. Entries 1 to {latest} are proved ({checkpoints} "
        "checkpoints). Download the export again after the next checkpoint",
        first=latest + 1, last=entries, latest=latest, checkpoints=len(signed)))


def _chain_and_tree(lines: list[bytes], wanted: set[int]) -> tuple[int, str, dict[int, bytes], dict[int, tuple]]:
    """One pass over the entries: the hash chain, and the RFC 9162 tree kept as one pending
    subtree root per level (the bits of the size say which ones make the root), with the
    root remembered at each size a checkpoint names, and the checkpoints the log's own
    `trail.checkpoint` entries record. Returns (entries, head, roots, recorded) with
    recorded = {size: (seq, root hex)}.

    Speed (bench/trail_log.py): a line as the export writes it is canonical JSON, so the
    hashed bytes are the line without its "hash" and "prev_hash" members — cut out, not
    parsed and re-serialised. Whatever does not have that exact shape, or fails a check
    that way, is read again the slow way (`_entry`), which alone decides the verdict: the
    fast path can only say "OK" for bytes whose hash matches, which collision resistance
    makes the very bytes that were hashed.

    A `trail.checkpoint` record is known by its hashed bytes' start (canonical JSON sorts
    "action" first), which costs nothing per line; a record rewritten into another shape
    hides no better than one dropped outright, which is why what follows the newest
    checkpoint is PENDING and why --checkpoint exists."""
    sha256, hexlify = hashlib.sha256, binascii.hexlify
    pending: list[bytes] = []
    prev_x, prev_d, expected = GENESIS.encode(), bytes.fromhex(GENESIS), 1
    roots: dict[int, bytes] = {}
    recorded: dict[int, tuple[int, str]] = {}
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
                raise Failure("entry {seq}: {what} (line {line} holds entry {held})", seq=expected,
                              what=Text(what), line=number, held=seq)
            if prev_hash.encode() != prev_x:
                raise Failure("entry {seq}: inserted or reordered (its link to the previous entry is broken)", seq=seq)
            digest = sha256(prev_d + body).digest()
            if digest.hex() != stored_hash:
                raise Failure("entry {seq}: edited (its hash does not match its content)", seq=seq)
        prev_x, prev_d = hexlify(digest), digest
        if body.startswith(b'{"action":"trail.checkpoint"'):  # canonical bytes: "action" sorts first
            _recorded(number, line, expected, recorded)
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
    return expected - 1, prev_x.decode(), roots, recorded


def _recorded(number: int, line: bytes, seq: int, recorded: dict[int, tuple[int, str]]) -> None:
    """Note the checkpoint a `trail.checkpoint` entry records: its size and root."""
    try:
        d = json.loads(line)
    except ValueError as err:
        raise Failure("malformed line {line}: {reason}", line=number, reason=str(err)) from None
    if d.get("action") != "trail.checkpoint":
        return
    payload = d.get("payload")
    size, root = (payload.get("size"), payload.get("root")) if isinstance(payload, dict) else (None, None)
    if not isinstance(size, int) or not isinstance(root, str):
        raise Failure("malformed line {line}: {reason}", line=number,
                      reason=Text("a checkpoint entry's payload names a size and a root"))
    recorded[size] = (seq, root)


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
    trazalog/chain.py (sorted keys, no spaces, UTF-8): any other spelling of a field changes
    the bytes, so it fails as an edit."""
    try:
        d = json.loads(line)
        if not isinstance(d, dict):
            raise Said("seq, prev_hash and hash must be a number and two hex strings")
        if d.get("v") != 1:
            raise Said('"v" must be 1')
        missing = [k for k in (*HASHED, "prev_hash", "hash") if k not in d]
        if missing:
            raise Said("missing field {field}", field=missing[0])
        body = {k: d[k] for k in HASHED}
        seq, prev_hash, stored_hash = d["seq"], d["prev_hash"], d["hash"]
        if not isinstance(seq, int) or not isinstance(prev_hash, str) or not isinstance(stored_hash, str):
            raise Said("seq, prev_hash and hash must be a number and two hex strings")
        bytes.fromhex(prev_hash)
    except (ValueError, TypeError, AttributeError) as err:
        raise Failure("malformed line {line}: {reason}", line=number, reason=reason(err)) from None
    return seq, prev_hash, stored_hash, json.dumps(body, sort_keys=True, separators=(",", ":"),
                                                   ensure_ascii=False).encode()


def _note_of(where: Text, line: bytes) -> str:
    try:
        text = json.loads(line)["checkpoint"]
        if not isinstance(text, str):
            raise TypeError("not a string")
        return text
    except (ValueError, KeyError, TypeError) as err:
        raise Failure(where.template, **where.params, reason=reason(err)) from None


def _checkpoint(where: Text, text: str, log: note.Verifier, witnesses: list[cosign.Witness]):
    """The checkpoint and who signed it: the log, then each given witness whose cosignature
    verifies. A cosignature line of a given witness that does not verify is a failure.
    `where` says which checkpoint, with a {reason} to fill."""
    def fail(why: Text | str) -> Failure:
        return Failure(where.template, **where.params, reason=why)
    try:
        body, signers = note.verify_note(text, [log])
        cp = note.parse_checkpoint(body)
        cosigners = []
        for sig_line in text.partition("\n\n")[2].splitlines():
            for w in witnesses:
                if sig_line.split(" ")[1:2] == [w.name]:
                    cosign.verify_line(body, sig_line, w)
                    cosigners.append(w)
    except (ValueError, TypeError) as err:
        raise fail(reason(err)) from None
    if log not in signers:
        raise fail(Text("bad signature (not signed by the log key {name})", name=log.name))
    if cp.origin != log.name:
        raise fail(Text("from another log ({origin})", origin=cp.origin))
    return cp, [*signers, *cosigners]


def verify_receipt(data: dict, log_key: str) -> Result:
    """A receipt from /trail/<seq>/receipt.json: the entry's leaf is in the tree the signed
    checkpoint commits to. Works offline, with the log key obtained out of band. A receipt
    made before any checkpoint covered its entry is PENDING: nothing is wrong with it, it
    just cannot prove anything yet."""
    try:
        log = note.parse_verifier(log_key)
        e = from_json(data["entry"])
        leaf = merkle.leaf_hash(canonical_bytes(e))
        if base64.b64encode(leaf).decode() != data["leaf_hash"]:
            raise Failure("the receipt's leaf hash is not the hash of its entry")
        if data["index"] != e.seq - 1:
            raise Failure("the receipt's index does not match its entry")
        if "checkpoint" not in data:
            return _pending_receipt(e, data.get("next_checkpoint"))
        body, signers = note.verify_note(data["checkpoint"], [log])
        if log not in signers:
            raise Failure("bad signature: the checkpoint is not signed by this log key")
        cp = note.parse_checkpoint(body)
        if cp.origin != log.name:
            raise Failure("the receipt is from another log ({origin})", origin=cp.origin)
        merkle.verify_inclusion(leaf, e.seq - 1, cp.size, [base64.b64decode(p) for p in data["inclusion_proof"]],
                                cp.root)
    except Said as err:
        return Result(FAIL, err.text)
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        return Result(FAIL, Text("malformed receipt: {reason}", reason=str(err)))
    return Result(OK, Text("entry {seq} ({action}) is in {origin} at size {size}", seq=e.seq, action=e.action,
                           origin=cp.origin, size=cp.size))


def _pending_receipt(e, when: str | None) -> Result:
    """PENDING, with the time the next checkpoint is due (the receipt says it in UTC; told
    here in the reader's own time zone)."""
    try:
        due = datetime.fromisoformat(when.replace("Z", "+00:00")) if isinstance(when, str) else None
    except ValueError:
        due = None
    if due is None or due.tzinfo is None:
        return Result(PENDING, Text("entry {seq} ({action}) is not yet covered by a checkpoint: it is covered by the "
                                    "next checkpoint; download the receipt again after that",
                                    seq=e.seq, action=e.action))
    local = due.astimezone()
    return Result(PENDING, Text("entry {seq} ({action}) is not yet covered by a checkpoint: it is covered by the "
                                "next checkpoint (about {time}); download the receipt again after that",
                                seq=e.seq, action=e.action, time=local.strftime("%H:%M %Z").strip()))


def read_checkpoint(source: str) -> str:
    """The text of a checkpoint from a file or an http(s) URL (e.g. the site's
    /trail/checkpoint, a witness's copy); raises Said with the reason."""
    try:
        if source.startswith(("https://", "http://")):
            with urllib.request.urlopen(source, timeout=30) as resp:  # noqa: S310 - the auditor's own choice
                return resp.read(1_000_000).decode("utf-8")
        with open(source, encoding="utf-8") as fh:
            return fh.read(1_000_000)
    except (OSError, UnicodeDecodeError, ValueError, urllib.error.URLError) as err:
        raise Said("cannot read {path}: {reason}", path=source, reason=str(getattr(err, "reason", err))) from None


def _parsers(prog: str, lang: str) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser,
                                            argparse.ArgumentParser]:
    def t(template: str, **params) -> str:
        return Text(template, **params).say(lang).replace("%", "%%")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, help=t("the language of the answer (default: from LANG)"))
    key_help = t("the log's verifier key, from /trail/key (compare it with one obtained elsewhere)")
    ap = argparse.ArgumentParser(
        prog=prog, parents=[common], formatter_class=argparse.RawDescriptionHelpFormatter,
        usage=f"{prog} [-h] [--lang {{es,en}}] EXPORT --key KEY [--checkpoint FILE|URL] [--witness KEY]\n"
              f"       {prog} receipt RECEIPT --key KEY\n"
              f"       {prog} pack PACK.zip --key KEY",
        description=t("Checks a Traza trail export, or the receipt of one entry, with no web app and no database."),
        epilog=Text(EPILOG, prog=prog).say(lang))
    ap.add_argument("export", metavar="EXPORT", help=t("the trail export, as downloaded from /trail/export.jsonl"))
    ap.add_argument("--key", required=True, help=key_help)
    ap.add_argument("--checkpoint", metavar="FILE|URL", help=t(
        "a signed checkpoint obtained elsewhere (a saved copy, a witness, the site's /trail/checkpoint): the export "
        "must reach it and agree with it"))
    ap.add_argument("--witness", action="append", default=[], metavar="KEY",
                    help=t("a witness's verifier key; its cosignatures are checked too (repeatable)"))
    rp = argparse.ArgumentParser(prog=f"{prog} receipt", parents=[common])
    rp.add_argument("file", metavar="RECEIPT", help=t("the receipt, as downloaded from /trail/<seq>/receipt.json"))
    rp.add_argument("--key", required=True, help=key_help)
    pp = argparse.ArgumentParser(prog=f"{prog} pack", parents=[common])
    pp.add_argument("file", metavar="PACK", help=t("the evidence pack, as downloaded from the requirements page"))
    pp.add_argument("--key", required=True, help=key_help)
    return ap, rp, pp



def main(argv: list[str] | None = None, prog: str = "traza-verify") -> int:
    argv = sys.argv[1:] if argv is None else argv
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=LANGUAGES)
    lang = language(early.parse_known_args(argv)[0].lang)
    ap, rp, pp = _parsers(prog, lang)
    if argv[:1] == ["pack"]:
        from .pack import verify_pack
        pa = pp.parse_args(argv[1:])
        result = verify_pack(pa.file, pa.key)
    elif argv[:1] == ["receipt"]:
        ra = rp.parse_args(argv[1:])
        try:
            with open(ra.file, encoding="utf-8") as fh:
                result = verify_receipt(json.load(fh), ra.key)
        except (OSError, ValueError) as err:
            result = Result(FAIL, Text("cannot read {path}: {reason}", path=ra.file, reason=str(err)))
    else:
        args = ap.parse_args(argv)
        try:
            anchor = read_checkpoint(args.checkpoint) if args.checkpoint else None
            with open(args.export, "rb") as fh:  # bytes: the hashed bytes are cut out of each line as they are
                result = verify_export(fh, args.key, args.witness, anchor)
        except Said as err:
            result = Result(FAIL, err.text)
        except (OSError, UnicodeDecodeError) as err:
            result = Result(FAIL, Text("cannot read {path}: {reason}", path=args.export, reason=str(err)))
    print(result.say(lang))
    return result.status


if __name__ == "__main__":
    sys.exit(main())
