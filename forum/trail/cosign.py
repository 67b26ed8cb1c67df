"""The app's name for trazalog.cosign: the log's pure parts live in the trazalog package,
which needs neither Flask nor a database, so an auditor's verifier is that package alone."""
from trazalog.cosign import *  # noqa: F401,F403
