"""The live session page rebuilt after a live act renders only the part the act moved (issue 29):
a vote, a check-in, a hand or the floor no longer renders the session's record again — its
agenda, decisions with their roll calls, controls, minutes' place — nor queries and serialises
the parts of the live state it did not touch; yet every reader sees the act at once, and each
reader only their own controls."""
import json
import re

import pytest

from forum import pagecache
from forum.extensions import db
from forum.sessions import services as sessions
from forum.sessions import state
from forum.sessions.services import motions
from forum.trail import cache
from tests.helpers.live import live, motion, seated_forum
from tests.helpers.proposals import chairs
from tests.pages.test_page_versions_matrix import _text  # the page without the reader's CSRF token


@pytest.fixture
def room(make):
    """A live session of six members, four present (quorum: a check-in or out records nothing
    else), one motion decided and one open."""
    forum, members = seated_forum(make)
    present = [chairs(forum)["state_chair"], *(members[k] for k in ("government", "civil_society", "academia"))]
    s = live(forum, present=present, waive=False, items=("Apertura", "Compromisos", "Varios"))
    decided = motion(s, forum, text="Aprobar el acta anterior")
    motions.vote(members["government"], s, decided.id, "yes")
    motions.close_motion(chairs(forum)["civil_chair"], s, decided.id)
    db.session.commit()
    return forum, s, motion(s, forum), members


@pytest.fixture
def rendered(app, monkeypatch):
    """The names of the templates rendered or included while a page is built."""
    names: list[str] = []
    env = app.jinja_env
    original = env.get_template

    def get_template(name, *args, **kw):
        names.append(getattr(name, "name", name))
        return original(name, *args, **kw)
    monkeypatch.setattr(env, "get_template", get_template)
    return names


@pytest.fixture
def built(monkeypatch):
    """The parts of the live state (sessions/state.py) queried and serialised."""
    names: list[str] = []
    for name, builder in list(state.BUILDERS.items()):
        def counted(s, name=name, builder=builder):
            names.append(name)
            return builder(s)
        monkeypatch.setitem(state.BUILDERS, name, counted)
    return names


def _state(resp) -> dict:
    assert resp.status_code == 200
    return json.loads(re.search(r'<script type="application/json" id="live-state">(.*?)</script>',
                                resp.get_data(as_text=True)).group(1))


def _raise(w):
    sessions.raise_hand(w["members"]["civil_society"], w["s"])


# act -> (what is done first, the act, the one part of the live state it moves)
ACTS = {
    "vote": (None, lambda w: motions.vote(w["members"]["academia"], w["s"], w["m"].id, "no"), "motion"),
    "check in": (None, lambda w: sessions.check_in(w["members"]["private"], w["s"]), "attendance"),
    "check out": (None, lambda w: sessions.check_in(w["members"]["academia"], w["s"], present=False), "attendance"),
    "raise a hand": (None, _raise, "queue"),
    "lower a hand": (_raise, lambda w: sessions.lower_hand(w["members"]["civil_society"], w["s"]), "queue"),
    "give the floor": (_raise, lambda w: sessions.give_floor(chairs(w["forum"])["state_chair"], w["s"]), "queue"),
}


@pytest.mark.parametrize("act", list(ACTS))
def test_a_live_act_renders_neither_the_record_nor_the_parts_it_did_not_move(room, new_client, rendered, built,
                                                                           act):
    forum, s, m, members = room
    w = {"forum": forum, "s": s, "m": m, "members": members}
    before, do, moved = ACTS[act]
    if before:
        before(w)
        db.session.commit()
    url = f"/sessions/{s.id}"
    first = new_client().get(url)
    assert "Aprobar el acta anterior" in first.get_data(as_text=True)  # the decided motion, its roll call
    assert "sessions/_decisions.html" in rendered and set(state.PARTS) <= set(built)
    rendered.clear()
    built.clear()
    do(w)
    db.session.commit()
    again = new_client().get(url)  # a visitor: the act made the page stale
    assert again.headers.get("X-Page-Cache") != "hit"
    assert built == [moved]
    assert {"sessions/_standing.html", "sessions/_decisions.html", "sessions/_record.html"}.isdisjoint(rendered)
    # the page is the one built from nothing, the act shown
    assert _state(again) != _state(first)
    html = again.get_data(as_text=True)
    assert "Aprobar el acta anterior" in html and "Compromisos" in html


def test_a_voter_sees_their_vote_and_the_tally_at_once(room, new_client):
    forum, s, m, members = room
    voter = new_client()
    voter.login(members["civil_society"].email)
    url = f"/sessions/{s.id}"
    assert _state(voter.get(url))["motion"]["tally"]["ballots"] == 0
    motions.vote(members["civil_society"], s, m.id, "yes")
    db.session.commit()
    page = _state(voter.get(url))
    assert page["motion"]["tally"]["ballots"] == 1
    assert page["may"]["speak_and_vote"] is True


def test_each_reader_gets_their_own_controls_from_the_kept_record(room, new_client):
    """The record is kept per set of answers: a co-chair's controls never reach a visitor or
    a member, read in turn, before and after a vote."""
    forum, s, m, members = room
    url = f"/sessions/{s.id}"
    chair, member, visitor = new_client(), new_client(), new_client()
    chair.login(chairs(forum)["state_chair"].email)
    member.login(members["academia"].email)
    for _round in range(2):
        pages = {who: client.get(url).get_data(as_text=True)
                 for who, client in (("visitor", visitor), ("chair", chair), ("member", member))}
        assert "Give the floor to the next speaker" in pages["chair"]
        assert 'id="minutes-editor"' in pages["chair"] and 'id="minutes-editor"' in pages["member"]
        assert "Give the floor to the next speaker" not in pages["visitor"] + pages["member"]
        assert 'id="minutes-editor"' not in pages["visitor"]
        assert "Log in to take part." in pages["visitor"]
        assert "Log in to take part." not in pages["member"] + pages["chair"]
        motions.vote(members["government"], s, m.id, "abstain")
        db.session.commit()


def test_a_closed_vote_renders_the_record_again_everywhere_it_shows(room, new_client):
    """The record's own acts (a motion closed, the agenda advanced) move the session's version:
    the kept record, the decisions fragment and the JSON show them at once, as built afresh."""
    forum, s, m, members = room
    pages = [f"/sessions/{s.id}", f"/sessions/{s.id}/decisions", f"/sessions/{s.id}.json"]
    for url in pages:
        new_client().get(url)
    motions.vote(members["academia"], s, m.id, "yes")
    motions.close_motion(chairs(forum)["civil_chair"], s, m.id)
    sessions.advance(chairs(forum)["state_chair"], s, 3)
    db.session.commit()
    served = {url: _text(new_client().get(url)) for url in pages}
    assert all("Aprobar el plan de trabajo" in served[url] for url in pages)  # the new decision
    assert _state(new_client().get(pages[0]))["header"]["current_item"] == 3
    cache.clear()  # nothing kept: each built from the database
    pagecache.clear()
    assert {url: _text(new_client().get(url)) for url in pages} == served
