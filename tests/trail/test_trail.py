"""The trail: it verifies after real use, names the first bad entry after any tampering,
and concurrent writers — threads and processes — never fork it or reuse a number."""
import json
import multiprocessing
import threading

import pytest
from sqlalchemy import select, text

from forum.extensions import db
from forum.trail import record
from forum.trail.chain import GENESIS, canonical_json, verify
from forum.trail.models import TrailEntry
from forum.trail.queries import verify_database


@pytest.fixture
def chain(make):
    """A realistic sequence: organisations verified, a forum with co-chairs opened and a member added."""
    from forum.forums import services
    forum = make.forum(open_=True)
    user, org = make.member_of("academia")
    services.add_member(next(s.user for s in forum.active_seats if s.role == "civil_chair"), forum, user, org)
    db.session.commit()
    n = db.session.scalar(select(db.func.count()).select_from(TrailEntry))
    assert n > 15
    return n


def test_realistic_sequence_verifies(chain):
    verdict = verify_database()
    assert verdict.ok and verdict.count == chain
    head = db.session.scalar(select(TrailEntry).order_by(TrailEntry.seq.desc()).limit(1))
    assert verdict.head == head.hash
    first = db.session.get(TrailEntry, 1)
    assert first.prev_hash == GENESIS


def test_entries_name_people_by_id_only(chain):
    """No email or display name may enter what is hashed (Ley 29733)."""
    from forum.accounts.models import User
    users = db.session.scalars(select(User)).all()
    for e in db.session.scalars(select(TrailEntry)):
        for u in users:
            assert u.email not in e.payload and u.display_name not in e.payload


def _sql(statement, **params):
    """Tamper as someone with raw database access would: first remove the append-only guard."""
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("DROP TRIGGER IF EXISTS trail_entries_no_update"))
        db.session.execute(text("DROP TRIGGER IF EXISTS trail_entries_no_delete"))
    else:
        db.session.execute(text("DROP TRIGGER IF EXISTS trail_entries_no_change ON trail_entries"))
    db.session.execute(text(statement), params)
    db.session.commit()


@pytest.mark.parametrize("statement", ["UPDATE trail_entries SET action = 'x' WHERE seq = 2",
                                       "DELETE FROM trail_entries WHERE seq = 2"])
def test_the_database_refuses_to_change_an_entry(chain, statement):
    with pytest.raises(Exception, match="append-only"):
        db.session.execute(text(statement))
    db.session.rollback()
    assert verify_database().ok


def test_the_application_cannot_change_an_entry(chain):
    entry = db.session.get(TrailEntry, 2)
    entry.action = "forum.closed"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(TrailEntry, 3))
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    assert verify_database().ok


def test_two_entries_cannot_share_a_predecessor(chain):
    """Even a writer that skipped the lock could not fork the chain: prev_hash is unique."""
    head = db.session.scalar(select(TrailEntry).order_by(TrailEntry.seq.desc()).limit(1))
    twin = TrailEntry(seq=head.seq + 1, at=head.at, action="x.y", subject_type="t", subject_id="1",
                      payload="{}", prev_hash=head.prev_hash, hash="cd" * 32)
    db.session.add(twin)
    with pytest.raises(Exception, match="(?i)unique|duplicate"):
        db.session.flush()
    db.session.rollback()


COLUMN_TAMPERING = [
    ("at", "UPDATE trail_entries SET at = '2001-01-01 00:00:00.000000' WHERE seq = :s", "hash mismatch"),
    ("actor_user_id", "UPDATE trail_entries SET actor_user_id = 1 WHERE seq = :s", "hash mismatch"),
    ("actor_org_id", "UPDATE trail_entries SET actor_org_id = 1 WHERE seq = :s", "hash mismatch"),
    ("action", "UPDATE trail_entries SET action = 'forum.closed' WHERE seq = :s", "hash mismatch"),
    ("subject_type", "UPDATE trail_entries SET subject_type = 'user' WHERE seq = :s", "hash mismatch"),
    ("subject_id", "UPDATE trail_entries SET subject_id = '999' WHERE seq = :s", "hash mismatch"),
    ("forum_id", "UPDATE trail_entries SET forum_id = NULL WHERE seq = :s", "hash mismatch"),
    ("payload", "UPDATE trail_entries SET payload = '{\"reason\":\"rewritten\"}' WHERE seq = :s", "hash mismatch"),
    ("prev_hash", "UPDATE trail_entries SET prev_hash = :h WHERE seq = :s", "broken link"),
    ("hash", "UPDATE trail_entries SET hash = :h WHERE seq = :s", "hash mismatch"),
]


@pytest.mark.parametrize("column,statement,problem", COLUMN_TAMPERING, ids=[c[0] for c in COLUMN_TAMPERING])
def test_changing_any_column_is_detected(chain, column, statement, problem):
    target = chain // 2
    before = db.session.get(TrailEntry, target)
    if column in ("actor_user_id", "actor_org_id") and getattr(before, column) == 1:
        statement = statement.replace("= 1", "= 2")
    if column == "forum_id" and before.forum_id is None:
        statement = statement.replace("NULL", "1")
    _sql(statement, s=target, h="ab" * 32)
    verdict = verify_database()
    assert not verdict.ok
    assert verdict.bad_seq == target
    assert verdict.problem == problem


