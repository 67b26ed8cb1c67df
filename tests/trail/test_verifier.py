"""The standalone verifier as an outsider uses it (issue 25.5): it never says OK to what no
signature proves, it can be anchored to a checkpoint obtained elsewhere, it speaks Spanish
and English, and it runs from the one file the Verify page offers, in a Python that has
nothing but `cryptography` — the log's package (trazalog/) imports neither Flask nor
SQLAlchemy."""
import ast
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from forum.core.clock import frozen_at
from forum.extensions import db
from forum.trail import checkpoints
from forum.trail.models import TrailEntry
from tests.trail import test_witness
from tests.trail.test_checkpoints import _rehash_from, _rewrite, entries_of, exported
from trazalog import messages, zipapp
from trazalog.verify import FAIL, OK, PENDING, verify_export, verify_receipt

ROOT = Path(__file__).resolve().parents[2]
server = test_witness.server  # the app on a real port: the anchor fetched from the site's URL


@pytest.fixture
def signed(make, client):
    """Two checkpoints, each recorded on the trail: (export lines, log key)."""
    make.forum(open_=True)
    db.session.commit()
    checkpoints.make()
    db.session.commit()
    return exported(make, client)


def _checkpoint_lines(lines):
    return [i for i in range(len(lines)) if i not in entries_of(lines)]


def _cut_last_checkpoint_and_rewrite(lines, drop_record: bool):
    """The outsider's attack: remove the newest checkpoint line, rewrite an entry it covered
    and re-hash the chain after it (optionally dropping the entry that recorded it too)."""
    last = _checkpoint_lines(lines)[-1]
    first_size = json.loads(lines[_checkpoint_lines(lines)[0]])["checkpoint"].split("\n")[1]
    lines = lines[:last] + lines[last + 1:]
    if drop_record:
        lines = [x for x in lines if '"action":"trail.checkpoint"' not in x or f'"size":{first_size}}}' in x]
    target = entries_of(lines)[int(first_size) + 1]  # an entry past the first checkpoint
    return _rehash_from(_rewrite(lines, target, lambda d: d["payload"].update(forged=True)), target)


def test_a_removed_checkpoint_and_a_rewritten_tail_are_never_ok(signed):
    lines, key = signed
    assert verify_export(lines, key).ok
    kept = verify_export(_cut_last_checkpoint_and_rewrite(lines, drop_record=False), key)
    assert kept.status == FAIL and "checkpoint removed: entry " in kept.line, kept.line
    # With its record dropped too, nothing in the file betrays the rewrite: what no signature
    # covers is PENDING, never OK.
    dropped = verify_export(_cut_last_checkpoint_and_rewrite(lines, drop_record=True), key)
    assert dropped.status == PENDING and "not yet covered by a signed checkpoint" in dropped.line, dropped.line


def test_a_checkpoint_from_elsewhere_anchors_the_verdict(signed, client, make):
    lines, key = signed
    saved = client.get("/trail/checkpoint").get_data(as_text=True)  # what a witness or an auditor kept
    assert verify_export(lines, key, checkpoint=saved).ok
    rewritten = _cut_last_checkpoint_and_rewrite(lines, drop_record=True)
    forked = verify_export(rewritten, key, checkpoint=saved)
    assert forked.status == FAIL and "forked: the checkpoint you gave" in forked.line, forked.line
    first = lines[_checkpoint_lines(lines)[0]]
    older = [lines[i] for i in entries_of(lines)][:int(json.loads(first)["checkpoint"].split("\n")[1]) + 1] + [first]
    assert verify_export(older, key).ok  # an export made before the newest checkpoint
    short = verify_export(older, key, checkpoint=saved)
    assert short.status == FAIL and "fewer than the" in short.line, short.line
    forged = verify_export(lines, key, checkpoint=saved.replace("\n\n", "\n\nx"))
    assert forged.status == FAIL and "the checkpoint you gave: malformed signature line" in forged.line


