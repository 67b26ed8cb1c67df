"""The co-chairs' share of contributions absorbed without credit: the detector's pending
suggestions (one line per commitment, with their number) and the claims waiting for their
side (not their own organisation's). Two queries each, whatever the number."""
from sqlalchemy import func, select

from ..commitments.absorbed_models import Claim, State, Suggestion
from ..commitments.models import Commitment, CommitmentVersion
from ..extensions import db
from ..forums.models import Forum, Seat


def suggestions(chaired: dict[int, str]) -> list:
    from .queries import Item
    rows = db.session.execute(
        select(Suggestion.commitment_id, func.count(Suggestion.id), Forum.title, func.max(CommitmentVersion.title))
        .join(Forum, Forum.id == Suggestion.forum_id)
        .join(Commitment, Commitment.id == Suggestion.commitment_id)
        .join(CommitmentVersion, (CommitmentVersion.commitment_id == Commitment.id)
              & (CommitmentVersion.number == Commitment.latest))
        .where(Suggestion.forum_id.in_(list(chaired)), Suggestion.state == State.PENDING)
        .group_by(Suggestion.commitment_id, Forum.title).order_by(Suggestion.commitment_id))
    return [Item("absorbed_suggestions", title, "absorbed.commitment_page", {"commitment_id": cid}, forum=forum,
                 detail=str(n)) for cid, n, forum, title in rows]


def claims(user, chaired: dict[int, str]) -> list:
    """Pending claims of the forums this person co-chairs, except those of the organisation
    they sit for (the other side decides those)."""
    from .queries import Item
    own = select(Seat.organisation_id).where(Seat.user_id == user.id, Seat.ended_at.is_(None),
                                             Seat.forum_id == Claim.forum_id)
    rows = db.session.execute(
        select(Claim, Forum.title, CommitmentVersion.title)
        .join(Forum, Forum.id == Claim.forum_id)
        .join(CommitmentVersion, CommitmentVersion.id == Claim.version_id)
        .where(Claim.forum_id.in_(list(chaired)), Claim.state == State.PENDING, Claim.user_id != user.id,
               Claim.organisation_id.not_in(own))
        .order_by(Claim.id))
    return [Item("decide_claim", title, "absorbed.show_claim", {"claim_id": c.id}, forum=forum,
                 detail=str(c.proposal_id)) for c, forum, title in rows]
