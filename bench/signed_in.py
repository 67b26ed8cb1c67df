"""What a signed-in co-chair waits for, page by page, in one process (issue 29 item 2).

    python -m bench.signed_in [--db FILE] [--requests 10] [--profile PAGE-LABEL] [--after-writes]

Signed-in people are served a remembered page when they answer its questions about them as
its builder did (forum/pageasks.py); the column "memory" says how many of the timed views
were. Seeds (once, into --db, reused while it exists) the demo plus bench/http.py's data set —
10,000 proposals, 20,000 endorsements, the consultation with 3,000 comments — then signs in
as the Environment forum's State co-chair and times bench/http.py's 21 pages through the
WSGI stack (p50 ms, SQL statements per view, the share served from memory). --profile LABEL
prints the cProfile of that page (cumulative, top 35): where the time goes.

--after-writes times what a signed-in hit costs while the forum is busy: on a copy of the
data, before each timed view, bench/busy.py's Writer records one act of one kind (a vote, a
check-in or out, an endorsement or its withdrawal, a comment — the four it takes turns with)
and commits, as another process would; then p50 ms, statements and the share served from
memory per page, for each kind. With --profile, the cProfile of all the views after that
kind of write, the walk as a whole (cumulative, top 35). --readers-by-head keeps the readers'
headers and answers under the trail head, as before issue 29's reader keys (forum/pagenav.py):
the "before" figures, in the same run.
"""
import argparse
import cProfile
import os
import pstats
import shutil
import statistics
import time

from bench.busy import PASSWORD, READER, SESSION
from bench.common import QueryCounter
from bench.http import pages
from forum import create_app
from forum.extensions import db


def _seed(app) -> dict:
    from sqlalchemy import func, select

    from bench.consultations import seed_consultation
    from bench.proposals import seed_bulk
    from forum.commitments.models import Commitment
    from forum.consultations.models import Consultation
    from forum.demo import seed
    from forum.sessions.models import ForumSession
    with app.app_context():
        db.create_all()
        if not db.session.scalar(select(func.count()).select_from(Consultation)):
            seed()
            seed_bulk(10_000, 20_000)
            seed_consultation(3000, 60)
            db.session.commit()
        return {"consultation": db.session.scalar(select(func.max(Consultation.id))), "proposal": 6000,
                "commitment": db.session.scalar(select(func.min(Commitment.id))),
                "session": db.session.scalar(select(func.min(ForumSession.id)))}


def time_pages(client, counter, labelled, args) -> None:
    """p50 ms, statements and the share served from memory per view of each (label, url), --only and --profile applied
    (bench/builds.py times a visitor's builds the same way)."""
    for label, url in labelled:
        if args.only and args.only not in label:
            continue
        assert client.get(url).status_code == 200, url  # templates compiled, caches warm
        before, samples, hits = counter.n, [], 0
        for _ in range(args.requests):
            t = time.perf_counter()
            hits += client.get(url).headers.get("X-Page-Cache") == "hit"
            samples.append(time.perf_counter() - t)
        print(f"{label:32} {statistics.median(samples) * 1000:8.1f} {(counter.n - before) // args.requests:10d} "
              f"{hits / args.requests:7.0%}", flush=True)
        if label == args.profile:
            prof = cProfile.Profile()
            prof.enable()
            client.get(url)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(35)


KINDS = ("vote", "check-in", "endorsement", "comment")  # bench/busy.py Writer._act's turns, in order


def after_writes(db_file: str, client, counter, labelled, args) -> None:
    """Per kind of write, each page's cost to a signed-in reader right after one such write
    (`db_file`: the copy the readers' app reads)."""
    from bench.busy import Writer
    from forum.extensions import db as writer_db
    writer = Writer(f"sqlite:///{db_file}", os.path.splitext(db_file)[0] + "-instance")
    print(f"\n{'after a write of each kind':32} {'p50 ms':>8} {'statements':>10} {'memory':>7}")
    for k, kind in enumerate(KINDS):
        turn = 0  # this kind's writes so far: a check-in, then a check-out, in turn
        profile = cProfile.Profile() if args.profile == kind else None
        totals: list[float] = []
        for label, url in labelled:
            if args.only and args.only not in label:
                continue
            client.get(url)  # the copy before the first write: what a hit would be
            samples, statements, hits = [], 0, 0
            for _ in range(args.requests):
                with writer.app.app_context():
                    writer._act(4 * turn + k)
                    writer_db.session.commit()
                turn += 1
                before, t = counter.n, time.perf_counter()
                if profile:
                    profile.enable()
                hits += client.get(url).headers.get("X-Page-Cache") == "hit"
                if profile:
                    profile.disable()
                samples.append(time.perf_counter() - t)
                statements += counter.n - before
            totals += samples
            print(f"{kind + ', ' + label:32} {statistics.median(samples) * 1000:8.1f} "
                  f"{statements // args.requests:10d} {hits / args.requests:7.0%}", flush=True)
        print(f"{kind + ', the walk: mean':32} {statistics.mean(totals) * 1000:8.1f}", flush=True)
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(35)


def _app(db_file: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}", "SECRET_KEY": "bench",
                       "INSTANCE_PATH": os.path.splitext(db_file)[0] + "-instance", "SESSION_COOKIE_SECURE": False,
                       "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False, "TRAIL_CHECKPOINT_MINUTES": 0})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/traza-signed-in.db")
    ap.add_argument("--requests", type=int, default=10)
    ap.add_argument("--profile", help="the label of one page of bench/http.py to profile")
    ap.add_argument("--only", help="time only the pages whose label contains this")
    ap.add_argument("--after-writes", action="store_true", help="each page right after each kind of write")
    ap.add_argument("--readers-by-head", action="store_true",
                    help="keep the readers' headers and answers under the trail head, as before (forum/pagenav.py)")
    args = ap.parse_args()
    app = _app(args.db)
    ids = _seed(app)
    if args.readers_by_head:
        from forum import pagenav
        pagenav.BY_HEAD = True
    if args.after_writes:  # the Writer starts the session and opens a motion: never on the seed itself
        with app.app_context():
            db.engine.dispose()  # its log written back into the file
        for leftover in ("-wal", "-shm"):  # the last run's log would be replayed onto the new copy
            if os.path.exists(args.db + ".busy" + leftover):
                os.remove(args.db + ".busy" + leftover)
        shutil.copy(args.db, args.db + ".busy")
        app = _app(args.db + ".busy")
    client = app.test_client()
    assert client.post("/account/login", data={"email": READER, "password": PASSWORD}).status_code == 302
    with app.app_context():
        counter = QueryCounter(db.engine)
    print(f"{'page':32} {'p50 ms':>8} {'statements':>10} {'memory':>7}")
    if args.after_writes:
        # the live page walked is the session the writer votes in, as in bench/busy.py
        after_writes(args.db + ".busy", client, counter, pages({**ids, "session": SESSION}), args)
    else:
        time_pages(client, counter, pages(ids), args)


if __name__ == "__main__":
    main()
