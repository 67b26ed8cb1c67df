"""Which implementation-review sessions the civil-society co-chair attended: the Collaborate
step of the implementation level (implementation.py) counts a review only when they did.

A review "presents the implementation results to civil society and hears its views" (OGP
standard 5): held without civil society's co-chair, it may have done neither. Attendance is
what the session's check-ins recorded (a row for the person, whether or not they checked out
later); the co-chair is whoever held the civil-society seat and had not left it when the
session started."""
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select

from ..accounts.models import User
from ..core.clock import iso
from ..extensions import db
from ..forums.models import Seat, SeatRole
from ..sessions.models import Attendance, ForumSession, SessionStatus

YEAR = timedelta(days=365)


def last_year(forum_ids: list[int], now: datetime) -> list[dict]:
    """Each review session held in the twelve months before `now`, oldest first, with the
    name of the civil-society co-chair who attended it (None: they did not check in): plain
    data, as the page, the API and the archive show it. One statement."""
    chair = and_(Seat.user_id == Attendance.user_id, Seat.forum_id == ForumSession.forum_id,
                 Seat.role == SeatRole.CIVIL_CHAIR,
                 or_(Seat.ended_at.is_(None), Seat.ended_at > ForumSession.started_at))
    rows = db.session.execute(
        select(ForumSession.id, ForumSession.forum_id, ForumSession.title, ForumSession.started_at, User.display_name)
        .outerjoin(Attendance, Attendance.session_id == ForumSession.id).outerjoin(Seat, chair)
        .outerjoin(User, User.id == Seat.user_id)
        .where(ForumSession.forum_id.in_(list(forum_ids) or [0]), ForumSession.implementation_review.is_(True),
               ForumSession.status == SessionStatus.ENDED, ForumSession.started_at > now - YEAR,
               ForumSession.started_at <= now)
        .order_by(ForumSession.started_at, ForumSession.id)).all()
    found: dict[int, dict] = {}
    for sid, forum_id, title, started, name in rows:  # a row per attendee: keep the co-chair's
        r = found.setdefault(sid, {"session": sid, "forum": forum_id, "title": title, "started_at": iso(started),
                                   "civil_chair": None, "attended": False})
        if name is not None:
            r.update(civil_chair=name, attended=True)
    return list(found.values())
