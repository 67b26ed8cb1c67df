"""Whole pages (and API answers) remembered until what they show changes: for visitors
without an account, and for signed-in readers who would be shown the same (see below).

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
- A clock-derived figure the boundaries do not cover ("waiting 12 days") may lag by
  PAGE_CACHE_SECONDS (a minute: every instant that opens, closes, lapses or counts down a
  deadline is a boundary, so no more was needed); so may a change made outside the app (SQL
  by hand). Nothing the app records lags at all. The minute, not ten seconds, because each
  copy past its seconds is rebuilt even when nothing changed: 21 pages in two processes
  rebuilt every 10 s were four builds a second of background work on a two-core host.
- The CSRF token every page's forms carry belongs to a visitor's session: it is stored as a
  gap and the reader's own token put in on each view. So is a part of a page only some readers
  get whose contents move with more than the page's versions (a co-chair's link form offers
  every input of the forum): a named gap (`gap`), filled for each reader served, never stored.
- A page that also shows state not on the trail (a session's minutes draft, typed live)
  names it with `@keyed_also`: that state's revision, read by one more query, joins the key;
  a page reached by a personal link (unsubscribe, password reset) is `@not_cached`.
  One-time messages, cookies set by the view and any status but 200 are never stored.
- Signed-in people are served from memory too (issue 29): the header with their name and
  counts is a gap built for each reader (forum/pagenav.py), and a page keeps the questions it
  asked about its reader (forum/pageasks.py: the predicates behind its controls). A signed-in
  reader gets a remembered copy — a visitor's, or another member's — only when every one of
  those questions, asked again of them, has the same answer (asked once per version of what
  they read: a copy remembers who answered the same, `_shared`); a page that read its reader any
  other way (`actor()`, `current_user`) is kept for visitors only, and never one built for a
  signed-in person. A page keeps at most VARIANTS copies (one per set of answers).
- One build at a time per page and process: readers who miss while it is being built wait
  for it (at most BUILD_WAIT seconds, then build their own). Without that, ten readers
  arriving as a costly page expired built it ten times at once, sharing one core: the
  searched proposal list's p95 went from 30 to 290–400 ms through nginx.
- No visitor waits for a rebuild only the clock asked for: a copy past its seconds under the
  same key (the same versions, the same side of every boundary) is served to every visitor,
  the one who found it expired included, and rebuilt once off the request path (a worker
  thread dispatching that visitor's own request again: see `_rebuild`), for at most
  STALE_SECONDS past its seconds; after that its first reader builds it, as before. What
  the copy shows is as true as when it was fresh — a change the app records moves a
  version, so the key, and is never served from the old copy — only wording the boundaries
  do not cover, and SQL typed by hand, lag by up to PAGE_CACHE_SECONDS plus a build.
  Signed-in readers likewise (`_stale_shared`): a copy past its seconds whose questions they
  answer the same is served, and rebuilt once as their own request again.
"""
import bisect
import io
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from contextlib import nullcontext
from datetime import datetime, timedelta
from typing import NamedTuple

from flask import Response, current_app, g, request, session
from flask.globals import request_ctx
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy import select, union_all

from . import pageasks, pagedeps, pagenav
from .core.clock import frozen, frozen_at, utcnow
from .extensions import db
from .trail import versions

KINDS = ("text/html", "application/json")  # pages, the API and the JSON downloads
_NOT_KEPT = ("Set-Cookie", "Content-Length", "Date")
_lock = threading.Lock()


class Copy(NamedTuple):
    """One stored build of a page (a page keeps up to VARIANTS of them)."""
    expires: datetime
    headers: list
    parts: tuple[bytes | str, ...]  # the body cut at its gaps: bytes, or the name (GAPS) of what goes there
    size: int  # counted against PAGE_CACHE_BYTES
    asks: tuple | None  # the questions it asked of its reader; None: read otherwise (visitors only)
    by_visitor: bool  # built for a visitor without an account
    readers: dict  # reader fingerprint -> the versions under which they answered `asks` the same (_shared)


