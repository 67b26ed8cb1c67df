"""A python-socketio client of /live over the network, as a browser would be: it logs in
over HTTP, connects with the same cookie, re-joins its session after every reconnect, and
keeps the merged state it was sent. Used by the scaled-deployment tests and bench/live.py."""
import re
import threading
import time
import weakref

import requests
import socketio

NS = "/live"
UA = "traza-net-client"  # the login session is bound to the user agent ("strong" protection)


def login(base: str, email: str, password: str) -> requests.Session:
    http = requests.Session()
    http.headers["User-Agent"] = UA
    page = http.get(base + "/account/login", timeout=10).text
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    resp = http.post(base + "/account/login", data={"email": email, "password": password, "csrf_token": token},
                     allow_redirects=False, timeout=10)
    if resp.status_code != 302:
        raise RuntimeError(f"login of {email} failed: {resp.status_code}")
    return http


_open: "weakref.WeakSet[NetClient]" = weakref.WeakSet()


def close_all() -> None:
    """Stop every client a test left behind (tests/conftest.py, after each test). A client
    whose server died keeps reconnecting on a thread of its own, drawing its jitter from the
    global `random`, which Hypothesis, in a later test of the same worker, takes for a
    strategy that uses `random` and fails as flaky."""
    for client in list(_open):
        client.close()


class NetClient:
    def __init__(self, base: str, session_id: int, http: requests.Session | None = None):
        self.base, self.session_id = base, session_id
        self.cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies) if http else ""
        self.state: dict = {}
        self.you: dict = {}
        self.errors: list = []
        self.changes = 0  # number of "state" messages received
        self.joins = 0
        self.cond = threading.Condition()
        self.on_state = None  # optional hook(client, parts), called on the client's thread
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1,
                                   reconnection_attempts=60)  # a minute: never forever
        _open.add(self)
        self.sio.on("connect", self._connected, namespace=NS)
        self.sio.on("state", self._state, namespace=NS)
        self.sio.on("you", self._you, namespace=NS)
        self.sio.on("error", self._error, namespace=NS)

    def connect(self, transport="websocket"):
        headers = {"User-Agent": UA}
        if self.cookie:
            headers["Cookie"] = self.cookie
        self.sio.connect(self.base, headers=headers, namespaces=[NS], transports=[transport], wait_timeout=10)
        return self

    def _connected(self):
        self.sio.emit("join", {"session": self.session_id}, namespace=NS, callback=self._joined)

    def _joined(self, _ack):
        with self.cond:
            self.joins += 1
            self.cond.notify_all()

    def _state(self, parts):
        with self.cond:
            self.state.update(parts)
            self.changes += 1
            self.cond.notify_all()
        if self.on_state:
            self.on_state(self, parts)

    def _you(self, data):
        with self.cond:
            self.you.update(data)
            self.cond.notify_all()

    def _error(self, data):
        with self.cond:
            self.errors.append(data)
            self.cond.notify_all()

    def call(self, event: str, timeout: float = 15.0, **fields) -> dict:
        return self.sio.call(event, {"session": self.session_id, **fields}, namespace=NS, timeout=timeout)

    def wait_for(self, predicate, timeout=15.0):
        deadline = time.monotonic() + timeout
        with self.cond:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out; state was {self.state!r}")
                self.cond.wait(left)

    def close(self):
        """Disconnect, or stop reconnecting if the server went away."""
        self.sio.shutdown()
        _open.discard(self)
