"""The personal header of every page (the person's name, inbox and notification counts,
the administration link a policy allows, log in or out), built for each reader.

base.html asks for it through `personal_nav()`; the page cache cuts a remembered page
where it stands and puts in the reader's own on each view (forum/pagecache.py), so the
rest of the page can be shared between readers (forum/pageasks.py). What the header reads
about its reader is not a question the page asked: it is built again every time.

It costs one indexed round trip a view: the unread notifications (marking them read is not
on the trail). The inbox count — a dozen queries for a co-chair — is remembered per reader
under the trail head and the page's side of every clock boundary (`waiting`).
"""
import threading
from collections import OrderedDict
from datetime import datetime, timedelta

from flask import current_app, g, request
from flask_login import current_user
from markupsafe import Markup

from . import pageasks
from .core.clock import utcnow

TEMPLATE = "_personal_nav.html"
READERS = 4096  # readers whose inbox count a process remembers, the least recent dropped first
_known: "OrderedDict[tuple | None, tuple[tuple, datetime, int]]" = OrderedDict()  # reader -> (stamp, until, count)
_lock = threading.Lock()


def personal_nav() -> Markup:
    """The header for this request's reader, remembered in `g` where the page cache cuts."""
    g.personal_nav = html = render()
    return Markup(html)


def render() -> str:
    unread = waiting = 0
    with pageasks.paused():
        if current_user.is_authenticated:
            from .notifications.queries import unread_count
            unread, waiting = unread_count(current_user), _waiting()
        return current_app.jinja_env.get_template(TEMPLATE).render(
            request=request, current_user=current_user, unread=unread, waiting=waiting)


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
    stamp, who, now = (head.hash if head else "", moment), pageasks.fingerprint(), utcnow()
    with _lock:
        found = _known.get(who)
    if found is not None and found[0] == stamp and found[1] > now:
        return found[2]
    n = count(current_user)
    with _lock:
        _known[who] = (stamp, now + timedelta(seconds=current_app.config["PAGE_CACHE_SECONDS"]), n)
        _known.move_to_end(who)
        while len(_known) > READERS:
            _known.popitem(last=False)
    return n


def forget() -> None:
    """Forget every remembered count (tests: a restored database may have the same head)."""
    with _lock:
        _known.clear()
