"""The demo as a newcomer starts it (issue 25): `flask --app forum up` says where its e-mail
goes, prints each message to the console, and greets nobody with Werkzeug's red warning
against production use — it is a demo, and deployments run gunicorn."""
import http.cookiejar
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import urllib.parse
import urllib.request

import pytest

from forum.extensions import db

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Console:
    """The server's output, line by line, as a person watching the terminal reads it."""

    def __init__(self, proc):
        self.lines: list[str] = []
        self._queue: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [self._queue.put(line) for line in proc.stdout], daemon=True).start()

    def until(self, text: str, timeout: float = 90) -> str:
        while not any(text in line for line in self.lines):
            self.lines.append(self._queue.get(timeout=timeout))  # queue.Empty: it never came
        return "".join(self.lines)


@pytest.mark.parametrize("database_kind", ["sqlite"])
def test_the_demo_says_where_its_mail_goes_and_prints_no_production_warning(app, make, tmp_path):
    from flask_migrate import stamp
    user = make.user(email="ana@example.org")
    with app.app_context():
        stamp(directory=app.extensions["migrate"].directory)  # the tables exist: `up` has nothing to migrate
    db.session.commit()
    port = _free_port()
    env = {**os.environ, "TRAZA_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "TRAZA_INSTANCE_PATH": str(tmp_path / "instance"), "PYTHONUNBUFFERED": "1"}
    env.pop("TRAZA_SECRET_KEY", None)
    proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "forum", "up", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        console = Console(proc)
        banner = console.until("Traza is running on")
        outbox = str(tmp_path / "instance" / "outbox")
        assert f"E-mail is not sent: each message is printed here and saved in {outbox}" in banner

        base = f"http://127.0.0.1:{port}"
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        browser.addheaders = [("Accept-Language", "en")]
        page = browser.open(f"{base}/account/forgot", timeout=30).read().decode()
        token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"email": user.email, "csrf_token": token}).encode()
        assert browser.open(f"{base}/account/forgot", data=form, timeout=30).status == 200

        printed = console.until("--- saved as")
        assert f"e-mail to {user.email}: Reset your Traza password" in printed and "/account/reset/" in printed
        assert len(os.listdir(outbox)) == 1
        assert "production" not in printed.lower() and "development server" not in printed.lower(), printed
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stdout.close()