def test_rehashing_a_changed_entry_breaks_the_next_link(chain):
    """A forger who recomputes the hash of the entry they changed is caught one entry later."""
    target = chain // 2
    e = db.session.get(TrailEntry, target)
    e.payload = canonical_json({"reason": "rewritten history"})
    from forum.trail.chain import entry_hash
    forged = entry_hash(e.prev_hash, e)
    db.session.rollback()
    _sql("UPDATE trail_entries SET payload = :p, hash = :h WHERE seq = :s",
         p=canonical_json({"reason": "rewritten history"}), h=forged, s=target)
    verdict = verify_database()
    assert (verdict.ok, verdict.bad_seq, verdict.problem) == (False, target + 1, "broken link")


def test_deleting_an_entry_is_a_gap(chain):
    _sql("DELETE FROM trail_entries WHERE seq = :s", s=5)
    verdict = verify_database()
    assert (verdict.ok, verdict.bad_seq, verdict.problem) == (False, 5, "gap")


def test_deleting_the_last_entry_is_detected(chain):
    _sql("DELETE FROM trail_entries WHERE seq = :s", s=chain)
    verdict = verify_database()
    assert (verdict.ok, verdict.bad_seq, verdict.problem) == (False, chain, "gap")


def test_swapping_two_entries_is_reordering(chain):
    _sql("UPDATE trail_entries SET seq = -1 WHERE seq = 7")
    _sql("UPDATE trail_entries SET seq = 7 WHERE seq = 8")
    _sql("UPDATE trail_entries SET seq = 8 WHERE seq = -1")
    verdict = verify_database()
    assert (verdict.ok, verdict.bad_seq, verdict.problem) == (False, 7, "reordering")


def test_cli_verify(app, chain):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["trail", "verify"])
    head = db.session.scalar(select(TrailEntry.hash).order_by(TrailEntry.seq.desc()).limit(1))
    assert result.exit_code == 0
    assert result.output.strip() == f"OK {chain} {head}"
    _sql("UPDATE trail_entries SET payload = :p WHERE seq = 3", p='{"forged":true}')
    result = runner.invoke(args=["trail", "verify"])
    assert result.exit_code == 1
    assert result.output.startswith("FAIL at seq 3: hash mismatch")


def test_export_verifies_outside_the_database(app, client, chain, tmp_path):
    body = client.get("/trail/export.jsonl").get_data(as_text=True)
    path = tmp_path / "trail.jsonl"
    path.write_text(body, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["trail", "verify", "--file", str(path)])
    assert result.exit_code == 0 and result.output.startswith(f"OK {chain} ")
    lines = body.splitlines()
    forged = json.loads(lines[2])
    forged["action"] = "forum.closed"
    lines[2] = json.dumps(forged)
    path.write_text("\n".join(lines), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["trail", "verify", "--file", str(path)])
    assert result.exit_code == 1 and "FAIL at seq 3" in result.output


def test_floats_are_refused_in_payloads(ctx):
    with pytest.raises(TypeError):
        record("test.float", ("test", 1), payload={"share": 0.5})


def test_verify_of_an_empty_chain():
    v = verify([])
    assert v.ok and v.count == 0 and v.head == GENESIS


# --- concurrency ---------------------------------------------------------------------------

WRITES = 15


def _write_many(app, tag, n, errors):
    try:
        with app.app_context():
            for i in range(n):
                record("test.concurrent", ("test", f"{tag}-{i}"), payload={"writer": tag, "i": i})
                db.session.commit()
            db.session.remove()
    except Exception as exc:  # noqa: BLE001 - reported by the test
        errors.append(repr(exc))


def _process_writer(url, instance, tag, n, queue):
    from forum import create_app
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "INSTANCE_PATH": instance,
                      "TRAIL_CHECKPOINT_MINUTES": 0})
    errors = []
    _write_many(app, tag, n, errors)
    queue.put(errors)


@pytest.mark.slow
def test_concurrent_threads_and_processes_never_fork(app, tmp_path):
    """Four threads in this process and three other processes append at the same time."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    mp = multiprocessing.get_context("spawn")
    queue = mp.Queue()
    procs = [mp.Process(target=_process_writer, args=(url, str(tmp_path / f"i{p}"), f"p{p}", WRITES, queue))
             for p in range(3)]
    errors: list = []
    threads = [threading.Thread(target=_write_many, args=(app, f"t{t}", WRITES, errors)) for t in range(4)]
    for p in procs:
        p.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for p in procs:
        errors.extend(queue.get(timeout=120))
        p.join(120)
    assert errors == []
    with app.app_context():
        verdict = verify_database()
        assert verdict.ok, verdict.line()
        assert verdict.count == 7 * WRITES
        seqs = db.session.scalars(select(TrailEntry.seq).order_by(TrailEntry.seq)).all()
        assert seqs == list(range(1, 7 * WRITES + 1))
        writers = {e.payload for e in db.session.scalars(select(TrailEntry))}
        assert len(writers) == 7 * WRITES  # every write landed exactly once
