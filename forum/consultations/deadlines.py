"""The consultation's response clock: the one home of when a consultation's comments are owed
their reasoned answers, for the report (the promise kept or not), the inbox and the page
cache.

The forum answers within its `response_deadline_days` of the period's end: due at
ends_at + D days; an answer at that instant is on time, a whole second after it late
(`core/deadlines.py` says why)."""
from datetime import datetime

from sqlalchemy import select

from ..core.deadlines import Clock, upcoming
from ..extensions import db
from ..forums.models import Forum
from .models import Consultation


def clock(c: Consultation, forum: Forum | None = None) -> Clock:
    return Clock(c.ends_at, (forum or c.forum).response_deadline_days)


def moments(after: datetime | None = None) -> list[datetime]:
    """Every instant at which a consultation's answers fall due (its report changes then), or
    those later than `after`."""
    rows = db.session.execute(select(Consultation.ends_at, Forum.response_deadline_days)
                              .join(Forum, Forum.id == Consultation.forum_id))
    return upcoming((Clock(ends_at, days).late_from for ends_at, days in rows), after)
