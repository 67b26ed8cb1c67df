"""Read-only questions about sessions, for pages, exports and the coming API."""
from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from .models import Attendance, ForumSession, SessionStatus

COMING = timedelta(days=30)  # a scheduled session is "coming" (home page, inbox) this long before it starts


def upcoming_and_past(forum) -> tuple[list[ForumSession], list[ForumSession]]:
    """Sessions not yet ended (soonest first) and ended ones (latest first)."""
    rows = list(db.session.scalars(select(ForumSession).where(ForumSession.forum_id == forum.id)
                                   .order_by(ForumSession.starts_at)))
    past = [s for s in rows if s.status == SessionStatus.ENDED]
    return [s for s in rows if s.status != SessionStatus.ENDED], list(reversed(past))


def is_present(user_id: int, s: ForumSession) -> bool:
    return bool(db.session.scalar(select(Attendance.present).where(Attendance.session_id == s.id,
                                                                   Attendance.user_id == user_id)))
