"""Each part of a session's live state kept, as data and as JSON, under the versions that move
it (issue 29: fast while the forum is busy).

The live page embeds the whole state (sessions/state.py) and is built again at every vote,
check-in and hand, in every process; every part was queried and serialised again although
the act had moved one. Each part is now kept (trail/cache.remembered) under the session's
record (`session:<id>`: its status, agenda, motions opened, closed or withdrawn, decisions,
quorum keys, the minutes' writer and approvals), SITE (names, seats, the forum's quorum rule)
and, for a live part, the version the acts that move it bump (trail/versions.LIVE_PARTS):
a vote builds the open motion's tally again, a check-in the attendance, a hand or the floor
the queue — the other parts are reused. The minutes part also shows the draft's revision,
which is not on the trail: it is in that part's key. No part depends on its reader (what the
reader may do, `may`, is asked by the page, each time).

The versions are read before the session's rows (`read`), so a part is never older than the
versions it is kept under; a newer state kept under older versions is only ever served to a
reader whose request began before that state committed.
"""
from functools import partial

from flask import current_app
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ..trail import cache, versions
from . import state
from .models import ForumSession

# part -> the live part of the session's version that moves it too (None: the record alone)
MOVED_BY = {"header": None, "decisions": None, "minutes": None, "attendance": "attendance", "motion": "tally",
            "queue": "queue"}


def read(session_id: int) -> dict[str, str]:
    """The session's versions (its record's, its live parts', SITE's), in one statement."""
    keys = (versions.SITE, *versions.session_keys(session_id))
    return dict(zip(keys, versions.counters(keys).split(" "), strict=True))


def record_at(session_id: int, at: dict[str, str]) -> str:
    """What a part of the page that no live act moves is kept under."""
    return f"{at[versions.SITE]} {at[f'session:{session_id}']}"


def parts(s: ForumSession, at: dict[str, str], names=state.PARTS) -> dict[str, tuple]:
    """name -> (the part as data, as HTML-safe JSON), each built only when its versions moved.
    The data is shared between readers and threads: read it, never change it."""
    out = {}
    for name in names:
        live = MOVED_BY[name]
        shown = record_at(s.id, at) + (f" {at[versions.facet_key(f'session:{s.id}', live)]}" if live else "")
        key = ("live part", s.id, name, s.minutes_revision if name == "minutes" else None)
        out[name] = cache.remembered(key, partial(_built, s, name), at=shown)
    return out


def _built(s: ForumSession, name: str) -> tuple:
    data = state.BUILDERS[name](s)
    return data, _json(data)


def _json(data) -> str:
    return htmlsafe_json_dumps(data, dumps=current_app.json.dumps)


def as_json(kept: dict[str, tuple], **also) -> Markup:
    """The state as the page's script reads it — the kept parts' JSON joined, what is asked
    per reader (`also`: `may`) put in, keys in order as `tojson` writes them."""
    found = {**{name: json for name, (_data, json) in kept.items()}, **{k: _json(v) for k, v in also.items()}}
    return Markup("{" + ", ".join(f'"{k}": {found[k]}' for k in sorted(found)) + "}")


def data(kept: dict[str, tuple]) -> dict:
    """The state as data (the JSON download), from the kept parts."""
    return {name: part for name, (part, _json) in kept.items()}
