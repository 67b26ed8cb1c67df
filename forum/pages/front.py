"""What is happening now, for the home page: consultations open for comments (with days
left), sessions live or coming, the latest reasoned responses and the commitments in
force. Public records only, a fixed number of queries."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from ..commitments.models import Commitment, CommitmentVersion
from ..consultations.models import Consultation
from ..extensions import db
from ..forums.models import Forum
from ..proposals import public as moderated
from ..proposals.models import Outcome, Proposal, Response
from ..sessions.models import ForumSession, SessionStatus
from ..sessions.queries import COMING

SHOWN = 5


@dataclass(frozen=True)
class Now:
    consultations: list  # (Consultation, forum title), closing soonest first
    sessions: list  # (ForumSession, forum title), live first, then soonest
    responses: list  # (Response, Proposal), newest first
    commitments: list  # (Commitment, CommitmentVersion in force, forum title), newest first


def happening(now: datetime) -> Now:
    consultations = db.session.execute(
        select(Consultation, Forum.title).join(Forum, Forum.id == Consultation.forum_id)
        .where(Consultation.starts_at <= now, Consultation.ends_at > now, Consultation.concluded_at.is_(None))
        .order_by(Consultation.ends_at).limit(SHOWN)).all()
    sessions = db.session.execute(
        select(ForumSession, Forum.title).join(Forum, Forum.id == ForumSession.forum_id)
        .where((ForumSession.status == SessionStatus.LIVE)
               | ((ForumSession.status == SessionStatus.SCHEDULED) & (ForumSession.starts_at <= now + COMING)
                  & (ForumSession.starts_at >= now - timedelta(hours=12))))
        .order_by((ForumSession.status != SessionStatus.LIVE), ForumSession.starts_at).limit(SHOWN)).all()
    responses = db.session.execute(
        select(Response, Proposal).join(Proposal, Proposal.id == Response.proposal_id)
        .where(moderated.shown(Proposal), Response.outcome != Outcome.NEEDS_INFO)  # a question, not an answer
        .order_by(Response.created_at.desc(), Response.id.desc())
        .limit(SHOWN)).all()
    commitments = db.session.execute(
        select(Commitment, CommitmentVersion, Forum.title)
        .join(CommitmentVersion, (CommitmentVersion.commitment_id == Commitment.id)
              & (CommitmentVersion.number == Commitment.adopted))
        .join(Forum, Forum.id == Commitment.forum_id)
        .order_by(CommitmentVersion.created_at.desc(), Commitment.id.desc()).limit(SHOWN)).all()
    return Now(list(consultations), list(sessions), list(responses), list(commitments))
