"""A member whose seat ends (a co-chair removes them, a new co-chair replaces them) may have
a session page open: the server already refuses their vote or raised hand, and this tells
the page so at once, with what they may do now and that their seat ended, instead of
leaving the controls on screen until a reload.

It listens to the seat itself (`Seat.ended_at` set), not to the services that end one, so
every way a seat ends is covered, and it is a listener because forums sit below sessions:
forums cannot call into the live page. What each member may do is read inside the
transaction (before its commit) and sent by `core.aftercommit` only once it commits."""
from sqlalchemy import event, select
from sqlalchemy.orm import Session, object_session

from ..accounts.models import User
from ..core.aftercommit import on_commit
from ..extensions import db, socketio
from ..forums.models import Seat
from ..forums.queries import seat_of
from . import policy
from .models import ForumSession, SessionStatus
from .rooms import NS, personal_room

_KEY = "traza_seats_ended"


@event.listens_for(Seat.ended_at, "set")
def _ended(seat: Seat, value, old, _initiator) -> None:
    if value is not None and old is None:
        session = object_session(seat) or db.session()
        session.info.setdefault(_KEY, set()).add((seat.forum_id, seat.user_id))


@event.listens_for(Session, "before_commit")
def _tell(session: Session) -> None:
    ended = session.info.pop(_KEY, None)
    if ended and session is db.session():  # the request's session, whose commit `on_commit` waits for
        news = [n for forum_id, user_id in sorted(ended) for n in news_for(forum_id, user_id)]
        if news:
            on_commit(_send, news)


def news_for(forum_id: int, user_id: int) -> list[tuple[dict, str]]:
    """What this person may now do on each session of the forum not yet ended, to their own
    windows, and whether they still sit in the forum (a member appointed co-chair does)."""
    user = db.session.get(User, user_id)
    sessions = list(db.session.scalars(select(ForumSession).where(
        ForumSession.forum_id == forum_id, ForumSession.status != SessionStatus.ENDED)))
    if user is None or not sessions:
        return []
    seated = seat_of(sessions[0].forum, user_id) is not None
    return [({"may": policy.may(user, s), "seat": {"ended": not seated}}, personal_room(s.id, user_id))
            for s in sessions]


@event.listens_for(Session, "after_soft_rollback")
def _drop(session: Session, _previous) -> None:
    session.info.pop(_KEY, None)


def _send(news) -> None:
    for body, to in news:
        socketio.emit("state", body, to=to, namespace=NS)
