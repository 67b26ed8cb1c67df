"""One source of "now", so tests and the demo data can move time.

The override lives in a context variable of the current thread only: a running server
never sets it, so no request ever sees another's time.
"""
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta

_fixed: ContextVar[datetime | None] = ContextVar("traza_clock", default=None)
_offset = timedelta(0)  # moved only by tests of a running server (see `shifted`)


def utcnow() -> datetime:
    """Naive UTC with microseconds: portable across SQLite and PostgreSQL columns."""
    fixed = _fixed.get()
    return fixed if fixed is not None else datetime.now(UTC).replace(tzinfo=None) + _offset


def iso(dt: datetime | None) -> str | None:
    """A stored (naive UTC) time as ISO 8601 with its Z, for exports and live clients."""
    return dt.isoformat() + "Z" if dt is not None else None


@contextmanager
def frozen_at(when: datetime):
    """Make utcnow() return `when` (naive UTC) inside the block."""
    token = _fixed.set(when)
    try:
        yield
    finally:
        _fixed.reset(token)


def advance(delta: timedelta) -> datetime:
    """Move a frozen clock forward (demo timelines); returns the new time."""
    now = _fixed.get()
    if now is None:
        raise RuntimeError("advance() needs a clock frozen with frozen_at()")
    _fixed.set(now + delta)
    return now + delta


@contextmanager
def shifted(delta: timedelta):
    """Move "now" forward for the whole process, server threads included, inside the block:
    a browser test lets a consultation's period end without waiting for it."""
    global _offset
    _offset += delta
    try:
        yield
    finally:
        _offset -= delta


def frozen() -> datetime | None:
    """The instant frozen_at() holds in this thread, or None (a running server): what work
    handed to another thread carries over, so a test's frozen clock holds there too."""
    return _fixed.get()
