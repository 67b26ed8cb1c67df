"""The trail's own pages at a large log, in process (issue 29): what building each costs.

    python -m bench.trail_pages [--entries 200000] [--requests 20] [--database-url URL]

The demo and N trail entries in bulk (bench/trail_log.append_bulk), then for each page the
ms and SQL statements of a build three ways: cold (every cache of this process emptied),
right after a write elsewhere (a check-in in a live session: what a busy site does to the
newest page, rebuilt at each write), and served again with nothing written. The anchored
page is one deep in the log (the 2,501st page back, half-way). Figures, not pass/fail.
"""
import statistics
import time

from bench.common import QueryCounter, arguments, make_app
from forum import pagecache
from forum.demo import seed
from forum.extensions import db
from forum.trail import cache, record


def _clear() -> None:
    cache.clear()
    pagecache.clear()


def _write() -> None:
    """A busy act: one entry that bumps its session's and forum's versions, not SITE."""
    from forum.sessions.models import ForumSession
    s = db.session.scalars(db.select(ForumSession)).first()
    record("session.checked_in", s, forum=s.forum, payload={"user": None}, checkpoint=False)
    db.session.commit()


def _timed(app, counter, url: str, before) -> tuple[float, int, int]:
    client = app.test_client()
    with app.app_context():
        before()
    n = counter.n
    t = time.perf_counter()
    resp = client.get(url)
    took = time.perf_counter() - t
    return took, counter.n - n, resp.status_code


def main():
    args = arguments(__doc__, entries=200_000, requests=20)
    app = make_app(args.database_url)
    app.config["TRAIL_CHECKPOINT_MINUTES"] = 0
    with app.app_context():
        seed()
        from sqlalchemy import func, select

        from bench.trail_log import append_bulk
        from forum.trail.models import TrailEntry
        size = db.session.scalar(select(func.count()).select_from(TrailEntry))
        t = time.perf_counter()
        size = append_bulk(max(0, args.entries - size))
        print(f"{db.engine.dialect.name}: {size:,} trail entries ({time.perf_counter() - t:.0f} s to seed)")
        per_page = app.config["PAGE_SIZE"] * 2
        deep = db.session.scalar(select(TrailEntry.seq).order_by(TrailEntry.seq.desc())
                                 .offset(2500 * per_page).limit(1))
    counter = QueryCounter(_engine(app))
    anchored = "/trail/?before=" + str(deep + 1)
    urls = ["/trail/", "/trail/?forum=1", "/api/v1/trail", anchored, "/trail/?page=2501"]
    print(f"{'page':34} {'cold ms':>8} {'stmts':>5} | {'after a write ms':>16} {'stmts':>5} | "
          f"{'again ms':>8} {'stmts':>5}")
    for url in urls:
        rows = []
        for before in (_clear, _write, lambda: None):
            samples, stmts, status = [], 0, 0
            for _ in range(args.requests):
                took, stmts, status = _timed(app, counter, url, before)
                samples.append(took)
            rows.append((statistics.median(samples) * 1000, stmts, status))
        print(f"{url:34} " + " | ".join(f"{ms:8.1f} {n:5d}" + ("" if s == 200 else f" ({s})")
                                        for ms, n, s in rows))


def _engine(app):
    with app.app_context():
        return db.engine


if __name__ == "__main__":
    main()
