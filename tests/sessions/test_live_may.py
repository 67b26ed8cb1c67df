"""What a person may do on the live page comes from the server's policy (`may` in the state),
per person and per socket, and follows them as it changes; the page's script decides nothing.
And a live event is broadcast only once its transaction commits."""
import json
import re

import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.forums import services as forums
from forum.forums.models import Seat
from forum.sessions.services import minutes
from tests.conftest import trail_length
from tests.helpers.live import joined, live, seated_forum
from tests.helpers.proposals import chairs


@pytest.fixture
def forum_with_members(make):
    return seated_forum(make)


def mays(received) -> list[dict]:
    return [body["may"] for name, body in received if name == "state" and "may" in body]


def page_may(client, session_id) -> dict:
    html = client.get(f"/sessions/{session_id}").get_data(as_text=True)
    return json.loads(re.search(r'id="live-state">(.*?)</script>', html, re.S).group(1))["may"]


def test_the_writer_may_write_only_while_designated_and_seated(app, make, new_client, forum_with_members):
    forum, members = forum_with_members
    ch, writer = chairs(forum), members["academia"]
    s = live(forum, [writer])
    minutes.designate(ch["state_chair"], s, writer.id)
    db.session.commit()
    theirs = joined(app, writer)
    theirs.emit("join", session=s.id)
    (first,) = mays(theirs.received())
    assert first == {"chair": False, "take_part": True, "speak_and_vote": True, "write_minutes": True}

    chair = joined(app, ch["state_chair"], session=s.id)
    assert chair.emit("designate_writer", session=s.id, user=None) == {"ok": True}
    assert mays(theirs.received()) == [{**first, "write_minutes": False}], "taking it back reaches their window"

    # Named again, then their seat ends: the session still names them as the writer, but the
    # policy asks for a seat too, and the page now hears so from the server.
    assert chair.emit("designate_writer", session=s.id, user=writer.id) == {"ok": True}
    seat = db.session.scalar(select(Seat).where(Seat.user_id == writer.id, Seat.forum_id == forum.id))
    forums.remove_member(ch["state_chair"], forum, seat, "Su organización dejó el foro esta semana.")
    db.session.commit()
    http = new_client()
    http.login(writer.email)
    assert page_may(http, s.id) == {"chair": False, "take_part": False, "speak_and_vote": False,
                                    "write_minutes": False}


def test_an_observer_may_do_nothing_and_a_co_chair_chairs(app, new_client, forum_with_members):
    forum, members = forum_with_members
    s = live(forum, [members["government"]])
    assert not any(page_may(new_client(), s.id).values())
    http = new_client()
    http.login(chairs(forum)["civil_chair"].email)
    assert page_may(http, s.id)["chair"] is True


def test_a_co_chair_cannot_be_designated_to_write_and_the_list_offers_only_members(app, new_client,
                                                                                   forum_with_members):
    forum, members = forum_with_members
    ch = chairs(forum)
    s = live(forum, [members["government"]])
    chair = joined(app, ch["state_chair"], session=s.id)
    before = trail_length()
    ack = chair.emit("designate_writer", session=s.id, user=ch["civil_chair"].id)
    assert ack["ok"] is False and ack["field"] == "user" and "co-chairs write the minutes" in ack["message"]
    assert trail_length() == before
    http = new_client()
    http.login(ch["state_chair"].email)
    select_html = re.search(r'<select id="writer">(.*?)</select>', http.get(f"/sessions/{s.id}").get_data(as_text=True),
                            re.S).group(1)
    offered = {int(v) for v in re.findall(r'<option value="(\d+)"', select_html)}
    assert offered == {u.id for u in members.values()}


def test_a_live_event_is_broadcast_only_after_its_commit(app, forum_with_members, monkeypatch):
    """The room hears of a change only once it is committed: a commit that fails tells
    nobody, and the one who sent it gets the usual error, with nothing written."""
    forum, members = forum_with_members
    s = live(forum, [members["government"]])
    member = joined(app, members["civil_society"], session=s.id)
    observer = joined(app, session=s.id)
    committed = []

    real_commit = db.session.commit

    def failing_commit():
        committed.append(False)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(db.session, "commit", failing_commit)
    ack = member.emit("check_in", session=s.id)
    monkeypatch.setattr(db.session, "commit", real_commit)
    assert committed == [False]
    assert ack["ok"] is False and ack["event"] == "check_in" and ack["field"] is None, ack
    assert observer.received() == [], "a failed commit broadcasts nothing"
    assert [n for n, _ in member.received()] == ["error"]
    assert member.emit("check_in", session=s.id) == {"ok": True}
    assert any(n == "state" and "attendance" in b for n, b in observer.received())
