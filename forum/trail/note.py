"""The app's name for trazalog.note: the log's pure parts live in the trazalog package,
which needs neither Flask nor a database, so an auditor's verifier is that package alone."""
from trazalog.note import *  # noqa: F401,F403
