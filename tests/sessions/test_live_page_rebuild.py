"""The live session page is rebuilt at every vote and check-in (issue 29): the rebuild shows
the act at once, and costs the same whatever the number of acts before it — each line of its
trail list is rendered once per process (forum/trail/entry_html.py), never again."""
import json
import re

import pytest
from sqlalchemy import func, select

from forum import pagecache
from forum.extensions import db
from forum.sessions import services as sessions
from forum.sessions.services import motions
from forum.trail import cache, entry_html
from forum.trail.models import TrailEntry
from tests.helpers.live import live, motion, seated_forum


@pytest.fixture
def room(make):
    """A live session of six members, all present, a yes/no motion open."""
    forum, members = seated_forum(make)
    s = live(forum, present=list(members.values()))
    return s, motion(s, forum), members


def _state(resp) -> dict:
    assert resp.status_code == 200
    found = re.search(r'<script type="application/json" id="live-state">(.*?)</script>', resp.get_data(as_text=True))
    return json.loads(found.group(1))


def _lines(resp) -> list[str]:
    return re.findall(r'<a class="seq" href="[^"]*">#(\d+)</a>', resp.get_data(as_text=True))


def test_a_vote_shows_at_once_to_the_next_visitor(room, new_client):
    s, m, members = room
    url = f"/sessions/{s.id}"
    new_client().get(url)
    assert new_client().get(url).headers.get("X-Page-Cache") == "hit"  # remembered before the vote
    motions.vote(members["civil_society"], s, m.id, "yes")
    db.session.commit()
    page = new_client().get(url)  # a visitor without a cookie
    assert page.headers.get("X-Page-Cache") != "hit"
    assert _state(page)["motion"]["tally"]["ballots"] == 1
    # the vote's trail entry heads the list
    assert _lines(page)[0] == str(db.session.scalar(select(func.max(TrailEntry.seq))))
    assert "sealed ballot cast by a member present" in page.get_data(as_text=True)


def test_a_rebuild_renders_only_the_new_entry(room, new_client):
    """The 100-line list was rendered in full at every vote; now a vote renders its own line."""
    s, m, members = room
    url = f"/sessions/{s.id}"
    entry_html.clear()
    first = new_client().get(url)
    assert len(entry_html._lines) == len(_lines(first)) > 5
    motions.vote(members["academia"], s, m.id, "no")
    db.session.commit()
    again = new_client().get(url)
    assert len(_lines(again)) == len(_lines(first)) + 1
    assert len(entry_html._lines) == len(_lines(again))  # one line rendered, the others remembered


def test_the_rebuild_costs_the_same_statements_at_any_number_of_acts(room, new_client, count_queries):
    s, m, members = room
    url = f"/sessions/{s.id}"

    def rebuild() -> int:
        pagecache.clear()
        cache.clear()  # nothing kept: the page and its parts built from the database
        with count_queries() as q:
            assert new_client().get(url).status_code == 200
        return q.n
    few = rebuild()
    for _ in range(20):  # forty acts more on the trail list
        for present in (False, True):
            sessions.check_in(members["private"], s, present=present)
    motions.vote(members["private"], s, m.id, "yes")
    db.session.commit()
    assert rebuild() == few


def test_each_reader_language_has_its_own_lines(room, app):
    """A line remembered in Spanish is not served to a reader in English."""
    from tests.conftest import Client
    s, _m, _members = room
    pages = {lang: Client(app.test_client(), language=lang).get(f"/sessions/{s.id}").get_data(as_text=True)
             for lang in ("es", "en", "es")}
    assert "checked in" in pages["en"]
    assert "checked in" not in pages["es"]
