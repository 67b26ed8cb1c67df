"""Each trail entry's row (HTML) or item (JSON) rendered once and reused (issue 29).

An entry never changes; what its row shows besides the entry — the names of its people,
organisation and forum — moves only with SITE (a renamed forum or person, an organisation's
record: trail/versions.py). So a row is kept under the entry (its seq and hash: the hash
tells one database's entry 5 from another's), SITE's version, and what the reader's view
adds (the language and time zone of an HTML row, the host of a JSON item's URLs). The
newest page of the log, which changes at every write, then costs the query for its newest
seqs, the rows not yet rendered (one, after one write) and a join — not names and a
template for forty rows, at every write, in every process.

One exception: a person who only registered is not named ("a registered person",
forums/names.py) until their first public act, which need not move SITE. A row that shows
someone unnamed is kept with their ids, and a page with such rows asks once whether any of
them is public now (three indexed queries, whatever the number of rows); those rows are
built again if so.

Bounded: at most BYTES of kept rows per process, the least recently used dropped first.
"""
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")
BYTES = 8 * 1024 * 1024  # about 12,000 HTML rows of 600 bytes and 4,000 JSON items
_lock = threading.Lock()
_store: "OrderedDict[tuple, tuple]" = OrderedDict()  # key -> (fragment, the people it did not name, size)
_size = 0


def reused(entries: Sequence, view: tuple[Hashable, ...], build: Callable[[list], list[tuple[T, frozenset, int]]],
           named: Callable[[set], set]) -> list[T]:
    """The kept fragment of each entry under `view` (what else the fragment shows: SITE's
    version, the language...), in order; those missing are built in one call of `build`
    (the missing entries -> (fragment, the people it could not name, its size in bytes) each).
    A kept fragment that could not name someone whom `named` (ids -> those now public) names
    now is built again."""
    keys = [(e.seq, e.hash, *view) for e in entries]
    found: dict[tuple, tuple] = {}
    with _lock:
        for key in keys:
            if key in _store:
                _store.move_to_end(key)
                found[key] = _store[key]
    waiting = set().union(*(unnamed for _f, unnamed, _s in found.values()))
    if waiting:  # one question for the whole page, only when it shows someone unnamed
        now = named(waiting)
        found = {k: v for k, v in found.items() if not v[1] & now}
    missing = [(key, e) for key, e in zip(keys, entries, strict=True) if key not in found]
    if missing:
        for (key, _e), (fragment, unnamed, size) in zip(missing, build([e for _k, e in missing]), strict=True):
            found[key] = (fragment, unnamed, size)
            _put(key, found[key])
    return [found[key][0] for key in keys]


def _put(key: tuple, kept: tuple) -> None:
    global _size
    with _lock:
        _size += kept[2] - (_store[key][2] if key in _store else 0)
        _store[key] = kept
        while _size > BYTES and _store:
            _size -= _store.popitem(last=False)[1][2]


def stats() -> tuple[int, int]:
    """(fragments, bytes) kept by this process."""
    with _lock:
        return len(_store), _size


def clear() -> None:
    global _size
    with _lock:
        _store.clear()
        _size = 0
