"""Reading proposals: browsing with filters, one proposal's page, and the response ledger.
Plain data out; each list is a fixed number of queries whatever its length."""
import statistics
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..core.clock import utcnow
from ..extensions import db
from ..organisations.models import Organisation
from .models import Comment, Endorsement, Proposal, ProposalValue, ProposalVersion, Status
from .search import matching

SORTS = ("newest", "endorsed", "waiting")


def browse(*, forum_id=None, status=None, group=None, organisation_id=None, value=None, q=None,
           sort="newest"):
    query = select(Proposal).options(joinedload(Proposal.organisation), joinedload(Proposal.forum),
                                     selectinload(Proposal.values))
    if forum_id:
        query = query.where(Proposal.forum_id == forum_id)
    if status:
        query = query.where(Proposal.status == status)
    if group:
        query = query.where(Proposal.group == group)
    if organisation_id:
        query = query.where(Proposal.organisation_id == organisation_id)
    if value:
        query = query.where(Proposal.id.in_(select(ProposalValue.proposal_id).where(ProposalValue.value == value)))
    if q and (clause := matching(q)) is not None:
        query = query.where(clause, Proposal.hidden_reason.is_(None))  # hidden text is not searchable
    if sort == "endorsed":
        return query.order_by(Proposal.endorsement_count.desc(), Proposal.id.desc())
    if sort == "waiting":
        unanswered = case((Proposal.first_response_at.is_(None) & (Proposal.status == Status.AWAITING), 0), else_=1)
        return query.order_by(unanswered, Proposal.submitted_at, Proposal.id)
    return query.order_by(Proposal.submitted_at.desc(), Proposal.id.desc())


def days_waited(p: Proposal, now=None) -> int:
    """Days from submission to the first response, or to now while it waits."""
    end = p.first_response_at or p.withdrawn_at or (now or utcnow())
    return max(0, (end - p.submitted_at).days)


def is_overdue(p: Proposal, deadline_days: int, now=None) -> bool:
    return p.status == Status.AWAITING and days_waited(p, now) > deadline_days


@dataclass
class LedgerFigures:
    received: int
    answered: int
    awaiting: int
    overdue: int
    withdrawn: int
    share_answered: float | None
    median_days: float | None


def ledger_figures(forum) -> LedgerFigures:
    """From three columns of every proposal of the forum: computed the same on any database."""
    rows = db.session.execute(select(Proposal.submitted_at, Proposal.first_response_at, Proposal.status)
                              .where(Proposal.forum_id == forum.id)).all()
    now = utcnow()
    withdrawn = sum(1 for r in rows if r.status == Status.WITHDRAWN)
    durations = [(r.first_response_at - r.submitted_at).total_seconds() / 86400
                 for r in rows if r.first_response_at is not None]
    awaiting = [r for r in rows if r.first_response_at is None and r.status == Status.AWAITING]
    counted = len(rows) - withdrawn
    return LedgerFigures(
        received=len(rows), answered=len(durations), awaiting=len(awaiting), withdrawn=withdrawn,
        overdue=sum(1 for r in awaiting if (now - r.submitted_at).days > forum.response_deadline_days),
        share_answered=len(durations) / counted if counted else None,
        median_days=statistics.median(durations) if durations else None,
    )


def endorsing_organisations(p: Proposal) -> list[Organisation]:
    return list(db.session.scalars(
        select(Organisation).join(Endorsement, Endorsement.organisation_id == Organisation.id)
        .where(Endorsement.proposal_id == p.id).distinct().order_by(Organisation.name)))


def my_endorsement(p: Proposal, user) -> Endorsement | None:
    if user is None:
        return None
    return db.session.scalar(select(Endorsement).where(Endorsement.proposal_id == p.id,
                                                       Endorsement.user_id == user.id))


def thread(p: Proposal) -> list[tuple[Comment, list[Comment]]]:
    """Top-level comments, oldest first, each with its replies."""
    comments = list(db.session.scalars(select(Comment).options(joinedload(Comment.author),
                                                               joinedload(Comment.organisation))
                                       .where(Comment.proposal_id == p.id).order_by(Comment.id)))
    replies: dict[int, list[Comment]] = {}
    for c in comments:
        if c.parent_id:
            replies.setdefault(c.parent_id, []).append(c)
    return [(c, replies.get(c.id, [])) for c in comments if c.parent_id is None]


def versions(p: Proposal) -> list[ProposalVersion]:
    return list(db.session.scalars(select(ProposalVersion).where(ProposalVersion.proposal_id == p.id)
                                   .order_by(ProposalVersion.number.desc())))


def merged_here(p: Proposal) -> list[Proposal]:
    return list(db.session.scalars(select(Proposal).where(Proposal.merged_into_id == p.id)
                                   .order_by(Proposal.id)))


def merge_targets(p: Proposal) -> list[Proposal]:
    """Proposals of the same forum this one may be merged into."""
    return list(db.session.scalars(select(Proposal).where(
        Proposal.forum_id == p.forum_id, Proposal.id != p.id,
        Proposal.status.not_in([Status.MERGED, Status.WITHDRAWN])).order_by(Proposal.id.desc()).limit(500)))


def count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
