"""The log as a package of its own (issue 26.6): `traza-log`, built offline from
trazalog/pyproject.toml, holds trazalog's modules and nothing else, asks for nothing but
`cryptography`, and — installed in a Python where neither Flask nor SQLAlchemy exists —
its `traza-verify` command says OK to the app's export and FAIL to a tampered one."""
import hashlib
import importlib.metadata
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.trail import test_verifier
from tests.trail.test_checkpoints import _rewrite
from trazalog import dist

ROOT = Path(__file__).resolve().parents[2]
signed = test_verifier.signed  # an export of the app's trail with two signed checkpoints, and the log key


def _build(out: Path) -> Path:
    """What an auditor types in a checkout: no network, no build tool installed first."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "--disable-pip-version-check", "--quiet", "-w", str(out), str(ROOT / "trazalog")],
                   check=True, capture_output=True, timeout=120)
    (wheel,) = out.glob("*.whl")
    return wheel


def test_the_log_wheel_holds_only_the_log_and_asks_only_for_cryptography(tmp_path):
    wheel = _build(tmp_path)
    assert wheel.name == "traza_log-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        meta = zf.read("traza_log-0.1.0.dist-info/METADATA").decode()
        scripts = zf.read("traza_log-0.1.0.dist-info/entry_points.txt").decode()
    assert sorted(n for n in names if not n.startswith("traza_log-0.1.0.dist-info/")) == \
        sorted(f"trazalog/{p.name}" for p in (ROOT / "trazalog").glob("*.py"))
    assert "Name: traza-log\n" in meta
    requires = [line.split(": ", 1)[1] for line in meta.splitlines() if line.startswith("Requires-Dist:")]
    app = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    assert requires == [d for d in app if d.startswith("cryptography")] == ["cryptography>=42"]
    assert "traza-verify = trazalog.verify:main" in scripts and "traza-witness = trazalog.witness:main" in scripts
    # Reproducible: the bytes pip built are the bytes anyone rebuilds.
    assert wheel.read_bytes() == dist.wheel()[1]


def _install_from_this_python(name: str, site: Path) -> None:
    """Install an already installed distribution and what it requires into `site`, file by
    file from its RECORD: cryptography without the network, and without the rest of this
    Python (Flask, SQLAlchemy) that a --system-site-packages venv would let through."""
    found = importlib.metadata.distribution(name)
    for f in found.files or ():
        source = Path(str(found.locate_file(f)))
        if source.is_file() and not str(f).startswith(".."):
            (site / f).parent.mkdir(parents=True, exist_ok=True)
            if not (site / f).exists():
                os.symlink(source, site / f)
    for req in map(Requirement, found.requires or ()):
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            _install_from_this_python(req.name, site)


@pytest.mark.slow
@pytest.mark.parametrize("database_kind", ["sqlite"], indirect=True)  # the wheel is the subject, not the database
def test_the_log_wheel_verifies_an_export_where_neither_flask_nor_sqlalchemy_is(signed, client, tmp_path):
    """The auditor's way: the package the Verify page offers (the very bytes a checkout
    builds), installed with pip in a Python that has only it and `cryptography`."""
    lines, key = signed
    (tmp_path / "trail.jsonl").write_text("".join(lines), encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("".join(_rewrite(lines, 2, lambda d: d.update(action="x"))), "utf-8")
    built = _build(tmp_path / "built")
    page = client.get("/trail/verify").get_data(as_text=True)
    url = f"http://localhost/trail/{built.name}"
    assert f"python3 -m pip install {url}" in page and hashlib.sha256(built.read_bytes()).hexdigest() in page
    served = client.get(url)
    assert served.status_code == 200 and served.get_data() == built.read_bytes()
    assert client.get("/trail/traza_log-0.0.1-py3-none-any.whl").status_code == 404
    wheel = tmp_path / "wheels" / built.name
    wheel.parent.mkdir()
    wheel.write_bytes(served.get_data())
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "--disable-pip-version-check", "--quiet", str(wheel)], check=True, capture_output=True,
                   timeout=120)
    (site,) = (venv / "lib").glob("python3.*/site-packages")
    _install_from_this_python("cryptography", site)
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}

    def run(*args):
        return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120, cwd=tmp_path,
                              env=env)
    for absent in ("flask", "sqlalchemy", "forum"):
        assert "No module named" in run(python, "-c", f"import {absent}").stderr
    where = run(python, "-c", "import trazalog; print(trazalog.__file__)").stdout
    assert where.startswith(str(site)), where
    ok = run(venv / "bin" / "traza-verify", "trail.jsonl", "--key", key)
    assert ok.returncode == 0 and ok.stdout.startswith("OK "), ok.stdout + ok.stderr
    bad = run(venv / "bin" / "traza-verify", "bad.jsonl", "--key", key)
    assert bad.returncode == 1 and bad.stdout.startswith("FAIL entry 3: edited"), bad.stdout + bad.stderr
    helped = run(venv / "bin" / "traza-witness", "--help")
    assert helped.returncode == 0 and "cosign" in helped.stdout
