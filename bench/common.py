"""Shared by the benchmarks: an app on a throwaway database, and timing against a bare route."""
import statistics
import tempfile
import time

from flask import Flask

from forum import create_app
from forum.extensions import db


def make_app(url: str | None = None):
    tmp = tempfile.mkdtemp(prefix="traza-bench-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url or f"sqlite:///{tmp}/bench.db",
                      "SECRET_KEY": "bench", "INSTANCE_PATH": f"{tmp}/instance",
                      "SESSION_COOKIE_SECURE": False,
                      "RATELIMIT_ENABLED": False})  # a benchmark is one client asking fast, by design
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


def seeded_app(args):
    """The benchmarks' data set: the demo plus args.proposals proposals and args.endorsements
    endorsements, in bulk. Returns (app, engine)."""
    from bench.proposals import seed_bulk
    from forum.demo import seed
    app = make_app(args.database_url)
    with app.app_context():
        seed()
        t = time.perf_counter()
        made = seed_bulk(args.proposals, args.endorsements)
        print(f"seeded {args.proposals} proposals and {made} endorsements in {time.perf_counter() - t:.1f} s")
        return app, db.engine


def arguments(doc: str, **defaults):
    """Command-line options every benchmark takes, plus its own counts."""
    import argparse
    ap = argparse.ArgumentParser(description=doc)
    for name, default in defaults.items():
        ap.add_argument("--" + name.replace("_", "-"), type=int, default=default)
    ap.add_argument("--database-url", help="default: a fresh SQLite file")
    return ap.parse_args()


def bare_app() -> Flask:
    """The yardstick: the cheapest page Flask can serve, in the same process and run."""
    app = Flask("bare")
    app.add_url_rule("/", "bare", lambda: "ok")
    return app


def time_get(app, url: str, n: int) -> list[float]:
    client = app.test_client()
    client.get(url)  # warm caches, compile templates
    out = []
    for _ in range(n):
        t = time.perf_counter()
        resp = client.get(url)
        out.append(time.perf_counter() - t)
        assert resp.status_code == 200, (url, resp.status_code)
    return out


def report(label: str, samples: list[float], bare: float) -> str:
    p50 = statistics.median(samples)
    p95 = sorted(samples)[int(len(samples) * 0.95) - 1]
    return f"{label:38} p50 {p50 * 1000:7.2f} ms  p95 {p95 * 1000:7.2f} ms  ×bare {p50 / bare:6.1f}"


class QueryCounter:
    """Counts SQL statements, to show a page's query count does not grow with the data."""

    def __init__(self, engine):
        from sqlalchemy import event
        self.n = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.n += 1


def measure(app, engine, urls, requests: int, bare: float) -> None:
    """Print, per page, latency against the bare route and the SQL statements it issues."""
    counter = QueryCounter(engine)
    for url in urls:
        samples = time_get(app, url, requests)
        before = counter.n
        app.test_client().get(url)
        print(report(url, samples, bare) + f"  queries {counter.n - before}")