# key -> its copies
_store: "OrderedDict[tuple, list[Copy]]" = OrderedDict()
_size = 0
QUESTION_BYTES = 400
VARIANTS = 4  # copies of one page (visitors', and one per set of signed-in answers)
READERS_KNOWN = 64  # readers a copy remembers answering its questions the same (_shared)
_building: dict[tuple, threading.Event] = {}  # page key -> set when its build is over
_boundaries: dict[str, tuple[datetime, list[datetime]]] = {}  # versions -> (made for after, instants)
BUILD_WAIT = 10.0
STALE_SECONDS = 60  # how long past its seconds a copy is still served while it is rebuilt
REBUILDERS = 1  # threads per process rebuilding expired pages: one core is left to the readers
_rebuilder: ThreadPoolExecutor | None = None
_rebuilds: set[Future] = set()  # in flight or queued
_log = logging.getLogger(__name__)


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
    app.jinja_env.globals["page_gap"] = gap  # a page's own gap, named where it stands (gap)


def _cacheable_view():
    """The view of a request that may be answered from memory, or None."""
    if request.method not in ("GET", "HEAD") or not current_app.config["PAGE_CACHE_SECONDS"]:
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    if (view is None or request.endpoint == "static" or getattr(view, "page_cache_skip", False)
            or "_flashes" in session):
        return None
    return view


def _key(view, now: datetime) -> tuple:
    """What the page shows, named: the versions of what it depends on (forum/pagedeps.py),
    or the whole trail head for a page whose dependencies are not listed."""
    deps = None if current_app.config["PAGE_CACHE_BY_HEAD"] else \
        pagedeps.keys(request.endpoint or "", request.view_args or {})
    # The footer shows the head: kept for it, since a GET writes nothing meanwhile.
    own = pagenav.own_keys()  # the versions the reader's header and answers are kept under: read here, out of the key
    g.trail_head, counters = versions.read(tuple(dict.fromkeys((*(deps or ()), versions.SITE, versions.CLOCK, *own))))
    head = g.trail_head.hash if g.trail_head else ""
    stamps = counters.pop(versions.HISTORY)
    g.reader_versions = tuple((k, counters.get(k, 0), stamps.get(k, 0)) for k in own)
    stamps = {k: stamps[k] for k in (*(deps or ()), versions.SITE, versions.CLOCK) if k in stamps}
    shown = ("head", head) if deps is None else tuple((k, counters.get(k, 0)) for k in deps)
    # the instants move only with CLOCK or SITE (or, keyed on the head as before, with any entry)
    instants = head if current_app.config["PAGE_CACHE_BY_HEAD"] else \
        f"{versions.CLOCK}:{counters.get(versions.CLOCK, 0)}:{counters.get(versions.SITE, 0)}:" \
        f"{stamps.get(versions.CLOCK, 0)}:{stamps.get(versions.SITE, 0)}"  # stamps: one history, not one count
    also = getattr(view, "page_cache_also", None)
    g.page_moment = (instants, next_boundary(instants, now))  # the header's counts too (pagenav)
    return (shown, tuple(sorted(stamps.items())), request.host, request.full_path, str(get_locale()),
            str(get_timezone()), g.page_moment[1], also(**(request.view_args or {})) if also else None)


def _footer(head) -> bytes:
    """The footer's trail head, as base.html includes it: a remembered page kept under its
    versions may be served after the head moved, so the current one is put in each time —
    rendered once per head and language (it shows nothing else), not on every hit."""
    at = (head, str(get_locale()))
    found = _footers.get(at)
    if found is None:
        found = current_app.jinja_env.get_template("_trail_head.html").render(trail_head=head).encode()
        with _lock:
            if len(_footers) >= 8:  # the few newest heads, in the two languages
                _footers.clear()
            _footers[at] = found
    return found


