"""Read-only questions about sessions, for pages, exports and the coming API."""
from sqlalchemy import select

from ..extensions import db
from .models import ForumSession, SessionStatus


def upcoming_and_past(forum) -> tuple[list[ForumSession], list[ForumSession]]:
    """Sessions not yet ended (soonest first) and ended ones (latest first)."""
    rows = list(db.session.scalars(select(ForumSession).where(ForumSession.forum_id == forum.id)
                                   .order_by(ForumSession.starts_at)))
    past = [s for s in rows if s.status == SessionStatus.ENDED]
    return [s for s in rows if s.status != SessionStatus.ENDED], list(reversed(past))
