"""Results remembered until the record moves.

Every state change writes a trail entry in its own transaction, so the hash at the head of
the trail names the whole state of the platform: a result computed from the database and
keyed by that hash is correct for as long as the head stays the same, on every app process,
with no invalidation to forget. One indexed query per use buys back pages whose cost grows
with the data (a consultation report of 3,000 comments: half a second of Python per view).

What it trades: memory (a few entries per process, the oldest dropped first) and one query;
whatever the key leaves out must not change the result — the caller puts in the key what
the clock decides (a consultation's phase) and the language.
"""
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import select

from ..extensions import db
from .models import TrailEntry

T = TypeVar("T")
LIMIT = 32  # entries per process; a report table of 3,000 comments is 1.5 MB
_lock = threading.Lock()
_store: OrderedDict = OrderedDict()
_building: dict[tuple, "_Build"] = {}
BUILD_WAIT = 30.0


def head_entry():
    """(seq, hash) of the latest entry this transaction sees (its own, uncommitted ones
    too), or None on an empty trail."""
    return db.session.execute(select(TrailEntry.seq, TrailEntry.hash).order_by(TrailEntry.seq.desc())
                              .limit(1)).first()


def head() -> str:
    """The hash of that entry: what names the state of the record."""
    row = head_entry()
    return row.hash if row else ""


def remembered(key: tuple[Hashable, ...], build: Callable[[], T], at: str | None = None) -> T:
    """`at`: the head, when the caller has just read it. One build at a time per key and
    process: readers who come while it is being built wait for it (at most BUILD_WAIT
    seconds, then build their own). Without that, the ten windows of a co-chair that found
    the link form's 4,400 choices stale built them ten times at once on one core, and the
    commitment page's p95 went to 6.5 s through nginx at one write a second."""
    full = (head() if at is None else at, *key)
    with _lock:
        if full in _store:
            _store.move_to_end(full)
            return _store[full]
        other = _building.get(full)
        if other is None:
            mine = _building[full] = _Build()
        else:
            other.waiters += 1
    if other is not None:
        other.done.wait(BUILD_WAIT)
        with _lock:
            if full in _store:
                return _store[full]
        return build()  # the other build failed or is slow: this reader's own
    try:
        value = build()
        with _lock:
            _store[full] = value
            while len(_store) > LIMIT:
                _store.popitem(last=False)
        return value
    finally:
        with _lock:
            _building.pop(full, None)
        mine.done.set()


class _Build:
    """A build under way, and how many readers wait for it (tests watch that)."""

    def __init__(self):
        self.done = threading.Event()
        self.waiters = 0


def waiting(key: tuple[Hashable, ...], at: str) -> int:
    """How many readers wait for the build of `key` at `at` (0 when none is under way)."""
    with _lock:
        found = _building.get((at, *key))
        return found.waiters if found else 0


def clear() -> None:
    """Forget everything (tests that count a page's statements compare uncached views), the
    log's kept rows and kinds of entry too."""
    from . import fragments, log_queries
    with _lock:
        _store.clear()
    fragments.clear()
    log_queries.forget()
