"""Every page through the production stack, against a floor served the same way (issue 17).

    python -m bench.http [--db postgresql|sqlite] [--clients 10,50] [--seconds 5] [--only proposal]
                         [--proposals 10000] [--comments 100000] [--endorsements 200000] [--trail 200000]

Brings up deploy/stack.sh (nginx, two app processes, Redis, and PostgreSQL or one SQLite file)
serving Traza with the floor mounted beside it (bench/served.py), seeds the data in bulk, then
for each page and number of clients runs wrk against the floor and right after against the
page: requests per second and p50/p95/p99 latency, and the ratios the targets are written in
(page p95 within 2× of the floor's, throughput at least 0.5× the floor's, p95 under 50 ms at
10 clients). Figures, not pass/fail; docs/performance.md keeps them. Needs wrk
(`apt-get install wrk`), the load generator the issue's first figures were taken with.
wrk is a visitor without an account, answered from the page cache (forum/pagecache.py)
after each page's first view per process; TRAZA_PAGE_CACHE_SECONDS=0 measures pages built
on every request, as a signed-in person gets them.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# wrk prints its own summary; this adds one JSON line with the percentiles the targets need.
LUA = """done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('JSON {"requests":%d,"seconds":%f,"errors":%d,"non2xx":%d,"p50":%d,"p95":%d,"p99":%d}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def pages(ids: dict) -> list[tuple[str, str]]:
    c, p, m, s = ids["consultation"], ids["proposal"], ids["commitment"], ids["session"]
    return [
        ("home", "/"), ("forum", "/forums/1"),
        ("proposal list", "/forums/1/proposals"), ("proposal list, sorted", "/forums/1/proposals?sort=endorsed"),
        ("proposal list, filtered", "/forums/1/proposals?status=awaiting&group=civil_society"),
        ("proposal list, searched", "/forums/1/proposals?q=agua+bosques"),
        ("proposal", f"/proposals/{p}"), ("ledger", "/forums/1/ledger"),
        ("consultation, 3,000 comments", f"/consultations/{c}"), ("its report", f"/consultations/{c}/report"),
        ("commitment", f"/commitments/{m}"), ("cycle", "/cycles/2019-2021"), ("dashboard", "/forums/1/dashboard"),
        ("trail", "/trail/"), ("live session page", f"/sessions/{s}"),
        ("API proposals", "/api/v1/proposals"), ("API consultations", "/api/v1/consultations"),
        ("API commitments", "/api/v1/commitments"), ("API trail", "/api/v1/trail"),
        ("API organisations", "/api/v1/organisations"), ("API forums", "/api/v1/forums"),
    ]


def seed(settings: dict, args) -> dict:
    """The data set, in bulk, into the stack's own database; returns the ids the pages use."""
    from sqlalchemy import func, select

    from bench.consultations import seed_consultation
    from bench.floor import create_floor, fill
    from bench.proposals import seed_bulk, seed_comments
    from bench.trail_log import append_bulk
    from forum import create_app
    from forum.commitments.models import Commitment
    from forum.extensions import db
    from forum.sessions.models import ForumSession
    from forum.trail import checkpoints
    from forum.trail.models import TrailEntry

    app = create_app({"SQLALCHEMY_DATABASE_URI": settings["TRAZA_DATABASE_URL"], "SECRET_KEY": "bench",
                      "INSTANCE_PATH": settings["TRAZA_INSTANCE_PATH"], "TRAIL_CHECKPOINT_MINUTES": 0})
    t = time.perf_counter()
    with app.app_context():
        endorsements = seed_bulk(args.proposals, args.endorsements)
        consultation = seed_consultation(3000, 60)
        seed_comments(max(0, args.comments - 3000))
        size = db.session.scalar(select(func.count()).select_from(TrailEntry))
        size = append_bulk(max(0, args.trail - size))
        checkpoints.make()
        db.session.commit()
        ids = {"consultation": consultation, "proposal": 1000 + (args.proposals // 2 & ~1),
               "commitment": db.session.scalar(select(func.min(Commitment.id))),
               "session": db.session.scalar(select(func.min(ForumSession.id)))}
    fill(create_floor(settings["TRAZA_DATABASE_URL"]))
    print(f"seeded {args.proposals:,} proposals, {endorsements:,} endorsements, {args.comments:,} comments "
          f"(3,000 on one consultation), {size:,} trail entries in {time.perf_counter() - t:.0f} s", flush=True)
    return ids


def wrk(url: str, clients: int, seconds: int, script: str) -> dict:
    out = subprocess.run(["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--timeout", "10s",
                          "-s", script, url], capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("JSON "))
    r = json.loads(line[5:])
    r["rps"] = r["requests"] / r["seconds"]
    return r


def drain(url: str, quiet: float) -> None:
    """Wait until the floor answers one client as fast as when idle: requests wrk gave up on
    (a slow page at 50 clients) are still being served, and would slow the next run."""
    import urllib.request
    for _ in range(300):
        t = time.perf_counter()
        urllib.request.urlopen(url, timeout=30).read()
        if time.perf_counter() - t < quiet:
            return
        time.sleep(0.1)


def idle_latency(url: str) -> float:
    import urllib.request
    samples = []
    for _ in range(20):
        t = time.perf_counter()
        urllib.request.urlopen(url, timeout=30).read()
        samples.append(time.perf_counter() - t)
    return sorted(samples)[len(samples) // 2]


def row(label: str, clients: int, page: dict, floor: dict) -> str:
    thr, lat = page["rps"] / floor["rps"], page["p95"] / max(floor["p95"], 1)
    met = thr >= 0.5 and lat <= 2 and (clients > 10 or page["p95"] < 50_000)
    bad = f" {page['non2xx']} non-2xx, {page['errors']} errors" if page["non2xx"] or page["errors"] else ""
    return (f"| {label} | {clients} | {page['rps']:.0f} | {page['p50'] / 1000:.1f} | {page['p95'] / 1000:.1f} | "
            f"{page['p99'] / 1000:.1f} | {floor['rps']:.0f} | {floor['p95'] / 1000:.1f} | {thr:.2f}× | "
            f"{lat:.1f}× | {'yes' if met else 'no'}{bad} |")


def up(database: str, extra: dict) -> tuple[list[str], dict, dict, str]:
    """deploy/stack.sh up with the floor beside Traza: (the stack command, its environment,
    the settings it wrote, the URL). `extra`: more of the stack's environment."""
    from tests.servers import _free_port
    root, port = Path(tempfile.mkdtemp(prefix="traza-http-")) / "stack", _free_port()
    env = {**os.environ, "TRAZA_STACK_DIR": str(root), "TRAZA_STACK_PORT": str(port), "TRAZA_STACK_DB": database,
           "TRAZA_STACK_WSGI": "bench.served:app",
           "TRAZA_API_RATE_LIMIT": "1000000 per minute", **extra}  # one address asks all the time, by design
    stack = ["bash", str(ROOT / "deploy" / "stack.sh")]
    subprocess.run([*stack, "up"], env=env, check=True, stdout=subprocess.DEVNULL)
    settings = dict(line.split("=", 1) for line in (root / "env").read_text().splitlines() if "=" in line)
    return stack, env, settings, f"http://127.0.0.1:{port}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    ap.add_argument("--clients", default="10,50")
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--only", help="measure only the pages whose label contains this")
    ap.add_argument("--threads", default="200", help="threads per app process (the stack's default)")
    for name, default in (("proposals", 10_000), ("comments", 100_000), ("endorsements", 200_000),
                          ("trail", 200_000)):
        ap.add_argument(f"--{name}", type=int, default=default)
    ap.add_argument("--keep", action="store_true", help="leave the stack up (deploy/stack.sh down to stop it)")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench.http needs wrk: apt-get install wrk")

    stack, env, settings, base = up(args.db, {"TRAZA_STACK_THREADS": args.threads})
    try:
        ids = seed(settings, args)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
            fh.write(LUA)
        print(f"{args.db}, 2 app processes × {args.threads} threads behind nginx, wrk {args.seconds} s per run, "
              f"{os.cpu_count()} cores shared by all")
        print("| page | clients | req/s | p50 ms | p95 ms | p99 ms | floor req/s | floor p95 ms | ×throughput | "
              "×p95 | target |\n|---|---|---|---|---|---|---|---|---|---|---|")
        quiet = 3 * idle_latency(base + "/__floor/")
        for clients in (int(c) for c in args.clients.split(",")):
            for label, path in pages(ids):
                if args.only and args.only not in label:
                    continue
                wrk(base + path, 2, 1, fh.name)  # warm: templates compiled, caches filled
                drain(base + "/__floor/", quiet)
                floor = wrk(base + "/__floor/", clients, args.seconds, fh.name)
                page = wrk(base + path, clients, args.seconds, fh.name)
                drain(base + "/__floor/", quiet)
                print(row(label, clients, page, floor), flush=True)
    finally:
        if not args.keep:
            subprocess.run([*stack, "down"], env=env, stdout=subprocess.DEVNULL)
        else:
            print(f"stack left up: TRAZA_STACK_DIR={env['TRAZA_STACK_DIR']} {' '.join(stack)} down")


if __name__ == "__main__":
    main()
