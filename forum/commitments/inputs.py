"""The kinds of input an influence link can point to. One table says, for each kind, which
model holds it, what to call it, where it lives and whose voice it carries — so the link
service, the provenance graph, the voice shares and the pages all agree."""
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from ..consultations import policy as consultations_policy
from ..consultations.models import Consultation, ConsultationComment
from ..core.lookup import get_optional, get_row
from ..extensions import db
from ..proposals import policy as proposals_policy
from ..proposals import public as moderated
from ..proposals.models import Comment, Proposal
from ..sessions.models import ForumSession, Motion, MotionStatus
from .models import Commitment, SourceType


@dataclass(frozen=True)
class Kind:
    model: Any  # a mapped class with an integer `id`
    label: Callable  # obj -> short text
    href: Callable  # obj -> URL of the page that shows it
    group: Callable  # obj -> stakeholder group it speaks for
    forum_id: Callable  # obj -> the forum it was given in
    refusal: Callable = lambda obj: None  # obj -> why it cannot be linked, or None


def _why_not(decision) -> Any:
    return None if decision else decision.reason


def kinds() -> dict[str, Kind]:
    """What may shape a commitment, decided where each input lives: a proposal or its
    discussion once the forum accepted the proposal; a consultation comment once published
    and accepted; a session decision once voted. Inputs of other forums never (checked by
    the link service); hidden ones never."""
    return {
        SourceType.PROPOSAL: Kind(
            Proposal, lambda o: f"#{o.id} {o.title}", lambda o: url_for("proposals.show", proposal_id=o.id),
            lambda o: o.group, lambda o: o.forum_id, lambda o: _why_not(proposals_policy.was_accepted(o))),
        SourceType.COMMENT: Kind(Comment, lambda o: f"#{o.id} {o.body}",
                                 lambda o: url_for("proposals.show", proposal_id=o.proposal_id) + f"#comment-{o.id}",
                                 lambda o: o.organisation.kind if o.organisation_id else "individual",
                                 lambda o: get_row(Proposal, o.proposal_id).forum_id,
                                 lambda o: _why_not(proposals_policy.was_accepted(get_row(Proposal, o.proposal_id)))),
        SourceType.CONSULTATION_COMMENT: Kind(
            ConsultationComment, lambda o: f"#{o.id} {o.body}",
            lambda o: url_for("consultations.show", consultation_id=o.consultation_id) + f"#c{o.id}",
            lambda o: o.group, lambda o: o.consultation.forum_id,
            lambda o: _why_not(consultations_policy.was_accepted(o))),
        # Another commitment speaks for the State that leads it.
        # A forum decision: the motion a session voted on, with its result.
        SourceType.MOTION: Kind(
            Motion, lambda o: f"#{o.id} {o.text}",
            lambda o: url_for("sessions.show", session_id=o.session_id) + f"#motion-{o.id}", lambda o: "forum",
            lambda o: get_row(ForumSession, o.session_id).forum_id,
            lambda o: None if o.status == MotionStatus.CLOSED else _l("Only a motion that was voted is a decision.")),
        SourceType.COMMITMENT: Kind(Commitment, lambda o: f"#{o.id}",
                                    lambda o: url_for("commitments.show", commitment_id=o.id),
                                    lambda o: "government", lambda o: o.forum_id),
    }


def candidates(forum_id: int) -> dict[str, list]:
    """kind -> this forum's inputs that may shape its commitments: the same rule the link
    service applies (visible, answered as accepted, voted), so the form offers only true ones."""
    rows = {
        SourceType.PROPOSAL: select(Proposal).where(Proposal.forum_id == forum_id),
        SourceType.COMMENT: select(Comment).join(Proposal, Proposal.id == Comment.proposal_id)
        .where(Proposal.forum_id == forum_id),
        SourceType.CONSULTATION_COMMENT: select(ConsultationComment)
        .join(Consultation, Consultation.id == ConsultationComment.consultation_id)
        .options(contains_eager(ConsultationComment.consultation))
        .where(Consultation.forum_id == forum_id),
        SourceType.MOTION: select(Motion).join(ForumSession, ForumSession.id == Motion.session_id)
        .where(ForumSession.forum_id == forum_id),
        SourceType.COMMITMENT: select(Commitment).where(Commitment.forum_id == forum_id),
    }
    out: dict[str, list] = {}
    # Every row stays referenced until all are checked: the session's identity map holds
    # them only weakly, and a comment's check asks for its proposal (and a merged proposal
    # for the one it went into) — found there, not fetched again one by one.
    keep: list = []
    for kind, query in rows.items():
        objs = list(db.session.scalars(query.order_by(kinds()[kind].model.id)).unique())
        keep.extend(objs)
        out[kind] = [obj for obj in objs if moderated.is_shown(obj) and refusal(kind, obj) is None]
    return out


def resolve(source_type: str, source_id):
    kind = kinds().get(source_type)
    return get_optional(kind.model, source_id) if kind is not None else None


def fetch(link_list) -> dict:
    """(type, id) -> the input object, one query per kind."""
    wanted: dict[str, set[int]] = {}
    for link in link_list:
        wanted.setdefault(link.source_type, set()).add(link.source_id)
    found: dict[tuple[str, int], Any] = {}
    for name, kind in kinds().items():
        if wanted.get(name):
            for obj in db.session.scalars(select(kind.model).where(kind.model.id.in_(wanted[name]))):
                found[(name, obj.id)] = obj
    return found


def refusal(source_type: str, obj):
    return kinds()[source_type].refusal(obj)


def forum_of(source_type: str, obj) -> int:
    return kinds()[source_type].forum_id(obj)


def group_of(source_type: str, obj) -> str:
    return kinds()[source_type].group(obj)


def describe(source_type: str, obj, ident=None) -> tuple[str, str | None]:
    """(label, href) for an input; a missing one is named by kind and number, a hidden one by
    number and the public reason it was hidden for."""
    if obj is None:
        return f"{source_type} #{ident}", None
    kind = kinds()[source_type]
    if hidden := moderated.withheld(obj):  # the link stays; the words do not come back
        return hidden.label, kind.href(obj)
    return kind.label(obj), kind.href(obj)