_footers: dict[tuple, bytes] = {}  # (head, language) -> the footer's bytes


def next_boundary(at: str, now: datetime) -> datetime | None:
    """The page's side of every clock boundary, named by the next instant to come: two views
    share a copy only if no boundary passed between them. (Named by the next instant, not by
    how many have passed, since the list itself changes — an answered proposal's deadline
    leaves it — and a count could come back to the same number across a boundary.)"""
    instants = boundaries(at, now)
    i = bisect.bisect_right(instants, now)
    return instants[i] if i < len(instants) else None


def boundaries(at: str, after: datetime) -> list[datetime]:
    """Every instant later than `after` at which a page may change by the clock alone, sorted
    (at least: the list is made once per `at`, the versions that move with any of them, with
    every instant after the moment it was made; made again for an earlier `after`, as a test's
    frozen clock may ask). The deadlines' moments come from their homes; only those still to
    come are read (monitoring's clocks, once 0.6–0.8 s for every day step of every update
    ever made, are the few still running)."""
    from .consultations import deadlines as consultation_deadlines
    from .consultations.models import Consultation
    from .monitoring import queries as monitoring_queries
    from .plans import deadlines as plan_deadlines
    from .proposals import deadlines as proposal_deadlines
    from .sessions.models import ForumSession

    with _lock:
        made = _boundaries.get(at)
    if made is not None and made[0] <= after:
        return made[1]
    instants = union_all(*(select(column).where(column > after) for column in (
        Consultation.starts_at, Consultation.ends_at, ForumSession.starts_at, ForumSession.ends_at)))
    found = sorted([*db.session.scalars(instants), *consultation_deadlines.moments(after),
                    *proposal_deadlines.moments(after), *monitoring_queries.moments(after),
                    *plan_deadlines.moments(after)])
    with _lock:
        _boundaries[at] = (after, found)
        while len(_boundaries) > 4:  # the versions of a few moments: the newest is the one asked for
            del _boundaries[next(iter(_boundaries))]
    return found


def _serve():
    view = _cacheable_view()
    if view is None:
        return None
    now = utcnow()
    g.page_key = key = _key(view, now)
    if request.environ.get(REBUILD):
        hit = None  # a rebuild off the request path (_rebuild) builds, whatever is stored
    elif current_user.is_authenticated:
        hit = _shared(key, now) or _stale_shared(key, now) or _after_build(key, now)
    else:
        hit, other_build = _look_up(key, now)
        if hit is not None and hit.expires <= now and other_build is None:
            if hit.expires + timedelta(seconds=STALE_SECONDS) > now:
                _rebuild_later(*g.pop("page_build"))  # served the copy, built once elsewhere
            else:
                hit = None  # long past its seconds: this request builds the page
    if hit is None:
        pageasks.start()  # the questions the page asks of its reader, kept with it
        return None
    g.page_from_cache = True
    headers, parts = hit.headers, hit.parts
    # Each gap filled for this reader, between the pieces: the page is not copied.
    fills: dict[str, bytes] = {}
    body = [part if isinstance(part, bytes) else fills.get(part) or fills.setdefault(part, GAPS[part]())
            for part in parts]
    resp = Response(body, 200, headers=headers)
    resp.headers["X-Page-Cache"] = "hit"  # for whoever measures (bench/busy.py) or wonders
    resp.content_length = sum(len(x) for x in body)
    return resp.make_conditional(request) if "ETag" in resp.headers else resp  # the API's 304s


GAPS: dict[str, Callable[[], bytes]] = {
    "nav": lambda: pagenav.render().encode(),  # the reader's name, counts, log in or out
    "head": lambda: _footer(g.trail_head),  # the head now: it may have moved since
    "token": lambda: generate_csrf().encode(),  # the reader's own
}
_pages_gaps: set[str] = set()  # the names in GAPS that pages registered (gap)


