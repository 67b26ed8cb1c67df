"""`python -m forum.verify`, kept for the app's docs and habits: the verifier itself is
trazalog/verify.py, which needs only Python and `cryptography` (the Verify page offers it
as one file, traza-verify.pyz)."""
import sys

from trazalog.verify import *  # noqa: F401,F403
from trazalog.verify import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m forum.verify"))
