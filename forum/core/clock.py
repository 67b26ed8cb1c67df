"""One source of "now" so tests can move time (period edges, token expiry)."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """Naive UTC with microseconds: portable across SQLite and PostgreSQL columns."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