def gap(name: str, fill: Callable[[], str]) -> Markup:
    """A part of the page filled for each reader, not kept in the copy: a control only some
    readers get whose contents move with more than the page's versions (a co-chair's link
    form offers the forum's inputs, which any comment adds to). `fill()` runs now, for the
    reader being built for, and again for each reader served the copy, in their request (it
    reads what it needs from the request and asks its own predicate of that reader: what it
    reads is not the page's question, pageasks.paused). The copy keeps the gap's name where
    it stood, after a marker naming it (found again even when it was empty). One filler per
    name, a plain function (the first registered is the one run for the readers served)."""
    if name not in GAPS:
        GAPS[name] = lambda: _filled(name, fill).encode()
        _pages_gaps.add(name)
    elif name not in _pages_gaps:
        raise ValueError(f"{name!r} is one of the page cache's own gaps")
    text = _filled(name, fill)
    g.setdefault("page_gaps", {})[name] = text
    return Markup(text)


def _filled(name: str, fill: Callable[[], str]) -> str:
    with pageasks.paused():
        return f"<!--{name}-->{fill()}"


def _cut(body: bytes, gaps: list[tuple[str, bytes]]) -> tuple[bytes | str, ...]:
    """The body split where each gap's bytes stand, each gap named in its place (in order:
    the header holds a token, so it is cut out before the token is)."""
    parts: list[bytes | str] = [body]
    for name, marker in gaps:
        if not marker:
            continue
        cut: list[bytes | str] = []
        for part in parts:
            if isinstance(part, str):
                cut.append(part)
                continue
            for i, piece in enumerate(part.split(marker)):
                cut += [name, piece] if i else [piece]
        parts = cut
    return tuple(parts)


def _visitors(copies: list) -> Copy | None:
    return next((c for c in copies if c.by_visitor), None)


def _shared(key: tuple, now: datetime) -> Copy | None:
    """A fresh copy for this signed-in reader: one whose every question they answer the same
    (asked outside the lock: a question may read the database).

    A copy remembers who answered its questions the same, and under which versions
    (pagenav.answers_at): asked again while those and the copy's key hold, they would answer
    the same, so they are not asked. An answer depends only on (1) the database — and every
    change the app makes to it writes a trail entry, which moves the page's own versions (in
    the key: a new key has copies of its own, which know no readers) or, for every act but
    the busy ones, SITE or the kind of its subject (trail/versions.py `touched`), which the
    readers are remembered under; a busy act (a vote, a check-in, an endorsement, a comment)
    moves only its subject and facets, so it asks again only the readers of the pages that
    show it. tests/pages/test_reader_keys.py holds that to every act of the permission
    matrix and every busy act, for every role: whenever an answer changed, the versions did.
    (The minutes draft, the one state off the trail a page shows, is in the page's key.)
    (2) the reader's own row — the fingerprint (pageasks.fingerprint) carries what a
    predicate reads of it; (3) the clock — the copy is kept for one side of every boundary
    (its key) and PAGE_CACHE_SECONDS at most, the lag any clock-derived figure already has;
    (4) the language, in the key. Keyed on the trail head, as they were, every write
    anywhere asked every reader every page's questions again: at five writes a second, a
    co-chair's page served from memory cost 8–12 ms and 16–27 statements instead of 2 ms and 2."""
    with _lock:
        copies = list(_store.get(key, ()))
        if copies:
            _store.move_to_end(key)
    fresh = [c for c in copies if c.expires > now and c.asks is not None]
    who, at = pageasks.fingerprint(), pagenav.answers_at()
    known = next((c for c in fresh if c.readers.get(who) == at), None)
    if known is not None:
        return known
    for c in fresh:
        if c.asks is not None and pageasks.same_answers(c.asks):
            if len(c.readers) >= READERS_KNOWN:
                c.readers.clear()
            c.readers[who] = at
            return c
    return None


