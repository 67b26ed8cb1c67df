"""The personal header of every page (the person's name, inbox and notification counts,
the administration link a policy allows, log in or out), built for each reader.

base.html asks for it through `personal_nav()`; the page cache cuts a remembered page
where it stands and puts in the reader's own on each view (forum/pagecache.py), so the
rest of the page can be shared between readers (forum/pageasks.py). What the header reads
about its reader is not a question the page asked: it is built again every time.

On a page view it costs no round trip of its own and no template: the header's bytes are
remembered per reader (`_remembered`) under what they show — the trail head and the page's
side of every clock boundary (the inbox count, the administration link), the reader's own
notifications version (the unread count: marking them read is not on the trail, so both its
writers move `notifications.queries.notes_key`, which the page cache reads with the page's
versions, `own_keys`), the language — with the two things that differ per request (the CSRF
token, the page's own address in the language forms) left as gaps joined in on each view.

Why the head, and not only the page's versions, SITE and the reader's own: the inbox count
counts across every forum the reader chairs or belongs to (proposals awaiting an answer,
versions to sign, requests), none of which the page being viewed names, so a write in
another of their forums must move it; and the administration link asks a policy whose reads
no declaration ties to a version. Until each of those reads is tied to a version a test can
check, any write asks the header again once per reader (a page's questions likewise,
forum/pagecache.py `_shared`).
"""
import re
import threading
from collections import OrderedDict, namedtuple
from datetime import datetime, timedelta

from flask import current_app, g, request
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from . import pageasks
from .core.clock import utcnow

TEMPLATE = "_personal_nav.html"
READERS = 4096  # readers whose inbox count a process remembers, the least recent dropped first
_known: "OrderedDict[tuple | None, tuple[tuple, datetime, int]]" = OrderedDict()  # reader -> (stamp, until, count)
_headers: "OrderedDict[tuple | None, tuple[tuple, datetime, tuple[str, ...]]]" = OrderedDict()  # (memo, until, cut)
_lock = threading.Lock()


def personal_nav() -> Markup:
    """The header for this request's reader, remembered in `g` where the page cache cuts."""
    g.personal_nav = html = render()
    return Markup(html)


def own_keys() -> tuple[str, ...]:
    """The reader's own versions the header is remembered under, read with the page's
    (forum/pagecache.py `_key`): their notifications'."""
    if not current_user.is_authenticated:
        return ()
    from .notifications.queries import notes_key
    return (notes_key(current_user.id),)


def render() -> str:
    with pageasks.paused():
        if not current_user.is_authenticated:
            return _template(request)
        memo = _memo_key()
        if memo is None:
            return _built(request)
        return _fill(_remembered(memo))


def _template(req, **extra) -> str:
    return current_app.jinja_env.get_template(TEMPLATE).render(request=req, current_user=current_user, **extra)


def _built(req, **extra) -> str:
    from .notifications.queries import unread_count
    return _template(req, unread=unread_count(current_user), waiting=_waiting(), **extra)


# Where the remembered header holds this request's own: private-use characters, which
# neither Jinja's escaping nor anything a template writes produces.
TOKEN, ADDRESS = "\ue000token\ue000", "\ue000address\ue000"
_Gapped = namedtuple("_Gapped", "full_path")


def _memo_key() -> tuple | None:
    """What the header's bytes depend on, beyond the reader (the fingerprint): None off a
    page view the page cache keyed (then it is built as before)."""
    moment, own = g.get("page_moment"), g.get("reader_versions")
    if moment is None or own is None or request.method not in ("GET", "HEAD"):
        return None
    head = g.get("trail_head")
    return (head.hash if head else "", moment, own, str(get_locale()))


def _remembered(memo: tuple) -> tuple[str, ...]:
    """The reader's header, cut where the token and the address go, built when its memo moved
    (or past PAGE_CACHE_SECONDS: what was changed by hand)."""
    return _per_reader(_headers, memo, lambda: tuple(re.split(
        f"({TOKEN}|{ADDRESS})", _built(_Gapped(ADDRESS), csrf_token=lambda: TOKEN))))


def _per_reader(store: OrderedDict, stamp: tuple, make):
    """The reader's remembered value while `stamp` holds and PAGE_CACHE_SECONDS have not
    passed (what was changed by hand); made again otherwise, the least recent reader dropped."""
    who, now = pageasks.fingerprint(), utcnow()
    with _lock:
        found = store.get(who)
    if found is not None and found[0] == stamp and found[1] > now:
        return found[2]
    value = make()
    with _lock:
        store[who] = (stamp, now + timedelta(seconds=current_app.config["PAGE_CACHE_SECONDS"]), value)
        store.move_to_end(who)
        while len(store) > READERS:
            store.popitem(last=False)
    return value


def _fill(cut: tuple[str, ...]) -> str:
    """This request's header: its token and its address (escaped as the template escapes it) joined in."""
    own = {TOKEN: generate_csrf(), ADDRESS: str(escape(request.full_path))}
    return "".join(own.get(part, part) for part in cut)


def _waiting() -> int:
    """The reader's inbox count, counted again only when it may have changed. Everything it
    counts (proposals awaiting an answer, versions to sign, join and seat requests, …) is
    changed only by acts the trail records, each of which moves the head; the one clock it
    reads (a consultation's comments are owed once it ended) is a page-cache boundary; the
    reader's own row is in the fingerprint; PAGE_CACHE_SECONDS bounds what was changed by
    hand. Only on a page view the page cache keyed (it read the head and placed the clock);
    anywhere else it is counted."""
    from .inbox.queries import count
    moment = g.get("page_moment")
    if moment is None or request.method not in ("GET", "HEAD"):
        return count(current_user)
    head = g.get("trail_head")
    return _per_reader(_known, (head.hash if head else "", moment), lambda: count(current_user))


def forget() -> None:
    """Forget every remembered count (tests: a restored database may have the same head)."""
    with _lock:
        _known.clear()
        _headers.clear()
