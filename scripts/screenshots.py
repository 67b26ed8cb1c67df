"""Screenshots of the main pages for the README, made from the demo data set.

    python scripts/screenshots.py [--out docs/screenshots]

Starts Traza on a throwaway SQLite database with the demo loaded, opens Debian's chromium
(never `playwright install`) and saves each page at desktop width and at 360 px, in
Spanish, the language of most users. Run it after changing a page's look.
"""
import argparse
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
PAGES = [  # (file name, path, who is logged in)
    ("home", "/", None),
    ("forum", "/forums/1", None),
    ("proposal", "/proposals/1", None),
    ("commitment", "/commitments/1", None),
    ("cycle", "/cycles/2019-2021", None),
    ("session-live", "/sessions/2", "rosa.quispe@minam.demo"),
    ("inbox", "/inbox", "lucia.mendoza@redamazonica.demo"),
    ("verify", "/trail/verify", None),
]


def serve(tmp: Path):
    from forum import create_app
    from forum.demo import seed
    from forum.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'shots.db'}", "SECRET_KEY": "screenshots",
                      "INSTANCE_PATH": str(tmp / "instance"), "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        seed()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(ap.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    from forum.demo import DEMO_PASSWORD
    with tempfile.TemporaryDirectory() as tmp:
        server = serve(Path(tmp))
        base = f"http://127.0.0.1:{server.server_port}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            for width, height, suffix in ((1280, 900, ""), (360, 740, "-phone")):
                for name, path, who in PAGES:
                    context = browser.new_context(locale="es-PE", viewport={"width": width, "height": height})
                    page = context.new_page()
                    if who:
                        page.goto(base + "/account/login")
                        page.fill("input[name=email]", who)
                        page.fill("input[name=password]", DEMO_PASSWORD)
                        page.click("main button[type=submit]")
                        page.wait_for_load_state()
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}{suffix}.png"
                    page.screenshot(path=str(target), full_page=False)
                    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
                    context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
