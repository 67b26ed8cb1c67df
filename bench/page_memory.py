"""How much memory the remembered pages take at 10,000 proposals (issue 29: "memory of the
remembered pages bounded (say how much)").

    python -m bench.page_memory [--db FILE]

Seeds like bench/signed_in.py (the demo, 10,000 proposals, the 3,000-comment consultation;
reused while --db exists), then reads bench/http.py's 21 pages and up to 200 pages of the
log anchored on seqs spread over it, as a visitor, the Environment State co-chair and a forum
member, and prints what the page cache counts against PAGE_CACHE_BYTES beside what
tracemalloc finds still allocated in the whole process (the page cache and every other
cache: fragments, kept rows, SQLAlchemy's), which bounds what the accounting leaves out.
"""
import argparse
import gc
import os
import tracemalloc

from sqlalchemy import func, select

from bench.busy import PASSWORD, READER
from bench.http import pages
from bench.signed_in import _seed
from forum import create_app, pagecache
from forum.extensions import db
from forum.trail.models import TrailEntry

MEMBER = "diego.ramos@redamazonica.demo"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/traza-signed-in.db")
    args = ap.parse_args()
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{args.db}", "SECRET_KEY": "bench",
                      "INSTANCE_PATH": os.path.splitext(args.db)[0] + "-instance", "SESSION_COOKIE_SECURE": False,
                      "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False, "TRAIL_CHECKPOINT_MINUTES": 0})
    ids = _seed(app)
    with app.app_context():
        head = db.session.scalar(select(func.max(TrailEntry.seq))) or 0
    step = max(1, head // 200)
    paths = [p for _label, p in pages(ids)] + [f"/trail/?before={n}" for n in range(head, 1, -step)][:200]
    readers = [None, READER, MEMBER]
    clients = []
    for who in readers:
        c = app.test_client()
        if who:
            assert c.post("/account/login", data={"email": who, "password": PASSWORD}).status_code == 302
        clients.append(c)
    for c in clients:
        c.get(paths[0])  # templates compiled, every lazy module imported, before measuring
    pagecache.clear()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for c in clients:
        for p in paths:
            c.get(p)
    gc.collect()
    after = tracemalloc.take_snapshot()
    held = sum(s.size_diff for s in after.compare_to(before, "filename"))
    pages_kept, counted = pagecache.stats()
    budget = app.config["PAGE_CACHE_BYTES"] / 2**20
    print(f"{len(paths)} addresses × {len(readers)} readers; PAGE_CACHE_BYTES {budget:.0f} MB")
    print(f"pages kept: {pages_kept}; counted against the budget: {counted / 2**20:.1f} MB; "
          f"still allocated after the reads (tracemalloc, all of the process): {held / 2**20:.1f} MB")


if __name__ == "__main__":
    main()
