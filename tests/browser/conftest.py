"""A live Traza server on loopback and Debian's chromium driven by Playwright.

Never `playwright install`: the browser is the system's /usr/bin/chromium. A missing
browser is a failure, not a skip: `bash scripts/test` installs it.
"""
import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from forum import create_app
from forum.extensions import db

CHROMIUM = os.environ.get("TRAZA_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture
def live_server(live):
    return live[0]


@pytest.fixture
def live(tmp_path):
    """(URL, app): the real app with demo data and production cookie settings (Secure
    included: chromium treats 127.0.0.1 as a secure context). Tests that must set the
    scene through the services use the app."""
    yield from serve_demo(tmp_path)


@pytest.fixture(scope="module")
def live_module(tmp_path_factory):
    """`live`, shared by a module's tests that only read (a crawl changes nothing: GETs
    write no rows, tests/permissions/test_permissions.py checks it), so the demo is seeded once."""
    yield from serve_demo(tmp_path_factory.mktemp("live"))


def serve_demo(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.db'}",
                      "SECRET_KEY": "browser-test", "INSTANCE_PATH": str(tmp_path / "instance")})
    with app.app_context():
        db.create_all()
        from forum.demo import seed
        seed()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", app
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `bash scripts/test` installs Debian's chromium", pytrace=False)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))  # a script crashed
    # A missing stylesheet, script or icon is a bug; a page answering 400 to a bad form is not.
    pg.on("response", lambda r: errors.append(f"{r.status} {r.url}")
          if r.status >= 400 and r.request.resource_type != "document" else None)
    yield pg
    context.close()
    assert errors == [], f"browser errors: {errors}"
