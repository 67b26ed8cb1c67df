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


class Refused(Exception):
    pass


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:  # noqa: S310 - the operator's own URL
            return resp.read()
    except urllib.error.HTTPError as err:
        raise Refused(f"{url}: HTTP {err.code} {err.read()[:200].decode(errors='replace')}") from None
    except urllib.error.URLError as err:
        raise Refused(f"{url}: {err.reason}") from None


def _post(url: str, body: str) -> str:
    req = urllib.request.Request(url, data=body.encode(), method="POST", headers={"Content-Type": "text/plain"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
            return resp.read().decode()
    except urllib.error.HTTPError as err:
        raise Refused(f"the log refused the cosignature: {err.read()[:300].decode(errors='replace')}") from None


def init(name: str, key_file: str) -> str:
    return str(cosign.witness_of(name, note.new_key_file(key_file)))


def run_once(url: str, name: str, key_file: str, state_file: str, log_key: str | None, now: int | None = None) -> str:
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
        raise Refused(f"bad checkpoint: {err}") from None
    if cp.origin != log.name:
        raise Refused(f"the checkpoint is from another log ({cp.origin})")
    old_size, old_root = state.get("size", 0), bytes.fromhex(state.get("root", "")) if state.get("root") else b""
    if cp.size < old_size:
        raise Refused(f"the log shrank from {old_size} to {cp.size} entries")
    if old_size and cp.size == old_size and cp.root != old_root:
        raise Refused(f"two different roots for size {cp.size}: the log forked")
    if old_size and cp.size > old_size:
        proof = json.loads(_get(f"{base}/trail/proof/consistency?old={old_size}&new={cp.size}"))
        try:
            merkle.verify_consistency(old_size, cp.size, old_root, cp.root,
                                      [base64.b64decode(p) for p in proof["proof"]])
        except (merkle.ProofError, KeyError, ValueError) as err:
            raise Refused(f"the new tree does not extend the one signed before: {err}") from None
    line = cosign.cosign(body, name, note.load_key(key_file), int(now if now is not None else time.time()))
    _post(f"{base}/trail/checkpoints/{cp.size}/cosignatures", line)
    state.update(log_key=pinned, size=cp.size, root=cp.root.hex())
    tmp = state_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(state, fh)
    os.replace(tmp, state_file)
    return f"cosigned {cp.origin} at size {cp.size}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="traza-witness", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    a = sub.add_parser("init", help="make a witness key and print its public witness key")
    a.add_argument("--name", required=True)
    a.add_argument("--key-file", required=True)
    c = sub.add_parser("cosign", help="check and cosign the latest checkpoint")
    for flag in ("--url", "--name", "--key-file", "--state"):
        c.add_argument(flag, required=True)
    c.add_argument("--log-key", help="the log's verifier key (first run; pinned afterwards)")
    args = ap.parse_args(argv)
    try:
        if args.command == "init":
            print(init(args.name, args.key_file))
        else:
            print(run_once(args.url, args.name, args.key_file, args.state, args.log_key))
        return 0
    except (Refused, OSError, note.NoteError) as err:
        print(f"REFUSED {err}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
