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
    """`at`: the head, when the caller has just read it."""
    full = (head() if at is None else at, *key)
    with _lock:
        if full in _store:
            _store.move_to_end(full)
            return _store[full]
    value = build()  # outside the lock: two first views may both build, and agree
    with _lock:
        _store[full] = value
        while len(_store) > LIMIT:
            _store.popitem(last=False)
    return value


def clear() -> None:
    """Forget everything (tests that count a page's statements compare uncached views), the
    log's kept rows and kinds of entry too."""
    from . import fragments, log_queries
    with _lock:
        _store.clear()
    fragments.clear()
    log_queries.forget()
