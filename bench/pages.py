"""Public pages and the trail under a large history.

    python -m bench.pages [--entries 20000] [--requests 50] [--database-url URL]

Prints, per page, p50/p95 latency through the WSGI stack and the ratio to a bare Flask
route in the same run, the SQL statements each page issues, then trail append and
verification throughput. Figures, not pass/fail.
"""
import statistics
import time

from bench.common import arguments, bare_app, make_app, measure, time_get
from forum.demo import seed
from forum.extensions import db
from forum.trail import record
from forum.trail.queries import verify_database


def main():
    args = arguments(__doc__, entries=20000, requests=50)

    app = make_app(args.database_url)
    with app.app_context():
        seed()
        t = time.perf_counter()
        for i in range(args.entries):
            record("bench.event", ("forum", 1 + i % 3), payload={"i": i}, forum=None)
            if i % 500 == 499:
                db.session.commit()
        db.session.commit()
        append_s = time.perf_counter() - t
        engine = db.engine

    bare = statistics.median(time_get(bare_app(), "/", args.requests))
    print(f"database: {engine.dialect.name}; trail entries: {args.entries + 84}")
    print(f"{'bare Flask route':38} p50 {bare * 1000:7.2f} ms")
    urls = ["/", "/forums/", "/forums/1", "/organisations/1", "/trail/", "/trail/?page=300", "/trail/?forum=1",
            "/trail/?action=forum", "/trail/100"]
    measure(app, engine, urls, args.requests, bare)

    with app.app_context():
        t = time.perf_counter()
        verdict = verify_database()
        verify_s = time.perf_counter() - t
    print(f"trail append (one transaction per 500): {args.entries / append_s:8.0f} entries/s")
    print(f"trail verify: {verdict.count / verify_s:8.0f} entries/s ({verdict.line()[:40]}…)")


if __name__ == "__main__":
    main()
