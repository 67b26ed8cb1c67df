"""The proposal's response clock and what "still waiting" means: the one home of both, for
the ledger (its rows and its figures), the proposal's page and list, the inbox, the figures
and the page cache.

Still waiting: not answered yet and not withdrawn. "Needs more information" is a response,
not an answer, so the clock keeps running through it (`models.WAITING` are the statuses a
waiting proposal can have).

The clock: the forum promises a reasoned answer within its `response_deadline_days` of
submission, so a proposal submitted at t is due at t + D days and overdue once a whole second
past that; an answer after it is late by whole days rounded up (`core/deadlines.py` says why).
"""
from datetime import datetime

from sqlalchemy import select

from ..core import deadlines
from ..core.clock import utcnow
from ..core.deadlines import Clock
from ..extensions import db
from ..forums.models import Forum
from .models import WAITING, Proposal


def waiting(p: Proposal) -> bool:
    return p.status in WAITING and not p.answered


def waiting_sql():
    """`waiting(p)`, as a condition on the proposals table. The first answer sets
    `first_response_at` and `response_seconds` together (responses.py); the condition reads
    the second, which the ledger's index holds beside the status."""
    return Proposal.status.in_(WAITING) & Proposal.response_seconds.is_(None)


def clock(p: Proposal, forum: Forum | None = None) -> Clock:
    return Clock(p.submitted_at, (forum or p.forum).response_deadline_days)


def overdue(p: Proposal, now: datetime | None = None) -> bool:
    """Still waiting, past the deadline."""
    return waiting(p) and clock(p).late(now or utcnow())


def overdue_sql(forum: Forum, now: datetime):
    """`overdue(p, now)` for the proposals of `forum`, as a condition."""
    return waiting_sql() & deadlines.late_sql(Proposal.submitted_at, forum.response_deadline_days, now)


def days_late(p: Proposal) -> int | None:
    """Whole days past the deadline the first answer came, or None (in time, or not yet)."""
    if p.response_seconds is None:
        return None
    return deadlines.days_late(p.response_seconds, p.forum.response_deadline_days)


def answered_late_sql(forum: Forum):
    """`days_late(p) is not None`, as a condition (NULL, so neither, while unanswered)."""
    return deadlines.late_seconds_sql(Proposal.response_seconds, forum.response_deadline_days)


def days_waited(p: Proposal, now: datetime | None = None) -> int:
    """Whole days from submission to the first answer, or to the withdrawal, or to now while
    it waits."""
    end = p.first_response_at or p.withdrawn_at or (now or utcnow())
    return max(0, deadlines.elapsed(p.submitted_at, end) // deadlines.DAY)


def response_seconds(p: Proposal, answered_at: datetime) -> int:
    """What `Proposal.response_seconds` stores: the seconds the clock counts."""
    return deadlines.elapsed(p.submitted_at, answered_at)


def moments(after: datetime | None = None) -> list[datetime]:
    """The instants at which a waiting proposal becomes overdue: its page, its forum's ledger
    and figures change then by the clock alone (the page cache's boundaries). All of them, or
    those later than `after` (the page cache keys a page on the next one to come)."""
    rows = db.session.execute(select(Proposal.submitted_at, Forum.response_deadline_days)
                              .join(Forum, Forum.id == Proposal.forum_id).where(waiting_sql()))
    return deadlines.upcoming((Clock(start, days).late_from for start, days in rows), after)
