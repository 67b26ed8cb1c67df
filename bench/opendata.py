"""The API and the open-data archive at 10,000 proposals and 100,000 endorsements.

    python -m bench.opendata [--proposals 10000] [--endorsements 100000] [--requests 30]
                             [--database-url URL]

Prints, for each API list beside the page that lists the same rows, p50/p95, the ratio to a
bare Flask route and to the page, and the SQL statements per request (the same at any page
size: no N+1); then the time to build the cycle's archive and its size. Figures, not pass/fail.
"""
import statistics
import time

from bench.common import QueryCounter, arguments, bare_app, report, seeded_app, time_get

PAIRS = [  # (API list, the page listing the same rows)
    ("/api/v1/proposals?forum=1&limit=25", "/forums/1/proposals"),
    ("/api/v1/proposals?forum=1&status=awaiting&group=civil_society&limit=25",
     "/forums/1/proposals?status=awaiting&group=civil_society"),
    ("/api/v1/proposals?q=agua+bosques&forum=1&limit=25", "/forums/1/proposals?q=agua+bosques"),
    ("/api/v1/proposals?limit=25", "/proposals/"),
    ("/api/v1/trail?forum=1&limit=50", "/trail/?forum=1"),
    ("/api/v1/commitments?forum=1", "/forums/1/commitments"),
    ("/api/v1/forums/1/figures", "/forums/1/dashboard"),  # the API also gives the ledger's figures:
    ("/api/v1/forums/1/figures", "/forums/1/ledger"),     # each page shows half of them
    ("/api/v1/cycles/2019-2021/figures", "/cycles/2019-2021"),
]


def main():
    args = arguments(__doc__, proposals=10000, endorsements=100000, requests=30)
    app, engine = seeded_app(args)
    bare = statistics.median(time_get(bare_app(), "/", args.requests))
    print(f"database: {engine.dialect.name}")
    print(f"{'bare Flask route':38} p50 {bare * 1000:7.2f} ms")
    counter = QueryCounter(engine)
    for api, page in PAIRS:
        a = time_get(app, api, args.requests)
        p = time_get(app, page, args.requests)
        before = counter.n
        app.test_client().get(api)
        queries = counter.n - before
        print(report(api[:38], a, bare) + f"  queries {queries}")
        print(report("  page " + page[:31], p, bare) + f"  API/page {statistics.median(a) / statistics.median(p):.2f}")
    with app.app_context():
        from forum.opendata import package
        for name in ("2019-2021", "all"):
            t = time.perf_counter()
            built = package.build(name)
            print(f"archive {name}: built in {time.perf_counter() - t:.1f} s, {built.size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
