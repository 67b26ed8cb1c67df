"""`python -m trazalog EXPORT --key KEY`: the verifier."""
import sys

from .verify import main

sys.exit(main(prog="python -m trazalog"))
