"""Pages remembered for visitors without an account (forum/pagecache.py): a visitor gets
the page another was shown only while it is still true — the same trail head, language,
side of every clock boundary and within PAGE_CACHE_SECONDS — with a CSRF token of their
own; signed-in people and one-time messages are never served from memory."""
import re
import threading
from datetime import timedelta

from flask import g
from sqlalchemy import event, update

from forum import pagecache
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.forums.models import Forum
from forum.sessions.services import minutes
from forum.trail import cache as trail_cache
from tests.helpers.consultations import running
from tests.helpers.live import live
from tests.helpers.proposals import chairs, proposal

TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


def without_token(html: str) -> str:
    return re.sub(r'(name="csrf[-_]token"[^>]*value=|name="csrf-token" content=)"[^"]+"', r'\1""', html)


def test_a_second_visitor_is_served_from_memory_with_a_token_of_their_own(make, new_client, count_queries):
    forum = make.forum(open_=True)
    first, second, url = new_client(), new_client(), f"/forums/{forum.id}"
    shown = first.get(url).get_data(as_text=True)
    with count_queries() as q:
        again = second.get(url).get_data(as_text=True)
    assert q.n == 1, q.statements  # the trail head, nothing else: the page was not built again
    assert without_token(again) == without_token(shown)
    token = TOKEN.search(again).group(1)
    assert token != TOKEN.search(shown).group(1)
    # the token is this visitor's: a form on the remembered page works for them
    resp = second.post("/lang", {"code": "es", "next": url, "csrf_token": token}, csrf=False)
    assert resp.status_code == 302
    refused = second.post("/lang", {"code": "es", "csrf_token": TOKEN.search(shown).group(1)}, csrf=False)
    assert refused.status_code == 400  # another visitor's token is not accepted


def test_what_the_record_changes_shows_on_the_next_view(make, client):
    forum = make.forum(open_=True)
    url = f"/forums/{forum.id}/proposals"
    assert "Registro de vertimientos" not in client.get(url).get_data(as_text=True)
    proposal(make, forum, title="Registro de vertimientos")  # written with its trail entry
    assert "Registro de vertimientos" in client.get(url).get_data(as_text=True)