def _stale_shared(key: tuple, now: datetime) -> Copy | None:
    """A copy past its seconds (by at most STALE_SECONDS) whose questions this signed-in reader
    answers the same, served as visitors are served theirs, and rebuilt once off the request
    path as this reader's own request again (unless a build is under way): true as when it was
    fresh, since whatever the app records moves the key. Without it each co-chair's copy of
    each page, kept a minute, was built again on a reader's path every minute: through the
    stack at five writes a second, the cycle page's p95 was a second."""
    hit = _shared(key, now - timedelta(seconds=STALE_SECONDS))
    if hit is None:
        return None
    with _lock:
        other = _building.get(key)
        if other is None:
            _building[key] = event = threading.Event()
    if other is None:
        _rebuild_later(key, event)
    return hit


def _after_build(key: tuple, now: datetime) -> Copy | None:
    """A signed-in reader with no copy of their own: if the page is being built (the ten
    windows of a co-chair, or two co-chairs, missing together after a write), wait for that
    build and look again, as visitors do; if not, this request builds and the others wait
    for it. Not for a page kept for visitors only (its copies asked otherwise): nothing
    they could be served comes of another's build."""
    with _lock:
        copies = _store.get(key, [])
        if copies and all(c.asks is None for c in copies):
            return None
        other = _building.get(key)
        if other is None:
            _building[key] = event = threading.Event()
            g.page_build = (key, event)
            return None
    db.session.rollback()  # give the connection back while waiting: the pool is shared
    other.wait(BUILD_WAIT)
    return _shared(key, now)


def _look_up(key: tuple, now: datetime) -> tuple:
    """(visitors' stored page or None, the build of it in flight elsewhere or None). A reader
    who finds neither a fresh page nor another's build becomes the builder; one who finds
    nothing at all but a build in flight waits for it."""
    with _lock:
        hit = _visitors(_store.get(key, []))
        if hit is not None:
            _store.move_to_end(key)
            if hit.expires > now:
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
            hit = _visitors(_store.get(key, []))
        if hit is None:  # the build was not kept (an error, a cookie): build our own
            return None, None
    return hit, other


REBUILD = "traza.page_rebuild"  # in a rebuild's WSGI environ: build, serve nothing stored
_CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE", "HTTP_IF_RANGE")


def _rebuild_later(key: tuple, event: threading.Event) -> None:
    """Queue the rebuild of the page this visitor asked for, as their own request again (the
    same path, host, language and session: the same key) made a plain GET, with a copy of
    the environ, since theirs goes on being served meanwhile. `event` (this key's entry in
    _building, taken by this reader) is set when the rebuild is over, kept or not."""
    environ = {k: v for k, v in request.environ.items() if not k.startswith("werkzeug.") and k not in _CONDITIONAL}
    environ.update({"REQUEST_METHOD": "GET", "CONTENT_LENGTH": "0", "wsgi.input": io.BytesIO(), REBUILD: True})
    app, at = current_app._get_current_object(), frozen()  # type: ignore[attr-defined]
    _start(lambda: _rebuild(app, environ, key, event, at))


def _start(job: Callable[[], None]) -> None:
    """Run a rebuild on this process's rebuilder thread(s); settled() waits for them."""
    global _rebuilder
    with _lock:
        if _rebuilder is None:
            _rebuilder = ThreadPoolExecutor(REBUILDERS, thread_name_prefix="page-rebuild")
        future = _rebuilder.submit(job)
        _rebuilds.add(future)
    future.add_done_callback(_rebuilds.discard)


def _rebuild(app, environ: dict, key: tuple, event: threading.Event, at: datetime | None = None) -> None:
    """Build the page in a request context of its own, as the reader's request would have:
    its own database session, so it reads what has committed by now; _keep stores it under
    the key it reads itself (a version moved meanwhile: a new key, the old copy never served
    again). Whatever happens, the readers of `key` look again. `at`: a test's frozen clock."""
    try:
        with frozen_at(at) if at else nullcontext(), app.request_context(environ):
            app.full_dispatch_request().close()
    except Exception:  # nothing kept: the next reader past its seconds tries again
        _log.exception("rebuilding %s failed", environ.get("PATH_INFO"))
    finally:
        _release(key, event)