def test_the_anchor_is_fetched_from_the_site(signed, server, make, tmp_path):
    lines, key = signed
    path = tmp_path / "trail.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    ok = _run(path, "--key", key, "--checkpoint", f"{server}/trail/checkpoint")
    assert ok.returncode == OK, ok.stdout + ok.stderr
    make.user("Después")  # the site signs a newer checkpoint than this export reaches
    db.session.commit()
    checkpoints.make()
    db.session.commit()
    behind = _run(path, "--key", key, "--checkpoint", f"{server}/trail/checkpoint")
    assert behind.returncode == FAIL and "fewer than the" in behind.stdout, behind.stdout
    gone = _run(path, "--key", key, "--checkpoint", f"{server}/trail/no-such-thing")
    assert gone.returncode == FAIL and gone.stdout.startswith("FAIL cannot read ") and not gone.stderr


def test_entries_after_the_newest_checkpoint_are_pending(signed, client, make):
    make.user("Después")
    db.session.commit()
    lines, key = client.get("/trail/export.jsonl").get_data(as_text=True).splitlines(keepends=True), signed[1]
    result = verify_export(lines, key)
    latest = checkpoints.latest().size
    total = db.session.scalar(select(func.max(TrailEntry.seq)))
    assert result.status == PENDING
    assert result.line.startswith(f"PENDING entries {latest + 1} to {total} are not yet covered"), result.line


