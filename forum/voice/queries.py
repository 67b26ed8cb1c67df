"""Read-only questions of the voice area, each one statement whatever the forum's size."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..forums.models import Forum
from ..proposals.models import Proposal
from .models import Facilitator, RecordedInput, RequestStatus, SeatRequest, Workshop, WorkshopOrganisation


def requests(forum: Forum) -> list[SeatRequest]:
    """Every request for a seat, waiting ones first: a refusal's reason is public."""
    return list(db.session.scalars(select(SeatRequest).options(
        joinedload(SeatRequest.organisation), joinedload(SeatRequest.user)).where(SeatRequest.forum_id == forum.id)
        .order_by((SeatRequest.status != RequestStatus.PENDING), SeatRequest.id.desc())))


def facilitators(forum: Forum) -> list[Facilitator]:
    return list(db.session.scalars(select(Facilitator).options(joinedload(Facilitator.user)).where(
        Facilitator.forum_id == forum.id, Facilitator.ended_at.is_(None)).order_by(Facilitator.id)))


def workshops(forum: Forum) -> list[Workshop]:
    return list(db.session.scalars(select(Workshop).options(
        selectinload(Workshop.organisations).joinedload(WorkshopOrganisation.organisation))
        .where(Workshop.forum_id == forum.id).order_by(Workshop.held_on.desc(), Workshop.id.desc())))


def recorded(w: Workshop) -> list:
    return list(db.session.execute(select(Proposal, RecordedInput).join(
        RecordedInput, RecordedInput.proposal_id == Proposal.id).where(RecordedInput.workshop_id == w.id)
        .order_by(Proposal.id)).all())


def recorded_for(proposal_ids) -> dict[int, RecordedInput]:
    """proposal id -> how it was recorded, for the proposals of a page that were."""
    ids = list(proposal_ids)
    if not ids:
        return {}
    return {r.proposal_id: r for r in db.session.scalars(select(RecordedInput).options(
        joinedload(RecordedInput.workshop)).where(RecordedInput.proposal_id.in_(ids)))}

