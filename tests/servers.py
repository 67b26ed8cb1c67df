"""Throwaway database servers for the tests, started from the Debian packages.

`scripts/test` installs them. A missing server fails the run (never a silent skip); run
`pytest -k sqlite` to choose the SQLite half on purpose.
"""
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from contextlib import contextmanager

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing(what: str):
    pytest.fail(f"{what} is missing: `bash scripts/test` installs it (or run `pytest -k sqlite`)", pytrace=False)


@contextmanager
def postgres():
    """Yield a SQLAlchemy URL to a fresh PostgreSQL cluster on loopback; remove it after."""
    if url := os.environ.get("TRAZA_TEST_DATABASE_URL"):
        yield url
        return
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        missing("PostgreSQL (Debian package postgresql)")
    bindir = os.path.dirname(bins[-1])
    root = tempfile.mkdtemp(prefix="traza-pg-")
    data, port = os.path.join(root, "data"), _free_port()
    as_user = []
    if os.geteuid() == 0:  # initdb refuses to run as root: use the package's system user
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True)  # noqa: E731
    run(f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync")
    run(f"{bindir}/pg_ctl", "-D", data, "-w", "-l", os.path.join(root, "log"), "-o",
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start")
    try:  # `pg_ctl -w` returned only once the server accepts connections
        base = f"postgresql+psycopg://postgres@127.0.0.1:{port}"
        run(f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "traza_test")
        yield f"{base}/traza_test"
    finally:
        subprocess.run([*as_user, f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


class RedisServer:
    """A throwaway redis-server on loopback (no persistence) that a test may stop and start
    again on the same port, as an outage would."""

    def __init__(self):
        debian = "/usr/bin/redis-server"
        self.binary = shutil.which("redis-server") or (debian if os.path.exists(debian) else None)
        if self.binary is None:
            missing("Redis (Debian package redis-server)")
        self.root, self.port, self.proc = tempfile.mkdtemp(prefix="traza-redis-"), _free_port(), None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        self.proc = subprocess.Popen([self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", self.root],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        wait_for_line(self.proc, "Ready to accept connections", "Redis")
        return self

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()  # an outage, not a shutdown
            self.proc.wait(10)
            self.proc = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def redis():
    """Yield a URL to a throwaway redis-server on loopback (no persistence); stop it after."""
    if url := os.environ.get("TRAZA_TEST_REDIS_URL"):
        yield url
        return
    server = RedisServer().start()
    try:
        yield server.url
    finally:
        server.remove()


def create_database(url: str, name: str) -> str:
    """A fresh database beside the test one on the same server; returns its URL."""
    from sqlalchemy import create_engine, text
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.rsplit("/", 1)[0] + "/" + name


def wait_for_line(proc, marker: str, what: str, sink=None, seconds: float = 60) -> None:
    """Block until the process prints `marker` on its piped output (it says itself that it
    is ready: no polling), then keep copying what it prints to `sink` (or drop it) so its
    pipe never fills. Fails if it exits or stays silent about it for `seconds`."""
    ready = threading.Event()

    def pump():
        for raw in iter(proc.stdout.readline, b""):
            if sink is not None:
                sink.write(raw)
                sink.flush()
            if marker.encode() in raw:
                ready.set()
        proc.stdout.close()
        if sink is not None:
            sink.close()

    threading.Thread(target=pump, daemon=True).start()
    if not ready.wait(seconds):
        raise RuntimeError(f"{what} did not say it was ready ({marker!r})")
