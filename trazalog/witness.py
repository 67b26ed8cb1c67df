"""traza-witness: an organisation's own check that Traza's trail only ever grows.

    traza-witness init   --name ORG.example/witness --key-file witness.pem
    traza-witness cosign --url https://traza.example --name ORG.example/witness \\
                         --key-file witness.pem --state witness-state.json [--log-key VKEY]

`cosign` fetches the latest signed checkpoint, checks the log's signature (the log key is
pinned in the state file on the first run), checks with a consistency proof that the new
tree extends the last one this witness signed, cosigns it (C2SP tlog-cosignature) and
submits the cosignature. A log that showed two histories is caught here: the command
refuses to sign and exits non-zero, saying why. Needs only the standard library and
`cryptography`; keeps no secret but its own key."""
import argparse
import base64
import json
import os
import sys
import time
import urllib.error
import urllib.request

from . import cosign, merkle, note
from .messages import LANGUAGES, Said, Text, language, reason


class Refused(Said):
    """The witness will not cosign, and why (in either language: trazalog/messages.py)."""


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:  # noqa: S310 - the operator's own URL
            return resp.read()
    except urllib.error.HTTPError as err:
        raise Refused("{url}: HTTP {code} {body}", url=url, code=err.code,
                      body=err.read()[:200].decode(errors="replace")) from None
    except urllib.error.URLError as err:
        raise Refused("{url}: {reason}", url=url, reason=str(err.reason)) from None


def _post(url: str, body: str) -> str:
    req = urllib.request.Request(url, data=body.encode(), method="POST", headers={"Content-Type": "text/plain"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
            return resp.read().decode()
    except urllib.error.HTTPError as err:
        raise Refused("the log refused the cosignature: {body}",
                      body=err.read()[:300].decode(errors="replace")) from None


def init(name: str, key_file: str) -> str:
    return str(cosign.witness_of(name, note.new_key_file(key_file)))


def run_once(url: str, name: str, key_file: str, state_file: str, log_key: str | None, now: int | None = None,
             lang: str = "en") -> str:
    """One round: returns what was done; raises Refused with the reason otherwise."""
    base = url.rstrip("/")
    state = {}
    if os.path.exists(state_file):
        with open(state_file, encoding="utf-8") as fh:
            state = json.load(fh)
    pinned = state.get("log_key") or log_key
    if not pinned:
        raise Refused("first run: pass --log-key (the log's verifier key, checked out of band)")
    if log_key and state.get("log_key") and log_key != state["log_key"]:
        raise Refused("--log-key differs from the key pinned in the state file")
    try:
        log = note.parse_verifier(pinned)
        text = _get(base + "/trail/checkpoint").decode()
        body, signers = note.verify_note(text, [log])
        if log not in signers:
            raise Refused("the checkpoint is not signed by the pinned log key")
        cp = note.parse_checkpoint(body)
    except note.NoteError as err:
        raise Refused("bad checkpoint: {reason}", reason=err.text) from None
    if cp.origin != log.name:
        raise Refused("the checkpoint is from another log ({origin})", origin=cp.origin)
    old_size, old_root = state.get("size", 0), bytes.fromhex(state.get("root", "")) if state.get("root") else b""
    if cp.size < old_size:
        raise Refused("the log shrank from {old} to {new} entries", old=old_size, new=cp.size)
    if old_size and cp.size == old_size and cp.root != old_root:
        raise Refused("two different roots for size {size}: the log forked", size=cp.size)
    if old_size and cp.size > old_size:
        proof = json.loads(_get(f"{base}/trail/proof/consistency?old={old_size}&new={cp.size}"))
        try:
            merkle.verify_consistency(old_size, cp.size, old_root, cp.root,
                                      [base64.b64decode(p) for p in proof["proof"]])
        except (merkle.ProofError, KeyError, ValueError) as err:
            raise Refused("the new tree does not extend the one signed before: {reason}", reason=reason(err)) from None
    line = cosign.cosign(body, name, note.load_key(key_file), int(now if now is not None else time.time()))
    _post(f"{base}/trail/checkpoints/{cp.size}/cosignatures", line)
    state.update(log_key=pinned, size=cp.size, root=cp.root.hex())
    tmp = state_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(state, fh)
    os.replace(tmp, state_file)
    return Text("cosigned {origin} at size {size}", origin=cp.origin, size=cp.size).say(lang)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="traza-witness", description=__doc__.split("\n\n")[0])
    ap.add_argument("--lang", choices=LANGUAGES, help="es or en (default: from LANG)")
    sub = ap.add_subparsers(dest="command", required=True)
    a = sub.add_parser("init", help="make a witness key and print its public witness key")
    a.add_argument("--name", required=True)
    a.add_argument("--key-file", required=True)
    c = sub.add_parser("cosign", help="check and cosign the latest checkpoint")
    for flag in ("--url", "--name", "--key-file", "--state"):
        c.add_argument(flag, required=True)
    c.add_argument("--log-key", help="the log's verifier key (first run; pinned afterwards)")
    args = ap.parse_args(argv)
    lang = language(args.lang)
    try:
        if args.command == "init":
            print(init(args.name, args.key_file))
        else:
            print(run_once(args.url, args.name, args.key_file, args.state, args.log_key, lang=lang))
        return 0
    except (Refused, OSError, note.NoteError) as err:
        print(Text("REFUSED {reason}", reason=reason(err)).say(lang))
        return 1


if __name__ == "__main__":
    sys.exit(main())
