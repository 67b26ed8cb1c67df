"""The public log's pages, anchored on a sequence number (issue 29).

A page numbered from the newest entry (`?page=3`) showed other entries after every write, so
every page of the log was rebuilt at every write anywhere. A page anchored on a seq
(`?before=<seq>`: the newest entries, filters applied, with a smaller seq) shows a set that
never changes once every entry before the anchor exists — entries are never changed, nor
inserted before the head — so it is remembered under SITE alone (forum/pagedeps.py). The
newest page (no anchor) is the one that moves; its rows are kept apart (trail/fragments.py).
Each function is one statement, whatever the size of the log.
"""
import threading

from sqlalchemy import Select, func, select

from ..extensions import db
from .models import TrailEntry


def newest(q: Select, before: int | None, limit: int) -> tuple[list[TrailEntry], int | None]:
    """Up to `limit` entries of `q` (filtered, newest first) with a seq below `before`, and
    the anchor of the next, older page (its last shown seq), or None when there is none."""
    if before is not None:
        q = q.where(TrailEntry.seq < before)
    rows = list(db.session.scalars(q.limit(limit + 1)))
    return rows[:limit], rows[limit - 1].seq if len(rows) > limit else None


def anchor_of_page(q: Select, page: int, per_page: int) -> int | None:
    """The anchor that shows what page `page` (numbered from the newest, the old links) shows
    now: one past its newest entry; None when the list has no such page."""
    seq = db.session.scalar(q.with_only_columns(TrailEntry.seq).offset((page - 1) * per_page).limit(1))
    return None if seq is None else seq + 1


def anchor_after(q: Select, after: int, per_page: int) -> int | None:
    """The anchor of the page just newer than entry `after`: its `per_page` entries of `q`
    that follow it. None when those are the newest (the page without an anchor)."""
    seqs = list(db.session.scalars(q.with_only_columns(TrailEntry.seq).where(TrailEntry.seq > after)
                                   .order_by(None).order_by(TrailEntry.seq).limit(per_page + 1)))
    return seqs[per_page - 1] + 1 if len(seqs) > per_page else None


def head_seq() -> int:
    """The newest entry's seq (0 on an empty log): an anchor past head + 1 names entries that
    do not exist yet, so a page of it would change."""
    return db.session.scalar(select(func.max(TrailEntry.seq))) or 0


_lock = threading.Lock()
_first: dict[str, dict[str, int]] = {}  # database -> {action: the seq of its first entry}
_seen: dict[str, int] = {}  # database -> the highest seq read into _first


def actions(before: int | None = None) -> list[str]:
    """The kinds of entry written (before `before`): the trail page's filter. The log is read
    whole once per process (each kind's first seq, from the action index), then only what was
    written since: the list was a scan of every entry at every write before."""
    url = str(db.engine.url)
    with _lock:
        seen = _seen.get(url, 0)
    new = select(TrailEntry.action, TrailEntry.seq).where(TrailEntry.seq > seen)
    if seen:  # the few new rows, by the key: SQLite, with no statistics, read the whole action index
        new = new.order_by(TrailEntry.seq)
    sub = new.subquery()
    since = select(sub.c.action, func.min(sub.c.seq), func.max(sub.c.seq)).group_by(sub.c.action)
    rows = db.session.execute(since).all()
    with _lock:
        first = _first.setdefault(url, {})
        for action, low, _high in rows:
            first[action] = min(low, first.get(action, low))
        _seen[url] = max([_seen.get(url, 0), *(high for _a, _l, high in rows)])
        return sorted(a for a, seq in first.items() if before is None or seq < before)


def forget() -> None:
    """Tests restore a database to an earlier head (trail/cache.clear calls this)."""
    with _lock:
        _first.clear()
        _seen.clear()
