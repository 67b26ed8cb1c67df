"""Signed checkpoints over the trail's Merkle tree, the proof endpoints, and the standalone
verifier: every tamper case gets a clear verdict, never a traceback and never a false OK."""
import base64
import json
import subprocess
import sys
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.trail import checkpoints, merkle, note, record
from forum.trail.chain import GENESIS, entry_hash
from forum.trail.export import from_json
from forum.trail.models import TrailCheckpoint, TrailEntry, TrailNode
from forum.verify import verify_export


@pytest.fixture
def signed(make, client):
    """A forum's founding entries, a checkpoint, a few more entries, a second checkpoint:
    (export lines, log verifier key)."""
    make.forum(open_=True)
    db.session.commit()
    assert checkpoints.make() is not None
    return exported(make, client)


def exported(make, client):
    """One more organisation, a checkpoint, then (export lines, log verifier key)."""
    make.member_of("academia")
    db.session.commit()
    checkpoints.make()
    db.session.commit()
    lines = client.get("/trail/export.jsonl").get_data(as_text=True).splitlines(keepends=True)
    key = client.get("/trail/key").get_data(as_text=True).strip()
    return lines, key


def entries_of(lines):
    return [i for i, line in enumerate(lines) if not line.startswith('{"checkpoint"')]


def test_the_export_verifies_with_its_checkpoints(signed):
    lines, key = signed
    result = verify_export(lines, key)
    n = db.session.scalar(select(func.count()).select_from(TrailEntry))
    assert result.ok and result.line.startswith(f"OK {n} entries; 2 checkpoints verified, latest at size ")
    first = json.loads(lines[0])
    assert first["v"] == 1 and first["seq"] == 1  # every field the hash covers is exported


def test_the_stored_tree_is_the_tree_of_the_definition(signed):
    entries = [e for e in db.session.scalars(select(TrailEntry).order_by(TrailEntry.seq))]
    from forum.trail.chain import canonical_bytes
    from forum.trail.tree import stored
    leaves = [merkle.leaf_hash(canonical_bytes(e)) for e in entries]
    node = stored()
    for n in range(1, len(leaves) + 1):
        assert merkle.root(node, n) == merkle.root(merkle.from_leaves(leaves), n)
    cp = checkpoints.latest()
    assert bytes.fromhex(cp.root) == merkle.root(node, cp.size)


def _rewrite(lines, index, change):
    d = json.loads(lines[index])
    change(d)
    out = list(lines)
    out[index] = json.dumps(d) + "\n"
    return out


def _rehash_from(lines, start):
    """What someone holding the database could do: recompute every hash after a change."""
    out, prev = list(lines), GENESIS
    for i in entries_of(lines):
        d = json.loads(out[i])
        if i >= start:
            d["prev_hash"] = prev
            d["hash"] = entry_hash(prev, from_json(d))
            out[i] = json.dumps(d) + "\n"
        prev = d["hash"]
    return out


def _other_key():
    return note.verifier(checkpoints.origin(), Ed25519PrivateKey.generate())


