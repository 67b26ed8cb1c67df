"""Socket.IO test clients for live sessions, and the sessions the tests start from."""
from datetime import timedelta

from flask import has_app_context

from forum.core.clock import frozen_at, utcnow
from forum.extensions import db, socketio
from forum.forums import services as forums
from forum.sessions import quorum_queries, services
from forum.sessions.services import motions, quorum
from forum.sessions.sockets import NS
from tests.helpers.proposals import chairs

_FIELDS = object()  # emit(event, **fields) rather than a payload of its own, which may be None


class Live:
    """A real Socket.IO client of the /live namespace, logged in through `http` (a
    tests.conftest.Client) or anonymous. Each emit runs in an app context of its own, as
    in production, so the handler never shares the test's database session."""

    def __init__(self, app, http=None):
        self.app = app
        with app.app_context():
            self.sio = socketio.test_client(app, namespace=NS, flask_test_client=http.raw if http else None)

    def emit(self, event, payload=_FIELDS, **fields):
        payload = dict(fields) if payload is _FIELDS else payload
        with self.app.app_context():
            ack = self.sio.emit(event, payload, namespace=NS, callback=True)
        if has_app_context():
            db.session.expire_all()
        return ack

    def received(self) -> list[tuple[str, dict]]:
        with self.app.app_context():
            return [(m["name"], m["args"][0] if m["args"] else None) for m in self.sio.get_received(NS)]

    def disconnect(self):
        with self.app.app_context():
            self.sio.disconnect(namespace=NS)


def joined(app, user=None, language="en", session=None) -> Live:
    """A real client of the live page: signed in as `user` (or anonymous), reading in
    `language`, and, given a `session`, already in its room with the join's messages read."""
    from tests.conftest import Client
    http = Client(app.test_client(), language=language)
    if user is not None:
        http.login(user.email)
    client = Live(app, http)
    if session is not None:
        assert client.emit("join", session=session) == {"ok": True}
        client.received()
    return client


def scheduled(forum, title="Sesión ordinaria", items=("Apertura", "Compromisos", "Varios")):
    """A session scheduled fifteen days ago for ten minutes from now (so with good notice,
    and due to start: a co-chair starts it without giving a reason)."""
    now = utcnow()
    with frozen_at(now - timedelta(days=15)):
        s = services.schedule(chairs(forum)["state_chair"], forum, title=title, starts_at=now + timedelta(minutes=10),
                              ends_at=now + timedelta(hours=2), place="Sala 1",
                              agenda=[services.ItemInput(t) for t in items])
    db.session.commit()
    return s


def live(forum, present=(), waive=True, **kw):
    """Started by the State co-chair, with `present` users checked in. Short of quorum,
    both co-chairs record their keys to decide without it (unless `waive` is False), so a
    test about votes may seat only the voters it needs."""
    s = scheduled(forum, **kw)
    services.start(chairs(forum)["state_chair"], s)
    for user in present:
        services.check_in(user, s)
    if waive and not quorum_queries.figures(s)["met"]:
        waive_quorum(forum, s)
    db.session.commit()
    return s


def waive_quorum(forum, s):
    for side in ("state_chair", "civil_chair"):
        quorum.override(chairs(forum)[side], s, "Sesión de prueba con pocos miembros presentes.")


def motion(s, forum, text="Aprobar el plan de trabajo", **kw):
    m = motions.open_motion(chairs(forum)["civil_chair"], s, text, **kw)
    db.session.commit()
    return m


def seated_forum(make):
    """An open forum with both co-chairs and four members, one of each kind (State, civil
    society, academia, private): six members, so quorum needs four."""
    forum = make.forum(open_=True)
    chair = chairs(forum)["state_chair"]
    members = {}
    for kind in ("government", "civil_society", "academia", "private"):
        user, org = make.member_of(kind)
        forums.add_member(chair, forum, user, org)
        members[kind] = user
    db.session.commit()
    return forum, members
