"""Influence links: which input shaped which version of a commitment, how, and why.
Links are never edited or deleted; a change is a new link superseding the old one."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...consultations.models import Consultation
from ...consultations.services import responses
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.lookup import get_row
from ...core.text import clean
from ...extensions import db
from ...forums.policy import acting_chair
from ...notifications.services import notify
from ...proposals import public as moderated
from ...proposals.models import Proposal
from .. import notices, policy
from ..inputs import forum_of, refusal, resolve
from ..models import Commitment, CommitmentVersion, How, InfluenceLink, LinkRetraction, SourceType
from ..queries import owner, version

EXPLANATION_MIN, EXPLANATION_MAX = 10, 3000


def link(actor, version: CommitmentVersion, source_type: str, source_id, how: str, explanation: str) -> InfluenceLink:
    commitment = get_row(Commitment, version.commitment_id)
    policy.may_revise(actor, commitment).require()
    seat = acting_chair(actor, commitment.forum)
    source = resolve(source_type, source_id)
    if source is None:
        raise DomainError(_l("There is no such input."), "source")
    if forum_of(source_type, source) != commitment.forum_id:
        raise DomainError(_l("Only an input given in this forum can shape its commitments."), "source")
    if not moderated.is_shown(source):
        raise DomainError(_l("A hidden input cannot be linked."), "source")
    if (why := refusal(source_type, source)) is not None:
        raise DomainError(why, "source")
    if source_type == SourceType.COMMITMENT and source.id == commitment.id:
        raise DomainError(_l("A commitment cannot be its own input."), "source")
    existing = db.session.scalar(select(InfluenceLink.id).where(
        InfluenceLink.version_id == version.id, InfluenceLink.source_type == source_type,
        InfluenceLink.source_id == source.id))
    if existing:
        raise DomainError(_l("This input is already linked to this version: supersede that link to change it."),
                          "source")
    made = _add(actor, seat, commitment, version, source_type, source.id, how, explanation, None, None)
    from .absorbed import settle  # issue 28: the detector's suggestion of this input is answered by the link
    settle(actor, seat, commitment, source_type, source.id, made.id)
    return made


def _change(actor, link: InfluenceLink, reason: str):
    """What superseding and retracting share: a co-chair of the commitment's forum, a link
    that still counts, and a public reason."""
    version, commitment = owner(link)
    policy.may_revise(actor, commitment).require()
    seat = acting_chair(actor, commitment.forum)
    _require_current(link)
    return version, commitment, seat, clean(reason, "reason", max_len=EXPLANATION_MAX, min_len=EXPLANATION_MIN)


def supersede(actor, old: InfluenceLink, how: str, explanation: str, reason: str) -> InfluenceLink:
    version, commitment, seat, reason = _change(actor, old, reason)
    return _add(actor, seat, commitment, version, old.source_type, old.source_id, how, explanation, old, reason)


def retract(actor, link: InfluenceLink, reason: str) -> LinkRetraction:
    """Withdraw a link that should not have been made, with a public reason. Nothing is
    deleted: the link stays visible as retracted, with who, when and why, and stops counting
    in every figure."""
    version, commitment, seat, reason = _change(actor, link, reason)
    row = LinkRetraction(link_id=link.id, reason=reason, user_id=actor.id, organisation_id=seat.organisation_id)
    db.session.add(row)
    trail.record("influence.retracted", commitment, actor=actor, actor_org=seat.organisation, forum=commitment.forum,
                 payload={"link": link.id, "version": version.number, "source": f"{link.source_type}:{link.source_id}",
                          "reason": reason})
    return row


def _require_current(link: InfluenceLink) -> None:
    if db.session.scalar(select(InfluenceLink.id).where(InfluenceLink.supersedes_id == link.id)):
        raise DomainError(_l("This link was already superseded; change the current one."))
    if db.session.scalar(select(LinkRetraction.id).where(LinkRetraction.link_id == link.id)):
        raise DomainError(_l("This link was retracted; record a new one if the input shaped the version after all."))


def _add(actor, seat, commitment, version, source_type, source_id, how, explanation, old, reason) -> InfluenceLink:
    if how not in set(How):
        raise DomainError(_l("Choose how the input shaped the version."), "how")
    explanation = clean(explanation, "explanation", max_len=EXPLANATION_MAX, min_len=EXPLANATION_MIN)
    new = InfluenceLink(version_id=version.id, source_type=source_type, source_id=source_id, how=how,
                        explanation=explanation, supersedes_id=old.id if old else None, change_reason=reason,
                        author_id=actor.id, organisation_id=seat.organisation_id, created_at=utcnow())
    db.session.add(new)
    db.session.flush()
    trail.record("influence.superseded" if old else "influence.linked", commitment, actor=actor,
                 actor_org=seat.organisation, forum=commitment.forum,
                 payload={"link": new.id, "version": version.number, "source": f"{source_type}:{source_id}",
                          "how": how, "explanation": explanation, "supersedes": old.id if old else None,
                          "reason": reason})
    _tell_submitter(actor, commitment, version, source_type, source_id, how)
    return new


def _tell_submitter(actor, commitment, version, source_type, source_id, how) -> None:
    """A proposal's submitter hears the truth about its fate: which commitment and version it
    shaped, and how; an input recorded as "not taken up" is told exactly that."""
    if source_type != SourceType.PROPOSAL:
        return
    p = get_row(Proposal, source_id)
    notify([p.submitter_id], "shaped", p, {"commitment": commitment.id, "version": version.number, "how": how},
           actor, describe=notices.describe)


def answer_and_link(actor, comment, outcome, reason, commitment=None, how=None, explanation=None):
    """Answer a consultation comment and, in the same transaction, record its influence on
    the commitment's newest version: both happen or neither. It lives here, above
    consultations, because a link belongs to the commitment it shapes."""
    row = responses.answer(actor, comment, outcome, reason)
    if commitment is not None:
        c = get_row(Consultation, comment.consultation_id)
        if commitment.forum_id != c.forum_id:
            raise DomainError(_l("Choose a commitment of this forum."), "commitment")
        link(actor, version(commitment), SourceType.CONSULTATION_COMMENT, comment.id, how or "", explanation or reason)
    return row
