"""Signed-in readers served from memory (issue 29): the commitment, live session, forum and
cycle pages ask about their reader only through forum/pageasks.py, so a co-chair and a
member get a stored copy — each with their own controls and header, never another's — and
a hit costs the same few statements however much the forum holds."""
import re
import threading

import pytest
from flask import g

from forum import pagecache
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.forums.models import Forum
from forum.sessions.services import minutes
from tests.helpers.live import live
from tests.helpers.proposals import chairs, proposal
from tests.pages.test_pagecache import _Watched
from tests.pages.test_shared_pages import _fresh, _text, remembered_for_long  # noqa: F401 (a fixture)
from tests.permissions import test_permissions
from tests.permissions.test_permissions import client_for

seed, world = test_permissions.seed, test_permissions.world  # the matrix's world, its fixtures

PAGES = ["/commitments/{commitment}", "/commitments/{kept}", "/sessions/{meeting}", "/forums/{a}",
         "/cycles/2019-2021", "/cycles/2019-2021/agreed-adopted", "/cycles/2019-2021/clusters"]
READERS = ["state_chair", "civil_chair", "forum_member"]  # forum A's two co-chairs, a member of it
ME = re.compile(r'class="me">([^<]*)<')


@pytest.mark.usefixtures("remembered_for_long")
def test_a_co_chair_and_a_member_are_served_these_pages_from_memory_each_with_their_own(app, world):
    visitor = client_for(world, "anonymous")
    readers = {role: client_for(world, role) for role in READERS}
    names = {role: ME.search(reader.get("/").get_data(as_text=True)).group(1) for role, reader in readers.items()}
    assert len(set(names.values())) == len(READERS)
    with frozen_at(utcnow()):  # every build on the same side of every clock boundary
        for page in (p.format(**world) for p in PAGES):
            assert visitor.get(page).status_code == 200  # the visitor's build comes first
            for reader in readers.values():
                reader.get(page)  # theirs, or the visitor's when they answer the same
            shown = {}
            for role, reader in readers.items():
                resp = reader.get(page)
                assert resp.headers.get("X-Page-Cache") == "hit", (role, page)
                shown[role] = _text(resp)
                assert ME.findall(shown[role]) == [names[role]], (role, page)  # their header, nobody else's
                assert shown[role] == _fresh(app, reader, page), f"{role} was served another's {page}"
            if page.startswith(("/commitments/", "/sessions/")):  # a co-chair's controls are not a member's
                assert shown["state_chair"] != shown["forum_member"], page


@pytest.mark.usefixtures("remembered_for_long")
def test_a_live_session_page_kept_for_its_co_chairs_never_holds_the_minutes_draft(make, new_client):
    """The draft is not on the trail and not for the room: the writers' windows get it when
    they join (sessions/sockets.py), so the page a co-chair is served from memory has none."""
    forum = make.forum(open_=True)
    people = chairs(forum)
    s = live(forum)
    minutes.save(people["state_chair"], s, "Borrador del acta: actaprivadaX9Q.")
    db.session.commit()
    chair = new_client()
    chair.login(people["state_chair"].email)
    url = f"/sessions/{s.id}"
    with frozen_at(utcnow()):
        chair.get(url)
        resp = chair.get(url)
    assert resp.headers.get("X-Page-Cache") == "hit"
    assert "actaprivadaX9Q" not in resp.get_data(as_text=True)
    assert not any(b"actaprivadaX9Q" in part for part in pagecache.stored_parts())


@pytest.mark.usefixtures("remembered_for_long")
def test_a_signed_in_hit_costs_the_same_few_statements_whatever_the_forum_holds(app, world, make, count_queries):
    """The page's versions, the head and the reader's notifications version (one round trip),
    the reader (one primary-key get); the session page one more, its minutes' revision. Not
    the header's counts nor the page's questions again: remembered until the head or the
    reader's notifications move (forum/pagenav.py)."""
    chair = client_for(world, "state_chair")
    pages = [p.format(**world) for p in ("/forums/{a}", "/forums/{a}/proposals", "/proposals/{proposal}",
                                         "/commitments/{commitment}", "/sessions/{meeting}",
                                         "/cycles/2019-2021/agreed-adopted")]

    def statements() -> dict:
        found = {}
        with frozen_at(utcnow()):
            for page in pages:
                chair.get(page)
                chair.get(page)
                with count_queries() as q:
                    resp = chair.get(page)
                assert resp.headers.get("X-Page-Cache") == "hit", page
                found[page] = q.n
        return found

    before = statements()
    # a co-chair's commitment page fills its link form for them (commitments/link_gap.py): the
    # commitment, their seat and the version of the forum's inputs, besides the form's own
    assert all(n <= (3 if "/sessions/" in page else 6 if "/commitments/" in page else 2)
               for page, n in before.items()), before
    forum = db.session.get(Forum, world["a"])
    for i in range(20):  # each waiting for the co-chair's answer: their inbox count grows
        proposal(make, forum, title=f"Propuesta adicional número {i}")
    db.session.commit()
    assert statements() == before


def test_a_signed_in_reader_who_misses_while_the_page_is_built_waits_for_that_build(app, make, new_client):
    """Ten windows of one co-chair missing together after a write built the page ten times
    at once, sharing two cores (p95 4.6 s through the stack): one builds, the others wait
    and are served its copy when they answer the same."""
    forum = make.forum(open_=True)
    member = make.user("Ana Sinasiento")
    url, got = f"/forums/{forum.id}/ledger", {}
    person = new_client()
    person.login(member.email)

    def read():
        got["resp"] = person.get(url)

    reader = threading.Thread(target=read)
    with app.test_request_context(url, headers={"Accept-Language": "en"}):  # a visitor's build
        assert pagecache._serve() is None
        key, _event = g.page_build
        build = pagecache._building[key] = _Watched()  # the same build, now observable
        g.page_build = (key, build)
        reader.start()
        assert build.awaited.wait(10), "the signed-in reader never waited for this build"
        app.process_response(app.make_response(app.dispatch_request()))
        pagecache._built()
    reader.join(10)
    assert got["resp"].headers.get("X-Page-Cache") == "hit"
    assert "Ana Sinasiento" in got["resp"].get_data(as_text=True)  # with her own header
