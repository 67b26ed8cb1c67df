"""A busy site through the stack (issue 29): readers walk every page while a writer records
acts through the services, and the floor is measured right before each run.

    python -m bench.busy [--db postgresql|sqlite] [--rates 0,1,5] [--clients 10] [--seconds 8]
                         [--proposals 10000] [--by-head]

Brings up deploy/stack.sh like bench/http.py (nginx, two app processes, Redis, PostgreSQL
or one SQLite file) with the floor beside Traza, seeds the same data, then for visitors
without an account and for a signed-in co-chair (a session cookie on every request) and for
each rate of writes: wrk on the floor, then wrk with the same clients walking the 21 pages
of bench/http.py in turn while a thread of this process records, at that rate, a vote, a
check-in or check-out, an endorsement or its withdrawal, or a comment — in turn, the last
two rotating between the forums — each committed on its own, through the services, as a
request would. Prints throughput against the floor, p50 and p95, the writes done, and the
share of answers the page cache gave (its X-Page-Cache header, counted by wrk).

--per-page adds, after each run, every page's p50 and p95 and its share served from memory,
read from nginx's access log (deploy/stack.sh logs each request's time and X-Page-Cache), so
the target "every page" is checked page by page, not only for the walk as a whole.

--by-head runs the app processes with TRAZA_PAGE_CACHE_BY_HEAD=1: every page keyed on the
trail head, as before forum/pagedeps.py — the "before" figures.
"""
import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.http import drain, idle_latency, pages, seed, up

PASSWORD = "traza-demo-2019"
SESSION = 2  # the demo's upcoming Environment session (bench/live.py)
READER = "rosa.quispe@minam.demo"  # State co-chair, Environment: the signed-in reader
# wrk: the clients walk the pages in turn (each thread from its own place), and count the
# answers the page cache gave.
WALK = """paths = {%(paths)s}
counter = 0
hits = 0
init = function(args) counter = math.random(#paths) end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {%(headers)s})
end
response = function(status, headers, body)
  if headers["X-Page-Cache"] == "hit" then hits = hits + 1 end
end
threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  local h = 0
  for _, t in ipairs(threads) do h = h + (t:get("hits") or 0) end
  local e = summary.errors
  io.write(string.format('JSON {"requests":%%d,"seconds":%%f,"errors":%%d,"non2xx":%%d,'
    .. '"p50":%%d,"p95":%%d,"hits":%%d}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), h))
end
"""


def wrk(url: str, clients: int, seconds: int, script: str) -> dict:
    out = subprocess.run(["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--timeout", "10s",
                          "-s", script, url], capture_output=True, text=True, check=True).stdout
    r = json.loads(next(x for x in out.splitlines() if x.startswith("JSON "))[5:])
    r["rps"] = r["requests"] / r["seconds"]
    return r


def script(paths: list[str], signed_in=None) -> str:
    """`signed_in`: a logged-in requests.Session whose cookie and User-Agent wrk sends (the
    session is bound to the browser that logged in)."""
    headers = "" if signed_in is None else (
        f'["Cookie"] = {json.dumps("; ".join(f"{c.name}={c.value}" for c in signed_in.cookies))}, '
        f'["User-Agent"] = {json.dumps(signed_in.headers["User-Agent"])}')
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WALK % {"paths": ", ".join(json.dumps(p) for p in paths), "headers": headers})
    return fh.name


def log_size(root: Path) -> int:
    log = root / "logs" / "nginx.access.log"
    return log.stat().st_size if log.exists() else 0


