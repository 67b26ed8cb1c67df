"""The trail as a Merkle log at scale: the standalone verifier against its floor, and the
proof endpoints against a bare Flask route.

    python -m bench.trail_log [--entries 1000000] [--requests 200] [--database-url URL]

1. Builds N chained entries in memory (what an export holds), signs one checkpoint in the
   middle and one at the end, and times `forum.verify` over the export on one core against
   the floor: SHA-256 over the same bytes, in the same run.
2. Loads the entries and their stored tree into a database in bulk and times
   /trail/proof/inclusion and /trail/proof/consistency (p50/p95) for random sizes.
Figures, not pass/fail.
"""
import hashlib
import json
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import insert

from bench.common import arguments, bare_app, make_app, time_get
from forum.extensions import db
from forum.trail import merkle, note, tree
from forum.trail.chain import GENESIS, TIME_FORMAT, canonical_bytes, entry_hash
from forum.trail.export import from_json
from forum.trail.models import TrailEntry, TrailNode
from forum.verify import verify_export

ORIGIN = "bench.traza/trail"


def add_leaf(nodes: list, pending: dict, index: int, leaf: bytes) -> None:
    """The stored-tree rows a leaf adds, as forum.trail.tree writes them, joining the left
    siblings still open (`pending`, by level) instead of reading them from the database."""
    rows = tree.subtrees(index, leaf, lambda level, _idx: pending[level])
    nodes.extend(rows)
    pending[rows[-1]["level"]] = bytes.fromhex(rows[-1]["hash"])


