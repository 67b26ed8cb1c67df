"""The log as its own distribution, `traza-log`: a PEP 517 build backend for
trazalog/pyproject.toml, so `pip wheel ./trazalog` or `pip install ./trazalog` gives an
auditor the `traza-verify` and `traza-witness` commands with `cryptography` as the only
dependency — without the app, and without the network (it needs no build tool: the
project metadata is read from pyproject.toml and the wheel written with the standard
library).

Why not setuptools: a clean Python 3.11 has setuptools 65 without `wheel`, which cannot
build a wheel offline, and setuptools would write its build/ and egg-info folders into
this package's own folder. The wheel's bytes are reproducible like traza-verify.pyz's
(files in name order, one fixed date and mode, stored uncompressed), so
`python3 -m trazalog.dist DIR` rebuilds it and prints the SHA-256 anyone can compare.

Loaded by pip as the top-level module `dist` (backend-path "."): standard library only."""
import base64
import gzip
import hashlib
import io
import re
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
_EPOCH = (1980, 1, 1, 0, 0, 0)


def _project() -> dict:
    return tomllib.loads((HERE / "pyproject.toml").read_text("utf-8"))["project"]


def _stem() -> str:
    """`traza_log-0.1.0`: the name as wheel and sdist file names spell it."""
    p = _project()
    return f"{re.sub(r'[-_.]+', '_', p['name']).lower()}-{p['version']}"


def sources() -> list[Path]:
    """The package's modules, in name order: what the wheel and traza-verify.pyz hold."""
    return sorted(HERE.glob("*.py"))


def metadata() -> dict[str, bytes]:
    """The .dist-info files but RECORD, from [project] in pyproject.toml."""
    p = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {p['name']}", f"Version: {p['version']}",
             f"Summary: {p['description']}", f"License: {p['license']['text']}",
             f"Requires-Python: {p['requires-python']}", *(f"Requires-Dist: {d}" for d in p["dependencies"])]
    scripts = "".join(f"{name} = {target}\n" for name, target in sorted(p["scripts"].items()))
    return {"METADATA": ("\n".join(lines) + "\n").encode(),
            "WHEEL": b"Wheel-Version: 1.0\nGenerator: trazalog.dist\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
            "entry_points.txt": f"[console_scripts]\n{scripts}".encode()}


def wheel() -> tuple[str, bytes]:
    """(file name, bytes) of the traza-log wheel."""
    info = f"{_stem()}.dist-info"
    files = [(f"trazalog/{p.name}", p.read_bytes()) for p in sources()]
    files += [(f"{info}/{name}", data) for name, data in sorted(metadata().items())]
    record = "".join(f"{name},sha256={_b64(hashlib.sha256(data).digest())},{len(data)}\n" for name, data in files)
    files.append((f"{info}/RECORD", (record + f"{info}/RECORD,,\n").encode()))
    return f"{_stem()}-py3-none-any.whl", stored_zip(files)


def stored_zip(files: list[tuple[str, bytes]], head: bytes = b"") -> bytes:
    """A zip of (name, bytes) in the given order, after `head`, with reproducible bytes:
    stored uncompressed (no zlib version in the result), one fixed date and mode."""
    out = io.BytesIO()
    out.write(head)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for name, data in files:
            entry = zipfile.ZipInfo(name, _EPOCH)
            entry.create_system, entry.external_attr = 3, 0o644 << 16
            zf.writestr(entry, data)
    return out.getvalue()


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


# PEP 517 hooks (pip calls them; nothing to install first)

def get_requires_for_build_wheel(config_settings=None) -> list[str]:
    return []


def get_requires_for_build_sdist(config_settings=None) -> list[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None) -> str:
    info = Path(metadata_directory, f"{_stem()}.dist-info")
    info.mkdir(parents=True, exist_ok=True)
    for name, data in metadata().items():
        (info / name).write_bytes(data)
    return info.name


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None) -> str:
    name, data = wheel()
    Path(wheel_directory, name).write_bytes(data)
    return name


def build_sdist(sdist_directory, config_settings=None) -> str:
    """The sources and pyproject.toml under `traza_log-VERSION/`, with PKG-INFO."""
    stem, raw = _stem(), io.BytesIO()
    files = [(p.name, p.read_bytes()) for p in [*sources(), HERE / "pyproject.toml"]]
    files.append(("PKG-INFO", metadata()["METADATA"]))
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in sorted(files):
            entry = tarfile.TarInfo(f"{stem}/{name}")
            entry.size, entry.mode = len(data), 0o644
            tar.addfile(entry, io.BytesIO(data))
    gz = io.BytesIO()
    with gzip.GzipFile(fileobj=gz, mode="wb", mtime=0) as f:
        f.write(raw.getvalue())
    Path(sdist_directory, f"{stem}.tar.gz").write_bytes(gz.getvalue())
    return f"{stem}.tar.gz"


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    built = build_wheel(out)
    print(out / built, hashlib.sha256((out / built).read_bytes()).hexdigest())
