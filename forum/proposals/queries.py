"""Reading proposals: browsing with filters, one proposal's page, and the response ledger.
Plain data out; each list is a fixed number of queries whatever its length."""
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..core.clock import utcnow
from ..extensions import db
from ..forums.models import Forum
from ..organisations.models import Organisation
from . import deadlines, public
from .models import Comment, Endorsement, Proposal, ProposalValue, ProposalVersion, Status
from .search import matching

SORTS = ("newest", "oldest", "endorsed", "waiting")
# The lists the figures count: a figure links to `stage=...` and the list shows exactly its rows.
STAGES = {
    "owed": deadlines.waiting_sql,
    "answered": lambda: Proposal.first_response_at.is_not(None),
}


def browse(*, forum_id=None, status=None, group=None, organisation_id=None, value=None, q=None,
           sort="newest", cycle=None, stage=None):
    query = select(Proposal).options(joinedload(Proposal.organisation), joinedload(Proposal.forum),
                                     selectinload(Proposal.values))
    if forum_id:
        query = query.where(Proposal.forum_id == forum_id)
    if cycle:
        query = query.where(Proposal.forum_id.in_(select(Forum.id).where(Forum.cycle == cycle)))
    if stage in STAGES:
        query = query.where(STAGES[stage]())
    if status:
        query = query.where(Proposal.status == status)
    if group:
        query = query.where(Proposal.group == group)
    if organisation_id:
        query = query.where(Proposal.organisation_id == organisation_id)
    if value:
        query = query.where(Proposal.id.in_(select(ProposalValue.proposal_id).where(ProposalValue.value == value)))
    if q and (clause := matching(q)) is not None:
        query = query.where(clause, public.shown(Proposal))  # hidden text is not searchable
    if sort == "endorsed":
        return query.order_by(Proposal.endorsement_count.desc(), Proposal.id.desc())
    if sort == "waiting":
        unanswered = case((deadlines.waiting_sql(), 0), else_=1)
        return query.order_by(unanswered, Proposal.submitted_at, Proposal.id)
    if sort == "oldest":
        return query.order_by(Proposal.submitted_at, Proposal.id)
    return query.order_by(Proposal.submitted_at.desc(), Proposal.id.desc())


@dataclass
class LedgerFigures:
    received: int
    answered: int
    awaiting: int
    overdue: int
    withdrawn: int
    on_time: int
    late: int
    share_answered: float | None
    median_days: float | None


def ledger_figures(forum, now=None) -> LedgerFigures:
    """Two aggregate queries and an indexed median, so the figures cost the same with ten
    proposals or ten thousand. What counts as waiting, overdue and late: `deadlines.py`."""
    late = deadlines.answered_late_sql(forum)
    waiting, overdue, answered_late, answered_on_time = db.session.execute(select(
        func.count(case((deadlines.waiting_sql(), 1))),
        func.count(case((deadlines.overdue_sql(forum, now or utcnow()), 1))),
        func.count(case((late, 1))),
        func.count(case((~late, 1))),  # NULL (unanswered) is neither
    ).where(Proposal.forum_id == forum.id)).one()
    r = response_figures([forum.id])
    return LedgerFigures(received=r.received, answered=r.answered, awaiting=waiting, overdue=overdue,
                         withdrawn=r.withdrawn, on_time=answered_on_time, late=answered_late,
                         share_answered=r.share_answered, median_days=r.median_days)


@dataclass
class ResponseFigures:
    received: int
    withdrawn: int
    answered: int
    share_answered: float | None  # of the proposals not withdrawn
    median_days: float | None  # from submission to first response


def response_figures(forum_ids: list[int]) -> ResponseFigures:
    """How well a forum (or a whole cycle) answers: the one home of these figures, for the
    ledger, the dashboards and exports alike."""
    received, withdrawn, answered = db.session.execute(select(
        func.count(),
        func.count(case((Proposal.status == Status.WITHDRAWN, 1))),
        func.count(Proposal.first_response_at),
    ).where(Proposal.forum_id.in_(forum_ids))).one()
    counted = received - withdrawn
    return ResponseFigures(received=received, withdrawn=withdrawn, answered=answered,
                           share_answered=answered / counted if counted else None,
                           median_days=_median_days(forum_ids, answered))


def _median_days(forum_ids: list[int], answered: int) -> float | None:
    if not answered:
        return None
    middle = [s for s in db.session.scalars(
        select(Proposal.response_seconds).where(Proposal.forum_id.in_(forum_ids),
                                                Proposal.response_seconds.is_not(None))
        .order_by(Proposal.response_seconds).offset((answered - 1) // 2).limit(2 - answered % 2)) if s is not None]
    return sum(middle) / len(middle) / 86400


def followers(p: Proposal) -> list[int]:
    """Who hears what happens to a proposal: its submitter and endorsers who opted in."""
    return [p.submitter_id, *db.session.scalars(select(Endorsement.user_id).where(
        Endorsement.proposal_id == p.id, Endorsement.notify.is_(True)))]


def endorsing_organisations(p: Proposal) -> list[Organisation]:
    return list(db.session.scalars(
        select(Organisation).join(Endorsement, Endorsement.organisation_id == Organisation.id)
        .where(Endorsement.proposal_id == p.id).distinct().order_by(Organisation.name)))


def on_behalf_counts(ids) -> dict[int, int]:
    """Endorsements given on behalf of an organisation — only a member of a verified one can —
    per proposal: the part of a count that no throwaway account can inflate."""
    ids = list(ids)
    if not ids:
        return {}
    return dict(db.session.execute(select(Endorsement.proposal_id, func.count()).where(
        Endorsement.proposal_id.in_(ids), Endorsement.organisation_id.is_not(None))
        .group_by(Endorsement.proposal_id)).all())


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
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
