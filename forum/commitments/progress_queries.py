"""What a commitment's implementation reads as: each milestone's latest report (its level),
the commitment's completion by the rule its page states, and the reports newest first. The
writer that files a report is in `services/progress.py`."""
from sqlalchemy import func, select

from ..extensions import db
from .models import Commitment, Level, ProgressUpdate


def latest_levels(milestones) -> dict[int, ProgressUpdate]:
    """milestone id -> its latest report, in one query that loads only the latest ones (by
    the (milestone, id) index): a plan's figures read 2,500 rows at 500 commitments × 5
    milestones × 20 updates, not 10,000."""
    ids = [m.id for m in milestones]
    latest = (select(func.max(ProgressUpdate.id)).where(ProgressUpdate.milestone_id.in_(ids))
              .group_by(ProgressUpdate.milestone_id))
    return {u.milestone_id: u for u in db.session.scalars(select(ProgressUpdate).where(ProgressUpdate.id.in_(latest)))}


def completion(milestones, latest: dict) -> str:
    """The commitment's level, by a rule the page states: withdrawn milestones do not count;
    all complete → complete; at least half complete or substantial → substantial; any
    progress → limited; otherwise not started."""
    levels = [latest[m.id].level if m.id in latest else Level.NOT_STARTED for m in milestones]
    levels = [lv for lv in levels if lv != Level.WITHDRAWN]
    if not levels:
        return Level.WITHDRAWN
    if all(lv == Level.COMPLETE for lv in levels):
        return Level.COMPLETE
    if sum(lv in (Level.COMPLETE, Level.SUBSTANTIAL) for lv in levels) * 2 >= len(levels):
        return Level.SUBSTANTIAL
    if any(lv != Level.NOT_STARTED for lv in levels):
        return Level.LIMITED
    return Level.NOT_STARTED


def history(commitment: Commitment) -> list[ProgressUpdate]:
    return list(db.session.scalars(select(ProgressUpdate).where(ProgressUpdate.commitment_id == commitment.id)
                                   .order_by(ProgressUpdate.id.desc())))
