"""Live-session fan-out: N Socket.IO clients watch one session; a member votes; how long
until every client has the new tally?  Real server (gunicorn, gthread worker), real
python-socketio clients over loopback websockets.

    python -m bench.live                 # 100, then 500 clients, 30 votes each
    python -m bench.live --clients 200 --votes 50
    python -m bench.live --stack --clients 200 1000   # through deploy/stack.sh: nginx, 2 processes, Redis, PostgreSQL
    python -m bench.live --worker gevent            # the same one process with gevent (pip install gevent)

Prints p50/p95/max of the time from the vote being cast to the *last* client having the new
tally, and of every single delivery, beside a bare Flask route timed in the same run."""
import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from bench.common import bare_app, time_get
from tests.helpers.live_net import NS, NetClient, login
from tests.servers import _free_port

PASSWORD = "traza-demo-2019"
SESSION = 2  # the demo's upcoming Environment session


def serve(clients: int, worker: str = "gthread"):
    """One gunicorn process: `gthread` (threads, what deploy/ runs) or `gevent` (greenlets;
    needs the gevent package, so run the bench from an environment that has it)."""
    root = tempfile.mkdtemp(prefix="traza-bench-live-")
    env = {**os.environ, "TRAZA_DATABASE_URL": f"sqlite:///{root}/live.db", "TRAZA_SECRET_KEY": "bench",
           "TRAZA_INSECURE_COOKIES": "1", "INSTANCE_PATH": root,
           "TRAZA_ASYNC_MODE": "threading" if worker == "gthread" else worker}
    env.pop("FLASK_RUN_FROM_CLI", None)
    subprocess.run([sys.executable, "-m", "flask", "--app", "forum", "up", "--no-serve"], env=env, check=True,
                   capture_output=True)
    port = _free_port()
    log = open(f"{root}/server.log", "w")
    how = ["-k", "gthread", "--threads", str(clients + 50)] if worker == "gthread" else \
        ["-k", worker, "--worker-connections", str(clients + 50)]
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "1", *how, "--no-control-socket",
                             "-b", f"127.0.0.1:{port}", "forum.wsgi:app"],
                            env=env, stdout=log, stderr=log, start_new_session=True)
    log.close()
    base = f"http://127.0.0.1:{port}"
    import requests
    for _ in range(150):
        try:
            requests.get(base + "/", timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.2)
    return proc, base


class Watchers:
    """N anonymous watchers of one session, all in one asyncio loop on a thread of their own.
    python-socketio's threaded Client runs three threads per connection: at 1,000 clients
    the bench then spent both cores on its own thread switches (the servers idled at 10 %),
    missed pings and reconnected — it measured itself. The asyncio client (aiohttp) costs
    one coroutine per socket. Each watcher connects from 127.0.<i>.1 when spread: nginx's
    ip_hash keys on the first three octets, so the watchers share the app processes as
    people on many networks would, and each vote crosses Redis to reach half of them."""

    def __init__(self, base: str, session_id: int, n: int, spread: bool):
        self.base, self.session_id, self.n, self.spread = base, session_id, n, spread
        self.arrivals: list[list[float]] = [[] for _ in range(n)]
        self.joined = 0
        self.with_motion: set[int] = set()
        self.goal: list[int] | None = None
        self.pending = 0
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.clients: list = []

    def _run(self, coro, timeout=120):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def _state(self, i: int, parts: dict) -> None:
        if "motion" not in parts:
            return
        now = time.perf_counter()
        with self.lock:
            if parts["motion"]:
                self.with_motion.add(i)
            self.arrivals[i].append(now)
            if self.goal is not None and len(self.arrivals[i]) == self.goal[i]:
                self.pending -= 1
                if self.pending == 0:
                    self.done.set()

    async def _one(self, i: int, gate: asyncio.Semaphore):
        import aiohttp
        import socketio
        local = (f"127.0.{1 + i % 250}.1", 0) if self.spread else None
        http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=local))
        sio = socketio.AsyncClient(http_session=http, reconnection=False)

        async def joined(_ack=None):
            with self.lock:
                self.joined += 1

        async def connected():
            await sio.emit("join", {"session": self.session_id}, namespace=NS, callback=joined)

        sio.on("connect", connected, namespace=NS)
        sio.on("state", lambda parts: self._state(i, parts), namespace=NS)
        async with gate:
            await sio.connect(self.base, namespaces=[NS], transports=["websocket"], wait_timeout=30)
        return sio, http

    def connect(self) -> float:
        t = time.perf_counter()

        async def all_of_them():
            gate = asyncio.Semaphore(50)
            return await asyncio.gather(*(self._one(i, gate) for i in range(self.n)))
        self.clients = self._run(all_of_them())
        self.wait(lambda: self.joined == self.n)
        return time.perf_counter() - t

    def wait(self, predicate, timeout=60.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                if predicate():
                    return
            if time.monotonic() > deadline:
                raise AssertionError("watchers timed out")
            time.sleep(0.01)

    def expect_one_more(self) -> None:
        """Arm the round: done is set when every watcher holds one more tally than now."""
        with self.lock:
            self.goal = [len(a) + 1 for a in self.arrivals]
            self.pending = self.n
            self.done.clear()

    def round_times(self, t0: float) -> list[float]:
        with self.lock:
            return [self.arrivals[i][self.goal[i] - 1] - t0 for i in range(self.n)]

    def close(self) -> None:
        async def all_of_them():
            for sio, http in self.clients:
                await sio.disconnect()
                await http.close()
        self._run(all_of_them())
        self.loop.call_soon_threadsafe(self.loop.stop)


def percentile(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(q * len(s))) - 1))]


