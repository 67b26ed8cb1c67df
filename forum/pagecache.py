"""Whole pages (and API answers) remembered for visitors without an account, until what
they show changes.

Most readers of a transparency platform are the public, and every one of them is shown the
same page for the same state. Every change writes a trail entry, and the entry, as it is
recorded, bumps the versions of what it touches (forum/trail/versions.py: its forum, its
subject, their kinds); a page names the versions it shows (forum/pagedeps.py) — or, where
that is unclear (the front page, search, the trail, figures across forums), the whole trail
head, as every page once did. So an anonymous GET is answered from memory when a page was
rendered under the same versions, in the same language, on the same side of every clock
boundary a page shows (a consultation opening or closing, a session's planned start and
end, the instant a proposal or a consultation's comments become overdue), and at most
PAGE_CACHE_SECONDS ago: a vote in one forum leaves the other forums' pages remembered.
PAGE_CACHE_BY_HEAD (TRAZA_PAGE_CACHE_BY_HEAD) keys every page on the head again.

What it trades, and how each is kept true:
- Memory: PAGE_CACHE_BYTES per process, the least recently used page dropped first.
- One indexed round trip per anonymous view (the head and the page's versions, in one
  statement), and the boundaries once per version of what may move them.
- The footer shows the trail head: a page kept under its versions is stored cut where it
  was, and the current head put in on each view, as the CSRF token is.
- A clock-derived figure ("waiting 12 days") may lag by PAGE_CACHE_SECONDS; so may a change
  made outside the app (SQL by hand). Nothing the app records lags at all.
- The CSRF token every page's forms carry belongs to a visitor's session: it is stored as a
  gap and the reader's own token put in on each view.
- A page that also shows state not on the trail (a session's minutes draft, typed live)
  names it with `@keyed_also`: that state's revision, read by one more query, joins the key;
  a page reached by a personal link (unsubscribe, password reset) is `@not_cached`.
  Signed-in people, one-time messages, cookies set by the view and any status but 200 are
  never stored.
- One build at a time per page and process: readers who miss while it is being built wait
  for it (at most BUILD_WAIT seconds, then build their own), and while a page past its
  seconds is rebuilt under the same head, the others get the copy being replaced. Without
  that, ten readers arriving as a costly page expired built it ten times at once, sharing
  one core: the searched proposal list's p95 went from 30 to 290–400 ms through nginx.
"""
import bisect
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import datetime, timedelta

from flask import Response, current_app, g, request, session
from flask.globals import request_ctx
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select, union_all

from . import pagedeps
from .core.clock import utcnow
from .extensions import db
from .trail import cache as trail_cache
from .trail import versions

KINDS = ("text/html", "application/json")  # pages, the API and the JSON downloads
_NOT_KEPT = ("Set-Cookie", "Content-Length", "Date")
_lock = threading.Lock()
# key -> (expires, headers, body cut where the footer's trail head and then where the first
# reader's CSRF token were, its size)
_store: "OrderedDict[tuple, tuple[datetime, list, tuple[tuple[bytes, ...], ...], int]]" = OrderedDict()
_size = 0
_building: dict[tuple, threading.Event] = {}  # page key -> set when its build is over
BUILD_WAIT = 10.0


def not_cached(view):
    """For a page reached by a personal link (an unsubscribe or reset token): one reader,
    state that is not on the trail, nothing to gain (put it under the route)."""
    view.page_cache_skip = True
    return view


def keyed_also(part: Callable[..., Hashable]):
    """For a view whose page also shows state that is not on the trail (put it under the
    route): `part(**view_args)` says which version of that state the page shows."""
    def mark(view):
        view.page_cache_also = part
        return view
    return mark


def init_app(app) -> None:
    app.before_request(_serve)
    app.after_request(_keep)
    app.teardown_request(_built)


def _cacheable_view():
    """The view of a request that may be answered from memory, or None."""
    if request.method not in ("GET", "HEAD") or not current_app.config["PAGE_CACHE_SECONDS"]:
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    if (view is None or request.endpoint == "static" or getattr(view, "page_cache_skip", False)
            or current_user.is_authenticated or "_flashes" in session):
        return None
    return view


def _key(view, now: datetime) -> tuple:
    """What the page shows, named: the versions of what it depends on (forum/pagedeps.py),
    or the whole trail head for a page whose dependencies are not listed."""
    deps = None if current_app.config["PAGE_CACHE_BY_HEAD"] else \
        pagedeps.keys(request.endpoint or "", request.view_args or {})
    # The footer shows the head: kept for it, since a GET writes nothing meanwhile.
    g.trail_head, counters = versions.read((*(deps or ()), versions.SITE, versions.CLOCK))
    head = g.trail_head.hash if g.trail_head else ""
    shown = ("head", head) if deps is None else tuple((k, counters.get(k, 0)) for k in deps)
    # the instants move only with CLOCK or SITE (or, keyed on the head as before, with any entry)
    instants = head if current_app.config["PAGE_CACHE_BY_HEAD"] else \
        f"{versions.CLOCK}:{counters.get(versions.CLOCK, 0)}:{counters.get(versions.SITE, 0)}"
    also = getattr(view, "page_cache_also", None)
    return (shown, request.host, request.full_path, str(get_locale()), str(get_timezone()),
            bisect.bisect_right(boundaries(instants), now), also(**(request.view_args or {})) if also else None)


