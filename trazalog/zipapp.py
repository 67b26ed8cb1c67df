"""The verifier as one file an auditor downloads: traza-verify.pyz, a Python zip
application (PEP 441) holding this package, run as `python3 traza-verify.pyz EXPORT --key
KEY` wherever Python 3.11+ and `cryptography` are installed.

The bytes are reproducible — files in name order, stored uncompressed (no zlib version
in the result), one fixed date and mode — so anyone can rebuild it from the source
(`python3 -m trazalog.zipapp out.pyz` prints its SHA-256) and compare it with the
download and the digest the Verify page shows."""
import hashlib
import sys
from pathlib import Path

from .dist import sources, stored_zip

SHEBANG = b"#!/usr/bin/env python3\n"
MAIN = b'"""traza-verify.pyz: the Traza trail verifier (see trazalog/verify.py)."""\n' \
       b"import sys\n\nfrom trazalog.verify import main\n\nsys.exit(main(prog=\"traza-verify.pyz\"))\n"


def build() -> bytes:
    """The same modules as the traza-log wheel (trazalog/dist.py), behind a shebang."""
    files = [("__main__.py", MAIN)] + [(f"trazalog/{p.name}", p.read_bytes()) for p in sources()]
    return stored_zip(files, head=SHEBANG)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


if __name__ == "__main__":
    pyz = build()
    Path(sys.argv[1] if len(sys.argv) > 1 else "traza-verify.pyz").write_bytes(pyz)
    print(digest(pyz))