def stack(clients: int):
    """The production stack of deploy/stack.sh, with threads enough for every client (a
    WebSocket holds one thread of its process for as long as it is open). The watchers
    connect from many loopback addresses (Watchers), so ip_hash shares them between the
    two processes and each vote crosses Redis to reach half of them."""
    root = tempfile.mkdtemp(prefix="traza-bench-stack-")
    port = _free_port()
    env = {**os.environ, "TRAZA_STACK_DIR": f"{root}/s", "TRAZA_STACK_PORT": str(port),
           "TRAZA_STACK_THREADS": str(clients + 100)}
    env.pop("FLASK_RUN_FROM_CLI", None)
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run(["bash", f"{here}/deploy/stack.sh", "up"], env=env, check=True, capture_output=True)

    class Stack:
        pid = None

        def stop(self):
            subprocess.run(["bash", f"{here}/deploy/stack.sh", "down"], env=env, capture_output=True)
    return Stack(), f"http://127.0.0.1:{port}"


def run(clients: int, votes: int, bare: float, through_stack: bool = False, worker: str = "gthread") -> None:
    proc, base = stack(clients) if through_stack else serve(clients, worker)
    try:
        chair = NetClient(base, SESSION, login(base, "rosa.quispe@minam.demo", PASSWORD)).connect()
        voter = NetClient(base, SESSION, login(base, "diego.ramos@redamazonica.demo", PASSWORD)).connect()
        watchers = Watchers(base, SESSION, clients, spread=through_stack)
        connect_s = watchers.connect()
        civil = NetClient(base, SESSION, login(base, "lucia.mendoza@redamazonica.demo", PASSWORD)).connect()
        # Ten days before its date and one member of seven: the co-chairs say why, each in turn.
        assert chair.call("start", reason="Banco de pruebas: la sesión se adelanta.")["ok"]
        assert voter.call("check_in")["ok"]
        for c in (chair, civil):
            assert c.call("override_quorum", reason="Banco de pruebas: vota un solo miembro.")["ok"]
        civil.close()
        assert chair.call("open_motion", text="Aprobar la agenda del día")["ok"]
        voter.wait_for(lambda c: c.state.get("motion"))
        motion = voter.state["motion"]["id"]
        watchers.wait(lambda: len(watchers.with_motion) == clients)
        to_last, each = [], []
        for i in range(votes):
            time.sleep(0.6)  # a voter's pace under the live rate limit (20 actions per 10 s)
            watchers.expect_one_more()
            t0 = time.perf_counter()
            assert voter.call("vote", motion=motion, option="yes" if i % 2 else "no")["ok"]
            assert watchers.done.wait(60), "a client never got the tally"
            got = watchers.round_times(t0)
            to_last.append(max(got))
            each.extend(got)
        print(f"{clients:4d} clients (connected in {connect_s:5.1f} s), {votes} votes: "
              f"{len(each)} of {clients * votes} tallies delivered")
        for label, xs in (("vote cast -> last client has tally", to_last), ("vote cast -> each delivery", each)):
            p50 = statistics.median(xs)
            print(f"  {label:36} p50 {p50 * 1000:8.1f} ms  p95 {percentile(xs, .95) * 1000:8.1f} ms  "
                  f"max {max(xs) * 1000:8.1f} ms  ×bare {p50 / bare:8.0f}")
        watchers.close()
        for c in (chair, voter):
            c.close()
    finally:
        if through_stack:
            proc.stop()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clients", type=int, nargs="*", default=[100, 500])
    ap.add_argument("--votes", type=int, default=30)
    ap.add_argument("--stack", action="store_true", help="through nginx, two app processes, Redis and PostgreSQL")
    ap.add_argument("--worker", choices=("gthread", "gevent"), default="gthread",
                    help="the gunicorn worker of the one-process mode (gevent: install gevent first)")
    args = ap.parse_args()
    bare = statistics.median(time_get(bare_app(), "/", 2000))
    print(f"bare Flask route (in process): p50 {bare * 1000:.3f} ms")
    for n in args.clients:
        run(n, args.votes, bare, args.stack, args.worker)


if __name__ == "__main__":
    main()
