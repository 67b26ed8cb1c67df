"""Two-key adoption: a version is adopted only when the State co-chair and the
civil-society co-chair have both signed it; either may refuse with a public reason. A
version whose milestones fail the verifiability check is signed only once both have also
recorded an override with a public reason: the same two keys, on the trail."""
from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.lookup import get_row
from ...core.text import clean
from ...extensions import db
from ...forums.policy import acting_chair, both_keys
from .. import policy
from ..models import CheckOverride, Commitment, CommitmentVersion, SignOff

REASON_MIN, REASON_MAX = 20, 3000


def sign(actor, version: CommitmentVersion) -> bool:
    """Returns True when this signature adopted the version."""
    policy.may_sign_off(actor, version).require()
    commitment, seat = _check(actor, version)
    db.session.add(SignOff(version_id=version.id, side=seat.role, user_id=actor.id,
                           organisation_id=seat.organisation_id, signed=True, created_at=utcnow()))
    trail.record("commitment.signed", commitment, actor=actor, actor_org=seat.organisation, forum=commitment.forum,
                 payload={"version": version.number, "side": seat.role})
    sides = set(db.session.scalars(select(SignOff.side).where(SignOff.version_id == version.id,
                                                              SignOff.signed.is_(True))))
    if both_keys(sides):
        commitment.adopted = version.number
        trail.record("commitment.adopted", commitment, actor=actor, actor_org=seat.organisation,
                     forum=commitment.forum, payload={"version": version.number})
        return True
    return False


def refuse(actor, version: CommitmentVersion, reason: str) -> None:
    commitment, seat = _check(actor, version)
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    db.session.add(SignOff(version_id=version.id, side=seat.role, user_id=actor.id,
                           organisation_id=seat.organisation_id, signed=False, reason=reason, created_at=utcnow()))
    trail.record("commitment.refused", commitment, actor=actor, actor_org=seat.organisation, forum=commitment.forum,
                 payload={"version": version.number, "side": seat.role, "reason": reason})


def override_check(actor, version: CommitmentVersion, reason: str) -> None:
    """One co-chair's key on signing milestones the check fails; the reason is published."""
    policy.may_override_check(actor, version).require()
    commitment = get_row(Commitment, version.commitment_id)
    seat = acting_chair(actor, commitment.forum)
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    db.session.add(CheckOverride(version_id=version.id, side=seat.role, user_id=actor.id,
                                 organisation_id=seat.organisation_id, reason=reason, created_at=utcnow()))
    trail.record("commitment.check_overridden", commitment, actor=actor, actor_org=seat.organisation,
                 forum=commitment.forum, payload={"version": version.number, "side": seat.role, "reason": reason})


def _check(actor, version: CommitmentVersion):
    policy.may_sign(actor, version).require()
    commitment = get_row(Commitment, version.commitment_id)
    return commitment, acting_chair(actor, commitment.forum)
