"""Which implementation reviews count: the one rule of OGP standard 5 that the minimum
requirements (requirements.judge_reviews), the implementation level's Collaborate step
(implementation.py) and the cycle page's list of reviews all ask.

A review "presents the implementation results to civil society and hears its views" (OGP
standard 5): held without civil society's co-chair, it may have done neither. So a review
counts once it has ended (its attendance is then final: check-ins happen only while it runs,
and ending it moves its forum's pages) and only when the civil-society co-chair checked in —
a row for the person, whether or not they checked out later. The co-chair is whoever held the
civil-society seat when the session started: seated by then and not yet left."""
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select

from ..accounts.models import User
from ..core.clock import iso
from ..extensions import db
from ..forums.models import Seat, SeatRole
from ..sessions.models import Attendance, ForumSession, SessionStatus

YEAR = timedelta(days=365)
ATTENDED, ABSENT, NO_CHAIR = "attended", "absent", "no_chair"  # why a review counted, or did not


def reasons() -> dict:
    """Each reason as the pages say it, after the co-chair's name when there is one."""
    return {ATTENDED: _l("attended: counted"), ABSENT: _l("did not check in: not counted"),
            NO_CHAIR: _l("no civil-society co-chair held the seat: not counted")}


def held(forum_ids: list[int], now: datetime | None = None, since: datetime | None = None) -> list[dict]:
    """Each review session ended that started after `since` and by `now` (None: no bound), oldest
    first, with the civil-society co-chair of its start (None: nobody held the seat), whether
    they attended, and why it counts or not (`reason`): plain data, as the pages, the API and
    the archive show it (`started_at` a datetime). One statement, whatever the number of sessions."""
    chair = and_(Seat.forum_id == ForumSession.forum_id, Seat.role == SeatRole.CIVIL_CHAIR,
                 Seat.created_at <= ForumSession.started_at,
                 or_(Seat.ended_at.is_(None), Seat.ended_at > ForumSession.started_at))
    window = ([ForumSession.started_at > since] if since is not None else []) + \
        ([ForumSession.started_at <= now] if now is not None else [])
    rows = db.session.execute(
        select(ForumSession.id, ForumSession.forum_id, ForumSession.title, ForumSession.started_at,
               User.display_name, Attendance.id)
        .outerjoin(Seat, chair).outerjoin(User, User.id == Seat.user_id)
        .outerjoin(Attendance, and_(Attendance.session_id == ForumSession.id, Attendance.user_id == Seat.user_id))
        .where(ForumSession.forum_id.in_(list(forum_ids) or [0]), ForumSession.implementation_review.is_(True),
               ForumSession.status == SessionStatus.ENDED, *window)
        .order_by(ForumSession.started_at, ForumSession.id)).all()
    found: dict[int, dict] = {}
    for sid, forum_id, title, started, name, attendance in rows:  # a row per co-chair seat: keep the one present
        r = found.setdefault(sid, {"session": sid, "forum": forum_id, "title": title, "started_at": started,
                                   "civil_chair": None, "attended": False, "reason": NO_CHAIR})
        if name is not None and not r["attended"]:
            r.update(civil_chair=name, attended=attendance is not None,
                     reason=ATTENDED if attendance is not None else ABSENT)
    return list(found.values())


def last_year(forum_ids: list[int], now: datetime) -> list[dict]:
    """`held` in the twelve months before `now`: the Collaborate step's window, with times as
    the glance's JSON carries them."""
    return [{**r, "started_at": iso(r["started_at"])} for r in held(forum_ids, now, since=now - YEAR)]