def settled(timeout: float | None = None) -> bool:
    """Wait until no rebuild is queued or running (tests, and whoever measures): True when so."""
    with _lock:
        pending = set(_rebuilds)
    return not wait_for(pending, timeout).not_done


def _release(key, event) -> None:
    with _lock:
        if _building.get(key) is event:
            del _building[key]
    event.set()


def _built(_exc=None) -> None:
    """After the response (or an error): whoever waits for this build looks again."""
    key, event = g.pop("page_build", (None, None))
    if event is not None:
        _release(key, event)


def _keep(resp):
    key = g.pop("page_key", None)
    if (key is None or g.get("page_from_cache") or request.method != "GET" or resp.status_code != 200
            or resp.mimetype not in KINDS or resp.direct_passthrough or resp.is_streamed
            or "Set-Cookie" in resp.headers or request_ctx.flashes):  # a message shown once, to one reader
        return resp
    asks, by_visitor = pageasks.asked(), not current_user.is_authenticated
    if asks is None and not by_visitor:
        return resp  # built for this person alone
    body = resp.get_data()
    html = resp.mimetype == "text/html"
    token = g.get("csrf_token")
    nav = g.get("personal_nav")
    named = [(name, text.encode()) for name, text in g.get("page_gaps", {}).items()]
    if (nav and body.count(nav.encode()) != 1) or any(body.count(text) != 1 for _name, text in named):
        return resp  # the header (or a page's gap) is not where it can be cut out: keep nothing
    parts = _cut(body, [("nav", nav.encode() if nav else b""), *named,
                        ("head", _footer(g.trail_head) if html else b""), ("token", token.encode() if token else b"")])
    headers = [(k, v) for k, v in resp.headers.items() if k not in _NOT_KEPT]
    expires = utcnow() + timedelta(seconds=current_app.config["PAGE_CACHE_SECONDS"])
    # counted against PAGE_CACHE_BYTES: the pieces, the headers, and the questions (about
    # QUESTION_BYTES each: a predicate, its arguments' keys, the answer)
    size = (sum(len(part) for part in parts if isinstance(part, bytes)) + sum(len(k) + len(v) for k, v in headers)
            + QUESTION_BYTES * len(asks or ()))
    _put(key, Copy(expires, headers, parts, size, asks, by_visitor, {}), current_app.config["PAGE_CACHE_BYTES"])
    return resp


def _put(key: tuple, copy: Copy, budget: int) -> None:
    """Keep a copy, in place of the one it renews (the visitors', or one with the same
    answers), at most VARIANTS per page; the least recently used pages dropped over budget."""
    global _size
    with _lock:
        copies = _store.pop(key, [])
        kept = [c for c in copies if not (c.by_visitor == copy.by_visitor and (c.by_visitor or c.asks == copy.asks))]
        kept = [*kept, copy][-VARIANTS:]
        _size += sum(c.size for c in kept) - sum(c.size for c in copies)
        _store[key] = kept
        while _size > budget and _store:
            _size -= sum(c.size for c in _store.popitem(last=False)[1])


def stats() -> tuple[int, int]:
    """(copies of pages, bytes) held by this process."""
    with _lock:
        return sum(len(copies) for copies in _store.values()), _size


def stored_parts() -> list[bytes]:
    """Every stored byte of every copy, the readers' gaps left out: what a test searches for
    words that must never enter a shared copy (a sealed comment, a private sheet's names)."""
    with _lock:
        return [part for copies in _store.values() for copy in copies for part in copy.parts
                if isinstance(part, bytes)]


def clear() -> None:
    """Forget every page (tests)."""
    global _size
    with _lock:
        _store.clear()
        _building.clear()
        _boundaries.clear()
        _footers.clear()
        _size = 0
    pagenav.forget()
