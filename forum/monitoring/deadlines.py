"""The two clocks of civil society's part in implementation, on the one rule of
`core/deadlines.py` ("within D days": due at start + D days, late a whole second after):

- the **verification window**: a progress update may be confirmed or contested by the
  co-monitor within `MONITOR_WINDOW_DAYS` of being reported; after it, an update nobody
  judged has *lapsed* — not verified by civil society. The lapse is read from the clock, in
  Python and in SQL alike; nothing writes it.
- the **answer to a contest**: the State's side owes a reasoned answer within
  `CONTEST_ANSWER_DAYS` of the contest, counted as a proposal's response is (on time, late
  with days, still waiting).

The days live in the app's config, as the platform's promise to every forum: a forum cannot
shorten civil society's window to verify.
"""
from datetime import datetime
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import exists, select

from ..commitments.models import ProgressUpdate
from ..core import deadlines
from ..core.deadlines import Clock
from .models import ContestAnswer, UpdateVerdict


def window_days() -> int:
    return int(current_app.config["MONITOR_WINDOW_DAYS"])


def answer_days() -> int:
    return int(current_app.config["CONTEST_ANSWER_DAYS"])


def neglect_days() -> int:
    return int(current_app.config["NEGLECT_DAYS"])


def days() -> SimpleNamespace:
    """The three settings, for pages that state the rules."""
    return SimpleNamespace(window=window_days(), answer=answer_days(), neglect=neglect_days())


def window(update: ProgressUpdate) -> Clock:
    return Clock(update.created_at, window_days())


def lapsed(update: ProgressUpdate, verdict: UpdateVerdict | None, now: datetime) -> bool:
    """Not judged, and the window is over."""
    return verdict is None and window(update).late(now)


def judged_sql():
    return exists(select(UpdateVerdict.id).where(UpdateVerdict.update_id == ProgressUpdate.id))


def lapsed_sql(now: datetime):
    """`lapsed(u, verdict, now)`, as a condition on the progress_updates table."""
    return ~judged_sql() & deadlines.late_sql(ProgressUpdate.created_at, window_days(), now)


def awaiting_sql(now: datetime):
    """Neither judged nor lapsed: the co-monitor may still act."""
    return ~judged_sql() & ~deadlines.late_sql(ProgressUpdate.created_at, window_days(), now)


def answer_clock(verdict: UpdateVerdict) -> Clock:
    return Clock(verdict.created_at, answer_days())


def answer_seconds(verdict: UpdateVerdict, answered_at: datetime) -> int:
    """What `ContestAnswer.response_seconds` stores."""
    return deadlines.elapsed(verdict.created_at, answered_at)


def answer_days_late(answer: ContestAnswer) -> int | None:
    return deadlines.days_late(answer.response_seconds, answer_days())


def answered_late_sql():
    """`answer_days_late(a) is not None`, as a condition on contest_answers."""
    return deadlines.late_seconds_sql(ContestAnswer.response_seconds, answer_days())


def overdue_sql(now: datetime):
    """A contest still waiting past its deadline, as a condition on update_verdicts."""
    return deadlines.late_sql(UpdateVerdict.created_at, answer_days(), now)


def moments(after: datetime | None = None) -> list[datetime]:
    """The instants at which a page changes by the clock alone (the page cache's boundaries):
    an update not yet judged lapses, a contest not yet answered falls overdue, and each day
    of their "N days left" (the commitment page counts both down: Clock.steps). All of them,
    or those later than `after`: only the clocks still running then are read (an update
    whose window closed before `after` has no step after it), not every one ever started."""
    from ..extensions import db

    def running(column, days: int):
        return [] if after is None else [~deadlines.late_sql(column, days, after)]
    window = [step for at in db.session.scalars(select(ProgressUpdate.created_at).where(
        ~judged_sql(), *running(ProgressUpdate.created_at, window_days()))) for step in Clock(at, window_days()).steps]
    contests = [step for at in db.session.scalars(
        select(UpdateVerdict.created_at).outerjoin(ContestAnswer, ContestAnswer.verdict_id == UpdateVerdict.id)
        .where(UpdateVerdict.verdict == "contested", ContestAnswer.id.is_(None),
               *running(UpdateVerdict.created_at, answer_days())))
        for step in Clock(at, answer_days()).steps]
    return deadlines.upcoming(window + contests, after)
