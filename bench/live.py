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
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from bench.common import bare_app, time_get
from tests.live_net import NetClient, login
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


_source = threading.local()
_connect = socket.socket.connect


def _connect_from(sock, address):
    """Connect from the calling thread's loopback address, if it chose one (see spread())."""
    src = getattr(_source, "address", None)
    if src and sock.family == socket.AF_INET:
        sock.bind((src, 0))
    return _connect(sock, address)


def spread(i: int) -> None:
    """Make the next connections of this thread come from 127.0.<i>.1, as people on many
    networks would: nginx's ip_hash keys on the first three octets, so the bench's clients
    spread over the app processes instead of all landing on one."""
    _source.address = f"127.0.{1 + i % 250}.1"


def percentile(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(q * len(s))) - 1))]


def stack(clients: int):
    """The production stack of deploy/stack.sh, with threads enough for every client (a
    WebSocket holds one thread of its process for as long as it is open). The watchers
    connect from many loopback addresses (spread()), so ip_hash shares them between the
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
        arrivals: dict[int, list[float]] = {}
        lock = threading.Lock()

        def on_state(client, parts):
            if "motion" in parts:
                with lock:
                    arrivals.setdefault(id(client), []).append(time.perf_counter())

        t = time.perf_counter()
        watchers = []
        for i in range(clients):
            if through_stack:
                spread(i)
            c = NetClient(base, SESSION)
            c.on_state = on_state
            watchers.append(c.connect())
        _source.address = None
        for c in watchers:
            c.wait_for(lambda c: c.joins >= 1, timeout=60)
        connect_s = time.perf_counter() - t
        assert chair.call("start")["ok"] and voter.call("check_in")["ok"]
        assert chair.call("open_motion", text="Aprobar la agenda del día")["ok"]
        voter.wait_for(lambda c: c.state.get("motion"))
        motion = voter.state["motion"]["id"]
        for c in watchers:
            c.wait_for(lambda c: c.state.get("motion"), timeout=60)
        to_last, each = [], []
        for i in range(votes):
            time.sleep(0.6)  # a voter's pace under the live rate limit (20 actions per 10 s)
            with lock:
                base_counts = {id(c): len(arrivals.get(id(c), [])) for c in watchers}
            t0 = time.perf_counter()
            assert voter.call("vote", motion=motion, option="yes" if i % 2 else "no")["ok"]
            deadline = time.monotonic() + 60
            while True:
                with lock:
                    done = all(len(arrivals.get(id(c), [])) > base_counts[id(c)] for c in watchers)
                if done or time.monotonic() > deadline:
                    break
                time.sleep(0.0005)
            assert done, "a client never got the tally"
            with lock:
                got = [arrivals[id(c)][base_counts[id(c)]] - t0 for c in watchers]
            to_last.append(max(got))
            each.extend(got)
        print(f"{clients:4d} clients (connected in {connect_s:5.1f} s), {votes} votes:")
        for label, xs in (("vote cast -> last client has tally", to_last), ("vote cast -> each delivery", each)):
            p50 = statistics.median(xs)
            print(f"  {label:36} p50 {p50 * 1000:8.1f} ms  p95 {percentile(xs, .95) * 1000:8.1f} ms  "
                  f"max {max(xs) * 1000:8.1f} ms  ×bare {p50 / bare:8.0f}")
        for c in [chair, voter, *watchers]:
            c.close()
    finally:
        if through_stack:
            proc.stop()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main():
    socket.socket.connect = _connect_from  # type: ignore[method-assign]
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
