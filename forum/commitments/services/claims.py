"""An organisation claims a passage of a commitment version: "this came from our proposal
#N". The passage must stand in the version word for word and the proposal must be the
organisation's own; a co-chair of the other side confirms it (which makes the influence
link, through the link service and its rules) or rejects it with a public reason."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.lookup import get_optional, get_row
from ...core.text import clean
from ...extensions import db
from ...forums.models import Seat, SeatRole
from ...forums.policy import acting_chair
from ...notifications.services import notify
from ...organisations.models import Organisation
from ...proposals.models import Proposal
from .. import absorbed_notices, absorbed_policy
from ..absorbed_models import Claim, State
from ..models import Commitment, CommitmentVersion, SourceType
from . import links
from .absorbed import REASON_MAX, REASON_MIN, version_text

PASSAGE_MIN, PASSAGE_MAX = 20, 3000


def _flat(text: str) -> str:
    """Whitespace as one space: a passage copied from the page loses its line breaks."""
    return " ".join(text.split())


def claim(actor, version: CommitmentVersion, organisation_id, proposal_id, passage: str) -> Claim:
    commitment = get_row(Commitment, version.commitment_id)
    organisation = get_optional(Organisation, organisation_id)
    proposal = get_optional(Proposal, proposal_id)
    absorbed_policy.may_claim(actor, commitment, organisation, proposal).require()
    passage = clean(passage, "passage", min_len=PASSAGE_MIN, max_len=PASSAGE_MAX)
    if _flat(passage) not in _flat(version_text(version)):
        raise DomainError(_l("This passage is not in version %(n)d: copy it word for word from the version's text.",
                             n=version.number), "passage")
    if db.session.scalar(select(Claim.id).where(Claim.version_id == version.id, Claim.proposal_id == proposal.id,
                                                Claim.state == State.PENDING)):
        raise DomainError(_l("This proposal already has a claim on this version waiting for the co-chairs."),
                          "proposal")
    row = Claim(forum_id=commitment.forum_id, commitment_id=commitment.id, version_id=version.id,
                proposal_id=proposal.id, organisation_id=organisation.id, user_id=actor.id,
                passage=_flat(passage), created_at=utcnow())
    db.session.add(row)
    db.session.flush()
    trail.record("absorbed.claimed", commitment, actor=actor, actor_org=organisation, forum=commitment.forum,
                 payload={"claim": row.id, "version": version.number, "proposal": proposal.id,
                          "passage": row.passage})
    chairs = db.session.scalars(select(Seat.user_id).where(
        Seat.forum_id == commitment.forum_id, Seat.ended_at.is_(None),
        Seat.role.in_([SeatRole.STATE_CHAIR, SeatRole.CIVIL_CHAIR]), Seat.organisation_id != organisation.id))
    notify(list(chairs), "claimed", proposal, {"commitment": commitment.id, "version": version.number}, actor,
           describe=absorbed_notices.describe)
    return row


def confirm(actor, row: Claim, how: str, explanation: str) -> Claim:
    absorbed_policy.may_decide_claim(actor, row).require()
    made = links.link(actor, get_row(CommitmentVersion, row.version_id), SourceType.PROPOSAL, row.proposal_id,
                      how, explanation)
    return _decide(actor, row, State.LINKED, None, made.id)


def reject(actor, row: Claim, reason: str) -> Claim:
    absorbed_policy.may_decide_claim(actor, row).require()
    return _decide(actor, row, State.DISMISSED, clean(reason, "reason", min_len=REASON_MIN, max_len=REASON_MAX),
                   None)


def _decide(actor, row: Claim, state: str, reason, link_id) -> Claim:
    commitment = get_row(Commitment, row.commitment_id)
    seat = acting_chair(actor, commitment.forum)
    row.state, row.reason, row.link_id = state, reason, link_id
    row.decided_at, row.decided_by_id, row.decided_org_id = utcnow(), actor.id, seat.organisation_id
    version = get_row(CommitmentVersion, row.version_id)
    trail.record("absorbed.claim_confirmed" if state == State.LINKED else "absorbed.claim_rejected", commitment,
                 actor=actor, actor_org=seat.organisation, forum=commitment.forum,
                 payload={"claim": row.id, "version": version.number, "proposal": row.proposal_id, "link": link_id,
                          "reason": reason})
    notify([row.user_id], "claim_decided", get_row(Proposal, row.proposal_id),
           {"commitment": commitment.id, "version": version.number, "confirmed": state == State.LINKED,
            "reason": reason}, actor, describe=absorbed_notices.describe)
    return row
