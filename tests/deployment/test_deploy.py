"""The production stack as an operator brings it up (issue 17): `deploy/stack.sh up` starts
PostgreSQL, Redis, two app processes and nginx on loopback from the Debian packages; pages,
static files and a live session work through nginx; one app process dies and nginx keeps
serving from the other; a backup restores into a fresh database whose trail verifies;
`deploy/stack.sh down` leaves nothing running."""
import os
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest
import requests

from tests.helpers.live_net import NetClient, login
from tests.servers import _free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "deploy" / "stack.sh"
PASSWORD = "traza-demo-2019"


def env_of(root: Path) -> dict:
    out = {}
    for line in (root / "env").read_text().splitlines():
        name, _, value = line.partition("=")
        out[name] = value
    return out


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    root = tmp_path_factory.mktemp("stack") / "s"
    port = _free_port()
    env = {**os.environ, "TRAZA_STACK_DIR": str(root), "TRAZA_STACK_PORT": str(port)}
    env.pop("FLASK_RUN_FROM_CLI", None)
    up = subprocess.run(["bash", str(STACK), "up"], env=env, capture_output=True, text=True, timeout=300)
    assert up.returncode == 0, up.stdout + up.stderr
    assert f"Traza is up on http://127.0.0.1:{port}/" in up.stdout
    yield f"http://127.0.0.1:{port}", root, env
    down = subprocess.run(["bash", str(STACK), "down"], env=env, capture_output=True, text=True, timeout=120)
    assert down.returncode == 0, down.stdout + down.stderr
    assert not root.exists()
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)


def test_pages_and_static_files_come_through_nginx(stack):
    base, _root, _env = stack
    home = requests.get(base + "/", timeout=10)
    assert home.status_code == 200 and home.headers["Server"].startswith("nginx")
    assert home.headers.get("Content-Security-Policy")  # the app's own headers pass through
    css = next(part.split('"')[0] for part in home.text.split('href="') if part.startswith("/static/traza.css?v="))
    fresh = requests.get(base + css, timeout=10)
    assert fresh.status_code == 200 and "max-age=31536000" in fresh.headers["Cache-Control"]
    assert "immutable" in fresh.headers["Cache-Control"]
    assert requests.get(base + "/static/traza.css", timeout=10).headers["Cache-Control"] == "public, max-age=300"
    big = requests.post(base + "/account/login", data=b"x" * (3 * 1024 * 1024), timeout=10)
    assert big.status_code == 413  # nginx holds the same limit as the app


def test_the_log_comes_through_nginx_compressed_and_open_to_other_sites(stack):
    """C2SP tlog-tiles through the production stack: entry bundles gzip-compressed, every
    read of the log readable by a verifier on another site."""
    base, _root, _env = stack
    size = int(requests.get(base + "/trail/checkpoint", timeout=10).text.split("\n")[1])
    path = "/trail/tile/entries/000" + ("" if size >= 256 else f".p/{size}")
    bundle = requests.get(base + path, headers={"Accept-Encoding": "gzip"}, timeout=10)
    assert bundle.status_code == 200 and bundle.headers["Content-Encoding"] == "gzip"
    assert bundle.headers["Access-Control-Allow-Origin"] == "*" and len(bundle.content) > 2
    assert requests.get(base + "/trail/tile/00/000", timeout=10).status_code == 404


def test_a_live_session_through_nginx_survives_the_death_of_an_app_process(stack):
    base, root, _env = stack
    http = login(base, "rosa.quispe@minam.demo", PASSWORD)
    session_id = 2  # the demo's upcoming session
    chair = NetClient(base, session_id, http).connect()
    chair.wait_for(lambda c: c.joins >= 1 and "header" in c.state)
    assert chair.call("start", reason="Adelantada para probar el despliegue.") == {"ok": True}  # ten days early
    chair.wait_for(lambda c: c.state["header"]["status"] == "live")
    for pidfile in (root / "run").glob("app*.pid"):  # kill every app process but the last
        if pidfile.name != "app2.pid":  # gunicorn's master and its worker, as a crash or the OOM killer would
            os.killpg(os.getpgid(int(pidfile.read_text())), signal.SIGKILL)
    for _ in range(5):  # nginx passes each request on to the process still alive
        page = http.get(f"{base}/sessions/{session_id}", timeout=10)
        assert page.status_code == 200 and 'id="status"' in page.text
    chair.close()  # it may be reconnecting to the dead process: stop that too
    again = NetClient(base, session_id, http).connect()
    again.wait_for(lambda c: c.joins >= 1 and c.state.get("header", {}).get("status") == "live")
    again.close()


def test_a_backup_restores_into_a_fresh_database_whose_trail_verifies(stack, tmp_path):
    _base, root, env = stack
    settings = env_of(root)
    run_env = {**env, **settings}
    made = subprocess.run(["bash", str(ROOT / "deploy" / "backup.sh"), str(tmp_path / "backups")], env=run_env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert made.returncode == 0, made.stderr
    dump, keys = made.stdout.split()
    url = settings["TRAZA_DATABASE_URL"]
    port = url.rsplit(":", 1)[1].split("/")[0]
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-c", "CREATE DATABASE restored"],
                   check=True, capture_output=True)
    restored = {**run_env, "TRAZA_DATABASE_URL": url.rsplit("/", 1)[0] + "/restored",
                "TRAZA_INSTANCE_PATH": str(tmp_path / "instance")}
    back = subprocess.run(["bash", str(ROOT / "deploy" / "restore.sh"), dump, keys], env=restored,
                          capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert back.returncode == 0, back.stdout + back.stderr
    assert back.stdout.startswith("OK ")
    assert (tmp_path / "instance" / "trail-signing-key.pem").read_bytes() == \
        (root / "instance" / "trail-signing-key.pem").read_bytes()
    twice = subprocess.run(["bash", str(ROOT / "deploy" / "restore.sh"), dump, keys], env=restored,
                           capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert twice.returncode != 0 and "already holds a signing key" in twice.stderr  # never over a live one
