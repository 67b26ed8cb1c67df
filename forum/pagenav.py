"""The personal header of every page (the person's name, inbox and notification counts,
the administration link a policy allows, log in or out), built for each reader.

base.html asks for it through `personal_nav()`; the page cache cuts a remembered page
where it stands and puts in the reader's own on each view (forum/pagecache.py), so the
rest of the page can be shared between readers (forum/pageasks.py). What the header reads
about its reader is not a question the page asked: it is built again every time.

On a page view it costs no round trip of its own and no template: the header's bytes are
remembered per reader (`_remembered`) under what they show — the versions of what the inbox
count and the administration link read (below), the page's side of every clock boundary (a
consultation's comments are owed once it ended), the reader's own notifications version
(the unread count: marking them read is not on the trail, so both its writers move
`notifications.queries.notes_key`), the language and the reader's name — all read with the
page's versions in the page cache's one round trip (`own_keys`), with the two things that
differ per request (the CSRF token, the page's own address in the language forms) left as
gaps joined in on each view.

What the inbox count reads spans every forum the reader chairs or belongs to (proposals
awaiting an answer, versions to sign, comments and contests owed, seat and join requests,
organisations to verify) and the administration link asks a policy of the reader's row. Not
the page's versions, then, but READER_KEYS: SITE and the version of each kind of subject
(proposals, commitments, consultations, sessions). Every act the trail records moves SITE
or its subject's kind (trail/versions.py `touched`), except the busy ones — a vote, a
check-in or out, a hand, the floor, an endorsement, a comment on a proposal — which move
only a facet of their kind, and of which the header shows nothing. So a busy act leaves
every reader's header remembered, and any other act builds it again once per reader, as
the trail head did for every act. tests/pages/test_reader_keys.py holds that to every act of
the permission matrix and every busy act, for every role. Page questions' answers are
remembered under the same versions (`answers_at`, forum/pagecache.py `_shared`). What the
trail does not record lags by PAGE_CACHE_SECONDS at most, as before: the one such state the
count reads is a session's minutes draft, typed live (minutes awaiting approval).
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
from .trail import versions

TEMPLATE = "_personal_nav.html"
READERS = 4096  # readers whose inbox count a process remembers, the least recent dropped first
_known: "OrderedDict[tuple | None, tuple[tuple, datetime, int]]" = OrderedDict()  # reader -> (stamp, until, count)
_headers: "OrderedDict[tuple | None, tuple[tuple, datetime, tuple[str, ...]]]" = OrderedDict()  # (memo, until, cut)
_lock = threading.Lock()


def personal_nav() -> Markup:
    """The header for this request's reader, remembered in `g` where the page cache cuts."""
    g.personal_nav = html = render()
    return Markup(html)


READER_KEYS = (versions.SITE, *sorted(set(versions.OWNERS.values())))  # what all but busy acts move


def own_keys() -> tuple[str, ...]:
    """The versions the reader's header and answers are remembered under, read with the
    page's (forum/pagecache.py `_key`): their notifications', and READER_KEYS."""
    if not current_user.is_authenticated:
        return ()
    from .notifications.queries import notes_key
    return (notes_key(current_user.id), *READER_KEYS)


# True: both kept under the trail head instead, as before (bench/signed_in.py --readers-by-head;
# PAGE_CACHE_BY_HEAD, bench/busy.py --by-head, keys them so too)
BY_HEAD = False


def answers_at() -> tuple:
    """What a reader's answers to a page's questions are remembered under, beyond the page's
    own key (forum/pagecache.py `_shared`): READER_KEYS' versions as this request read them."""
    return tuple(v for v in _reader_versions() if v[0] in (*READER_KEYS, "head"))


def _reader_versions() -> tuple:
    """The reader's versions as the page cache read them (`own_keys`), or () off a page view."""
    own = g.get("reader_versions")
    if own is None or not (BY_HEAD or current_app.config["PAGE_CACHE_BY_HEAD"]):
        return own or ()
    head = g.get("trail_head")
    return (*own, ("head", head.hash if head else "", 0))


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
    return (_reader_versions(), moment, str(get_locale()), current_user.display_name)


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
    """The reader's inbox count, counted again only when it may have changed: when an act
    other than a busy one was recorded (READER_KEYS), or a clock boundary passed (the one
    clock it reads: a consultation's comments are owed once it ended), or the reader's own
    row changed (the fingerprint); PAGE_CACHE_SECONDS bounds what was changed by hand. Only
    on a page view the page cache keyed (it read the versions and placed the clock);
    anywhere else it is counted."""
    from .inbox.queries import count
    moment, own = g.get("page_moment"), g.get("reader_versions")
    if moment is None or own is None or request.method not in ("GET", "HEAD"):
        return count(current_user)
    return _per_reader(_known, (_reader_versions(), moment), lambda: count(current_user))


def forget() -> None:
    """Forget every remembered count (tests: a restored database may have the same head)."""
    with _lock:
        _known.clear()
        _headers.clear()