def _run(*args, env=None, python=sys.executable, module=("-m", "forum.verify")):
    return subprocess.run([python, *module, *map(str, args)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": "", **(env or {})})


def test_exit_codes_languages_and_help(signed, client, make, tmp_path):
    lines, key = signed
    good, bad, later = tmp_path / "good.jsonl", tmp_path / "bad.jsonl", tmp_path / "later.jsonl"
    good.write_text("".join(lines), encoding="utf-8")
    bad.write_text("".join(_rewrite(lines, 2, lambda d: d.update(action="forum.closed"))), encoding="utf-8")
    saved = tmp_path / "checkpoint.txt"
    saved.write_text(client.get("/trail/checkpoint").get_data(as_text=True), encoding="utf-8")
    make.user("Después")
    db.session.commit()
    later.write_text(client.get("/trail/export.jsonl").get_data(as_text=True), encoding="utf-8")
    assert _run(good, "--key", key, "--checkpoint", saved).returncode == OK
    assert (r := _run(bad, "--key", key)).returncode == FAIL and r.stdout.startswith("FAIL entry 3: edited")
    assert (r := _run(later, "--key", key)).returncode == PENDING and r.stdout.startswith("PENDING entries ")
    es = _run(bad, "--key", key, "--lang", "es")
    assert es.returncode == FAIL and es.stdout.startswith("FALLA entrada 3: editada (su hash no corresponde")
    from_env = _run(later, "--key", key, env={"LANG": "es_PE.UTF-8"})
    assert from_env.stdout.startswith("PENDIENTE las entradas ") and "aún no están cubiertas" in from_env.stdout
    helped = _run("--help")
    assert helped.returncode == 0 and "receipt RECEIPT --key KEY" in helped.stdout and "3  PENDING" in helped.stdout
    assert "verifica el recibo de una entrada" in _run("--help", "--lang", "es").stdout
    assert _run("receipt", "--help").returncode == 0


def test_a_receipt_not_yet_covered_is_pending_with_the_time_of_the_next_checkpoint(make, client, app, tmp_path,
                                                                                  monkeypatch):
    monkeypatch.setitem(app.config, "TRAIL_CHECKPOINT_MINUTES", 10)
    with frozen_at(datetime(2026, 3, 2, 15, 0, 30)):
        make.forum(open_=True)  # the first entry signs a checkpoint at 15:00:30
        db.session.commit()
        make.user("Después")
        db.session.commit()
        head = db.session.scalar(select(func.max(TrailEntry.seq)))
        data = client.get(f"/trail/{head}/receipt.json").get_json()
    key = client.get("/trail/key").get_data(as_text=True).strip()
    assert data["next_checkpoint"] == "2026-03-02T15:11Z"
    path = tmp_path / "receipt.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    r = _run("receipt", path, "--key", key, env={"TZ": "UTC"})
    assert r.returncode == PENDING, r.stdout + r.stderr
    assert r.stdout.startswith(f"PENDING entry {head} (") and ") is not yet covered by a checkpoint: it is covered " \
        "by the next checkpoint (about 15:11 UTC); download the receipt again after that" in r.stdout, r.stdout
    r = _run("receipt", path, "--key", key, "--lang", "es", env={"TZ": "America/Lima"})
    assert "la cubrirá el próximo checkpoint (hacia las 10:11 -05)" in r.stdout, r.stdout
    data["entry"]["action"] = "forum.closed"  # tampered while pending: still a failure
    assert verify_receipt(data, key).status == FAIL


def _templates() -> set[str]:
    """Every sentence template trazalog says: the first string given to a Text or an error."""
    found = set()
    for path in (ROOT / "trazalog").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in (
                    "Text", "Said", "Failure", "NoteError", "ProofError", "Refused", "t") and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def test_every_sentence_of_the_verifier_has_its_spanish():
    said = _templates() | {"missing", "reordered", "repeated", *__import__("trazalog.verify").verify._WORDS.values()}
    assert len(said) > 60
    assert sorted(said - messages.ES.keys()) == []


def test_the_log_package_needs_neither_flask_nor_sqlalchemy():
    code = ("import sys, trazalog, trazalog.chain, trazalog.merkle, trazalog.note, trazalog.cosign, "
            "trazalog.export, trazalog.verify, trazalog.witness, trazalog.zipapp, trazalog.messages; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'forum')); "
            "assert not bad, bad")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr


@pytest.mark.slow
@pytest.mark.parametrize("database_kind", ["sqlite"], indirect=True)  # the file is the subject, not the database
def test_the_downloaded_verifier_runs_where_only_cryptography_is_installed(signed, client, tmp_path):
    """An auditor without the app: a fresh virtual environment, `pip install cryptography`,
    the file from the Verify page."""
    lines, key = signed
    resp = client.get("/trail/traza-verify.pyz")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    pyz = resp.get_data()
    assert pyz == zipapp.build() and pyz.startswith(b"#!/usr/bin/env python3\n")  # reproducible bytes
    page = client.get("/trail/verify").get_data(as_text=True)
    assert zipapp.digest(pyz) in page and "/trail/traza-verify.pyz" in page and "receipt traza-receipt-N.json" in page
    (tmp_path / "traza-verify.pyz").write_bytes(pyz)
    (tmp_path / "trail.jsonl").write_text("".join(lines), encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("".join(_rewrite(lines, 2, lambda d: d.update(action="x"))), encoding="utf-8")
    (tmp_path / "receipt.json").write_text(client.get("/trail/2/receipt.json").get_data(as_text=True), "utf-8")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "cryptography"],
                   check=True, capture_output=True, timeout=600)
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}

    def run(*args):
        return subprocess.run([python, *args], capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert run("-c", "import flask").returncode != 0 and run("-c", "import forum").returncode != 0
    ok = run("traza-verify.pyz", "trail.jsonl", "--key", key)
    assert ok.returncode == 0 and ok.stdout.startswith("OK "), ok.stdout + ok.stderr
    bad = run("traza-verify.pyz", "bad.jsonl", "--key", key, "--lang", "es")
    assert bad.returncode == 1 and bad.stdout.startswith("FALLA entrada 3: editada"), bad.stdout + bad.stderr
    receipt = run("traza-verify.pyz", "receipt", "receipt.json", "--key", key)
    assert receipt.returncode == 0 and receipt.stdout.startswith("OK entry 2 "), receipt.stdout + receipt.stderr
