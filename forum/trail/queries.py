"""Reading the trail for pages and exports: filters, recent activity (the log's own pages:
log_queries.py)."""
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_, select

from ..extensions import db
from .chain import verify
from .models import TrailEntry, TrailLock


def filtered(*, forum_id=None, action=None, organisation_id=None, since: date | None = None,
             until: date | None = None, subject: tuple | None = None):
    """Entries newest first. `action` matches a full name or a namespace ("forum")."""
    q = select(TrailEntry).order_by(TrailEntry.seq.desc())
    if subject:
        q = q.where(TrailEntry.subject_type == subject[0], TrailEntry.subject_id == str(subject[1]))
    if forum_id:
        q = q.where(TrailEntry.forum_id == forum_id)
    if action:
        q = q.where(TrailEntry.action == action) if "." in action else \
            q.where(TrailEntry.action.startswith(action + ".", autoescape=True))
    if organisation_id:
        q = q.where(or_(TrailEntry.actor_org_id == organisation_id,
                        and_(TrailEntry.subject_type == "organisation",
                             TrailEntry.subject_id == str(organisation_id))))
    if since:
        q = q.where(TrailEntry.at >= datetime.combine(since, time.min))
    if until and until < date.max:  # the last day there is has no day after it: no upper bound
        q = q.where(TrailEntry.at < datetime.combine(until + timedelta(days=1), time.min))
    return q


def recent(limit=10, forum_id=None) -> list[TrailEntry]:
    return list(db.session.scalars(filtered(forum_id=forum_id).limit(limit)))


def verify_database(batch: int = 2000):
    """Verify the whole stored chain, and that no entry was cut from its end: the lock row
    counts every append ever committed."""
    entries = db.session.scalars(select(TrailEntry).order_by(TrailEntry.seq)
                                 .execution_options(yield_per=batch))
    verdict = verify(entries)
    written = db.session.scalar(select(TrailLock.writes).where(TrailLock.id == 1)) or 0
    if verdict.ok and written != verdict.count:
        from .chain import Verdict
        return Verdict(False, verdict.count, verdict.head, verdict.count + 1, "gap",
                       f"{written} entries were written but {verdict.count} remain")
    return verdict