def _footer(head) -> bytes:
    """The footer's trail head, as base.html includes it: a remembered page kept under its
    versions may be served after the head moved, so the current one is put in each time."""
    return current_app.jinja_env.get_template("_trail_head.html").render(trail_head=head).encode()


def boundaries(at: str) -> list[datetime]:
    """Every instant at which a page may change by the clock alone, sorted (once per `at`,
    the versions that move with any of them):
    the deadlines' moments come from their homes (proposals/ and consultations/deadlines.py)."""
    from .consultations import deadlines as consultation_deadlines
    from .consultations.models import Consultation
    from .monitoring import queries as monitoring_queries
    from .plans import deadlines as plan_deadlines
    from .proposals import deadlines as proposal_deadlines
    from .sessions.models import ForumSession

    def build():
        instants = union_all(select(Consultation.starts_at), select(Consultation.ends_at),
                             select(ForumSession.starts_at), select(ForumSession.ends_at))
        return sorted([*db.session.scalars(instants), *consultation_deadlines.moments(),
                       *proposal_deadlines.moments(), *monitoring_queries.moments(),
                       *plan_deadlines.moments()])
    return trail_cache.remembered(("clock boundaries",), build, at=at)


def _serve():
    view = _cacheable_view()
    if view is None:
        return None
    now = utcnow()
    g.page_key = key = _key(view, now)
    hit, other_build = _look_up(key, now)
    if hit is None or (hit[0] <= now and other_build is None):
        return None  # this request builds the page
    g.page_from_cache = True
    _, headers, pieces, size = hit
    # The reader's own token and the current head between the pieces: the page is not copied.
    token = generate_csrf().encode() if any(len(parts) > 1 for parts in pieces) else b""
    footer = _footer(g.trail_head) if len(pieces) > 1 else b""
    body: list[bytes] = []
    for i, parts in enumerate(pieces):
        body += [footer, *_joined(parts, token)] if i else _joined(parts, token)
    size += len(token) * sum(len(parts) - 1 for parts in pieces) + len(footer) * (len(pieces) - 1)
    resp = Response(body, 200, headers=headers)
    resp.headers["X-Page-Cache"] = "hit"  # for whoever measures (bench/busy.py) or wonders
    resp.content_length = size
    return resp.make_conditional(request) if "ETag" in resp.headers else resp  # the API's 304s


def _joined(parts: tuple[bytes, ...], gap: bytes) -> list[bytes]:
    return [x for part in parts[:-1] for x in (part, gap)] + [parts[-1]]


def _look_up(key: tuple, now: datetime) -> tuple:
    """(stored page or None, the build of it in flight elsewhere or None). A reader who
    finds neither a fresh page nor another's build becomes the builder; one who finds
    nothing at all but a build in flight waits for it."""
    with _lock:
        hit = _store.get(key)
        if hit is not None:
            _store.move_to_end(key)
            if hit[0] > now:
                return hit, None
        other = _building.get(key)
        if other is None:
            _building[key] = event = threading.Event()
            g.page_build = (key, event)
            return hit, None
    if hit is None:
        db.session.rollback()  # give the connection back while waiting: the pool is shared
        other.wait(BUILD_WAIT)
        with _lock:
            hit = _store.get(key)
        if hit is None:  # the build was not kept (an error, a cookie): build our own
            return None, None
    return hit, other


def _built(_exc=None) -> None:
    """After the response (or an error): whoever waits for this build looks again."""
    key, event = g.pop("page_build", (None, None))
    if event is not None:
        with _lock:
            if _building.get(key) is event:
                del _building[key]
        event.set()


def _keep(resp):
    key = g.pop("page_key", None)
    if (key is None or g.get("page_from_cache") or request.method != "GET" or resp.status_code != 200
            or resp.mimetype not in KINDS or resp.direct_passthrough or resp.is_streamed
            or "Set-Cookie" in resp.headers or request_ctx.flashes):  # a message shown once, to one reader
        return resp
    body = resp.get_data()
    token = g.get("csrf_token")
    footer = _footer(g.trail_head) if resp.mimetype == "text/html" else None
    pieces = tuple(tuple(piece.split(token.encode())) if token else (piece,)
                   for piece in (body.split(footer) if footer else (body,)))
    headers = [(k, v) for k, v in resp.headers.items() if k not in _NOT_KEPT]
    expires = utcnow() + timedelta(seconds=current_app.config["PAGE_CACHE_SECONDS"])
    size = sum(len(part) for parts in pieces for part in parts)
    _put(key, (expires, headers, pieces, size), current_app.config["PAGE_CACHE_BYTES"])
    return resp


def _put(key: tuple, value: tuple, budget: int) -> None:
    global _size
    with _lock:
        if key in _store:
            _size -= _store.pop(key)[3]
        _store[key] = value
        _size += value[3]
        while _size > budget and _store:
            _size -= _store.popitem(last=False)[1][3]


def stats() -> tuple[int, int]:
    """(pages, bytes) held by this process."""
    with _lock:
        return len(_store), _size


def clear() -> None:
    """Forget every page (tests)."""
    global _size
    with _lock:
        _store.clear()
        _building.clear()
        _size = 0
