"""The questions a page asked about its reader, so that one build serves every reader who
would get the same answers (issue 29: signed-in people are the ones the platform is for,
and building a page is 5–30× the floor).

A page differs between readers only where it asks about them. The personal header (name,
inbox count, log out) is a gap built for each reader (forum/pagenav.py); everything else
that depends on the person must ask here while the page is built:
- a policy predicate through the templates' `can.<area>.may_x(...)` (web.py) or `ask()`:
  the predicate, its arguments (a row by class and key) and the answer are recorded;
- `signed_in()` and `is_me(user_id)`: the two questions a template may ask directly.
The page cache keeps the list with the page and, for the next signed-in reader, asks the
same questions again (the arguments reloaded, the seat read once per request): the body is
served only if every answer is the same. Anything else that reads the person while a page
is built — `core.views.actor()`, `current_user` in a template — makes the page `personal`:
kept, if at all, for visitors without an account only (they are all the same reader).
tests/pages/test_shared_pages.py holds the templates to that.
"""
from contextlib import contextmanager
from typing import Any

from flask import g, has_request_context, request
from flask_login import current_user
from sqlalchemy import inspect
from sqlalchemy.exc import NoInspectionAvailable

from .extensions import db


def start() -> None:
    """A page build whose questions are kept begins (pagecache, before the view runs)."""
    g.page_asks = []


def asked() -> tuple | None:
    """The questions the page being built asked, or None if it read its reader otherwise."""
    found = g.get("page_asks")
    return None if found is None else tuple(found)


def personal() -> None:
    """The page read its reader outside a recorded question: it is not shared."""
    if has_request_context() and not g.get("page_asks_paused"):
        g.page_asks = None


@contextmanager
def paused():
    """While a personal gap is built for this reader: what it reads is not the page's."""
    before = g.get("page_asks_paused", False)
    g.page_asks_paused = True
    try:
        yield
    finally:
        g.page_asks_paused = before


class Watched:
    """What a part of a page asked about its reader: `asked` is the questions, or None when
    it read the reader otherwise (then the part is this reader's alone)."""
    asked: tuple | None = ()


@contextmanager
def watched():
    """The questions asked inside, apart (a fragment kept between readers, as
    consultations/comment_list.py keeps its list); they also join the page's own."""
    if not has_request_context():
        yield Watched()
        return
    present, outer = "page_asks" in g, g.get("page_asks")
    g.page_asks = []
    seen = Watched()
    try:
        yield seen
    finally:
        inner = g.page_asks
        seen.asked = None if inner is None else tuple(inner)
        if not present:
            g.pop("page_asks", None)
        else:
            g.page_asks = None if outer is None or inner is None else [*outer, *inner]


def reused(asked: tuple | None) -> bool:
    """Whether a kept fragment that asked `asked` may be shown to this reader: it did not read
    its builder otherwise and this reader answers the same; its questions then join the
    page's, so the page is shared only with readers who would get this fragment too."""
    if asked is None or not same_answers(asked):
        return False
    found = g.get("page_asks") if has_request_context() else None
    if found is not None:
        found.extend(asked)
    return True


def reader():
    """The signed-in person or None, for a recorded question (reading it is not personal)."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def ask(predicate, *args):
    """`predicate(reader, *args)`, its answer recorded with the page."""
    answer = predicate(reader(), *args)
    _record(predicate, args, answer)
    return answer


def signed_in() -> bool:
    """For a template: whether the reader has an account here (a recorded question)."""
    answer = current_user.is_authenticated
    _record(_signed_in, (), answer)
    return answer


def is_me(user_id) -> bool:
    """For a template: whether a row's person (an author, an actor) is the reader."""
    answer = current_user.is_authenticated and current_user.id == user_id
    _record(_is_me, (user_id,), answer)
    return answer


def _signed_in(user) -> bool:
    return user is not None


def _is_me(user, user_id) -> bool:
    return user is not None and user.id == user_id


def _record(predicate, args: tuple, answer) -> None:
    found = g.get("page_asks") if has_request_context() and not g.get("page_asks_paused") else None
    if found is None:
        return
    refs = tuple(_ref(a) for a in args)
    if any(r is None for r in refs):  # an argument that cannot be named again: not shared
        g.page_asks = None
        return
    found.append((predicate, refs, _said(answer)))


def _ref(arg) -> tuple | None:
    """An argument as it can be found again in another request, or None (a list of rows,
    as the batched predicates take them — a cycle's forums, a page's discrepancies — each)."""
    if arg is None or isinstance(arg, (bool, int, str)):
        return ("value", arg)
    if isinstance(arg, (list, tuple)):
        refs = tuple(_ref(a) for a in arg)
        return None if any(r is None for r in refs) else ("list", refs)
    try:
        state = inspect(arg)
    except NoInspectionAvailable:
        return None
    return ("row", type(arg), state.identity) if state.identity is not None else None


def _said(answer) -> Any:
    """What a page may show of an answer: a Decision's verdict, reason, kind and field; a
    row by class and key (what it shows is under the page's versions); a list, each item."""
    if hasattr(answer, "allowed"):
        return (bool(answer.allowed), str(answer.reason) if answer.reason is not None else None,
                answer.forbidden, answer.field)
    if isinstance(answer, (list, tuple)):
        return tuple(_said(a) for a in answer)
    if isinstance(answer, dict):  # a batched predicate's answers, by row id
        return {k: _said(v) for k, v in answer.items()}
    return _ref(answer) or answer


def same_answers(questions: tuple) -> bool:
    """Whether the reader of this request answers every question as the page's builder did."""
    user = reader()
    for predicate, refs, said in questions:
        args = [_found(ref) for ref in refs]
        if any(a is _GONE for a in args) or _said(predicate(user, *args)) != said:
            return False
    return True


_GONE = object()  # a question's row that is no longer there: the answer cannot be the same


def _found(ref: tuple):
    """A question's argument again, from its `_ref`."""
    if ref[0] == "value":
        return ref[1]
    if ref[0] == "list":
        items = [_found(r) for r in ref[1]]
        return _GONE if any(i is _GONE for i in items) else items
    row = _row(ref[1], ref[2])
    return _GONE if row is None else row


def _row(cls, identity):
    """A question's row, loaded once per request: the session's identity map holds rows
    weakly, so asking two copies' questions (the visitors', then another member's) would
    otherwise load the same forum or proposal again for each."""
    if not has_request_context():
        return db.session.get(cls, identity)
    current = request._get_current_object()
    found = g.get("page_asks_rows")
    if found is None or found[0] is not current:  # this request's (a test's `g` outlives one)
        found = g.page_asks_rows = (current, {})
    held, key = found[1], (cls, identity)
    if key not in held:
        held[key] = db.session.get(cls, identity)
    return held[key]


def fingerprint() -> tuple | None:
    """Who the reader is, as far as any question may tell, from their row alone (loaded for
    the request already): a page remembers the readers it knows answer its questions the
    same (forum/pagecache.py) under this, so an account whose admin flag, confirmation,
    suspension or password changed is asked again even where that change is not on the trail."""
    user = reader()
    if user is None:
        return None
    return (user.id, user.auth_version, bool(user.is_admin), user.email_confirmed_at is not None,
            user.suspended_at is not None)


class TrackedReader:
    """`current_user` as templates see it: reading it outside a personal gap makes the page
    personal (a template should ask `signed_in()`, `is_me()` or a policy instead)."""

    def __getattr__(self, name):
        personal()
        return getattr(current_user, name)


def template_globals() -> dict:
    return {"current_user": TrackedReader()}
