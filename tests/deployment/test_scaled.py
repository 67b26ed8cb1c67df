"""The scaled deployment, for real: two gunicorn processes on PostgreSQL with a Redis
message queue. A member on one process and a co-chair on the other see each other's
actions live; one process is killed and restarted mid-vote, and its clients reconnect on
their own to the same state."""
import os
import signal
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from tests.helpers.live_net import NetClient, login
from tests.servers import RedisServer, _free_port, create_database, wait_for_line

pytestmark = pytest.mark.slow
PASSWORD = "traza-demo-2019"


@pytest.fixture(scope="module")
def deployment(postgres_url, tmp_path_factory):
    root = tmp_path_factory.mktemp("scaled")
    queue = RedisServer().start()
    try:
        database = create_database(postgres_url, "traza_scaled")
        env = {**os.environ, "TRAZA_DATABASE_URL": database,
               "TRAZA_MESSAGE_QUEUE": queue.url, "TRAZA_SECRET_KEY": "one-secret-for-every-process",
               "TRAZA_INSECURE_COOKIES": "1", "INSTANCE_PATH": str(root)}
        env.pop("FLASK_RUN_FROM_CLI", None)
        # Migrations and demo data on PostgreSQL, exactly as an operator would run them.
        subprocess.run([sys.executable, "-m", "flask", "--app", "forum", "up", "--no-serve"], env=env, check=True,
                       capture_output=True, timeout=300)
        procs = {}
        engine = create_engine(database)
        with engine.connect() as conn:  # the demo's upcoming session, found by what it is
            # (the soonest: the demo also announces sessions months ahead, demo/minimum_requirements.py)
            upcoming = conn.execute(text("SELECT id FROM forum_sessions WHERE status = 'scheduled' "
                                         "ORDER BY starts_at, id LIMIT 1")).scalar_one()
        engine.dispose()

        def start(name, port=None):
            port = port or _free_port()
            proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-w", "1", "-k", "gthread", "--threads", "50", "--no-control-socket",
                 "-b", f"127.0.0.1:{port}", "forum.wsgi:app"], env=env, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, start_new_session=True)
            procs[name] = (proc, port)
            # Once it listens, connections queue until the worker takes them: nothing to poll.
            wait_for_line(proc, "Listening at", f"gunicorn {name}", open(root / f"{name}.log", "ab"))
            return f"http://127.0.0.1:{port}"

        def stop(name):
            proc, port = procs.pop(name)
            os.killpg(proc.pid, signal.SIGKILL)  # a crash of master and worker, not a polite shutdown
            proc.wait(20)
            return port

        yield start, stop, upcoming, queue
        for proc, _port in procs.values():
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(20)
    finally:
        queue.remove()


EARLY = "La sesión se adelantó para probar el despliegue."
WAIVE = "Prueba de despliegue: faltan miembros."


def test_two_processes_share_one_live_session_and_survive_a_restart(deployment):
    start, stop, upcoming, _redis = deployment
    a, b = start("a"), start("b")
    chair = NetClient(b, upcoming, login(b, "rosa.quispe@minam.demo", PASSWORD)).connect()
    member = NetClient(a, upcoming, login(a, "diego.ramos@redamazonica.demo", PASSWORD)).connect()
    observer = NetClient(a, upcoming).connect()
    for c in (chair, member, observer):
        c.wait_for(lambda c: c.joins == 1 and "header" in c.state)

    assert chair.call("start", reason=EARLY) == {"ok": True}  # handled by process b ...
    observer.wait_for(lambda c: c.state["header"]["status"] == "live")  # ... heard on process a
    assert member.call("check_in") == {"ok": True}  # a -> b
    chair.wait_for(lambda c: any(m["present"] for m in c.state["attendance"]["members"]
                                 if m["name"] == "Diego Ramos"))
    civil = NetClient(a, upcoming, login(a, "lucia.mendoza@redamazonica.demo", PASSWORD)).connect()
    for c in (chair, civil):  # one member of seven: both co-chairs decide to vote anyway
        assert c.call("override_quorum", reason=WAIVE) == {"ok": True}
    civil.close()
    assert chair.call("open_motion", text="Aprobar la agenda del día", rule="simple") == {"ok": True}
    member.wait_for(lambda c: c.state.get("motion") is not None)
    motion_id = member.state["motion"]["id"]
    assert member.call("vote", motion=motion_id, option="yes") == {"ok": True}
    chair.wait_for(lambda c: c.state["motion"]["tally"]["ballots"] == 1)

    port = stop("b")  # process b dies mid-vote; its clients lose the connection
    start("b", port)  # and it comes back on the same address
    chair.wait_for(lambda c: c.joins >= 2, timeout=30)  # reconnected and re-joined on its own
    chair.wait_for(lambda c: c.state["motion"] and c.state["motion"]["tally"]["ballots"] == 1)
    assert chair.state["header"]["status"] == "live"

    assert chair.call("close_motion", motion=motion_id) == {"ok": True}
    observer.wait_for(lambda c: c.state["decisions"] and c.state["decisions"][-1]["result"]["carried"])
    assert [r["name"] for r in observer.state["decisions"][-1]["roll_call"]] == ["Diego Ramos"]
    assert member.errors == [] and chair.errors == []
    for c in (chair, member, observer):
        c.close()


