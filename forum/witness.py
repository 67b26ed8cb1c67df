"""The app's name for the witness command, which lives in trazalog/witness.py (standard
library and `cryptography` only)."""
import sys

from trazalog.witness import *  # noqa: F401,F403
from trazalog.witness import main

if __name__ == "__main__":
    sys.exit(main())
