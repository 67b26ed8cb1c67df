"""The built wheel is the product: installed on its own (not editable, no checkout on the
path), it migrates a database and serves the pages, with their templates, styles and
translations."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]

CHECK = textwrap.dedent("""
    import re, sys
    import forum
    assert "site-packages" in forum.__file__, forum.__file__  # the wheel, not the checkout
    from forum import create_app
    app = create_app()
    c = app.test_client()
    home = c.get("/", headers={"Accept-Language": "es"})
    assert home.status_code == 200 and "Foros" in home.get_data(as_text=True), home.status_code
    assert c.get("/static/traza.css").status_code == 200
    forum_page = re.search(r'href="(/forums/\\d+)"', home.get_data(as_text=True)).group(1)
    page = c.get(forum_page).get_data(as_text=True)
    commitment = re.search(r'href="(/commitments/\\d+)"', c.get(forum_page + "/commitments").get_data(as_text=True))
    assert c.get(commitment.group(1)).status_code == 200
    log_wheel = re.search(r'href="(/trail/traza_log-[^"]+[.]whl)"', c.get("/trail/verify").get_data(as_text=True))
    assert c.get(log_wheel.group(1)).get_data()[:2] == b"PK"  # the log's own package, built from the installed app
    print("served", forum_page, commitment.group(1))
""")


def test_the_wheel_installs_migrates_and_serves(tmp_path):
    wheels, venv = tmp_path / "wheels", tmp_path / "venv"
    run = lambda *cmd, **kw: subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=600, **kw)  # noqa: E731
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT))
    run(sys.executable, "-m", "venv", str(venv))
    python = str(venv / "bin" / "python")
    (wheel,) = wheels.glob("traza-*.whl")
    # Without PYTHONPATH: a checkout on it (PYTHONPATH=$PWD) shows pip the traza.egg-info the build
    # just left there, and pip would take the wheel as already installed.
    alone = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel), env=alone)
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path),
           "TRAZA_DATABASE_URL": f"sqlite:///{tmp_path / 'traza.db'}", "TRAZA_SECRET_KEY": "wheel-test"}
    up = run(python, "-m", "flask", "--app", "forum", "up", "--no-serve", env=env, cwd=tmp_path)
    assert "Loaded the demo data set." in up.stdout
    served = run(python, "-c", CHECK, env=env, cwd=tmp_path)
    assert served.stdout.startswith("served /forums/")
    # The log's own package is in the wheel, and the commands run from it.
    helped = run(str(venv / "bin" / "traza-verify"), "--help", env=env, cwd=tmp_path)
    assert "receipt RECEIPT --key KEY" in helped.stdout
    assert "cosign" in run(str(venv / "bin" / "traza-witness"), "--help", env=env, cwd=tmp_path).stdout
    pyz = run(python, "-m", "trazalog.zipapp", str(tmp_path / "v.pyz"), env=env, cwd=tmp_path)
    assert len(pyz.stdout.strip()) == 64 and "site-packages" in run(
        python, "-c", "import trazalog; print(trazalog.__file__)", env=env, cwd=tmp_path).stdout
