"""What a page costs to build when it is not remembered, for a visitor, in one process
(issue 29: the misses behind the p95 of a busy site).

    python -m bench.builds [--db FILE | --postgres] [--requests 10] [--only LABEL] [--profile LABEL]
    python -m bench.builds --acts [--db FILE] [--requests 10] [--profile ACT]

Seeds (once, into --db, reused while it exists) the same data set as bench/signed_in.py —
the demo, 10,000 proposals, 20,000 endorsements, the consultation with 3,000 comments —
then, with the page cache off, times each page a busy act makes stale (p50 ms per build and
SQL statements per view), and the clock's boundaries (forum/pagecache.boundaries: the
deadlines' moments) computed afresh. --profile LABEL prints that page's cProfile
(cumulative, top 40): where the time goes.

--acts: the live session page rebuilt after each kind of live act (a vote, a check-in and
-out, a hand raised and lowered, the floor given), at a live session's realistic size (a
forum of 34 members, all present, a 15-item agenda, four motions voted and one open, 200+
entries on its trail): CPU ms and statements per rebuild, a visitor's, with the page cache on
(the act makes the page stale; what is kept of its parts is used as a busy site would).
--profile ACT prints that act's rebuild's cProfile.
"""
import argparse
import os
import statistics
import time
from datetime import datetime

from bench.common import QueryCounter
from bench.signed_in import _seed, time_pages
from forum import create_app
from forum.extensions import db


def pages(ids: dict) -> list[tuple[str, str]]:
    """The pages a vote, a check-in, an endorsement or a comment makes stale."""
    p, s = ids["proposal"], ids["session"]
    return [("live session page", f"/sessions/{s}"), ("proposal", f"/proposals/{p}"),
            ("proposal list", "/forums/1/proposals"), ("proposal list, sorted", "/forums/1/proposals?sort=endorsed"),
            ("proposal list, filtered", "/forums/1/proposals?status=awaiting&group=civil_society"),
            ("proposal list, searched", "/forums/1/proposals?q=agua+bosques"),
            ("API proposals", "/api/v1/proposals"), ("API sessions", "/api/v1/sessions")]


def _boundaries(app, counter, n: int) -> None:
    """Each source of the clock's boundaries, computed afresh — every instant ever (`all`), and
    only those still to come (`upcoming`, what the page cache asks): ms and statements."""
    from forum import pagecache
    from forum.consultations import deadlines as consultation_deadlines
    from forum.core.clock import utcnow
    from forum.monitoring import queries as monitoring_queries
    from forum.plans import deadlines as plan_deadlines
    from forum.proposals import deadlines as proposal_deadlines

    def afresh(after):
        pagecache.clear()
        return pagecache.boundaries("bench", after)
    with app.test_request_context("/"):
        now = utcnow()
        for label, moments in [("consultations' deadlines", consultation_deadlines.moments),
                               ("proposals' deadlines", proposal_deadlines.moments),
                               ("monitoring moments", monitoring_queries.moments),
                               ("plans' deadlines", plan_deadlines.moments), ("the page cache's list", afresh)]:
            for which, after in (("all", None if moments is not afresh else datetime(1970, 1, 1)), ("upcoming", now)):
                moments(after)
                before, samples = counter.n, []
                for _ in range(n):
                    t = time.perf_counter()
                    found = moments(after)
                    samples.append(time.perf_counter() - t)
                print(f"{label + ', ' + which:32} {statistics.median(samples) * 1000:8.1f} "
                      f"{(counter.n - before) // n:10d}   ({len(found)} instants)", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for flag, how in {"--db": dict(default="/tmp/traza-builds.db"), "--requests": dict(type=int, default=10),
                      "--profile": dict(help="the label of one page to profile"),
                      "--only": dict(help="time only the pages whose label contains this"),
                      "--postgres": dict(action="store_true", help="a throwaway PostgreSQL cluster, seeded"),
                      "--acts": dict(action="store_true", help="the live page rebuilt after each live act")}.items():
        ap.add_argument(flag, **how)
    args = ap.parse_args()
    if args.postgres:
        from tests.servers import postgres
        with postgres() as url:
            run(args, url)
    else:
        run(args, f"sqlite:///{args.db}")


def run(args, url: str) -> None:
    instance = os.path.splitext(args.db)[0] + "-instance"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                      "INSTANCE_PATH": instance, "SESSION_COOKIE_SECURE": False, "RATELIMIT_ENABLED": False,
                      "TRAIL_CHECKPOINT_MINUTES": 0, "PAGE_CACHE_SECONDS": 0})
    ids = _seed(app)
    client = app.test_client()
    with app.app_context():
        counter = QueryCounter(db.engine)
    if args.acts:
        from bench.live_acts import rebuilds
        return rebuilds(app, counter, args)
    print(f"{'page (a visitor, not remembered)':32} {'p50 ms':>8} {'statements':>10} {'memory':>7}")
    time_pages(client, counter, pages(ids), args)
    if not args.only or "bound" in args.only:
        _boundaries(app, counter, max(1, args.requests // 3))


if __name__ == "__main__":
    main()