def per_page(root: Path, start: int, paths: list[str], floor_p95_ms: float) -> str:
    """Each walked page's p50/p95 and hits, from the access log lines written since `start`
    (nginx's $request_time has millisecond resolution: the wait a client saw, upstream included)."""
    times: dict[str, list[float]] = {p: [] for p in paths}
    hits = dict.fromkeys(paths, 0)
    with open(root / "logs" / "nginx.access.log", "rb") as fh:
        fh.seek(start)
        for line in fh.read().decode("utf-8", "replace").splitlines():
            uri, _status, took, cache = (line.split(" ") + ["", "", "", ""])[:4]
            if uri in times:
                times[uri].append(float(took) * 1000)
                hits[uri] += cache == "hit"
    out = []
    for p in paths:
        t = sorted(times[p])
        if not t:
            continue
        p50, p95 = t[len(t) // 2], t[min(len(t) - 1, int(len(t) * 0.95))]
        met = p95 < 100 and p95 <= 2 * max(floor_p95_ms, 1)
        out.append(f"|  {p} | {len(t)} | {p50:.0f} | {p95:.0f} | {hits[p] / len(t):.0%} | {'yes' if met else 'no'} |")
    return "\n".join(["|  page | requests | p50 ms | p95 ms | from cache | p95 < 100 ms and ≤ 2× floor |",
                      "|---|---|---|---|---|---|", *out])


class Writer:
    """Acts recorded through the services at `rate` a second, until stopped."""

    def __init__(self, database_url: str, instance: str):
        from forum import create_app
        self.app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench",
                               "INSTANCE_PATH": instance, "TRAIL_CHECKPOINT_MINUTES": 0})
        self.done = self.failed = 0
        self._stop = threading.Event()
        with self.app.app_context():
            self._prepare()

    def _user(self, email):
        from sqlalchemy import select

        from forum.accounts.models import User
        from forum.extensions import db
        return db.session.scalar(select(User).where(User.email == email))

    def _prepare(self) -> None:
        """The Environment session live with a motion open, one member present to vote;
        one proposal per forum to endorse and comment on."""
        from sqlalchemy import func, select

        from forum.extensions import db
        from forum.proposals.models import Proposal
        from forum.sessions import services
        from forum.sessions.models import ForumSession
        from forum.sessions.services import motions, quorum
        s = db.session.get(ForumSession, SESSION)
        chair, civil, voter = (self._user(e) for e in (READER, "lucia.mendoza@redamazonica.demo",
                                                       "diego.ramos@redamazonica.demo"))
        services.start(chair, s, reason="Banco de pruebas: la sesión se adelanta.")
        services.check_in(voter, s)
        for c in (chair, civil):
            quorum.override(c, s, "Banco de pruebas: vota un solo miembro.")
        self.motion = motions.open_motion(civil, s, "Aprobar la agenda del día").id
        db.session.commit()
        self.proposals = list(db.session.scalars(select(func.min(Proposal.id)).group_by(Proposal.forum_id)))

    def _act(self, i: int) -> None:
        from forum.extensions import db
        from forum.proposals.models import Proposal
        from forum.proposals.services import comments, endorsements
        from forum.sessions import services
        from forum.sessions.models import ForumSession
        from forum.sessions.services import motions
        kind, p = i % 4, db.session.get(Proposal, self.proposals[(i // 4) % len(self.proposals)])
        if kind == 0:
            motions.vote(self._user("diego.ramos@redamazonica.demo"), db.session.get(ForumSession, SESSION),
                         self.motion, "yes" if i % 8 else "no")
        elif kind == 1:  # the other way from where she is: a run may end with her checked in
            civil, s = self._user("lucia.mendoza@redamazonica.demo"), db.session.get(ForumSession, SESSION)
            services.check_in(civil, s, present=not self._present(civil))
        elif kind == 2:
            endorser = self._user("vecina@correo.demo")
            if not endorsements.endorse(endorser, p):
                endorsements.withdraw_endorsement(endorser, p)
        else:
            comments.post(self._user("vecina@correo.demo"), p, f"Comentario de prueba número {i}.")

    def _present(self, user) -> bool:
        """Whether `user` is checked in to the bench's session now: each run counts its acts
        from 0, and one at 5 a second for 8 s ends on a check-in as often as not."""
        from sqlalchemy import select

        from forum.extensions import db
        from forum.sessions.models import Attendance
        return bool(db.session.scalar(select(Attendance.present).where(Attendance.session_id == SESSION,
                                                                       Attendance.user_id == user.id)))

    def step(self, i: int) -> None:
        """The i-th act of a run, committed on its own as a request would be; a refusal is
        counted, not fatal: the readers are measured."""
        from forum.extensions import db
        try:
            self._act(i)
            db.session.commit()
            self.done += 1
        except Exception as err:
            db.session.rollback()
            self.failed += 1
            if self.failed == 1:
                print(f"  (a write failed: {type(err).__name__}: {err})", flush=True)

    def run(self, rate: float) -> None:
        self.done = self.failed = 0
        if not rate:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, args=(rate,), daemon=True)
        self._thread.start()

    def _loop(self, rate: float) -> None:
        due, i = time.perf_counter(), 0
        with self.app.app_context():
            while not self._stop.is_set():
                self.step(i)
                i += 1
                due += 1 / rate
                self._stop.wait(max(0.0, due - time.perf_counter()))

    def stop(self) -> None:
        self._stop.set()
        if getattr(self, "_thread", None):
            self._thread.join(30)
            self._thread = None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--rates", default="0,1,5")
    ap.add_argument("--readers", default="visitor,signed-in")
    ap.add_argument("--per-page", action="store_true", help="each page's p50/p95 from nginx's log, after each run")
    ap.add_argument("--by-head", action="store_true", help="key every page on the trail head (the old cache)")
    for name, default in (("proposals", 10_000), ("comments", 100_000), ("endorsements", 200_000),
                          ("trail", 200_000)):
        ap.add_argument(f"--{name}", type=int, default=default)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench.busy needs wrk: apt-get install wrk")

    from tests.helpers.live_net import login
    stack, env, settings, base = up(args.db, {"TRAZA_PAGE_CACHE_BY_HEAD": "1"} if args.by_head else {})
    try:
        # the live page walked is the session the writer votes in, which a busy site's readers watch
        ids = {**seed(settings, args), "session": SESSION}
        writer = Writer(settings["TRAZA_DATABASE_URL"], settings["TRAZA_INSTANCE_PATH"])
        paths = [path for _label, path in pages(ids)]
        print(f"{args.db}, {args.proposals:,} proposals, 2 app processes behind nginx, {args.clients} clients "
              f"walking {len(paths)} pages, wrk {args.seconds} s per run, "
              f"{'keyed on the trail head (before)' if args.by_head else 'keyed on versions (after)'}")
        print("| reader | writes/s | req/s | ×floor | p50 ms | p95 ms | floor req/s | floor p95 ms | "
              "from cache | writes done |\n|---|---|---|---|---|---|---|---|---|---|")
        floor_script = script(["/__floor/"])
        quiet = 3 * idle_latency(base + "/__floor/")
        for reader in args.readers.split(","):
            walk = script(paths, login(base, READER, PASSWORD) if reader == "signed-in" else None)
            for rate in (float(r) for r in args.rates.split(",")):
                wrk(base + "/", 2, args.seconds, walk)  # warm: templates compiled, pages remembered
                drain(base + "/__floor/", quiet)
                floor = wrk(base + "/__floor/", args.clients, args.seconds, floor_script)
                start = log_size(Path(env["TRAZA_STACK_DIR"]))
                writer.run(rate)
                page = wrk(base + "/", args.clients, args.seconds, walk)
                writer.stop()
                drain(base + "/__floor/", quiet)
                bad = f" ({page['non2xx']} non-2xx, {page['errors']} errors)" \
                    if page["non2xx"] or page["errors"] else ""
                print(f"| {reader} | {rate:g} | {page['rps']:.0f} | {page['rps'] / floor['rps']:.2f}× | "
                      f"{page['p50'] / 1000:.1f} | {page['p95'] / 1000:.1f} | {floor['rps']:.0f} | "
                      f"{floor['p95'] / 1000:.1f} | {page['hits'] / max(page['requests'], 1):.0%} | "
                      f"{writer.done}{f', {writer.failed} refused' if writer.failed else ''}{bad} |", flush=True)
                if args.per_page:
                    print(per_page(Path(env["TRAZA_STACK_DIR"]), start, paths, floor["p95"] / 1000), flush=True)
    finally:
        subprocess.run([*stack, "down"], env=env, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