def test_a_rate_limit_holds_across_processes(deployment):
    """Failed logins for one account spread over two processes count together (in Redis):
    the eleventh is refused whichever process receives it."""
    import re

    import requests

    from tests.helpers.live_net import UA
    start, _stop, _upcoming, _redis = deployment
    bases = [start("c"), start("d")]
    http = requests.Session()
    http.headers["User-Agent"] = UA
    token = re.search(r'name="csrf-token" content="([^"]+)"',
                      http.get(bases[0] + "/account/login", timeout=10).text).group(1)

    def attempt(base):
        return http.post(base + "/account/login", data={"email": "diego.ramos@redamazonica.demo",
                                                        "password": "wrong password", "csrf_token": token},
                         allow_redirects=False, timeout=10).status_code
    assert [attempt(bases[i % 2]) for i in range(10)] == [400] * 10
    assert attempt(bases[0]) == 429 and attempt(bases[1]) == 429


def test_votes_are_kept_while_redis_is_away_and_live_updates_return_with_it(deployment):
    """Redis carries live updates between processes and the rate-limit counts; the database
    holds the truth. With Redis gone, pages still serve, a vote is still recorded and the
    authoritative state is there over HTTP; once Redis is back, updates cross processes again."""
    import requests

    start, _stop, upcoming, redis_server = deployment
    e, f = start("e"), start("f")
    chair = NetClient(f, upcoming, login(f, "rosa.quispe@minam.demo", PASSWORD)).connect()
    # The civil-society co-chair votes here (the rate-limit test may have locked Diego's logins).
    member = NetClient(e, upcoming, login(e, "lucia.mendoza@redamazonica.demo", PASSWORD)).connect()
    for c in (chair, member):
        c.wait_for(lambda c: c.joins >= 1 and "header" in c.state)
    if chair.state["header"]["status"] != "live":
        assert chair.call("start", reason=EARLY) == {"ok": True}
    member.wait_for(lambda c: c.state["header"]["status"] == "live")
    member.call("check_in")
    for c in (chair, member):  # unless the first test already did (then: "already recorded")
        c.call("override_quorum", reason=WAIVE)
    assert chair.call("open_motion", text="Votación durante un corte de Redis", rule="simple") == {"ok": True}
    member.wait_for(lambda c: c.state.get("motion") and c.state["motion"]["text"].startswith("Votación durante"))
    motion_id = member.state["motion"]["id"]

    redis_server.stop()
    assert member.call("vote", motion=motion_id, option="yes") == {"ok": True}  # recorded all the same
    for base in (e, f):
        assert requests.get(f"{base}/sessions/{upcoming}", timeout=10).status_code == 200
        shown = requests.get(f"{base}/sessions/{upcoming}.json", timeout=10).json()
        assert shown["motion"]["id"] == motion_id and shown["motion"]["tally"]["ballots"] == 1

    redis_server.start()  # the same port: the processes reconnect on their own
    seen = chair.changes
    for option in ("no", "yes", "no", "yes", "no", "yes"):  # until the listener is back (it retries 1 s, 2 s, 4 s…)
        assert member.call("vote", motion=motion_id, option=option) == {"ok": True}
        try:
            chair.wait_for(lambda c: c.changes > seen, timeout=5)
            break
        except AssertionError:
            continue
    chair.wait_for(lambda c: c.changes > seen, timeout=15)  # live again across processes
    assert chair.call("close_motion", motion=motion_id) == {"ok": True}
    for c in (chair, member):
        c.close()
