"""The IRM's assessment of an adopted commitment, on the record: relevance to each OGP value,
verifiability, potential for results, completion and whether it opened government.
Assessments are never changed (a new view is a new number, with its reason); a co-chairs'
assessment counts once the other side's co-chair confirms it, a reviewer's at once. Which
assessment is in force and the cycle's IRM-style figures are read in `assessment_queries.py`."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ... import trail
from ...accounts.services import find_by_email
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.lookup import get_row
from ...core.text import clean
from ...extensions import db
from ...forums.models import Forum
from ...forums.queries import chair_seat
from ...proposals.models import OgpValue
from .. import irm_scales, policy
from ..cluster_models import Cluster
from ..models import Assessment, AssessmentConfirmation, Assessor, Commitment, Reviewer

REASON_MIN, REASON_MAX = 20, 3000
COMPLETION = irm_scales.COMPLETION[irm_scales.CURRENT]


@dataclass(frozen=True)
class Fields:
    """What an assessment says, as the form or an importer hands it over, on the IRM's
    current scale (irm_scales): the Action Plan Review's verifiable, open-government lens,
    potential and promising; the Results Report's completion and opened government."""

    relevance: list[str]
    verifiable: bool | None
    potential: str
    completion: str | None
    opened_government: str | None
    reason: str
    ogp_lens: bool | None = None
    promising: bool | None = None


def assess(actor, commitment: Commitment, fields: Fields) -> Assessment:
    policy.may_assess(actor, commitment).require()
    values, reason = _checked(fields)
    return _record(actor, commitment, fields, values, reason)


def assess_cluster(actor, cluster: Cluster, fields: Fields) -> list[Assessment]:
    """One assessment of the cluster, recorded on each member commitment (so each one's page,
    figures and exports show it) with the cluster named, and on the trail once per member."""
    policy.may_assess_cluster(actor, cluster).require()
    values, reason = _checked(fields)
    return [_record(actor, c, fields, values, reason, cluster)
            for c in db.session.scalars(select(Commitment).where(Commitment.id.in_(cluster.commitment_ids))
                                        .order_by(Commitment.id))]


def _checked(fields: Fields) -> tuple[list[str], str]:
    scale = irm_scales.CURRENT
    values = sorted(set(fields.relevance or []))
    if any(v not in set(OgpValue) for v in values):
        raise DomainError(_l("Choose OGP values from the list, or none if it is not relevant."), "relevance")
    if fields.verifiable is None:
        raise DomainError(_l("Say whether the milestones are specific and measurable."), "verifiable")
    if fields.ogp_lens is None:
        raise DomainError(_l("Say whether it is seen through an open-government lens."), "ogp_lens")
    if fields.potential not in irm_scales.POTENTIAL[scale]:
        raise DomainError(_l("Choose the potential for results."), "potential")
    if fields.promising is None:
        raise DomainError(_l("Say whether it is a promising commitment."), "promising")
    if fields.completion and fields.completion not in irm_scales.COMPLETION[scale]:
        raise DomainError(_l("Choose a level of completion, or leave it blank until implementation is assessed."),
                          "completion")
    if fields.opened_government and fields.opened_government not in irm_scales.OPENED[scale]:
        raise DomainError(_l("Choose whether it opened government, or leave it blank until the end of the term."),
                          "opened_government")
    return values, clean(fields.reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)


def _record(actor, commitment: Commitment, fields: Fields, values: list[str], reason: str,
            cluster: Cluster | None = None) -> Assessment:
    reviewer = policy.is_reviewer(actor, commitment.forum.cycle)
    seat = None if reviewer else chair_seat(actor, commitment.forum)
    number = (db.session.scalar(select(func.max(Assessment.number)).where(
        Assessment.commitment_id == commitment.id)) or 0) + 1
    a = Assessment(commitment_id=commitment.id, number=number, version_number=commitment.adopted,
                   relevance=",".join(values), verifiable=fields.verifiable, potential=fields.potential,
                   completion=fields.completion or None, opened_government=fields.opened_government or None,
                   reason=reason, assessor=Assessor.REVIEWER if reviewer else Assessor.CO_CHAIRS,
                   side=seat.role if seat else None, author_id=actor.id,
                   organisation_id=seat.organisation_id if seat else None, created_at=utcnow(),
                   scale=irm_scales.CURRENT, ogp_lens=fields.ogp_lens, promising=fields.promising,
                   cluster_id=cluster.id if cluster else None)
    db.session.add(a)
    trail.record("commitment.assessed", commitment, actor=actor, actor_org=seat.organisation if seat else None,
                 forum=commitment.forum, payload={
                     "assessment": number, "version": commitment.adopted, "assessor": a.assessor,
                     "relevance": values, "verifiable": a.verifiable, "potential": a.potential,
                     "completion": a.completion, "opened_government": a.opened_government, "reason": reason,
                     "scale": a.scale, "ogp_lens": a.ogp_lens, "promising": a.promising,
                     **({"cluster": cluster.id} if cluster else {})})
    return a


def confirm(actor, assessment: Assessment) -> AssessmentConfirmation:
    policy.may_confirm(actor, assessment).require()
    commitment = get_row(Commitment, assessment.commitment_id)
    seat = chair_seat(actor, commitment.forum)
    assert seat is not None  # may_confirm requires it
    done = AssessmentConfirmation(assessment_id=assessment.id, user_id=actor.id,
                                  organisation_id=seat.organisation_id, created_at=utcnow())
    db.session.add(done)
    trail.record("assessment.confirmed", commitment, actor=actor, actor_org=seat.organisation,
                 forum=commitment.forum, payload={"assessment": assessment.number, "side": seat.role})
    return done


def appoint_reviewer(actor, email: str, cycle: str, reason: str) -> Reviewer:
    policy.may_appoint_reviewer(actor).require()
    user = find_by_email(email or "")
    if user is None:
        raise DomainError(_l("No account uses this address: the reviewer must register first."), "email")
    if db.session.scalar(select(Forum.id).where(Forum.cycle == cycle).limit(1)) is None:
        raise DomainError(_l("Choose a cycle that has forums."), "cycle")
    if policy.is_reviewer(user, cycle):
        raise DomainError(_l("This person is already a reviewer of that cycle."), "email")
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    r = Reviewer(user_id=user.id, cycle=cycle, reason=reason, appointed_by_id=actor.id, created_at=utcnow())
    db.session.add(r)
    trail.record("reviewer.appointed", r, actor=actor, payload={"user": user.id, "cycle": cycle, "reason": reason})
    return r