def build(n: int):
    """(export lines, entry rows, node rows, verifier key)."""
    key = Ed25519PrivateKey.generate()
    start = datetime(2020, 1, 1)
    prev, lines, rows, nodes = GENESIS, [], [], []
    builder, pending = merkle.Builder(), {}
    checkpoints = {n // 2: None, n: None}
    for seq in range(1, n + 1):
        d = {"v": 1, "seq": seq, "at": (start + timedelta(seconds=seq)).strftime(TIME_FORMAT),
             "actor_user": 1 + seq % 50, "actor_org": 1 + seq % 7, "action": "proposal.endorsed",
             "subject_type": "proposal", "subject_id": str(seq % 997), "forum": 1 + seq % 3,
             "payload": {"organisation": seq % 11, "notify": seq % 2 == 0}, "prev_hash": prev, "hash": ""}
        e = from_json(d)
        d["hash"] = e.hash = entry_hash(prev, e)
        prev = e.hash
        lines.append(json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
        rows.append(dict(seq=seq, at=e.at, actor_user_id=None, actor_org_id=None, action=e.action,
                         subject_type=e.subject_type, subject_id=e.subject_id, forum_id=None,
                         payload=e.payload, prev_hash=e.prev_hash, hash=e.hash))
        leaf = merkle.leaf_hash(canonical_bytes(e))
        builder.append(leaf)
        add_leaf(nodes, pending, seq - 1, leaf)
        if seq in checkpoints:
            body = note.Checkpoint(ORIGIN, seq, builder.root()).body()
            checkpoints[seq] = json.dumps({"checkpoint": note.make_note(body, ORIGIN, key)}) + "\n"
    lines.extend(checkpoints.values())
    return lines, rows, nodes, str(note.verifier(ORIGIN, key))


def append_bulk(n: int) -> int:
    """n more entries at the head of a live database's trail, chained and with their tree nodes,
    as `record` would write them but in bulk (seeding only: 200,000 through the services take
    minutes). Returns the new size."""
    from types import SimpleNamespace

    from sqlalchemy import select, update

    from forum.trail.models import TrailLock
    head = db.session.execute(select(TrailEntry.seq, TrailEntry.hash, TrailEntry.at)
                              .order_by(TrailEntry.seq.desc()).limit(1)).one()
    size, prev, at = head.seq, head.hash, head.at
    pending = {}  # the right edge of the stored tree: a complete subtree per set bit of the size
    for level in range(size.bit_length()):
        if size >> level & 1:
            pending[level] = bytes.fromhex(db.session.scalar(select(TrailNode.hash).where(
                TrailNode.level == level, TrailNode.idx == (size >> level) - 1)))
    from forum.accounts.models import User
    people = list(db.session.scalars(select(User.id).order_by(User.id).limit(40)))
    rows, nodes = [], []
    for seq in range(size + 1, size + n + 1):
        e = SimpleNamespace(seq=seq, at=at + timedelta(microseconds=seq - size),
                            actor_user_id=people[seq % len(people)], actor_org_id=None, action="proposal.endorsed",
                            subject_type="proposal", subject_id=str(1000 + seq % 10000), forum_id=1 + seq % 2,
                            payload=json.dumps({}), prev_hash=prev, hash="")
        prev = e.hash = entry_hash(prev, e)
        rows.append(vars(e))
        add_leaf(nodes, pending, seq - 1, merkle.leaf_hash(canonical_bytes(e)))
        if len(rows) >= 20_000 or seq == size + n:
            db.session.execute(insert(TrailEntry), rows)
            db.session.execute(insert(TrailNode), nodes)
            rows, nodes = [], []
    db.session.execute(update(TrailLock).where(TrailLock.id == 1).values(writes=TrailLock.writes + n))
    db.session.commit()
    return size + n


def floor(lines: list[bytes]) -> float:
    """SHA-256 over every byte of the export, line by line: what any check must at least
    read and hash."""
    t = time.perf_counter()
    for line in lines:
        hashlib.sha256(line).digest()
    return time.perf_counter() - t


def hashes_alone(lines: list[bytes]) -> float:
    """Only the hashing a verifier cannot skip, with no parsing at all: per entry the chain
    link (SHA-256 of the previous hash and the bytes), the RFC 9162 leaf (SHA-256 of 0x00 and
    the bytes) and one interior node (a tree of n leaves has n - 1). What the 3× target
    leaves for reading each line is the gap between this and 3× the floor."""
    sha256 = hashlib.sha256
    prev = bytes(32)
    t = time.perf_counter()
    for line in lines:
        prev = sha256(prev + line).digest()
        leaf = sha256(b"\x00" + line).digest()
        sha256(b"\x01" + leaf + prev).digest()
    return time.perf_counter() - t


def main():
    args = arguments(__doc__, entries=1_000_000, requests=200)
    t = time.perf_counter()
    lines, rows, nodes, key = build(args.entries)
    print(f"built {args.entries:,} entries and {len(nodes):,} tree nodes in {time.perf_counter() - t:.1f} s")
    lines = [x.encode() for x in lines]  # as `python -m forum.verify` reads the file: bytes
    base = floor(lines)
    t = time.perf_counter()
    result = verify_export(lines, key)
    took = time.perf_counter() - t
    assert result.ok, result.line
    bound = hashes_alone(lines)
    print(f"standalone verifier: {took:.2f} s  floor (SHA-256 of the same bytes) {base:.2f} s  "
          f"×floor {took / base:.1f}")
    print(f"  its three hashes per entry alone, no parsing: {bound:.2f} s  ×floor {bound / base:.1f}")
    with tempfile.TemporaryDirectory():
        app = make_app(args.database_url)
        with app.app_context():
            for start in range(0, len(rows), 50_000):
                db.session.execute(insert(TrailEntry), rows[start:start + 50_000])
            for start in range(0, len(nodes), 100_000):
                db.session.execute(insert(TrailNode), nodes[start:start + 100_000])
            db.session.commit()
            engine = db.engine
            if engine.dialect.name == "postgresql":  # what autovacuum does to a live table after a bulk load
                from sqlalchemy import text
                db.session.execute(text("ANALYZE trail_entries, trail_nodes"))
                db.session.commit()
        bare = statistics.median(time_get(bare_app(), "/", args.requests))
        rng = random.Random(9162)
        n = args.entries
        print(f"database: {engine.dialect.name}; bare Flask route p50 {bare * 1000:.2f} ms")
        for label, make_url in [
            ("inclusion proof", lambda: (lambda s: f"/trail/proof/inclusion?index={rng.randrange(s)}&size={s}")(
                rng.randint(1, n))),
            ("consistency proof", lambda: (lambda new: f"/trail/proof/consistency?old={rng.randint(1, new)}"
                                                       f"&new={new}")(rng.randint(1, n))),
        ]:
            client = app.test_client()
            samples = []
            for _ in range(args.requests):
                url = make_url()
                t = time.perf_counter()
                resp = client.get(url)
                samples.append(time.perf_counter() - t)
                assert resp.status_code == 200, (url, resp.get_data(as_text=True))
            samples.sort()
            print(f"{label:20} p50 {statistics.median(samples) * 1000:6.2f} ms  "
                  f"p95 {samples[int(len(samples) * 0.95) - 1] * 1000:6.2f} ms  "
                  f"×bare {statistics.median(samples) / bare:6.1f}")


if __name__ == "__main__":
    main()
