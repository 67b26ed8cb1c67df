"""What a signed-in reader is served from memory is kept under versions, not the trail head
(forum/pagenav.py READER_KEYS): their header (the inbox count, the administration link) and
whether they answer a remembered page's questions as its builder did (forum/pagecache.py
`_shared`). That is safe only if those versions move whenever what they stand for changes.
Here, for every act of the permission matrix and every busy act, for every role that signs
in: whenever the header built afresh changed, its memo's key changed; and whenever a page's
questions about its reader got another answer, the page's key or the versions the answers
are remembered under changed."""
from contextlib import contextmanager

import pytest
from flask import request
from flask_login import login_user
from sqlalchemy import select

from forum import pageasks, pagecache, pagenav
from forum.accounts.models import User
from forum.core.clock import utcnow
from forum.extensions import db
from tests.helpers.proposals import chairs
from tests.pages import test_busy_versions
from tests.pages.test_busy_versions import ACTS
from tests.pages.test_page_versions_matrix import TOKEN, _versioned
from tests.permissions import test_permissions
from tests.permissions.test_permissions import ACTIONS, ROLES, client_for

seed, world = test_permissions.seed, test_permissions.world  # the matrix's world, its fixtures
busy = test_busy_versions.busy
READERS = [r for r in ROLES if r != "anonymous"]


@pytest.fixture(params=["sqlite"])  # the versions are the same on both databases
def database_kind(request):
    return request.param


@contextmanager
def _reading(app, email: str, url: str):
    """A request of its own (its own `g` and session, as a view has) by this reader."""
    with app.app_context(), app.test_request_context(url):
        login_user(db.session.scalar(select(User).where(User.email == email)))
        yield


def _state(app, readers: dict[str, str], questions: dict[str, dict[str, tuple]]) -> dict:
    """What each reader is shown and what it is kept under, read now: the header built afresh
    (its token left out) and its memo's key; each question a page asks them, answered, and
    the key the answer is remembered under — the page's key (the same for every reader: it
    is read once a page), the reader's versions (pagenav.answers_at) and their row."""
    keys = {}
    for url in {url for asked in questions.values() for url in asked}:
        with app.app_context(), app.test_request_context(url):
            keys[url] = pagecache._key(app.view_functions[request.endpoint], utcnow())
    state = {}
    for name, email in readers.items():
        with _reading(app, email, "/forums/"):
            header = TOKEN.sub("", pagenav._built(request))
            pagecache._key(app.view_functions[request.endpoint], utcnow())
            state[(name, "header")] = (header, (pagenav._memo_key(), pageasks.fingerprint()))
            at = (pagenav.answers_at(), pageasks.fingerprint())
            for url, asks in questions[name].items():
                state[(name, url)] = ([_answer(predicate, refs) for predicate, refs, _said in asks], (keys[url], at))
    return state


def _signed_in(new_client, email: str):
    client = new_client()
    client.login(email)
    return client


def _answer(predicate, refs):
    args = [pageasks._found(ref) for ref in refs]
    if any(a is pageasks._GONE for a in args):
        return "gone"
    return pageasks._said(predicate(pageasks.reader(), *args))


def _questions(client, pages: list[str]) -> dict[str, tuple]:
    """The questions each page asks this reader, built for them (the pages that ask none left out)."""
    out = {}
    for url in pages:
        pagecache.clear()
        assert client.get(url).status_code == 200, url
        asks = _asked.get("last")
        if asks:
            out[url] = asks
    return out


_asked: dict = {}
_QUESTIONS: dict = {}  # (world, role) -> the questions of each page: every test starts from one copy of a world


@pytest.fixture
def asked(monkeypatch):
    """The questions of the page last built, as the page cache keeps them."""
    kept = pageasks.asked

    def watch():
        _asked["last"] = found = kept()
        return found
    monkeypatch.setattr(pageasks, "asked", watch)


def _changed_unnoticed(before: dict, after: dict) -> list[tuple[str, str]]:
    """(reader, part) shown differently while what it is kept under stayed the same."""
    return [part for part, (shown, key) in before.items() if after[part][0] != shown and after[part][1] == key]


@pytest.mark.parametrize("action", list(ACTIONS))
def test_after_every_action_a_readers_header_and_answers_moved_only_with_their_keys(
        app, world, action, asked):
    method, url, data, allowed = ACTIONS[action]
    role = next(r for r in ROLES if r in allowed)
    if "matrix" not in _QUESTIONS:
        pages = _versioned(app, world)
        _QUESTIONS["matrix"] = {r: _questions(client_for(world, r), pages) for r in READERS}
    questions = _QUESTIONS["matrix"]
    assert len(questions["state_chair"]) > 5, "the pages asked the co-chair nothing: nothing is held here"
    readers = {r: world["people"][r] for r in READERS}
    before = _state(app, readers, questions)
    form = {k.format(**world): v for k, v in data(world, role).items()}
    assert client_for(world, role).post(url.format(**world), form).status_code == 302
    assert _changed_unnoticed(before, _state(app, readers, questions)) == [], action


@pytest.mark.parametrize("act", list(ACTS))
def test_after_every_busy_act_a_readers_header_and_answers_moved_only_with_their_keys(
        app, busy, new_client, make, act, asked):
    """The votes, check-ins, hands, endorsements and comments a live session and a busy
    forum bring, read by the forum's members and co-chairs, the endorser, an outsider and
    an administrator."""
    prepare, do, _shown, _seen = ACTS[act]
    if prepare:
        prepare(busy)
        db.session.commit()
    readers = {**{f"member {k}": u.email for k, u in busy["members"].items()},
               **{role: u.email for role, u in chairs(busy["forum"]).items()},
               "endorser": busy["endorser"][0].email, "outsider": make.user("Outsider").email,
               "admin": make.admin().email}
    pages = [page.format(**busy) for page in test_busy_versions.PAGES]
    if prepare not in _QUESTIONS:  # the same world for each act prepared alike: the same questions
        _QUESTIONS[prepare] = {name: _questions(_signed_in(new_client, email), pages)
                               for name, email in readers.items()}
    questions = _QUESTIONS[prepare]
    assert questions["state_chair"], "the pages asked the co-chair nothing: nothing is held here"
    before = _state(app, readers, questions)
    do(busy)
    db.session.commit()
    assert _changed_unnoticed(before, _state(app, readers, questions)) == [], act
