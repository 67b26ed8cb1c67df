"""The clock of a discrepancy's reasoned answer, and what "still waiting" means for it: the
one home of both, for the comparison page, the figures, the inbox and the API.

The same promise as a proposal's: the State co-chair answers within the forum's
`response_deadline_days`, counted from the moment the comparison was published (the
discrepancy opened), by the rule of `core/deadlines.py` (due at t + D days exactly, late a
whole second after, days late rounded up)."""
from datetime import datetime

from sqlalchemy import select

from ..core import deadlines
from ..core.clock import utcnow
from ..core.deadlines import Clock
from ..extensions import db
from ..forums.models import Forum
from .models import Discrepancy


def waiting(d: Discrepancy) -> bool:
    return d.answered_at is None


def waiting_sql():
    """`waiting(d)`, as a condition on the discrepancies table."""
    return Discrepancy.answered_at.is_(None)


def clock(d: Discrepancy, forum: Forum | None = None) -> Clock:
    return Clock(d.opened_at, (forum or d.forum).response_deadline_days)


def overdue(d: Discrepancy, now: datetime | None = None, forum: Forum | None = None) -> bool:
    """Still waiting, past the deadline."""
    return waiting(d) and clock(d, forum).late(now or utcnow())


def overdue_sql(forum: Forum, now: datetime):
    """`overdue(d, now)` for the discrepancies of `forum`, as a condition."""
    return waiting_sql() & deadlines.late_sql(Discrepancy.opened_at, forum.response_deadline_days, now)


def answer_seconds(d: Discrepancy, answered_at: datetime) -> int:
    """What `Discrepancy.answer_seconds` stores: the seconds the clock counts."""
    return deadlines.elapsed(d.opened_at, answered_at)


def days_late(d: Discrepancy, forum: Forum | None = None) -> int | None:
    """Whole days past the deadline the answer came, or None (in time, or not yet)."""
    if d.answer_seconds is None:
        return None
    return deadlines.days_late(d.answer_seconds, (forum or d.forum).response_deadline_days)


def answered_late_sql(forum: Forum):
    """`days_late(d) is not None`, as a condition (NULL, so neither, while unanswered)."""
    return deadlines.late_seconds_sql(Discrepancy.answer_seconds, forum.response_deadline_days)


def state(d: Discrepancy, now: datetime, forum: Forum | None = None) -> str:
    """The ledger's word: on_time, late (answered after the deadline), overdue (waiting past
    it) or waiting."""
    if not waiting(d):
        return "late" if days_late(d, forum) is not None else "on_time"
    return "overdue" if overdue(d, now, forum) else "waiting"


def moments(after: datetime | None = None) -> list[datetime]:
    """The instants a waiting discrepancy's ledger line changes by the clock alone (the page
    cache's boundaries): each day of its "N days left" and the moment it falls overdue
    (Clock.steps). All of them, or those later than `after`, as proposals/deadlines.moments."""
    rows = db.session.execute(select(Discrepancy.opened_at, Forum.response_deadline_days)
                              .join(Forum, Forum.id == Discrepancy.forum_id).where(waiting_sql()))
    return deadlines.upcoming((step for start, days in rows for step in Clock(start, days).steps), after)