def test_each_language_is_its_own_page(make, client):
    forum = make.forum(open_=True)
    english = client.get(f"/forums/{forum.id}").get_data(as_text=True)
    spanish = client.get(f"/forums/{forum.id}", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert 'lang="en"' in english and 'lang="es"' in spanish
    assert 'lang="en"' in client.get(f"/forums/{forum.id}").get_data(as_text=True)


def test_signed_in_people_and_one_time_messages_are_never_remembered(make, new_client):
    forum = make.forum(open_=True)
    url = f"/forums/{forum.id}"
    user = make.user("Ana Firmante")
    person, visitor = new_client(), new_client()
    visitor.get(url)
    person.login(user.email)
    assert "Ana Firmante" in person.get(url).get_data(as_text=True)
    assert "Ana Firmante" not in visitor.get(url).get_data(as_text=True)
    assert "Ana Firmante" in person.get(url).get_data(as_text=True)
    person.post("/account/logout")  # "You are logged out." is shown once, on the home page
    assert "You are logged out." in person.get("/").get_data(as_text=True)
    assert "You are logged out." not in visitor.get("/").get_data(as_text=True)
    assert "You are logged out." not in person.get("/").get_data(as_text=True)


def test_the_clock_alone_moves_a_remembered_page_across_a_consultation_close(make, client):
    c = running(make.forum(open_=True))
    url = f"/consultations/{c.id}"
    with frozen_at(c.ends_at - timedelta(seconds=1)):
        assert "Open for comments" in client.get(url).get_data(as_text=True)
    with frozen_at(c.ends_at + timedelta(seconds=1)):  # nothing written, two seconds later
        page = client.get(url).get_data(as_text=True)
    assert "Closed: responses being given" in page and "Open for comments" not in page


def test_a_change_made_outside_the_app_shows_within_the_stated_seconds(app, make, client):
    """The one lag the cache admits (pagecache.py): nothing the app does is missed, but SQL
    typed by hand shows once the copy past PAGE_CACHE_SECONDS is rebuilt: the reader who
    finds it expired is still served it, and the rebuild off the request path shows it."""
    forum = make.forum(open_=True, title="Foro de Aguas")
    url, now = f"/forums/{forum.id}", utcnow()
    with frozen_at(now):
        assert "Foro de Aguas" in client.get(url).get_data(as_text=True)
    db.session.execute(update(Forum).where(Forum.id == forum.id).values(title="Foro de Ríos"))
    db.session.commit()
    with frozen_at(now + timedelta(seconds=app.config["PAGE_CACHE_SECONDS"] - 1)):
        assert "Foro de Aguas" in client.get(url).get_data(as_text=True)
    with frozen_at(now + timedelta(seconds=app.config["PAGE_CACHE_SECONDS"])):
        assert "Foro de Aguas" in client.get(url).get_data(as_text=True)  # the copy, while it is rebuilt
        assert pagecache.settled(10)
        assert "Foro de Ríos" in client.get(url).get_data(as_text=True)


def test_a_live_session_page_shows_each_new_minutes_revision_never_the_draft(make, new_client, count_queries):
    """Its minutes draft, typed live, is not on the trail: its revision joins the key, and
    the shared copy carries the revision, never the draft's words."""
    forum = make.forum(open_=True)
    s = live(forum)
    writer, url = chairs(forum)["state_chair"], f"/sessions/{s.id}"
    for revision, text in enumerate(("Primer borrador del acta.", "Segundo borrador del acta."), start=1):
        minutes.save(writer, s, text)
        db.session.commit()
        shown = f'"revision": {revision}'
        page = new_client().get(url).get_data(as_text=True)
        assert shown in page and "borrador" not in page
        with count_queries() as q:
            page = new_client().get(url).get_data(as_text=True)
        assert shown in page and "borrador" not in page
        assert q.n == 2, q.statements  # the head and the draft's revision
        state = new_client().get(url + ".json").get_json()["minutes"]  # open data: the revision, not the draft
        assert state["revision"] == revision and state["text"] is None and state["html"] is None


def test_errors_and_other_answers_are_not_remembered(make, client, count_queries):
    client.get("/forums/999999")
    with count_queries() as q:
        assert client.get("/forums/999999").status_code == 404
    assert q.n > 1
    assert pagecache.stats() == (0, 0)


def test_memory_stays_within_its_budget(app, make, client):
    app.config["PAGE_CACHE_BYTES"] = 40_000
    forum = make.forum(open_=True)
    for path in ("/", "/forums/", f"/forums/{forum.id}", f"/forums/{forum.id}/proposals", "/trail/", "/search?q=agua"):
        client.get(path)
    pages, size = pagecache.stats()
    assert 0 < size <= 40_000 and pages >= 1


def test_it_can_be_switched_off(app, make, client, count_queries):
    app.config["PAGE_CACHE_SECONDS"] = 0
    forum = make.forum(open_=True)
    client.get(f"/forums/{forum.id}")
    with count_queries() as q:
        client.get(f"/forums/{forum.id}")
    assert q.n > 1 and pagecache.stats() == (0, 0)


def test_every_consultation_and_session_instant_is_a_boundary(make):
    forum = make.forum(open_=True)
    c, s = running(forum), live(forum)
    earliest = min(c.starts_at, s.starts_at) - timedelta(seconds=1)
    instants = pagecache.boundaries(trail_cache.head(), earliest)
    assert {c.starts_at, c.ends_at, s.starts_at, s.ends_at} <= set(instants) and instants == sorted(instants)


def test_api_answers_are_remembered_with_their_etag(make, new_client, count_queries):
    forum = make.forum(open_=True)
    proposal(make, forum, title="Compras abiertas")
    url, first, second = f"/api/v1/proposals?forum={forum.id}", new_client(), new_client()
    shown = first.get(url)
    with count_queries() as q:
        again = second.get(url)
    assert q.n == 1 and again.get_json() == shown.get_json() and again.headers["ETag"] == shown.headers["ETag"]
    assert second.get(url, headers={"If-None-Match": shown.headers["ETag"]}).status_code == 304
    proposal(make, forum, title="Obras abiertas")
    titles = [p["title"] for p in second.get(url).get_json()["items"]]
    assert "Obras abiertas" in titles and "Compras abiertas" in titles


def test_a_personal_link_page_shows_its_state_at_once(make, client):
    """An unsubscribe link used by the mail client's one-click POST says so on the next view."""
    from forum.inbox import preferences
    user = make.user()
    url = f"/inbox/unsubscribe/{preferences.unsubscribe_token(user)}"
    assert "Stop these e-mails" in client.get(url).get_data(as_text=True)
    assert client.raw.post(url, data={"List-Unsubscribe": "One-Click"}).status_code == 204
    assert "already used" in client.get(url).get_data(as_text=True)


class _Watched(threading.Event):
    """A build's event that also says when a reader starts waiting on it: the test waits
    for that moment instead of polling."""

    def __init__(self):
        super().__init__()
        self.awaited = threading.Event()

    def wait(self, timeout=None):
        self.awaited.set()
        return super().wait(timeout)


def test_a_reader_who_misses_while_the_page_is_built_waits_for_that_build(app, make, new_client):
    forum = make.forum(open_=True)
    url, got, statements = f"/forums/{forum.id}", {}, []

    def read():
        got["page"] = new_client().get(url).get_data(as_text=True)

    def note(*_args):  # the statements of the reader's thread only: the builder runs meanwhile
        if threading.current_thread() is reader:
            statements.append(_args[2])

    reader = threading.Thread(target=read)
    event.listen(db.engine, "before_cursor_execute", note)
    try:
        with app.test_request_context(url, headers={"Accept-Language": "en"}):
            assert pagecache._serve() is None  # this request builds
            key, _event = g.page_build
            build = pagecache._building[key] = _Watched()  # the same build, now observable
            g.page_build = (key, build)
            reader.start()
            assert build.awaited.wait(10), "the reader never waited for this build"
            shown = app.process_response(app.make_response(app.dispatch_request())).get_data(as_text=True)
        reader.join(10)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert without_token(got["page"]) == without_token(shown)
    assert len(statements) == 1, statements  # the trail head: it did not build a page of its own
