"""A window that goes away while its join is still running (a page navigated away at once)
leaves the live session as it was: its join ends quietly, with no exception in the server's
thread, and every other window keeps hearing the session."""
import pytest
from flask import request

from forum.extensions import socketio
from forum.sessions import sockets
from tests.helpers.live import joined, live, seated_forum
from tests.helpers.proposals import chairs


@pytest.fixture
def started(make):
    forum, members = seated_forum(make)
    return forum, members, live(forum, [members["academia"]])


def _leaves_during_join(monkeypatch, client) -> list:
    """The disconnect lands between the join's first room and its own (per-person) room, as
    when the server handles the two on different threads. Returns [the socket's id], once known."""
    read_state, gone = sockets.state.for_viewer, []

    def then_gone(s, actor):
        body = read_state(s, actor)
        gone.append(request.sid)
        client.sio.disconnect(namespace=sockets.NS)
        return body
    monkeypatch.setattr(sockets.state, "for_viewer", then_gone)
    return gone


def _rooms() -> dict:
    return socketio.server.manager.rooms.get(sockets.NS, {})


@pytest.fixture
def nobody_else_live(app):
    """The Socket.IO server outlives each test, and so do the sockets earlier tests left open:
    close them, so this window is the last one in /live when it goes."""
    for sid in list(_rooms().get(None, {})):
        socketio.server.disconnect(sid, namespace=sockets.NS)
    assert not _rooms()


def test_the_last_window_gone_while_joining_ends_the_join_quietly(app, started, nobody_else_live, monkeypatch):
    forum, members, s = started
    member = joined(app, members["academia"])
    gone = _leaves_during_join(monkeypatch, member)
    assert member.emit("join", session=s.id) == {"ok": False}
    assert not _rooms(), "no room kept for a window that is gone"
    assert gone


def test_the_others_keep_hearing_the_session_when_one_window_leaves_while_joining(app, started, monkeypatch):
    forum, members, s = started
    member = members["academia"]
    watcher = joined(app, session=s.id)
    other_window = joined(app, member, session=s.id)
    leaving = joined(app, member)
    gone = _leaves_during_join(monkeypatch, leaving)
    assert leaving.emit("join", session=s.id) == {"ok": False}
    assert not [name for name, sids in _rooms().items() if gone[0] in sids], "in no room once gone"
    monkeypatch.undo()

    chair = joined(app, chairs(forum)["civil_chair"], session=s.id)
    assert chair.emit("open_motion", session=s.id, text="Aprobar la agenda") == {"ok": True}
    heard = [body for name, body in watcher.received() if name == "state"]
    assert any(body.get("motion") for body in heard), "the watcher hears the new motion"
    assert other_window.emit("vote", session=s.id, motion=heard[-1]["motion"]["id"], option="yes") == {"ok": True}
    assert ("you", {"session": s.id, "motion": heard[-1]["motion"]["id"], "vote": "yes"}) in other_window.received()
