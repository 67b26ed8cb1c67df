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
someone unnamed is therefore built for each view and never kept (the caller says so).

Bounded: at most BYTES of kept rows per process, the least recently used dropped first.
"""
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")
BYTES = 8 * 1024 * 1024  # about 12,000 HTML rows of 600 bytes and 4,000 JSON items
_lock = threading.Lock()
_store: "OrderedDict[tuple, tuple[object, int]]" = OrderedDict()
_size = 0


def reused(entries: Sequence, view: tuple[Hashable, ...],
           build: Callable[[list], list[tuple[T, bool, int]]]) -> list[T]:
    """The kept fragment of each entry under `view` (what else the fragment shows: SITE's
    version, the language...), in order; those missing are built in one call of `build`
    (the missing entries -> (fragment, whether it may be kept, its size in bytes) each)."""
    keys = [(e.seq, e.hash, *view) for e in entries]
    found: dict[tuple, object] = {}
    with _lock:
        for key in keys:
            if key in _store:
                _store.move_to_end(key)
                found[key] = _store[key][0]
    missing = [(key, e) for key, e in zip(keys, entries, strict=True) if key not in found]
    if missing:
        for (key, _e), (fragment, keep, size) in zip(missing, build([e for _k, e in missing]), strict=True):
            found[key] = fragment
            if keep:
                _put(key, fragment, size)
    return [found[key] for key in keys]  # type: ignore[misc]


def _put(key: tuple, fragment: object, size: int) -> None:
    global _size
    with _lock:
        if key in _store:
            return
        _store[key] = (fragment, size)
        _size += size
        while _size > BYTES and _store:
            _size -= _store.popitem(last=False)[1][1]


def stats() -> tuple[int, int]:
    """(fragments, bytes) kept by this process."""
    with _lock:
        return len(_store), _size


def clear() -> None:
    global _size
    with _lock:
        _store.clear()
        _size = 0
