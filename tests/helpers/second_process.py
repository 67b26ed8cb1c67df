"""A second app process on the test's database, reached over HTTP: what two processes behind
nginx are. Two Flask apps in one Python process are not two processes — the remembered pages,
the per-reader memos and every module-level cache are shared between them, so a copy one
"instance" kept is the copy the other serves — and a read-after-write test run that way cannot
see a process serving what it remembered from before another process's write."""
import json
import subprocess
import sys
from contextlib import contextmanager
from datetime import datetime

import requests

from tests.snapshots import test_config

UA = "traza-two-processes"  # the login is bound to the user agent ("strong" protection): one for both
SERVER = """
import json, logging, sys
from datetime import datetime
from werkzeug.serving import make_server
from forum import create_app
from forum.core.clock import frozen_at
logging.getLogger("werkzeug").setLevel(logging.ERROR)
app = create_app(json.loads(sys.argv[1]))
at, inner = datetime.fromisoformat(sys.argv[2]), app.wsgi_app


def frozen(environ, start_response):  # every request at the test's instant, the body made in it
    with frozen_at(at):
        return list(inner(environ, start_response))


app.wsgi_app = frozen
server = make_server("127.0.0.1", 0, app, threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""


@contextmanager
def second_process(app, at: datetime):
    """The base URL of a WSGI server running the app on `app`'s database in a process of its
    own (its own page cache and memos, its own connections), stopped on leaving. Its clock is
    frozen at `at`, as the test's is: a page that says how long ago something happened is the
    same in both processes."""
    config = {**test_config(app.config["SQLALCHEMY_DATABASE_URI"], app.instance_path),
              "SECRET_KEY": app.config["SECRET_KEY"], "RATELIMIT_ENABLED": False}
    proc = subprocess.Popen([sys.executable, "-c", SERVER, json.dumps(config), at.isoformat()],
                            stdout=subprocess.PIPE, text=True)
    try:
        port = proc.stdout.readline().strip()
        assert port.isdigit(), "the second process did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()


class Browser:
    """One person's browser, whose requests nginx sends to either process: `here` is the test's
    own app (a tests.conftest.Client), `there` the second process; both carry the same cookie."""

    def __init__(self, here, base: str):
        self.here, self.base = here, base
        here.raw.environ_base["HTTP_USER_AGENT"] = UA
        self.there = requests.Session()
        self.there.headers.update({"User-Agent": UA, "Accept-Language": "en"})

    def login(self, email: str) -> None:
        self.here.login(email)
        self._share()

    def _share(self) -> None:
        cookie = self.here.raw.get_cookie(self.here.app.config.get("SESSION_COOKIE_NAME", "session"))
        if cookie is not None:
            self.there.cookies.set(cookie.key, cookie.value, domain="127.0.0.1", path="/")

    def get_there(self, url: str) -> requests.Response:
        resp = self.there.get(self.base + url, allow_redirects=False, timeout=30)
        resp.raise_for_status()
        return resp

    def post_there(self, url: str, data: dict) -> requests.Response:
        token = self.get_there("/account/forgot").text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        resp = self.there.post(self.base + url, data={**data, "csrf_token": token}, allow_redirects=False, timeout=30)
        if resp.status_code == 302:  # where the browser goes next, with the message shown once
            self.get_there(resp.headers["Location"].removeprefix(self.base))
        return resp