@pytest.mark.parametrize("case, expected", [
    ("edited", "entry 3: edited"),
    ("removed", "entry 3: missing"),
    ("swapped", "entry 3: missing"),
    ("inserted", "entry 4: repeated"),
    ("truncated", "truncated: the checkpoint"),
    ("empty", "empty"),
    ("rewritten", "forked: the checkpoint"),
    ("stripped signature", "no signature"),
    ("forged signature", "bad signature"),
    ("another log", "from another log"),
    ("malformed json", "malformed line 2"),
    ("cut line", "malformed line"),
    ("no checkpoints", "no checkpoint"),
    ("wrong key", "bad signature"),
])
def test_every_tamper_case_gets_its_verdict(signed, case, expected):
    lines, key = signed
    ent = entries_of(lines)
    cps = [i for i in range(len(lines)) if i not in ent]
    if case == "edited":
        lines = _rewrite(lines, 2, lambda d: d.update(action="forum.closed"))
    elif case == "removed":
        lines = lines[:2] + lines[3:]
    elif case == "swapped":
        lines[2], lines[3] = lines[3], lines[2]
    elif case == "inserted":
        lines = lines[:3] + [lines[2]] + lines[3:]
    elif case == "truncated":
        lines = [lines[i] for i in ent[:-3]] + [lines[i] for i in cps]
    elif case == "empty":
        lines = []
    elif case == "rewritten":
        lines = _rehash_from(_rewrite(lines, 2, lambda d: d["payload"].update(forged=True)), 2)
    elif case == "stripped signature":
        lines = _rewrite(lines, cps[0], lambda d: d.update(checkpoint=d["checkpoint"].split("\n\n")[0] + "\n\n"))
    elif case == "forged signature":
        forger = Ed25519PrivateKey.generate()
        lines = _rewrite(lines, cps[0], lambda d: d.update(checkpoint=note.make_note(
            d["checkpoint"].split("\n\n")[0] + "\n", checkpoints.origin(), forger)))
    elif case == "another log":
        other = Ed25519PrivateKey.generate()
        body = note.Checkpoint("elsewhere.example/log", 3, merkle.EMPTY_ROOT).body()
        lines = lines + [json.dumps({"checkpoint": note.make_note(body, "elsewhere.example/log", other)}) + "\n"]
        key = str(note.verifier("elsewhere.example/log", other))
        expected = "bad signature"  # the export's own checkpoints are not signed by that key
    elif case == "malformed json":
        lines[1] = "{not json\n"
    elif case == "cut line":
        lines[4] = lines[4][: len(lines[4]) // 2] + "\n"
    elif case == "no checkpoints":
        lines = [lines[i] for i in ent]
    elif case == "wrong key":
        key = str(_other_key())
    result = verify_export(lines, key)
    assert not result.ok and result.line.startswith("FAIL ") and expected in result.line, result.line


def test_the_verifier_runs_on_its_own(signed, tmp_path):
    lines, key = signed
    path = tmp_path / "trail.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "forum.verify", str(path), "--key", key],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("OK "), ok.stderr
    path.write_text("".join(lines[:-1]).replace('"forum.opened"', '"forum.closed"', 1), encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "forum.verify", str(path), "--key", key],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stdout.startswith("FAIL entry ") and "Traceback" not in bad.stderr


def test_proofs_verify_against_the_signed_checkpoints(signed, client):
    first, last = db.session.scalars(select(TrailCheckpoint).order_by(TrailCheckpoint.size)).all()
    key = note.parse_verifier(client.get("/trail/key").get_data(as_text=True))
    body, signers = note.verify_note(client.get("/trail/checkpoint").get_data(as_text=True), [key])
    cp = note.parse_checkpoint(body)
    assert signers == [key] and cp.size == last.size
    assert client.get(f"/trail/checkpoints/{first.size}").get_data(as_text=True) == first.note
    for index in (0, first.size - 1, cp.size - 1):
        got = client.get(f"/trail/proof/inclusion?index={index}&size={cp.size}").get_json()
        merkle.verify_inclusion(base64.b64decode(got["leaf_hash"]), index, cp.size,
                                [base64.b64decode(p) for p in got["proof"]], cp.root)
    got = client.get(f"/trail/proof/consistency?old={first.size}&new={cp.size}").get_json()
    merkle.verify_consistency(first.size, cp.size, bytes.fromhex(first.root), cp.root,
                              [base64.b64decode(p) for p in got["proof"]])


@pytest.mark.parametrize("url, reason", [
    ("/trail/proof/inclusion?index=5&size=3", "index must be below size"),
    ("/trail/proof/inclusion?index=0&size=999999", "size at most"),
    ("/trail/proof/inclusion?index=-1&size=3", "index: give a whole number"),
    ("/trail/proof/inclusion?index=0&size=99999999999999999999", "size: give a whole number"),
    ("/trail/proof/consistency?old=0&new=3", "need 0 < old"),
    ("/trail/proof/consistency?old=3", "new: give a whole number"),
    ("/trail/checkpoints/424242", "no checkpoint of size 424242"),
])
def test_out_of_range_requests_get_a_reason(signed, client, url, reason):
    resp = client.get(url)
    assert resp.status_code in (400, 404) and reason in resp.get_json()["error"]


def test_a_checkpoint_is_signed_every_n_minutes_while_entries_come(make, app):
    app.config["TRAIL_CHECKPOINT_MINUTES"] = 10
    t0 = utcnow()
    with frozen_at(t0):
        make.user("Primera", confirmed=False)  # one entry, the first ever: no checkpoint yet, so one is made
        db.session.commit()
    assert [cp.size for cp in db.session.scalars(select(TrailCheckpoint))] == [1]
    actions = list(db.session.scalars(select(TrailEntry.action).order_by(TrailEntry.seq)))
    assert actions[-1] == "trail.checkpoint"
    with frozen_at(t0 + timedelta(minutes=9)):
        make.user("Segunda", confirmed=False)
        db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(TrailCheckpoint)) == 1
    with frozen_at(t0 + timedelta(minutes=11)):
        make.user("Tercera", confirmed=False)
        db.session.commit()
    sizes = [cp.size for cp in db.session.scalars(select(TrailCheckpoint).order_by(TrailCheckpoint.size))]
    assert len(sizes) == 2 and sizes[1] == db.session.scalar(select(func.max(TrailEntry.seq))) - 1


def test_the_cli_signs_on_demand_and_the_tree_is_append_only(signed, app):
    record("account.registered", ("user", 99), payload={})
    db.session.commit()
    out = app.test_cli_runner().invoke(args=["trail", "checkpoint"])
    assert out.exit_code == 0 and out.output.startswith("127.0.0.1:5000/trail\n")  # from PUBLIC_URL
    node = db.session.scalars(select(TrailNode).limit(1)).one()
    node.hash = "00" * 32
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()


def test_a_receipt_proves_the_entry_is_in_the_signed_log(signed, client, make):
    from forum.verify import verify_receipt
    _lines, key = signed
    first = client.get("/trail/3/receipt.json")
    assert first.status_code == 200 and "attachment" in first.headers["Content-Disposition"]
    data = first.get_json()
    result = verify_receipt(data, key)
    assert result.ok and result.line.startswith("OK entry 3 ")
    # Tampering with anything fails with a reason, never a traceback.
    for change, reason in [
        (lambda d: d["entry"].update(action="forum.closed"), "leaf hash is not the hash of its entry"),
        (lambda d: d.update(inclusion_proof=d["inclusion_proof"][:-1]), "too short"),
        (lambda d: d.update(checkpoint=d["checkpoint"].replace("\n\n", "\n\nx")), "malformed signature line"),
        (lambda d: d.pop("entry"), "malformed receipt"),
    ]:
        bad = json.loads(json.dumps(data))
        change(bad)
        result = verify_receipt(bad, key)
        assert not result.ok and reason in result.line, result.line
    assert not verify_receipt(data, str(_other_key())).ok  # a receipt from another log
    # An entry written after the last checkpoint: the receipt says it is pending.
    make.user("Después")
    db.session.commit()
    head = db.session.scalar(select(func.max(TrailEntry.seq)))
    pending = client.get(f"/trail/{head}/receipt.json").get_json()
    assert "pending" in pending and verify_receipt(pending, key).line.startswith("PENDING entry ")
    checkpoints.make()
    db.session.commit()
    assert verify_receipt(client.get(f"/trail/{head}/receipt.json").get_json(), key).ok


def test_the_receipt_command_runs_on_its_own(signed, client, tmp_path):
    _lines, key = signed
    path = tmp_path / "receipt.json"
    path.write_text(client.get("/trail/2/receipt.json").get_data(as_text=True), encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "forum.verify", "receipt", str(path), "--key", key],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("OK entry 2"), ok.stdout + ok.stderr
    path.write_text("{not json", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "forum.verify", "receipt", str(path), "--key", key],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stdout.startswith("FAIL cannot read") and "Traceback" not in bad.stderr


def test_whoever_acted_finds_their_receipt_on_the_page(make, client):
    from forum.accounts.models import User
    from tests.helpers.proposals import proposal
    p = proposal(make)
    seq = db.session.scalar(select(TrailEntry.seq).where(TrailEntry.action == "proposal.submitted",
                                                         TrailEntry.subject_id == str(p.id)))
    link = f'href="/trail/{seq}/receipt.json"'
    assert link not in client.get(f"/proposals/{p.id}").get_data(as_text=True)  # not for others
    client.login(db.session.get(User, p.submitter_id).email)
    assert link in client.get(f"/proposals/{p.id}").get_data(as_text=True)


def test_checkpoint_entries_link_to_their_checkpoint(signed, client):
    cp = checkpoints.latest()
    html = client.get("/trail/?action=trail.checkpoint").get_data(as_text=True)
    assert f'href="/trail/checkpoints/{cp.size}"' in html
    assert client.get(f"/trail/checkpoints/{cp.size}").get_data(as_text=True) == cp.note


def _canonical(lines, index, change):
    d = json.loads(lines[index])
    change(d)
    out = list(lines)
    out[index] = json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    return out


def test_the_fast_path_reaches_the_same_verdicts(make, client):
    """The verifier cuts the hashed bytes out of lines written as the export writes them,
    and reads anything else the slow way: both give the same verdict on every line. A
    payload holding keys named like the chain's own must not confuse the cut."""
    from forum import trail
    forum = make.forum(open_=True)
    trail.record("forum.test", forum, forum=forum,
                 payload={"hash": "0" * 64, "prev_hash": "1" * 64, "seq": 99, "v": 2, "note": '"hash":"'})
    lines, key = exported(make, client)
    assert lines[0].startswith('{"action":') and ', "' not in lines[0]  # canonical: no spaces
    assert verify_export(lines, key).ok
    spaced = [json.dumps(json.loads(x), sort_keys=True) + "\n" if not x.startswith('{"checkpoint"') else x
              for x in lines]
    assert verify_export(spaced, key).ok  # another spelling of the same content still verifies
    ascii_only = [json.dumps(json.loads(x), ensure_ascii=True) + "\n" for x in lines]
    assert verify_export(ascii_only, key).ok
    odd = next(i for i, x in enumerate(lines) if '"forum.test"' in x)
    edited = _canonical(lines, odd, lambda d: d["payload"].update(seq=100))
    assert "edited" in verify_export(edited, key).line
    moved = _canonical(lines, odd, lambda d: d.update(hash=d["payload"]["hash"]))
    assert not verify_export(moved, key).ok
    digits = list(lines)
    digits[odd] = digits[odd].replace(f'"seq":{odd + 1},', '"seq":²,')
    result = verify_export(digits, key)
    assert not result.ok and "malformed line" in result.line
    rewritten = _rehash_from(_canonical(lines, odd, lambda d: d["payload"].update(forged=True)), odd)
    rewritten = [json.dumps(json.loads(x), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
                 if not x.startswith('{"checkpoint"') else x for x in rewritten]
    assert "forked" in verify_export(rewritten, key).line
